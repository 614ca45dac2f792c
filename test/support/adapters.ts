// Every adapter under test, mounted the same way: a route that throws the case's value for any path except
// /unmatched…, which nothing answers (so notFound() does). Adding an adapter to every suite is one entry here.
import { createServer, type RequestListener, type ServerResponse } from 'node:http'
import { getRequestListener, type HttpBindings } from '@hono/node-server'
import type { NextFunction, Request, Response } from 'express'
import express4 from 'express4'
import express5 from 'express5'
import Fastify, { type FastifyInstance } from 'fastify'
import { Hono, type Context } from 'hono'
import Koa2 from 'koa2'
import Koa3 from 'koa3'
import type { ProblemOptions } from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import * as fastifyAdapter from '@http-problem/fastify'
import * as fetchAdapter from '@http-problem/fetch'
import * as koaAdapter from '@http-problem/koa'
import * as nodeAdapter from '@http-problem/node'
import { NODE_DEFAULTS } from './node-defaults'

/** What one test app does. */
export interface AppSetup {
  /** The value the route throws (or rejects with), given the request path. */
  readonly thrown: (path: string) => unknown
  /**
   * Runs before the route, on the raw response: e.g. sets CORS headers the way middleware would. (Hono's mount
   * passes a view of it whose setHeader() is c.header(), since a Hono middleware sets headers that way.)
   */
  readonly before?: (res: ServerResponse) => void
  /** Handler options, the same for every adapter. */
  readonly options?: ProblemOptions
  /** Throw asynchronously (a rejected promise) instead of synchronously. */
  readonly async?: boolean
  /**
   * Keep the adapters' default logging. Off unless true, by adding `log: false` to the options: every other suite
   * throws many 5xx, whose stacks would flood the test output (test/observability/logging.test.ts checks the logging itself).
   */
  readonly logs?: boolean
  /**
   * Give each adapter only `options`, so that it renders with its own defaults: the Node adapters with
   * `nodeDefaults`, the fetch adapter with JSON, English and the generic error rules. Without it, every adapter gets
   * the Node adapters' defaults, so that all answer alike.
   */
  readonly ownDefaults?: boolean
}

/** One adapter: a name and a function that builds a Node request listener for a setup. */
export interface AdapterUnderTest {
  readonly name: string
  readonly mount: (setup: AppSetup) => RequestListener
  /**
   * The same listener also serves node:http2's compatibility API (`http2.createServer(listener)`): the conformance
   * suite then runs every case over h2c too. Express 4 and 5 do not: they replace the prototypes of `req` and
   * `res` with node:http's, and fail before any middleware runs.
   */
  readonly http2: boolean
}

const isUnmatched = (path: string): boolean => path.startsWith('/unmatched')

function mountExpress(express: typeof express4 | typeof express5) {
  return (setup: AppSetup): RequestListener => {
    const app = express()
    app.disable('x-powered-by')
    app.use(
      // Async routes go through wrapAsync(), as an Express 4 app's would (Express 5 does the same by itself).
      expressAdapter.wrapAsync(async (req: Request, res: Response, next: NextFunction) => {
        setup.before?.(res)
        if (isUnmatched(req.path)) return next()
        const thrown = setup.thrown(req.path)
        if (!setup.async) return next(thrown)
        await Promise.resolve()
        throw thrown
      }),
    )
    app.use(expressAdapter.notFound())
    app.use(expressAdapter.errorHandler(problemOptionsOf(setup)))
    return app as unknown as RequestListener
  }
}

function mountKoa(Koa: typeof Koa2 | typeof Koa3) {
  return (setup: AppSetup): RequestListener => {
    const app = new Koa()
    app.silent = true
    app.on('error', () => {})
    app.use(koaAdapter.errorHandler(problemOptionsOf(setup)))
    app.use(async (ctx, next) => {
      setup.before?.(ctx.res)
      if (isUnmatched(ctx.path)) return next()
      const thrown = setup.thrown(ctx.path)
      if (setup.async) await Promise.reject(thrown)
      throw thrown
    })
    app.use(koaAdapter.notFound())
    return app.callback()
  }
}

function mountNode(setup: AppSetup): RequestListener {
  return nodeAdapter.errorHandler((req, res) => {
    setup.before?.(res)
    const path = pathOf(req.url ?? '/')
    if (isUnmatched(path)) return nodeAdapter.notFound()(req, res)
    const thrown = setup.thrown(path)
    if (setup.async) return Promise.reject(thrown)
    throw thrown
  }, problemOptionsOf(setup))
}

function mountFastify(setup: AppSetup): RequestListener {
  const { app, listener } = fastifyApp()
  app.addHook('onRequest', async (_request, reply) => setup.before?.(reply.raw))
  app.setErrorHandler(fastifyAdapter.errorHandler(problemOptionsOf(setup)))
  app.setNotFoundHandler(fastifyAdapter.notFound(problemOptionsOf(setup)))
  app.all('/*', (request, reply) => {
    const path = pathOf(request.url)
    if (isUnmatched(path)) return reply.callNotFound()
    const thrown = setup.thrown(path)
    if (setup.async) return Promise.reject(thrown)
    throw thrown
  })
  return listener
}

function mountHono(setup: AppSetup): RequestListener {
  const app = new Hono<{ Bindings: HttpBindings }>()
  app.onError(fetchAdapter.errorHandler(problemOptionsOf(setup)))
  app.notFound(fetchAdapter.notFound(problemOptionsOf(setup)))
  app.use(async (c, next) => {
    setup.before?.(throughHono(c))
    if (isUnmatched(c.req.path)) return next()
    const thrown = setup.thrown(c.req.path)
    if (setup.async) await Promise.reject(thrown)
    throw thrown
  })
  // Hono passes only Error instances to onError and rethrows anything else out of app.fetch (packages/fetch/README.md).
  return getRequestListener(fetchAdapter.withProblems(app.fetch, problemOptionsOf(setup)))
}

export const adapters: readonly AdapterUnderTest[] = [
  { name: 'express 4', mount: mountExpress(express4), http2: false },
  { name: 'express 5', mount: mountExpress(express5), http2: false },
  // http2.createServer(app.callback())
  { name: 'koa 2', mount: mountKoa(Koa2), http2: true },
  { name: 'koa 3', mount: mountKoa(Koa3), http2: true },
  // http2.createServer(errorHandler(listener))
  { name: 'node', mount: mountNode, http2: true },
  // Fastify's request handling follows req.httpVersionMajor, not the `http2` option, which only picks the server.
  { name: 'fastify 5', mount: mountFastify, http2: true },
  // serve({ fetch, createServer: http2.createServer }) runs the same getRequestListener
  { name: 'hono 4', mount: mountHono, http2: true },
]

/**
 * A Fastify app served as a Node request listener: its serverFactory hands over the request handler (the server it
 * returns never listens), and requests wait until the app is ready.
 */
export function fastifyApp(): { readonly app: FastifyInstance; readonly listener: RequestListener } {
  let handler: RequestListener = () => {}
  const app = Fastify({
    serverFactory: (fastifyHandler: RequestListener) => {
      handler = fastifyHandler
      return createServer()
    },
  })
  let ready: PromiseLike<unknown> | undefined
  return { app, listener: (req, res) => void (ready ??= app.ready()).then(() => handler(req, res)) }
}

/** The handler options of a setup, the same for every adapter (see {@link AppSetup.logs}). */
export function problemOptionsOf(setup: AppSetup): ProblemOptions {
  // The Node adapters' defaults for every adapter, so that the fetch adapter (JSON in English by default) answers like
  // the Node ones, unless the setup asks for each adapter's own.
  const defaults = setup.ownDefaults === true ? {} : NODE_DEFAULTS
  return setup.logs === true ? { ...defaults, ...setup.options } : { log: false, ...defaults, ...setup.options }
}

// --- internal ---

/** The path of a request target, as Express's req.path and Koa's ctx.path read it: no query, no fragment. */
function pathOf(target: string): string {
  return target.split(/[?#]/, 1)[0] as string
}

/**
 * The raw response as a Hono middleware sees it: headers set on it go through c.header(), as a Hono middleware
 * sets them, so they are part of the response Hono builds; everything else (req, events) is the Node response.
 */
function throughHono(c: Context<{ Bindings: HttpBindings }>): ServerResponse {
  const raw = c.env.outgoing
  const setHeader = (name: string, value: number | string | readonly string[]) => {
    c.header(name, undefined)
    for (const item of Array.isArray(value) ? value : [String(value)]) c.header(name, item, { append: true })
    return raw
  }
  return new Proxy(raw, {
    get(target, key) {
      if (key === 'setHeader') return setHeader
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
