// The error path with and without @http-problem/opentelemetry: planResponse() for a 500 (a thrown TypeError) and
// for a 404, each inside a sampled span of the real SDK, with no hook and with `onError: withTelemetry()`. Every
// operation starts and ends its own span, as a request does, so the exception is recorded each time (the package
// records an exception once per span). Spans are not exported: the processor list is empty, so the rows measure
// recording, not an exporter. The 200 path is not here because the hook never runs on it.
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base'
import { do_not_optimize } from 'mitata'
import { NotFound, planResponse, resolveOptions } from '@http-problem/core'
import { withTelemetry } from '@http-problem/opentelemetry'
import { runGroup } from './harness.mjs'

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
const tracer = new BasicTracerProvider().getTracer('bench')

const plain = resolveOptions() // once per app, as adapters do
const traced = resolveOptions({ onError: withTelemetry() })
const thrown = new TypeError("Cannot read properties of undefined (reading 'id')")
const notFound = new NotFound()
const request = { method: 'GET', headers: { accept: 'application/json' } }

/** One request's worth: a span, the plan inside it, the span ended. */
function inSpan(error, options) {
  const span = tracer.startSpan('GET /users/:id')
  const plan = context.with(trace.setSpan(ROOT_CONTEXT, span), () => planResponse(error, request, options))
  span.end()
  return plan
}

// Guard against measuring the wrong thing: the traced 500 must carry one exception event, the plain one none.
expectEvents(traced, thrown, 1)
expectEvents(plain, thrown, 0)
expectEvents(traced, notFound, 0)

await runGroup('telemetry', [
  { name: '500 in a span, no hook', fn: () => do_not_optimize(inSpan(thrown, plain)) },
  { name: '500 in a span, withTelemetry()', fn: () => do_not_optimize(inSpan(thrown, traced)) },
  { name: '404 in a span, no hook', fn: () => do_not_optimize(inSpan(notFound, plain)) },
  { name: '404 in a span, withTelemetry()', fn: () => do_not_optimize(inSpan(notFound, traced)) },
])

// --- internal ---

function expectEvents(options, error, count) {
  const span = tracer.startSpan('check')
  context.with(trace.setSpan(ROOT_CONTEXT, span), () => planResponse(error, request, options))
  span.end()
  if (span.events.length !== count) throw new Error(`expected ${count} exception events, got ${span.events.length}`)
}
