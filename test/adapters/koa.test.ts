// @http-problem/koa against real Koa 2 and Koa 3 apps, asserting what goes on the wire: status, reason phrase,
// headers and body bytes compared with planResponse() for the same error and request view. Also: the 'error'
// event, failures after the headers went out, CORS, body parsers, notFound(), and the Koa example app against the
// Express one.
import http, { type IncomingMessage } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { setTimeout as delay } from 'node:timers/promises'
import { bodyParser } from '@koa/bodyparser'
import cors from '@koa/cors'
import Router from '@koa/router'
import createHttpError from 'http-errors'
import type Application from 'koa'
import type { Middleware } from 'koa'
import { koaBody } from 'koa-body'
import request from 'supertest'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  Conflict,
  NotFound,
  planResponse,
  resolveOptions,
  UnsupportedMediaType,
  type ProblemOptions,
  type RequestView,
  type ResponsePlan,
} from '@http-problem/core'
import { createApp as createExpressExample } from '@http-problem/example-express'
import { createApp as createKoaExample } from '@http-problem/example-koa'
import { errorHandler, notFound } from '@http-problem/koa'
import { BROWSER_ACCEPT, TRANSPORT_HEADERS } from '../support/wire'
import { NODE_DEFAULTS } from '../support/node-defaults'

/** What the adapter resolves when given no options: every format. */
const adapterDefaults = resolveOptions({}, NODE_DEFAULTS)

// The npm aliases have no type declarations of their own; loading them through require lets @types/koa describe both.
const require = createRequire(import.meta.url)
const Koa3 = require('koa3') as typeof import('koa')
const Koa2 = require('koa2') as typeof import('koa')

type App = Application
type Handler = Parameters<Router['get']>[1]
type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE'

const versions = [
  { name: 'Koa 2', Koa: Koa2, major: 2 },
  { name: 'Koa 3', Koa: Koa3, major: 3 },
] as const

/** What a client received, minus the per-connection headers a plan never contains. */
interface Wire {
  readonly status: number
  readonly statusText: string
  readonly headers: Record<string, string | string[]>
  readonly body: Buffer
}

const ORIGIN = 'https://app.example'

describe.each(versions)('$name with errorHandler() and notFound()', ({ Koa, major }) => {
  /** An app with the handler first, optional middleware, the routes, and notFound() last. */
  function mount(
    routes: (router: Router) => void,
    { options, before = [] }: { options?: ProblemOptions; before?: readonly Middleware[] } = {},
  ): App {
    const app = new Koa()
    app.silent = true // Koa's default logger would print every 5xx; the logger tests turn it back on
    const router = new Router()
    routes(router)
    app.use(errorHandler(options))
    for (const middleware of before) app.use(middleware)
    app.use(router.routes())
    app.use(notFound())
    return app
  }

  /** An app whose one route `GET /fail` runs `handler`. */
  function failing(handler: Handler, options?: ProblemOptions): App {
    return mount((router) => router.get('/fail', handler), { options })
  }

  /** Records every 'error' event; listening also replaces Koa's default logger. */
  function recordErrors(app: App): [unknown, unknown][] {
    const events: [unknown, unknown][] = []
    app.on('error', (error: unknown, ctx: unknown) => events.push([error, ctx]))
    return events
  }

  // --- 1. every kind of thrown value becomes exactly the planned response ---

  const thrownCases: readonly {
    readonly label: string
    readonly route: Handler
    /** The same error, built independently, or the same thrown value. */
    readonly same: () => unknown
    /** For a hidden 5xx: the only document allowed, and a word of the message that must not leak. */
    readonly titleOnly?: { readonly status: number; readonly title: string; readonly secret?: string }
  }[] = [
    {
      label: 'a thrown HttpError',
      route: () => {
        throw new NotFound('No user with id 42')
      },
      same: () => new NotFound('No user with id 42'),
    },
    {
      label: 'an async rejection',
      route: async () => {
        await delay(1)
        throw new Conflict('Version 3 is stale', { extensions: { current: 4 } })
      },
      same: () => new Conflict('Version 3 is stale', { extensions: { current: 4 } }),
    },
    {
      label: "ctx.throw(404, 'msg')",
      route: (ctx) => ctx.throw(404, 'No such order'),
      same: () => createHttpError(404, 'No such order'),
    },
    {
      label: 'ctx.throw(401) with a WWW-Authenticate header',
      route: (ctx) => ctx.throw(401, 'x', { headers: { 'WWW-Authenticate': 'Basic realm="x"' } }),
      same: () => createHttpError(401, 'x', { headers: { 'WWW-Authenticate': 'Basic realm="x"' } }),
    },
    {
      label: "ctx.assert(false, 422, 'bad')",
      route: (ctx) => ctx.assert(false, 422, 'bad'),
      same: () => createHttpError(422, 'bad'),
    },
    {
      label: 'a thrown string',
      route: () => {
        throw 'connection refused: password=hunter2'
      },
      same: () => 'connection refused: password=hunter2',
      titleOnly: { status: 500, title: 'Internal Server Error', secret: 'hunter2' },
    },
    {
      label: 'a thrown null',
      route: () => {
        throw null
      },
      same: () => null,
      titleOnly: { status: 500, title: 'Internal Server Error' },
    },
    {
      label: 'an http-errors 503',
      route: () => {
        throw createHttpError(503, 'pool exhausted: postgres://app:hunter2@db.internal/app')
      },
      same: () => createHttpError(503, 'pool exhausted: postgres://app:hunter2@db.internal/app'),
      titleOnly: { status: 503, title: 'Service Unavailable', secret: 'hunter2' },
    },
  ]

  describe('rendering', () => {
    it.each(thrownCases)('answers $label with the planned status, headers and bytes', async ({ route, same }) => {
      const res = await send(failing(route), 'GET', '/fail', { accept: 'application/json, */*' })
      expectPlan(res, planResponse(same(), view('GET', '/fail', { accept: 'application/json, */*' }), adapterDefaults))
    })

    const hidden = thrownCases.filter((c) => c.titleOnly !== undefined)
    it.each(hidden)('answers $label with its title and nothing else', async ({ route, titleOnly }) => {
      const res = await send(failing(route), 'GET', '/fail')
      const { status, title, secret } = titleOnly ?? { status: 0, title: '' }
      expect(JSON.parse(res.body.toString('utf8'))).toEqual({ type: 'about:blank', title, status })
      if (secret !== undefined) expect(res.body.toString('latin1')).not.toContain(secret)
    })

    it('keeps the WWW-Authenticate header that ctx.throw attached', async () => {
      const route: Handler = (ctx) => ctx.throw(401, 'x', { headers: { 'WWW-Authenticate': 'Basic realm="x"' } })
      const res = await send(failing(route), 'GET', '/fail')
      expect(res.status).toBe(401)
      expect(res.headers['www-authenticate']).toBe('Basic realm="x"')
    })

    it.each([
      { accept: 'application/problem+xml', type: 'application/problem+xml; charset=utf-8' },
      { accept: BROWSER_ACCEPT, type: 'text/html; charset=utf-8' },
      { accept: 'text/plain', type: 'text/plain; charset=utf-8' },
      { accept: 'application/json', type: 'application/json' },
    ])('renders the negotiated $type exactly as planned', async ({ accept, type }) => {
      const error = (): NotFound => new NotFound('Kein Auftrag „Ü-7“ ✓')
      const res = await send(
        failing(() => {
          throw error()
        }),
        'GET',
        '/fail',
        { accept },
      )
      expect(res.headers['content-type']).toBe(type)
      expectPlan(res, planResponse(error(), view('GET', '/fail', { accept }), adapterDefaults))
    })

    it('honours the options given to errorHandler()', async () => {
      const options: ProblemOptions = { instanceFromPath: true, typeBase: 'https://example.com/probs/', cacheControl: 'private' }
      const error = (): NotFound => new NotFound('gone', { type: 'order-missing' })
      const app = failing(() => {
        throw error()
      }, options)
      const res = await send(app, 'GET', '/fail?token=secret', { 'accept-language': 'zh-CN' })
      const requestView = view('GET', '/fail?token=secret', { 'accept-language': 'zh-CN' })
      expectPlan(res, planResponse(error(), requestView, resolveOptions(options, NODE_DEFAULTS)))
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({
        type: 'https://example.com/probs/order-missing',
        instance: '/fail',
      })
    })
  })

  // --- 2. the 'error' event ---

  describe("the 'error' event", () => {
    afterEach(() => {
      vi.restoreAllMocks()
    })

    it.each(thrownCases.filter((c) => typeof c.same() === 'object' && c.same() !== null))(
      'emits the original error of $label once, with ctx',
      async ({ route }) => {
        let thrown: unknown
        let seen: unknown
        const app = failing(async (ctx, next) => {
          seen = ctx
          try {
            await route(ctx, next)
          } catch (error) {
            thrown = error
            throw error
          }
        })
        const events = recordErrors(app)
        await send(app, 'GET', '/fail')
        expect(thrown).toBeDefined()
        expect(events).toHaveLength(1)
        expect(events[0]?.[0]).toBe(thrown)
        expect(events[0]?.[1]).toBe(seen)
      },
    )

    it.each([
      { label: 'a thrown string', value: 'boom' as unknown },
      { label: 'a thrown null', value: null as unknown },
      { label: 'a thrown number', value: 42 as unknown },
    ])('emits an Error for $label, with the value as its cause', async ({ value }) => {
      let seen: unknown
      const app = failing((ctx) => {
        seen = ctx
        throw value
      })
      const events = recordErrors(app)
      const res = await send(app, 'GET', '/fail')
      expect(res.status).toBe(500)
      expect(events).toHaveLength(1)
      const [error, ctx] = events[0] ?? []
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).cause).toBe(value)
      expect(ctx).toBe(seen)
    })

    it("does not emit notFound()'s 404, as Koa emits nothing for its own", async () => {
      const app = mount(() => {})
      const events = recordErrors(app)
      const res = await send(app, 'GET', '/nowhere')
      expect(res.status).toBe(404)
      expect(events).toEqual([])
    })

    it('emits a 404 that a route throws', async () => {
      const app = mount((router) => {
        router.get('/users/:id', (ctx) => {
          throw new NotFound(`No user with id ${ctx.params.id}`)
        })
        router.get('/orders/:id', (ctx) => ctx.throw(404))
      })
      const events = recordErrors(app)
      await send(app, 'GET', '/users/42')
      await send(app, 'GET', '/orders/7')
      expect(events.map(([error]) => (error as { status: number }).status)).toEqual([404, 404])
    })

    it("survives Koa's default logger for a thrown string: it logs, and nothing throws", async () => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
      const app = failing(() => {
        throw 'boom'
      })
      app.silent = false
      const emit = vi.spyOn(app, 'emit')
      const res = await send(app, 'GET', '/fail')
      expect(res.status).toBe(500)
      // Koa's default listener throws a TypeError for a non-Error; it got an Error, so emit returned normally.
      const errorEvents = emit.mock.calls.flatMap((call, i) => (call[0] === 'error' ? [emit.mock.results[i]] : []))
      expect(errorEvents).toEqual([{ type: 'return', value: true }])
      expect(consoleError).toHaveBeenCalledOnce()
      expect(String(consoleError.mock.calls[0]?.[0])).toContain('InternalServerError')
      // What it would have done with the raw string.
      expect(() => app.onerror('boom' as unknown as Error)).toThrow(TypeError)
    })

    it("leaves Koa's default logger quiet for an exposed 4xx", async () => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
      const app = failing((ctx) => ctx.throw(400, 'bad input'))
      app.silent = false
      const res = await send(app, 'GET', '/fail')
      expect(res.status).toBe(400)
      expect(consoleError).not.toHaveBeenCalled()
    })

    it('still answers when an error listener throws', async () => {
      const app = failing(() => {
        throw new NotFound('No user with id 42')
      })
      app.on('error', () => {
        throw new Error('the logger broke')
      })
      const res = await send(app, 'GET', '/fail')
      expectPlan(res, planResponse(new NotFound('No user with id 42'), view('GET', '/fail'), adapterDefaults))
    })
  })

  // --- 3. failures after the headers went out ---

  describe('after the headers were sent', () => {
    const servers: http.Server[] = []
    afterEach(async () => {
      for (const server of servers.splice(0)) {
        server.closeAllConnections()
        await new Promise((resolve) => server.close(resolve))
      }
    })

    async function start(app: App): Promise<number> {
      const server = app.listen(0, '127.0.0.1')
      servers.push(server)
      await new Promise((resolve) => server.once('listening', resolve))
      return (server.address() as AddressInfo).port
    }

    /** A route that writes part of a body, then fails; and a healthy route to prove the server still serves. */
    function partialApp(fail: Handler): { app: App; events: [unknown, unknown][]; thrown: unknown[] } {
      const thrown: unknown[] = []
      const app = mount((router) => {
        router.get('/partial', async (ctx, next) => {
          try {
            await fail(ctx, next)
          } catch (error) {
            thrown.push(error)
            throw error
          }
        })
        router.get('/ok', (ctx) => {
          ctx.body = 'fine'
        })
      })
      return { app, events: recordErrors(app), thrown }
    }

    it.each([
      {
        label: 'a route that wrote to ctx.res and then threw',
        fail: (async (ctx) => {
          ctx.status = 200
          ctx.res.write('partial')
          await delay(10)
          throw new Error('upstream failed mid-response')
        }) as Handler,
      },
      {
        label: 'a route with ctx.respond = false that wrote and then threw',
        fail: (async (ctx) => {
          ctx.respond = false
          ctx.res.writeHead(200, { 'content-type': 'text/plain' })
          ctx.res.write('partial')
          await delay(10)
          ctx.throw(502, 'upstream failed mid-response')
        }) as Handler,
      },
    ])('closes the socket after $label, emits the error once, and serves the next connection', async ({ fail }) => {
      const { app, events, thrown } = partialApp(fail)
      const port = await start(app)
      const cut = await get(port, '/partial')
      expect(cut).toMatchObject({ outcome: 'cut', status: 200, body: 'partial' })
      await delay(50) // anything Koa's on-finished hook would still emit
      expect(thrown).toHaveLength(1)
      expect(events).toHaveLength(1)
      expect(events[0]?.[0]).toBe(thrown[0])
      expect(await get(port, '/ok')).toMatchObject({ outcome: 'complete', status: 200, body: 'fine' })
    })

    it('answers a route that set ctx.respond = false and threw before writing anything', async () => {
      const { app, events } = partialApp((ctx) => {
        ctx.respond = false
        throw new Error('gave up before the first byte')
      })
      const port = await start(app)
      const res = await get(port, '/partial', 2000)
      const plan = planResponse(new Error('x'), view('GET', '/partial'), adapterDefaults)
      expect(res).toEqual({ outcome: 'complete', status: 500, body: plan.body })
      expect(events).toHaveLength(1)
    })

    // A stream body fails after the middleware chain has returned: Koa routes the error to ctx.onerror, which
    // errorHandler() takes over for the request, so the socket is closed and the error emitted once on Koa 2 and 3.
    it('closes the socket when a stream body fails midway, emits the error once, and serves the next connection', async () => {
      const failure = new Error('disk read failed')
      const { app, events } = partialApp((ctx) => {
        let sent = false
        ctx.body = new Readable({
          read() {
            if (sent) setTimeout(() => this.destroy(failure), 10)
            else this.push('partial')
            sent = true
          },
        })
      })
      const port = await start(app)
      const cut = await get(port, '/partial', 1000)
      expect(cut).toMatchObject({ outcome: 'cut', status: 200, body: 'partial' })
      await delay(50)
      // Koa 3 reports this error twice (pipeline's callback and on-finished); it is emitted once, as the original.
      expect(events).toHaveLength(1)
      expect(events[0]?.[0]).toBe(failure)
      expect(await get(port, '/ok')).toMatchObject({ outcome: 'complete', status: 200, body: 'fine' })
    })
  })

  // --- 4. CORS ---

  describe('with @koa/cors in front of the routes', () => {
    const corsRoutes = (router: Router): void => {
      router.get('/orders/:id', (ctx) => ctx.throw(404, `No order ${ctx.params.id}`))
      router.get('/report.csv', (ctx) => {
        ctx.type = 'text/csv'
        ctx.set('ETag', '"v1"')
        ctx.throw(401, 'Sign in first', { headers: { 'WWW-Authenticate': 'Bearer realm="reports"' } })
      })
      router.get('/crash', () => {
        throw 'boom'
      })
    }

    it.each([
      { label: 'default options', options: {} },
      { label: 'keepHeadersOnError: false', options: { keepHeadersOnError: false } },
    ])('keeps the CORS headers on a thrown 404 ($label)', async ({ options }) => {
      const app = mount(corsRoutes, { before: [cors(options)] })
      const res = await send(app, 'GET', '/orders/7', { origin: ORIGIN })
      expect(res.headers['access-control-allow-origin']).toBe('*')
      expect(res.headers.vary).toBe('Origin, Accept, Accept-Language')
      const earlier = { vary: 'Origin', 'access-control-allow-origin': '*' }
      const plan = planResponse(createHttpError(404, 'No order 7'), view('GET', '/orders/7', { origin: ORIGIN }, earlier), adapterDefaults)
      expectPlan(res, plan, earlier)
    })

    it('keeps the CORS headers on a 401 and drops the representation headers set before the throw', async () => {
      const corsOptions = { origin: ORIGIN, credentials: true, exposeHeaders: ['WWW-Authenticate'] }
      const app = mount(corsRoutes, { before: [cors(corsOptions)] })
      const res = await send(app, 'GET', '/report.csv', { origin: ORIGIN })
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': ORIGIN,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'WWW-Authenticate',
        vary: 'Origin, Accept, Accept-Language',
        'www-authenticate': 'Bearer realm="reports"',
        'content-type': 'application/problem+json',
      })
      expect(res.headers.etag).toBeUndefined()
      const earlier = {
        vary: 'Origin',
        'access-control-allow-origin': ORIGIN,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'WWW-Authenticate',
        'content-type': 'text/csv; charset=utf-8',
        etag: '"v1"',
      }
      const error = createHttpError(401, 'Sign in first', { headers: { 'WWW-Authenticate': 'Bearer realm="reports"' } })
      const plan = planResponse(error, view('GET', '/report.csv', { origin: ORIGIN }, earlier), adapterDefaults)
      expect(plan.remove).toEqual(['etag'])
      expectPlan(res, plan, earlier)
    })

    it('drops a stream body and its headers, and keeps cookies and request ids set before the throw', async () => {
      const app = mount((router) => {
        router.get('/export', (ctx) => {
          ctx.set('X-Request-Id', 'req-7')
          ctx.cookies.set('session', 'abc')
          ctx.body = Readable.from(['a,b\n'])
          ctx.length = 4
          ctx.attachment('export.csv')
          ctx.throw(403, 'Exports are disabled')
        })
      }, { before: [cors({ keepHeadersOnError: false })] })
      const res = await send(app, 'GET', '/export', { origin: ORIGIN })
      const earlier = {
        vary: 'Origin',
        'access-control-allow-origin': '*',
        'x-request-id': 'req-7',
        'set-cookie': ['session=abc; path=/; httponly'],
        'content-type': 'text/csv; charset=utf-8',
        'content-length': '4',
        'content-disposition': 'attachment; filename="export.csv"',
      }
      const plan = planResponse(createHttpError(403, 'Exports are disabled'), view('GET', '/export', { origin: ORIGIN }, earlier), adapterDefaults)
      expect(plan.remove).toEqual(['content-disposition'])
      expectPlan(res, plan, earlier)
    })

    it("keeps the CORS headers on notFound()'s 404", async () => {
      const app = mount(corsRoutes, { before: [cors({ keepHeadersOnError: false })] })
      const res = await send(app, 'GET', '/nowhere', { origin: ORIGIN })
      const earlier = { vary: 'Origin', 'access-control-allow-origin': '*' }
      expectPlan(res, planResponse(new NotFound(), view('GET', '/nowhere', { origin: ORIGIN }, earlier), adapterDefaults), earlier)
    })

    // The pain: Koa's ctx.onerror removes every header already set. @koa/cors copies its headers onto err.headers
    // when it can, which Koa re-applies; it cannot for a thrown non-Error (Koa wraps it in a new Error) or with
    // keepHeadersOnError: false, and CORS set by any other middleware is always lost.
    it.each([
      { label: 'keepHeadersOnError: false and ctx.throw(404)', options: { keepHeadersOnError: false }, path: '/orders/7' },
      { label: 'default options and a thrown string', options: {}, path: '/crash' },
    ])("loses the CORS headers under Koa's own onerror ($label); errorHandler() keeps them", async ({ options, path }) => {
      const bare = new Koa()
      bare.silent = true
      const router = new Router()
      corsRoutes(router)
      bare.use(cors(options))
      bare.use(router.routes())
      const without = await send(bare, 'GET', path, { origin: ORIGIN })
      expect(without.headers['content-type']).toBe('text/plain; charset=utf-8')
      expect(without.headers['access-control-allow-origin']).toBeUndefined()
      expect(without.headers.vary).toBeUndefined()

      const app = mount(corsRoutes, { before: [cors(options)] })
      app.silent = true
      const withUs = await send(app, 'GET', path, { origin: ORIGIN })
      expect(withUs.status).toBe(without.status)
      expect(withUs.headers['access-control-allow-origin']).toBe('*')
      expect(withUs.headers.vary).toBe('Origin, Accept, Accept-Language')
    })
  })

  // --- 5. body parsers ---

  describe('body parser errors', () => {
    const PASSWORD = 'hunter2-correct-horse'
    const malformed = `{"user":"ada","password":"${PASSWORD}",`
    const large = JSON.stringify({ padding: 'x'.repeat(2048) })

    const parsers = [
      {
        name: '@koa/bodyparser',
        parse: () => bodyParser({ enableTypes: ['json'], jsonLimit: '1kb' }) as Middleware,
        unparsed: {},
      },
      // koa-body leaves ctx.request.body unset for a type it does not parse.
      { name: 'koa-body', parse: () => koaBody({ jsonLimit: '1kb' }) as unknown as Middleware, unparsed: null },
    ]

    describe.each(parsers)('$name', ({ parse, unparsed }) => {
      function parsing(): { app: App; events: [unknown, unknown][] } {
        const app = mount((router) => {
          router.post('/echo', parse(), (ctx) => {
            ctx.body = { received: (ctx.request as { body?: unknown }).body ?? null }
          })
        })
        return { app, events: recordErrors(app) }
      }

      it('answers malformed JSON with a 400 and a fixed detail that quotes nothing of the body', async () => {
        const { app, events } = parsing()
        const res = await send(app, 'POST', '/echo', { 'content-type': 'application/json' }, malformed)
        expect(res.status).toBe(400)
        expect(JSON.parse(res.body.toString('utf8'))).toEqual({
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'The request body could not be parsed.',
        })
        expect(res.body.toString('utf8')).not.toContain(PASSWORD)
        // The parser's own error (JSON.parse's message quotes the body) is what the app's logger gets.
        expect(events).toHaveLength(1)
        expect((events[0]?.[0] as Error).name).toBe('SyntaxError')
        expectPlan(res, planResponse(events[0]?.[0], view('POST', '/echo'), adapterDefaults))
      })

      it('answers a body over the limit with a 413', async () => {
        const { app, events } = parsing()
        const res = await send(app, 'POST', '/echo', { 'content-type': 'application/json' }, large)
        expect(res.statusText).toBe('Content Too Large')
        expect(JSON.parse(res.body.toString('utf8'))).toEqual({
          type: 'about:blank',
          title: 'Content Too Large',
          status: 413,
          detail: 'The request body is larger than this server accepts.',
        })
        expectPlan(res, planResponse(events[0]?.[0], view('POST', '/echo'), adapterDefaults))
      })

      it('answers an unsupported Content-Encoding with a 415', async () => {
        const { app, events } = parsing()
        const res = await send(app, 'POST', '/echo', { 'content-type': 'application/json', 'content-encoding': 'compress' }, '{}')
        expect(res.status).toBe(415)
        expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ title: 'Unsupported Media Type', status: 415 })
        expectPlan(res, planResponse(events[0]?.[0], view('POST', '/echo'), adapterDefaults))
      })

      it('passes a content type it does not parse through to the route (it never answers 415 itself)', async () => {
        const { app, events } = parsing()
        const res = await send(app, 'POST', '/echo', { 'content-type': 'application/xml' }, '<a/>')
        expect(res.status).toBe(200)
        expect(JSON.parse(res.body.toString('utf8'))).toEqual({ received: unparsed })
        expect(events).toEqual([])
      })
    })

    it('renders the 415 a route throws for a media type it does not accept', async () => {
      const error = (): UnsupportedMediaType => new UnsupportedMediaType('Send JSON.', { accept: ['application/json'] })
      const app = mount((router) => {
        router.post('/people', bodyParser({ enableTypes: ['json'] }), (ctx) => {
          if (!ctx.is('application/json')) throw error()
          ctx.status = 201
        })
      })
      const res = await send(app, 'POST', '/people', { 'content-type': 'text/plain' }, 'Ada')
      expect(res.headers.accept).toBe('application/json')
      expectPlan(res, planResponse(error(), view('POST', '/people'), adapterDefaults))
    })
  })

  // --- 6. notFound() ---

  describe('notFound()', () => {
    const app = (): App =>
      mount((router) => {
        router.get('/users/1', (ctx) => {
          ctx.body = { id: 1, name: 'Ada' }
        })
        router.delete('/sessions/current', (ctx) => {
          ctx.status = 204
        })
      })

    it('answers in place, so middleware between errorHandler() and notFound() sees no error, as with Koa’s own 404', async () => {
      const seen: unknown[] = []
      const app = new Koa()
      app.use(errorHandler())
      app.use(async (_ctx, next) => {
        try {
          await next()
        } catch (error) {
          seen.push(error)
          throw error
        }
      })
      app.use(notFound())
      const res = await send(app, 'GET', '/nowhere')
      expectPlan(res, planResponse(new NotFound(), view('GET', '/nowhere'), adapterDefaults))
      expect(seen).toEqual([])
    })

    it('throws the 404 when there is no errorHandler() upstream, so Koa still answers', async () => {
      const app = new Koa()
      app.silent = true
      app.use(notFound())
      const res = await send(app, 'GET', '/nowhere')
      expect(res.status).toBe(404)
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    })

    it.each(['GET', 'POST', 'DELETE', 'PUT'] as const)('answers an unmatched %s with the planned 404', async (method) => {
      const res = await send(app(), method, '/nowhere')
      expectPlan(res, planResponse(new NotFound(), view(method, '/nowhere'), adapterDefaults))
    })

    it('answers an unmatched HEAD with the headers and Content-Length of the GET, and no body', async () => {
      const get = await send(app(), 'GET', '/nowhere')
      const head = await send(app(), 'HEAD', '/nowhere')
      const plan = planResponse(new NotFound(), view('HEAD', '/nowhere'), adapterDefaults)
      expect(plan.body).toBe('')
      expectPlan(head, plan)
      expect(head.headers).toEqual(get.headers)
      expect(head.headers['content-length']).toBe(String(get.body.length))
    })

    it('leaves a matched route that set a body alone', async () => {
      const res = await send(app(), 'GET', '/users/1')
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(JSON.parse(res.body.toString('utf8'))).toEqual({ id: 1, name: 'Ada' })
    })

    it('leaves a 204 without a body alone', async () => {
      const res = await send(app(), 'DELETE', '/sessions/current')
      expect(res.status).toBe(204)
      expect(res.body.length).toBe(0)
      expect(res.headers['content-type']).toBeUndefined()
    })
  })

  // --- 7. byte identity with core ---

  describe('byte identity with core', () => {
    const detail = 'Bestellung „Ü-7“ fehlt ✓ 订单'
    const route: Handler = () => {
      throw new NotFound(detail)
    }

    it('sends plan.body itself: not JSON-encoded again, no charset added, Content-Length in bytes', async () => {
      const res = await send(failing(route), 'GET', '/fail')
      const plan = planResponse(new NotFound(detail), view('GET', '/fail'), adapterDefaults)
      expect(res.body.toString('utf8')).toBe(plan.body)
      expect(res.body).toEqual(Buffer.from(plan.body, 'utf8'))
      expect(res.headers['content-type']).toBe('application/problem+json')
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(plan.body)))
      expect(Number(res.headers['content-length'])).toBeGreaterThan(plan.body.length)
    })

    it('sends the GET Content-Length on HEAD for a thrown error', async () => {
      const get = await send(failing(route), 'GET', '/fail', { 'accept-language': 'zh-CN' })
      const head = await send(failing(route), 'HEAD', '/fail', { 'accept-language': 'zh-CN' })
      expectPlan(head, planResponse(new NotFound(detail), view('HEAD', '/fail', { 'accept-language': 'zh-CN' }), adapterDefaults))
      expect(head.body.length).toBe(0)
      expect(head.headers['content-length']).toBe(String(get.body.length))
    })

    it('uses the RFC 9110 reason phrase where Koa would use an older one', async () => {
      const res = await send(failing((ctx) => ctx.throw(422, 'bad')), 'GET', '/fail')
      expect(res.statusText).toBe('Unprocessable Content')
    })
  })
})

// --- 8. the example app: Koa and Express give the same responses ---

describe('examples/koa and examples/express', () => {
  const json = { 'content-type': 'application/json' }
  const exampleRequests: readonly {
    readonly label: string
    readonly method: Method
    readonly path: string
    readonly headers?: Readonly<Record<string, string>>
    readonly body?: string
  }[] = [
    { label: 'GET /users/42', method: 'GET', path: '/users/42' },
    { label: 'GET /me without credentials', method: 'GET', path: '/me' },
    { label: 'GET /me with a wrong token', method: 'GET', path: '/me', headers: { authorization: 'Bearer nope' } },
    { label: 'DELETE /reports/1', method: 'DELETE', path: '/reports/1' },
    { label: 'PUT /reports/1', method: 'PUT', path: '/reports/1', headers: json, body: '{}' },
    { label: 'POST /people with {"age":-1}', method: 'POST', path: '/people', headers: json, body: '{"age":-1}' },
    { label: 'POST /people with malformed JSON', method: 'POST', path: '/people', headers: json, body: '{"age":' },
    {
      label: 'POST /people over the size limit',
      method: 'POST',
      path: '/people',
      headers: json,
      body: JSON.stringify({ name: 'x'.repeat(11_000) }),
    },
    { label: 'POST /people as text/plain', method: 'POST', path: '/people', headers: { 'content-type': 'text/plain' }, body: 'Ada' },
    { label: 'GET /boom', method: 'GET', path: '/boom' },
    { label: 'GET /nowhere', method: 'GET', path: '/nowhere?x=1' },
    { label: 'GET /users/42 from a browser', method: 'GET', path: '/users/42', headers: { accept: BROWSER_ACCEPT } },
    { label: 'GET /users/42 in zh-CN', method: 'GET', path: '/users/42', headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } },
    { label: 'HEAD /nowhere', method: 'HEAD', path: '/nowhere' },
    { label: 'HEAD /users/42', method: 'HEAD', path: '/users/42' },
    { label: 'GET /nowhere as problem+xml', method: 'GET', path: '/nowhere', headers: { accept: 'application/problem+xml' } },
    {
      label: 'GET /users/42 with a traceparent',
      method: 'GET',
      path: '/users/42',
      headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    },
  ]

  it.each(exampleRequests)('gives the same status, headers and bytes for $label', async ({ method, path, headers, body }) => {
    const koaApp = createKoaExample()
    koaApp.silent = true // Koa's default logger would print the 500 and the parser's SyntaxError
    const koa = await send(koaApp, method, path, headers, body)
    const express = await send(createExpressExample(), method, path, headers, body)
    expect(koa.status).toBeGreaterThanOrEqual(400)
    expect(koa.status).toBe(express.status)
    expect(koa.statusText).toBe(express.statusText)
    expect(koa.headers).toEqual(express.headers)
    expect(koa.body.toString('utf8')).toBe(express.body.toString('utf8'))
    expect(koa.body.equals(express.body)).toBe(true)
  })

  it('hides the secret of /boom in both', async () => {
    const app = createKoaExample()
    app.silent = true
    const koa = await send(app, 'GET', '/boom')
    expect(koa.body.toString('utf8')).not.toContain('hunter2')
    expect(JSON.parse(koa.body.toString('utf8'))).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/boom',
    })
  })
})

// --- internal ---

/** Sends one request through supertest and returns the raw bytes, whatever the media type. */
async function send(
  app: { callback(): http.RequestListener } | http.RequestListener,
  method: Method,
  path: string,
  headers: Readonly<Record<string, string>> = {},
  body?: string,
): Promise<Wire> {
  const listener = typeof app === 'function' ? app : app.callback()
  const agent = request(listener)
  const methods = { GET: agent.get, HEAD: agent.head, POST: agent.post, PUT: agent.put, DELETE: agent.delete }
  let test = methods[method].call(agent, path).buffer(true).parse(collect)
  for (const [name, value] of Object.entries(headers)) test = test.set(name, value)
  const res = body === undefined ? await test : await test.send(body)
  const wire: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(res.headers as Record<string, string | string[]>)) {
    if (!TRANSPORT_HEADERS.has(name)) wire[name] = value
  }
  const raw = (res as unknown as { res: IncomingMessage }).res
  // superagent skips the parser for HEAD (Node delivers no body for it) and leaves an empty object.
  const bytes = Buffer.isBuffer(res.body) ? res.body : Buffer.alloc(0)
  return { status: res.status, statusText: raw.statusMessage ?? '', headers: wire, body: bytes }
}

// superagent types the response as its own Response; in Node it is the IncomingMessage stream.
function collect(res: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = []
  const stream = res as NodeJS.ReadableStream
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.on('end', () => done(null, Buffer.concat(chunks)))
}

/** The request view the adapter builds, from what the test sends. */
function view(
  method: Method,
  path: string,
  headers: Readonly<Record<string, string>> = {},
  responseHeaders: Readonly<Record<string, string | string[]>> = {},
): RequestView {
  return { method, path, headers, responseHeaders }
}

/** The wire must be the plan: its status and phrase, the earlier headers it keeps plus its own, its bytes. */
function expectPlan(res: Wire, plan: ResponsePlan, earlier: Readonly<Record<string, string | string[]>> = {}): void {
  const headers: Record<string, string | string[]> = { ...earlier }
  for (const name of plan.remove) delete headers[name]
  Object.assign(headers, plan.headers)
  expect(res.status).toBe(plan.status)
  expect(res.statusText).toBe(plan.statusText)
  expect(res.headers).toEqual(headers)
  expect(res.body.toString('utf8')).toBe(plan.body)
  expect(res.body.equals(Buffer.from(plan.body, 'utf8'))).toBe(true)
}

/** A GET over a fresh connection that reports whether the response arrived whole or was cut off. */
function get(
  port: number,
  path: string,
  timeout = 5000,
): Promise<{ outcome: 'complete' | 'cut' | 'refused' | 'timeout'; status?: number; body: string }> {
  return new Promise((resolve) => {
    let body = ''
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('error', () => {})
      res.on('close', () => resolve({ outcome: res.complete ? 'complete' : 'cut', status: res.statusCode, body }))
    })
    req.on('error', () => resolve({ outcome: 'refused', body }))
    req.setTimeout(timeout, () => {
      resolve({ outcome: 'timeout', body })
      req.destroy()
    })
  })
}
