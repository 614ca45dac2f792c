// @http-problem/opentelemetry under the real SDK and @opentelemetry/instrumentation-http, around a real Express 5,
// Fastify 5, Koa 3 and Hono 4 (on @hono/node-server) over sockets on 127.0.0.1: where the exception lands, how often, and what the HTTP server
// span ends up with once instrumentation-http has set its own status and attributes.
//
// instrumentation-http patches node:http when a module requires it after registerInstrumentations() (it hooks
// require; there is no ESM loader hook under vitest). The patch wraps http.Server.prototype.emit, shared by every
// server of the process, so requiring node:http once below, after registering, instruments the servers Express and
// Fastify make whether or not vitest loaded node:http earlier. The frameworks are imported after that, dynamically,
// so nothing here depends on import order. The client is fetch (undici), which instrumentation-http does not see;
// outgoing instrumentation is off anyway, so the only spans are the servers' (and @fastify/otel's, where mounted).
//
// Each hook also notes which span was active when it ran, to pin down the finding the package relies on: under
// instrumentation-http alone, the active span in Express's and Fastify's error handlers is the HTTP server span;
// under @fastify/otel it is that plugin's own 'request' span, which already holds the exception, so
// recordProblem() goes past it to the server span instrumentation-http keeps in the context.
import { createRequire } from 'node:module'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FastifyOtelInstrumentation } from '@fastify/otel'
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { NotFound } from '@http-problem/core'
import { errorHandler as expressErrorHandler, notFound as expressNotFound } from '@http-problem/express'
import { errorHandler as fastifyErrorHandler, notFound as fastifyNotFound } from '@http-problem/fastify'
import { errorHandler as honoErrorHandler, notFound as honoNotFound } from '@http-problem/fetch'
import { errorHandler as koaErrorHandler, notFound as koaNotFound } from '@http-problem/koa'
import { withTelemetry } from '@http-problem/opentelemetry'

const exporter = new InMemorySpanExporter()
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
provider.register() // the global tracer provider, AsyncLocalStorage context manager and W3C propagator
const unregister = registerInstrumentations({
  tracerProvider: provider,
  instrumentations: [new HttpInstrumentation({ disableOutgoingRequestInstrumentation: true })],
})
createRequire(import.meta.url)('node:http')

const typeError = new TypeError("Cannot read properties of undefined (reading 'id')")

/** Mounts the three routes of every test on a framework: a TypeError, a thrown NotFound, and no route at all. */
type Mount = () => Promise<Server>

/** The span id that was active each time the hook ran. */
const activeInHook: (string | undefined)[] = []

/** The hook every app uses: withTelemetry() records, then the hook of ours notes the active span. */
const onError = withTelemetry(() => {
  activeInHook.push(trace.getActiveSpan()?.spanContext().spanId)
})

const mountExpress: Mount = async () => {
  const { default: express } = await import('express5')
  const app = express()
  app.get('/boom', () => {
    throw typeError
  })
  app.get('/users/:id', async (req) => {
    throw new NotFound(`No user ${req.params.id}`)
  })
  app.use(expressNotFound())
  app.use(expressErrorHandler({ onError }))
  return listening(app.listen(0, '127.0.0.1'))
}

const mountFastify = (withOtelPlugin: boolean): Mount => async () => {
  const { default: Fastify } = await import('fastify')
  const app = Fastify()
  if (withOtelPlugin) await app.register(new FastifyOtelInstrumentation().plugin())
  app.get('/boom', async () => {
    throw typeError
  })
  app.get<{ Params: { id: string } }>('/users/:id', async (request) => {
    throw new NotFound(`No user ${request.params.id}`)
  })
  app.setErrorHandler(fastifyErrorHandler({ onError }))
  app.setNotFoundHandler(fastifyNotFound({ onError }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  return app.server
}

const mountKoa: Mount = async () => {
  const { default: Koa } = await import('koa3')
  const { createServer } = await import('node:http')
  const app = new Koa()
  app.silent = true
  app.use(koaErrorHandler({ onError }))
  app.use(async (ctx, next) => {
    if (ctx.path === '/boom') throw typeError
    const user = /^\/users\/([^/]+)$/.exec(ctx.path)
    if (user !== null) throw new NotFound(`No user ${user[1]}`)
    await next()
  })
  app.use(koaNotFound())
  return listening(createServer(app.callback()).listen(0, '127.0.0.1'))
}

const mountHono: Mount = async () => {
  const { Hono } = await import('hono')
  const { serve } = await import('@hono/node-server')
  const app = new Hono()
  app.get('/boom', () => {
    throw typeError
  })
  app.get('/users/:id', (c) => {
    throw new NotFound(`No user ${c.req.param('id')}`)
  })
  app.onError(honoErrorHandler({ onError, log: false }))
  app.notFound(honoNotFound({ onError }))
  return listening(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server)
}

/** Resolves with `server` once it listens. */
async function listening(server: Server): Promise<Server> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve))
  return server
}

let server: Server | undefined

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve))
  server = undefined
  exporter.reset()
  activeInHook.length = 0
})

afterAll(async () => {
  unregister()
  await provider.shutdown()
})

/** Sends one request; returns its status, the HTTP server span once instrumentation-http ended it, and every span. */
async function send(
  mount: Mount,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; span: ReadableSpan; spans: ReadableSpan[] }> {
  server = await mount()
  const { port } = server.address() as AddressInfo
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers })
  const body: unknown = await response.json()
  // instrumentation-http ends the span on the response's 'close', which may follow the client's last byte.
  const span = await vi.waitFor(() => {
    const servers = exporter.getFinishedSpans().filter((finished) => finished.kind === SpanKind.SERVER)
    expect(servers, 'one HTTP server span per request').toHaveLength(1)
    return servers[0] as ReadableSpan
  })
  expect(activeInHook, 'the hook runs once per request').toHaveLength(1)
  return { status: response.status, body, span, spans: exporter.getFinishedSpans() }
}

const exceptionsOf = (span: ReadableSpan | undefined): unknown[] =>
  (span?.events ?? []).filter((event) => event.name === 'exception').map((event) => event.attributes?.['exception.type'])

describe.each([
  ['Express 5', mountExpress],
  ['Fastify 5', mountFastify(false)],
  ['Koa 3', mountKoa],
  ['Hono 4 on @hono/node-server', mountHono],
])('%s under instrumentation-http', (_name, mount) => {
  it('records a thrown TypeError on the HTTP server span once, as itself, with status ERROR', async () => {
    const { status, span, spans } = await send(mount, '/boom')
    expect(status).toBe(500)
    expect(spans).toEqual([span])
    expect(activeInHook).toEqual([span.spanContext().spanId])
    expect(span.status.code).toBe(SpanStatusCode.ERROR)
    expect(span.events.map((event) => event.name)).toEqual(['exception'])
    expect(span.events[0]?.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': typeError.message,
      'exception.stacktrace': typeError.stack,
    })
    expect(span.attributes).toMatchObject({
      'error.type': 'InternalServerError',
      'http_problem.type': 'InternalServerError',
      'http.response.status_code': 500,
    })
  })

  it.each(['/users/42', '/nowhere'])('records the 404 of %s as attributes only: no exception event, status not ERROR', async (path) => {
    const { status, span, spans } = await send(mount, path)
    expect(status).toBe(404)
    expect(spans).toEqual([span])
    expect(activeInHook).toEqual([span.spanContext().spanId])
    expect(span.status.code).toBe(SpanStatusCode.UNSET)
    expect(span.events).toEqual([])
    expect(span.attributes).toMatchObject({ 'http_problem.type': 'NotFoundError', 'http.response.status_code': 404 })
    expect(span.attributes).not.toHaveProperty('error.type')
  })

  it('keeps the request id the body sends as traceId on the span, from the hook’s context', async () => {
    const { body, span } = await send(mount, '/users/42', { 'x-request-id': 'req-7f3a' })
    expect(body).toMatchObject({ status: 404, traceId: 'req-7f3a' })
    expect(span.attributes['http_problem.id']).toBe('req-7f3a')
  })

  it('does not repeat a traceparent’s trace id, which the span already carries', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736'
    const { body, span } = await send(mount, '/users/42', { traceparent: `00-${traceId}-00f067aa0ba902b7-01` })
    expect(body).toMatchObject({ status: 404, traceId })
    expect(span.spanContext().traceId).toBe(traceId)
    expect(span.attributes).not.toHaveProperty('http_problem.id')
  })
})

describe('Fastify 5 under instrumentation-http and @fastify/otel', () => {
  const mount = mountFastify(true)

  it('records a thrown TypeError once on the HTTP server span, not again on the plugin’s spans', async () => {
    const { status, span, spans } = await send(mount, '/boom')
    expect(status).toBe(500)
    const request = spans.find((finished) => finished.name === 'request')
    const handler = spans.find((finished) => finished.name.startsWith('handler - '))
    // The active span in the error handler is @fastify/otel's 'request' span (INTERNAL, a child of the server span).
    expect(request?.kind).toBe(SpanKind.INTERNAL)
    expect(request?.parentSpanContext?.spanId).toBe(span.spanContext().spanId)
    expect(activeInHook).toEqual([request?.spanContext().spanId])
    // Ours, on the server span: one.
    expect(exceptionsOf(span)).toEqual(['TypeError'])
    expect(span.status.code).toBe(SpanStatusCode.ERROR)
    expect(span.attributes).toMatchObject({ 'error.type': 'InternalServerError', 'http.response.status_code': 500 })
    // The plugin's own, one on each of its spans, and nothing of ours added to them.
    expect(exceptionsOf(request)).toEqual(['TypeError'])
    expect(exceptionsOf(handler)).toEqual(['TypeError'])
    expect(request?.attributes).not.toHaveProperty('http_problem.type')
  })

  it.each(['/users/42', '/nowhere'])('records the 404 of %s as attributes on the server span, no exception there', async (path) => {
    const { status, span } = await send(mount, path)
    expect(status).toBe(404)
    expect(span.status.code).toBe(SpanStatusCode.UNSET)
    expect(exceptionsOf(span)).toEqual([])
    expect(span.attributes).toMatchObject({ 'http_problem.type': 'NotFoundError', 'http.response.status_code': 404 })
    expect(span.attributes).not.toHaveProperty('error.type')
  })
})
