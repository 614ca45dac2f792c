// @http-problem/nest in real Nest apps on both of Nest's platforms, over sockets: every answer is compared byte for
// byte with what @http-problem/express sends for the same error, and the ValidationPipe, logging, options module and
// non-HTTP contexts are checked on their own.
import 'reflect-metadata'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import type { Server, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BadRequestException,
  Body,
  ConsoleLogger,
  Controller,
  ForbiddenException,
  Get,
  Injectable,
  Module,
  Post,
  Query,
  Req,
  Res,
  type INestApplication,
  type LoggerService,
} from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host'
import { ExpressAdapter } from '@nestjs/platform-express'
import { ClientProxyFactory, MessagePattern, RpcException, Transport, type MicroserviceOptions } from '@nestjs/microservices'
import { FastifyAdapter } from '@nestjs/platform-fastify'
import { Type } from 'class-transformer'
import { IsEmail, IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator'
import express5 from 'express5'
import { lastValueFrom } from 'rxjs'
import { Conflict, createError, ServiceUnavailable } from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import { ProblemDetailsFilter, ProblemDetailsModule, problemValidationPipe, type NestRequest } from '@http-problem/nest'
import { BROWSER_ACCEPT, get, getWhole, wireHeaders, type Received } from '../support/wire'

/** What each route throws, keyed by path: the Nest apps and the Express app throw the same values. */
const THROWN: Record<string, () => unknown> = {
  '/http-error': () => new Conflict('The name is taken', { code: 'name.taken' }),
  '/forbidden': () => new ForbiddenException('No access to this project', { errorCode: 'project.forbidden' }),
  '/bad-request': () => new BadRequestException('Card declined', { errorCode: 'card.declined' }),
  '/type-error': () => new TypeError('secret internals'),
  '/unavailable': () => new ServiceUnavailable('Down for maintenance', { retryAfter: 120 }),
  '/nest-500': () => createError(500, 'hidden'),
}

class Address {
  @IsString() @MinLength(2) city!: string
}

class Item {
  @IsInt() @Min(1) quantity!: number
}

class CreateUser {
  @IsEmail() email!: string
  @ValidateNested() @Type(() => Address) address!: Address
  @ValidateNested({ each: true }) @Type(() => Item) items!: Item[]
}

class Search {
  @IsString() @MinLength(3) q!: string
}

@Controller()
class ProblemsController {
  @Get(Object.keys(THROWN))
  throws(@Req() req: NestRequest): never {
    const target = 'raw' in req ? req.url : (req.originalUrl ?? req.url ?? '/')
    throw (THROWN[target.split('?')[0] as string] as () => unknown)()
  }

  // The response has started when the error comes: too late for a problem.
  @Get('late')
  late(@Res() res: ServerResponse | { readonly raw: ServerResponse }): never {
    const raw = 'raw' in res ? res.raw : res
    raw.writeHead(200, { 'content-type': 'text/plain' })
    raw.write('partial')
    throw new TypeError('after the head')
  }

  // esbuild-style transforms emit no decorator metadata: the parameter types ValidationPipe reads are declared here.
  @Post('users')
  @Reflect.metadata('design:paramtypes', [CreateUser])
  create(@Body() body: CreateUser): { readonly email: string } {
    return { email: body.email }
  }

  @Get('search')
  @Reflect.metadata('design:paramtypes', [Search])
  search(@Query() query: Search): { readonly q: string } {
    return { q: query.q }
  }
}

// --- apps ---

type Platform = 'express' | 'fastify'

interface Running {
  readonly app: INestApplication
  readonly port: number
  readonly lines: string[]
}

/** A logger like Nest's console one that keeps error lines instead of printing them. */
@Injectable()
class CapturingLogger extends ConsoleLogger implements LoggerService {
  readonly lines: string[] = []
  override error(message: unknown, ...rest: unknown[]): void {
    this.lines.push([message, ...rest].map(String).join(' | '))
  }
  override log(): void {}
  override warn(): void {}
}

async function start(platform: Platform, module: unknown, configure?: (app: INestApplication) => void): Promise<Running> {
  const adapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter()
  const app = await NestFactory.create(module as never, adapter, { logger: false, abortOnError: false })
  const logger = new CapturingLogger()
  app.useLogger(logger)
  // Express's own header is the app's business, not the filter's: off, as in the reference app.
  if (platform === 'express') (app.getHttpAdapter().getInstance() as { disable(name: string): void }).disable('x-powered-by')
  configure?.(app)
  await app.listen(0, '127.0.0.1')
  const port = (app.getHttpServer() as Server).address() as AddressInfo
  return { app, port: port.port, lines: logger.lines }
}

@Module({ controllers: [ProblemsController] })
class AppModule {}

/** The same routes on Express 5 with @http-problem/express: the reference bytes. */
async function startExpress(): Promise<{ readonly server: Server; readonly port: number }> {
  const app = express5()
  app.disable('x-powered-by')
  app.get(Object.keys(THROWN), (req, _res, next) => next((THROWN[req.path] as () => unknown)()))
  app.use(expressAdapter.notFound())
  app.use(expressAdapter.errorHandler({ log: false }))
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  return { server, port: (server.address() as AddressInfo).port }
}

function comparable(received: Received): { status: number; headers: Record<string, string>; body: string } {
  return { status: received.status, headers: wireHeaders(received.headers), body: received.body.toString('latin1') }
}

const CASES: readonly { readonly name: string; readonly path: string; readonly method?: string; readonly headers?: Record<string, string> }[] = [
  { name: 'our HttpError with a code', path: '/http-error' },
  { name: "Nest's ForbiddenException with an errorCode", path: '/forbidden' },
  { name: "Nest's BadRequestException with an errorCode", path: '/bad-request' },
  { name: 'a thrown TypeError as a bare 500', path: '/type-error' },
  { name: 'a 503 with Retry-After', path: '/unavailable' },
  { name: 'a 500 made with createError', path: '/nest-500' },
  { name: "the router's 404 for a path no route has", path: '/no/such/route?x=1' },
  { name: 'HEAD of an HttpError (GET headers, no body)', path: '/http-error', method: 'HEAD' },
  { name: "HEAD of the router's 404", path: '/nowhere', method: 'HEAD' },
  { name: 'a browser asking for HTML', path: '/forbidden', headers: { accept: BROWSER_ACCEPT } },
  { name: 'a client asking for XML', path: '/type-error', headers: { accept: 'application/problem+xml' } },
  { name: 'a client asking for plain text', path: '/http-error', headers: { accept: 'text/plain' } },
  { name: 'a POST no route answers', path: '/http-error', method: 'POST' },
]

describe.each(['express', 'fastify'] as const)('ProblemDetailsFilter on Nest %s', (platform) => {
  let nest: Running
  const hooked: number[] = []
  let reference: { readonly server: Server; readonly port: number }

  beforeAll(async () => {
    nest = await start(platform, AppModule, (app) => {
      app.useGlobalFilters(new ProblemDetailsFilter({ onError: (_error, { status }) => void hooked.push(status) }))
      app.useGlobalPipes(problemValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))
    })
    reference = await startExpress()
  })
  afterAll(async () => {
    await nest.app.close()
    await new Promise((resolve) => reference.server.close(resolve))
  })

  it.each(CASES)('sends the bytes @http-problem/express sends for $name', async ({ path, method, headers }) => {
    const [got, want] = await Promise.all([
      getWhole(nest.port, path, headers, method),
      getWhole(reference.port, path, headers, method),
    ])
    expect(comparable(got)).toEqual(comparable(want))
    expect(got.status).toBeGreaterThanOrEqual(400)
  })

  it('keeps the status, message and errorCode of a Nest exception', async () => {
    const res = await getWhole(nest.port, '/forbidden')
    expect(res.status).toBe(403)
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'No access to this project',
      code: 'project.forbidden',
    })
  })

  it('answers a TypeError with a bare 500 and logs it once through the app logger', async () => {
    nest.lines.length = 0
    const res = await getWhole(nest.port, '/type-error')
    expect(res.status).toBe(500)
    expect(res.body.toString('utf8')).not.toContain('secret internals')
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
    expect(nest.lines).toHaveLength(1)
    expect(nest.lines[0]).toMatch(/^secret internals \| TypeError: secret internals\n {4}at .* \| ProblemDetails$/s)
  })

  it('cuts a response that had started, and still reports and logs the error once', async () => {
    nest.lines.length = 0
    hooked.length = 0
    const outcome = await get(`http://127.0.0.1:${nest.port}/late`)
    expect(outcome).toEqual({ kind: 'response', status: 200, body: 'partial', complete: false })
    expect(hooked).toEqual([500])
    expect(nest.lines).toHaveLength(1)
    expect(nest.lines[0]).toMatch(/^after the head \| TypeError: after the head/)
  })

  it('does not log client errors or unmatched routes', async () => {
    nest.lines.length = 0
    await getWhole(nest.port, '/forbidden')
    await getWhole(nest.port, '/nowhere')
    expect(nest.lines).toEqual([])
  })

  it('turns a ValidationPipe failure into errors with a pointer per failed constraint', async () => {
    const res = await post(nest.port, '/users', {
      email: 'not-an-email',
      address: { city: 'X' },
      items: [{ quantity: 2 }, { quantity: 0 }],
      admin: true,
    })
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      // class-validator reports the property forbidNonWhitelisted rejects first; the body is the default location.
      errors: [
        { detail: 'property admin should not exist', pointer: '#/admin' },
        { detail: 'email must be an email', pointer: '#/email' },
        { detail: 'city must be longer than or equal to 2 characters', pointer: '#/address/city' },
        { detail: 'quantity must not be less than 1', pointer: '#/items/1/quantity' },
      ],
    })
  })

  it('names the query as the location of a failed query parameter', async () => {
    const res = await getWhole(nest.port, '/search?q=ab')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body.toString('utf8')).errors).toEqual([
      { detail: 'q must be longer than or equal to 3 characters', pointer: '#/q', location: 'query' },
    ])
  })

  it('lets a valid body through', async () => {
    const res = await post(nest.port, '/users', { email: 'a@example.com', address: { city: 'Oslo' }, items: [{ quantity: 1 }] })
    expect(res.status).toBe(201)
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({ email: 'a@example.com' })
  })
})

describe('ProblemDetailsModule', () => {
  const OPTIONS_SOURCE = 'OPTIONS_SOURCE'

  @Module({ providers: [{ provide: OPTIONS_SOURCE, useValue: true }], exports: [OPTIONS_SOURCE] })
  class ConfigModule {}

  it.each(['express', 'fastify'] as const)('forRoot installs the filter with its options on %s', async (platform) => {
    const seen: unknown[] = []
    @Module({
      imports: [ProblemDetailsModule.forRoot({ instanceFromPath: true, onError: (_error, context) => void seen.push(context.request) })],
      controllers: [ProblemsController],
    })
    class Root {}
    const nest = await start(platform, Root)
    try {
      const res = await getWhole(nest.port, '/http-error')
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ status: 409, instance: '/http-error' })
      // The hook's request is the platform's own: Express's req, or Fastify's request with the Node one as raw.
      expect(seen).toHaveLength(1)
      const request = seen[0] as NestRequest
      expect('raw' in request).toBe(platform === 'fastify')
    } finally {
      await nest.app.close()
    }
  })

  it('forRootAsync makes the options with a factory that injects a provider', async () => {
    @Module({
      imports: [
        ProblemDetailsModule.forRootAsync({
          imports: [ConfigModule],
          inject: [OPTIONS_SOURCE],
          useFactory: async (instanceFromPath: boolean) => ({ instanceFromPath, log: false }),
        }),
      ],
      controllers: [ProblemsController],
    })
    class Root {}
    const nest = await start('express', Root)
    try {
      const res = await getWhole(nest.port, '/http-error')
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ status: 409, instance: '/http-error' })
      await getWhole(nest.port, '/type-error')
      expect(nest.lines).toEqual([]) // log: false from the factory
    } finally {
      await nest.app.close()
    }
  })
})

describe('non-HTTP contexts', () => {
  it.each(['rpc', 'ws', 'graphql'] as const)('leaves an error in a %s context to Nest, touching nothing', (type) => {
    const filter = new ProblemDetailsFilter()
    const touched: string[] = []
    const arg = new Proxy({}, { get: (_target, key) => void touched.push(String(key)) })
    const host = new ExecutionContextHost([arg, arg, arg])
    host.setType(type)
    // Nest reads a filter that returns undefined as "not handled" and goes on with its own handling for the context.
    expect(filter.catch(new TypeError('for Nest'), host)).toBeUndefined()
    expect(touched).toEqual([])
  })

  it('answers a TCP microservice client exactly as Nest does without the filter', async () => {
    @Controller()
    class Patterns {
      @MessagePattern('boom')
      boom(): never {
        throw new TypeError('rpc internals')
      }

      @MessagePattern('refused')
      refused(): never {
        throw new RpcException({ code: 'quota', message: 'Over quota' })
      }
    }
    @Module({ imports: [ProblemDetailsModule.forRoot()], controllers: [Patterns] })
    class WithFilter {}
    @Module({ controllers: [Patterns] })
    class WithoutFilter {}

    const answers = async (module: unknown): Promise<{ readonly replies: unknown[]; readonly lines: string[] }> => {
      const port = await freePort()
      const logger = new CapturingLogger()
      const app = await NestFactory.createMicroservice<MicroserviceOptions>(module as never, {
        transport: Transport.TCP,
        options: { host: '127.0.0.1', port },
        logger,
      })
      await app.listen()
      const client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port } })
      try {
        const replies: unknown[] = []
        for (const pattern of ['boom', 'refused']) {
          replies.push(await lastValueFrom(client.send(pattern, {})).then(() => 'no error', (error: unknown) => error))
        }
        return { replies, lines: logger.lines }
      } finally {
        await client.close()
        await app.close()
      }
    }
    const [withFilter, withoutFilter] = [await answers(WithFilter), await answers(WithoutFilter)]
    expect(withoutFilter.replies).toEqual([
      { status: 'error', message: 'Internal server error' },
      { code: 'quota', message: 'Over quota' },
    ])
    expect(withFilter.replies).toEqual(withoutFilter.replies)
    expect(withFilter.lines).toEqual(withoutFilter.lines)
    expect(withFilter.lines.join('\n')).not.toContain('ProblemDetails')
  })
})

// --- internal ---

/** A port nothing listens on: Nest's TCP transport does not report the port it got for 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

function post(port: number, path: string, body: unknown): Promise<Received> {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (res) => ({
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body: Buffer.from(await res.arrayBuffer()),
  }))
}
