import 'reflect-metadata'
import { Body, Controller, ForbiddenException, Get, Module, Param, Post, type INestApplication, type LogLevel } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import { FastifyAdapter } from '@nestjs/platform-fastify'
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiParam, DocumentBuilder, SwaggerModule } from '@nestjs/swagger'
import { Type } from 'class-transformer'
import { IsEmail, IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator'
import { NotFound } from '@http-problem/core'
import { ProblemDetailsModule, problemValidationPipe } from '@http-problem/nest'
import { ApiProblemResponse } from '@http-problem/nest/swagger'

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

// The problems each route can send are documented with ApiProblemResponse (served at /openapi.json). tsx emits no
// decorator metadata, so the path parameter and the body are declared for @nestjs/swagger by hand.
@Controller()
@ApiProblemResponse(500)
class ExampleController {
  @Get()
  routes(): { readonly routes: readonly string[] } {
    return { routes: ['GET /users/1', 'GET /users/42', 'GET /projects/7', 'POST /people', 'GET /boom'] }
  }

  @Get('users/:id')
  @ApiParam({ name: 'id', type: String })
  @ApiOkResponse({ description: 'The user.' })
  @ApiProblemResponse(404)
  user(@Param('id') id: string): { readonly id: number; readonly name: string } {
    if (id !== '1') throw new NotFound(`No user with id ${id}`)
    return { id: 1, name: 'Ada' }
  }

  @Get('projects/:id')
  @ApiParam({ name: 'id', type: String })
  @ApiProblemResponse(403)
  project(@Param('id') id: string): never {
    // Nest's own exceptions keep their status, message (as detail) and errorCode (as code).
    throw new ForbiddenException(`You cannot see project ${id}`, { errorCode: 'project.forbidden' })
  }

  @Post('people')
  @ApiBody({ schema: { type: 'object', properties: { email: { type: 'string' }, age: { type: 'integer' } } } })
  @ApiCreatedResponse({ description: 'The person, as stored.' })
  @ApiProblemResponse(400)
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
export async function createApp(platform: 'express' | 'fastify' = 'express', { logger = ['error', 'warn'] }: { readonly logger?: false | LogLevel[] } = {}): Promise<INestApplication> {
  const adapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter()
  const app = await NestFactory.create(AppModule, adapter, { logger })
  if (platform === 'express') (app.getHttpAdapter().getInstance() as { disable(name: string): void }).disable('x-powered-by')
  // The OpenAPI 3.1 document at /openapi.json (no UI: this example serves JSON only).
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('http-problem NestJS example').setVersion('1').setOpenAPIVersion('3.1.0').build())
  SwaggerModule.setup('docs', app, document, { ui: false, raw: ['json'], jsonDocumentUrl: 'openapi.json' })
  return app
}
