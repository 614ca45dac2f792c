import 'reflect-metadata'
import { Body, Controller, ForbiddenException, Get, Module, Param, Post, type INestApplication } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import { FastifyAdapter } from '@nestjs/platform-fastify'
import { Type } from 'class-transformer'
import { IsEmail, IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator'
import { NotFound } from '@http-problem/core'
import { ProblemDetailsModule, problemValidationPipe } from '@http-problem/nest'

class Address {
  @IsString() @MinLength(2) city!: string
}

class CreatePerson {
  @IsEmail() email!: string
  @IsInt() @Min(0) age!: number
  @ValidateNested() @Type(() => Address) address!: Address
}

// tsx (esbuild) emits no decorator metadata, so the pipe is told the body's class; with tsc or swc and
// emitDecoratorMetadata, app.useGlobalPipes(problemValidationPipe({ whitelist: true })) does the same for every route.
const personPipe = problemValidationPipe({ whitelist: true, forbidNonWhitelisted: true, expectedType: CreatePerson })

@Controller()
class ExampleController {
  @Get()
  routes(): { readonly routes: readonly string[] } {
    return { routes: ['GET /users/1', 'GET /users/42', 'GET /projects/7', 'POST /people', 'GET /boom'] }
  }

  @Get('users/:id')
  user(@Param('id') id: string): { readonly id: number; readonly name: string } {
    if (id !== '1') throw new NotFound(`No user with id ${id}`)
    return { id: 1, name: 'Ada' }
  }

  @Get('projects/:id')
  project(@Param('id') id: string): never {
    // Nest's own exceptions keep their status, message (as detail) and errorCode (as code).
    throw new ForbiddenException(`You cannot see project ${id}`, { errorCode: 'project.forbidden' })
  }

  @Post('people')
  create(@Body(personPipe) person: CreatePerson): CreatePerson {
    return person
  }

  @Get('boom')
  boom(): never {
    // A bug: the message must never reach the client (5xx errors are hidden unless exposed).
    throw new TypeError('connect ECONNREFUSED db.internal:5432 (user=app password=hunter2)')
  }
}

@Module({
  imports: [ProblemDetailsModule.forRoot({ instanceFromPath: true })],
  controllers: [ExampleController],
})
class AppModule {}

/** The example API on Nest's Express platform, or on its Fastify platform; `server.ts` starts it. */
export async function createApp(platform: 'express' | 'fastify' = 'express'): Promise<INestApplication> {
  const adapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter()
  const app = await NestFactory.create(AppModule, adapter, { logger: ['error', 'warn'] })
  if (platform === 'express') (app.getHttpAdapter().getInstance() as { disable(name: string): void }).disable('x-powered-by')
  return app
}
