// The adapter contract (docs/adapters.md), over a real socket in every adapter: the onError hook is given the
// framework's own request object (Express's and node's req, Koa's ctx, Fastify's request, Hono's c, the fetch
// Request of withProblems), the planned status, whether the error was expected, and the request id; and notFound()
// takes the same options as errorHandler() and honours them.
import { createServer, type RequestListener } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import express4 from 'express4'
import express5 from 'express5'
import Fastify, { type FastifyRequest } from 'fastify'
import { Hono } from 'hono'
import Koa2 from 'koa2'
import Koa3 from 'koa3'
import { describe, expect, it } from 'vitest'
import { BadRequest, type ErrorContext, type HttpError, type ProblemOptions } from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import * as fastifyAdapter from '@http-problem/fastify'
import * as fetchAdapter from '@http-problem/fetch'
import * as koaAdapter from '@http-problem/koa'
import * as nodeAdapter from '@http-problem/node'
import { getWhole, type Received } from '../support/wire'
import { serve } from '../support/serve'

/**
 * One test app: /boom throws a 500, /bad a 400, /unmatched… is answered by notFound(notFoundOptions). `seen` holds
 * the framework request object of each request, as the app's own code received it.
 */
interface App {
  readonly listener: RequestListener
  readonly seen: unknown[]
}
type Build = (options: ProblemOptions, notFoundOptions: ProblemOptions | undefined) => App

const fail = (path: string): Error => (path === '/bad' ? new BadRequest('bad input') : new Error('boom'))

function express(factory: typeof express4 | typeof express5): Build {
  return (options, notFoundOptions) => {
    const seen: unknown[] = []
    const app = factory()
    app.use((req, _res, next) => {
      seen.push(req)
      if (req.path.startsWith('/unmatched')) return next()
      next(fail(req.path))
    })
    app.use(expressAdapter.notFound(notFoundOptions))
    app.use(expressAdapter.errorHandler(options))
    return { listener: app as unknown as RequestListener, seen }
  }
}

function koa(Koa: typeof Koa2 | typeof Koa3): Build {
  return (options, notFoundOptions) => {
    const seen: unknown[] = []
    const app = new Koa()
    app.silent = true
    app.on('error', () => {})
    app.use(koaAdapter.errorHandler(options))
    app.use(async (ctx, next) => {
      seen.push(ctx)
      if (ctx.path.startsWith('/unmatched')) return next()
      throw fail(ctx.path)
    })
    app.use(koaAdapter.notFound(notFoundOptions))
    return { listener: app.callback(), seen }
  }
}

const node: Build = (options, notFoundOptions) => {
  const seen: unknown[] = []
  const listener = nodeAdapter.withProblems((req, res) => {
    seen.push(req)
    if (req.url?.startsWith('/unmatched')) return nodeAdapter.notFound(notFoundOptions)(req, res)
    throw fail(req.url ?? '/')
  }, options)
  return { listener, seen }
}

const fastify: Build = (options, notFoundOptions) => {
  const seen: unknown[] = []
  let handler: RequestListener = () => {}
  const app = Fastify({
    serverFactory: (fastifyHandler: RequestListener) => {
      handler = fastifyHandler
      return createServer()
    },
  })
  app.addHook('onRequest', async (request: FastifyRequest) => void seen.push(request))
  app.setErrorHandler(fastifyAdapter.errorHandler({ log: false, ...options }))
  app.setNotFoundHandler(fastifyAdapter.notFound({ log: false, ...notFoundOptions }))
  app.get('/boom', async () => {
    throw fail('/boom')
  })
  app.get('/bad', async () => {
    throw fail('/bad')
  })
  let ready: PromiseLike<unknown> | undefined
  return { listener: (req, res) => void (ready ??= app.ready()).then(() => handler(req, res)), seen }
}

const hono: Build = (options, notFoundOptions) => {
  const seen: unknown[] = []
  const app = new Hono()
  app.onError(fetchAdapter.errorHandler({ log: false, ...options }))
  app.notFound(fetchAdapter.notFound({ log: false, ...notFoundOptions }))
  app.use(async (c, next) => {
    seen.push(c)
    if (c.req.path.startsWith('/unmatched')) return next()
    throw fail(c.req.path)
  })
  return { listener: getRequestListener(app.fetch), seen }
}

const fetchHandler: Build = (options) => {
  const seen: unknown[] = []
  const handler = fetchAdapter.withProblems(async (request: Request) => {
    seen.push(request)
    throw fail(new URL(request.url).pathname)
  }, { log: false, ...options })
  return { listener: getRequestListener(handler), seen }
}

const builds: readonly { readonly name: string; readonly build: Build; readonly notFound: boolean }[] = [
  { name: 'express 4', build: express(express4), notFound: true },
  { name: 'express 5', build: express(express5), notFound: true },
  { name: 'koa 2', build: koa(Koa2), notFound: true },
  { name: 'koa 3', build: koa(Koa3), notFound: true },
  { name: 'node', build: node, notFound: true },
  { name: 'fastify 5', build: fastify, notFound: true },
  { name: 'hono 4', build: hono, notFound: true },
  // withProblems() wraps one handler: it has no unmatched route of its own.
  { name: 'fetch withProblems', build: fetchHandler, notFound: false },
]

const json = (res: Received): Record<string, unknown> => JSON.parse(res.body.toString('utf8')) as Record<string, unknown>

describe.each(builds)('$name', ({ build, notFound }) => {
  it("gives the hook the framework's own request object, the planned status, expected and the id", async () => {
    const reports: [HttpError, ErrorContext][] = []
    const options: ProblemOptions = { log: false, onError: (error, context) => void reports.push([error, context]) }
    const { listener, seen } = build(options, options)
    const port = await serve(listener)
    expect((await getWhole(port, '/boom', { 'x-request-id': 'one' })).status).toBe(500)
    expect((await getWhole(port, '/bad', { 'x-request-id': 'two' })).status).toBe(400)
    if (notFound) expect((await getWhole(port, '/unmatched', { 'x-request-id': 'three' })).status).toBe(404)

    expect(reports.map(([error]) => error.status)).toEqual(notFound ? [500, 400, 404] : [500, 400])
    const contexts = reports.map(([, context]) => context)
    expect(contexts.map(({ status, expected, id }) => ({ status, expected, id }))).toEqual(
      [
        { status: 500, expected: false, id: 'one' },
        { status: 400, expected: false, id: 'two' },
        { status: 404, expected: true, id: 'three' },
      ].slice(0, notFound ? 3 : 2),
    )
    expect(seen).toHaveLength(contexts.length)
    contexts.forEach((context, i) => {
      expect(context.request).toBe(seen[i])
      // A hook written for the old (error, request) signature still reads the method and the path.
      expect(context.method).toBe('GET')
      expect(context.path).toMatch(/^\/(boom|bad|unmatched)/)
      expect(context.view.method).toBe('GET')
    })
  })

  if (notFound) {
    it('renders an unmatched route with the options given to notFound()', async () => {
      const errorReports: ErrorContext[] = []
      const notFoundReports: ErrorContext[] = []
      const { listener } = build(
        { log: false, onError: (_error, context) => void errorReports.push(context) },
        {
          log: false,
          instanceFromPath: true,
          cacheControl: 'no-cache',
          generateRequestId: () => 'nf-1',
          onError: (_error, context) => void notFoundReports.push(context),
        },
      )
      const port = await serve(listener)
      const res = await getWhole(port, '/unmatched/7')
      expect(res.status).toBe(404)
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.headers['x-request-id']).toBe('nf-1')
      expect(json(res)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/unmatched/7', traceId: 'nf-1' })
      expect(notFoundReports.map(({ status, expected, id }) => ({ status, expected, id }))).toEqual([
        { status: 404, expected: true, id: 'nf-1' },
      ])
      expect(errorReports).toEqual([])
      // Errors still go through errorHandler() and its options.
      const failed = await getWhole(port, '/boom')
      expect(failed.headers['cache-control']).toBe('no-store')
      expect(errorReports).toHaveLength(1)
    })
  }
})
