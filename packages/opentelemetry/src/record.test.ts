import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { RPCType, setRPCMetadata } from '@opentelemetry/core'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base'
import {
  BadRequest,
  Forbidden,
  InternalServerError,
  NotFound,
  ServiceUnavailable,
  toHttpError,
  type ErrorContext,
} from '@http-problem/core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { recordProblem, withTelemetry } from './index'

const exporter = new InMemorySpanExporter()
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
const tracer = provider.getTracer('record.test')
const contextManager = new AsyncLocalStorageContextManager()

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable())
})
afterAll(() => {
  context.disable()
})
afterEach(() => exporter.reset())

/** The context core passes to the hook for a GET with the given planned status. */
function contextOf(status: number): ErrorContext {
  const view = { method: 'GET', path: '/boom', headers: {} }
  return { request: undefined, view, status, expected: false, id: undefined, ...view }
}

/** Runs `fn` with a fresh span, ends it, and returns what the exporter received. */
function recorded(fn: (span: Span) => void): ReadableSpan {
  const span = tracer.startSpan('request')
  fn(span)
  span.end()
  const [finished] = exporter.getFinishedSpans()
  if (finished === undefined) throw new Error('no span was exported')
  return finished
}

describe('recordProblem on a 5xx', () => {
  it('records the thrown TypeError itself, once, and marks the span as an error', () => {
    const thrown = new TypeError("Cannot read properties of undefined (reading 'id')")
    const span = recorded((s) => recordProblem(toHttpError(thrown), { status: 500 }, s))
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR })
    expect(span.events).toHaveLength(1)
    expect(span.events[0]?.name).toBe('exception')
    expect(span.events[0]?.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': "Cannot read properties of undefined (reading 'id')",
      'exception.stacktrace': thrown.stack,
    })
    expect(span.attributes).toEqual({
      'error.type': 'InternalServerError',
      'http.response.status_code': 500,
      'http_problem.type': 'InternalServerError',
    })
  })

  it('records an error of ours without a cause as itself, with its class name as error.type', () => {
    const error = new ServiceUnavailable('Down for maintenance', { headers: { 'retry-after': '120' } })
    const span = recorded((s) => recordProblem(error, { status: 503 }, s))
    expect(span.events.map((event) => event.attributes?.['exception.type'])).toEqual(['ServiceUnavailableError'])
    expect(span.events[0]?.attributes?.['exception.message']).toBe('Down for maintenance')
    expect(span.attributes['error.type']).toBe('ServiceUnavailableError')
  })

  it('uses the problem type URI as error.type when there is one', () => {
    const error = new InternalServerError({ type: 'https://example.com/probs/ledger-unavailable' })
    const span = recorded((s) => recordProblem(error, { status: 500 }, s))
    expect(span.attributes['error.type']).toBe('https://example.com/probs/ledger-unavailable')
    expect(span.attributes['http_problem.type']).toBe('https://example.com/probs/ledger-unavailable')
  })

  it('records the same exception once when two handlers report it on one span', () => {
    const thrown = new Error('boom')
    const span = recorded((s) => {
      recordProblem(toHttpError(thrown), { status: 500 }, s)
      recordProblem(toHttpError(thrown), { status: 500 }, s)
    })
    expect(span.events).toHaveLength(1)
  })
})

describe('recordProblem on a 4xx', () => {
  it('sets attributes only: no exception event, no error status, no error.type', () => {
    const span = recorded((s) => recordProblem(new NotFound('No user 42'), { status: 404 }, s))
    expect(span.events).toEqual([])
    expect(span.status).toEqual({ code: SpanStatusCode.UNSET })
    expect(span.attributes).toEqual({ 'http.response.status_code': 404, 'http_problem.type': 'NotFoundError' })
  })

  it('names the problem by its type URI', () => {
    const error = new Forbidden('Your balance is 30', { type: 'https://example.com/probs/out-of-credit' })
    const span = recorded((s) => recordProblem(error, { status: 403 }, s))
    expect(span.attributes).toEqual({
      'http.response.status_code': 403,
      'http_problem.type': 'https://example.com/probs/out-of-credit',
    })
  })

  it('records an expected 404 (no stack) the same way', () => {
    const span = recorded((s) => recordProblem(NotFound.expected(), { status: 404 }, s))
    expect(span.events).toEqual([])
    expect(span.attributes['http_problem.type']).toBe('NotFoundError')
  })
})

describe('recordProblem, status and id', () => {
  it('goes by the planned status in the context over the error’s own', () => {
    const span = recorded((s) => recordProblem(new BadRequest('x'), { status: 500 }, s))
    expect(span.attributes['http.response.status_code']).toBe(500)
    expect(span.status.code).toBe(SpanStatusCode.ERROR)
  })

  it('falls back to the error’s status without a context', () => {
    const span = recorded((s) => recordProblem(new NotFound(), undefined, s))
    expect(span.attributes['http.response.status_code']).toBe(404)
  })

  it('keeps a request id that is not the span’s trace id, and not the trace id again', () => {
    const withRequestId = recorded((s) => recordProblem(new NotFound(), { status: 404, id: 'req-7f3a' }, s))
    expect(withRequestId.attributes['http_problem.id']).toBe('req-7f3a')
    exporter.reset()
    const withTraceId = recorded((s) => recordProblem(new NotFound(), { status: 404, id: s.spanContext().traceId }, s))
    expect(withTraceId.attributes).not.toHaveProperty('http_problem.id')
  })
})

describe('recordProblem, which span', () => {
  it('records on the active span by default', () => {
    const span = tracer.startSpan('request')
    context.with(trace.setSpan(context.active(), span), () => recordProblem(new InternalServerError(), { status: 500 }))
    span.end()
    expect(exporter.getFinishedSpans()[0]?.events).toHaveLength(1)
  })

  it('prefers the HTTP server span instrumentation-http registered over a framework span active under it', () => {
    const server = tracer.startSpan('GET')
    const serverContext = setRPCMetadata(trace.setSpan(context.active(), server), { type: RPCType.HTTP, span: server })
    const middleware = tracer.startSpan('middleware - errorHandler', {}, serverContext)
    context.with(trace.setSpan(serverContext, middleware), () => recordProblem(new InternalServerError(), { status: 500 }))
    middleware.end()
    server.end()
    const byName = Object.fromEntries(exporter.getFinishedSpans().map((span) => [span.name, span]))
    expect(byName['GET']?.events).toHaveLength(1)
    expect(byName['GET']?.status.code).toBe(SpanStatusCode.ERROR)
    expect(byName['middleware - errorHandler']?.events).toEqual([])
    expect(byName['middleware - errorHandler']?.attributes).toEqual({})
  })

  it('does nothing, and does not throw, without an active span', () => {
    expect(() => recordProblem(new InternalServerError(), { status: 500 })).not.toThrow()
    expect(exporter.getFinishedSpans()).toEqual([])
  })

  it('does nothing on a span that is not recording (ended, or not sampled)', () => {
    const span = tracer.startSpan('request')
    span.end()
    const setAttribute = vi.spyOn(span, 'setAttribute')
    const recordException = vi.spyOn(span, 'recordException')
    recordProblem(new InternalServerError(), { status: 500 }, span)
    recordProblem(new InternalServerError(), { status: 500 }, trace.wrapSpanContext(span.spanContext()))
    expect(setAttribute).not.toHaveBeenCalled()
    expect(recordException).not.toHaveBeenCalled()
    expect(exporter.getFinishedSpans()[0]?.events).toEqual([])
  })

  it('never throws, whatever the span or the error does', () => {
    const span = tracer.startSpan('request')
    vi.spyOn(span, 'setAttribute').mockImplementation(() => {
      throw new Error('exporter down')
    })
    expect(() => recordProblem(new InternalServerError(), { status: 500 }, span)).not.toThrow()
    const hostile = new InternalServerError()
    Object.defineProperty(hostile, 'name', {
      get() {
        throw new Error('getter')
      },
    })
    expect(() => recordProblem(hostile, { status: 500 }, tracer.startSpan('other'))).not.toThrow()
  })
})

describe('withTelemetry', () => {
  it('records the error, then calls the hook with the same arguments and returns what it returns', () => {
    const order: string[] = []
    const span = tracer.startSpan('request')
    const recordException = span.recordException.bind(span)
    vi.spyOn(span, 'recordException').mockImplementation((exception) => {
      order.push('recorded')
      recordException(exception)
    })
    const result = Promise.resolve()
    const hook = vi.fn(() => {
      order.push('hook')
      return result
    })
    const error = new InternalServerError()
    const ctx = contextOf(500)
    const returned = context.with(trace.setSpan(context.active(), span), () => withTelemetry(hook)(error, ctx))
    expect(returned).toBe(result)
    expect(hook).toHaveBeenCalledWith(error, ctx)
    expect(order).toEqual(['recorded', 'hook'])
  })

  it('records without a hook of yours', () => {
    const span = tracer.startSpan('request')
    const returned = context.with(trace.setSpan(context.active(), span), () => withTelemetry()(new NotFound(), contextOf(404)))
    span.end()
    expect(returned).toBeUndefined()
    expect(exporter.getFinishedSpans()[0]?.attributes['http.response.status_code']).toBe(404)
  })
})
