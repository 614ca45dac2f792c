import { context as otelContext, createContextKey, SpanStatusCode, trace, type Exception, type Span } from '@opentelemetry/api'
import type { ErrorContext, ErrorHook, HttpError } from '@http-problem/core'

/**
 * The attribute names set on the span; `http_problem.*` are this package's own (not OpenTelemetry's).
 *
 * @example
 * const failed = spans.filter((span) => span.attributes[problemAttributes.errorType] !== undefined)
 */
export const problemAttributes = {
  /** `error.type` (semconv): only for a 5xx, the problem type URI or the error's class name. */
  errorType: 'error.type',
  /** `http.response.status_code` (semconv): the status sent. */
  statusCode: 'http.response.status_code',
  /** The problem type URI, or the error's class name when the type is `about:blank`, for every status. */
  problemType: 'http_problem.type',
  /** The request id sent as `traceId`, when it is not the span's own trace id (an `x-request-id`, say). */
  problemId: 'http_problem.id',
} as const

/**
 * Records an error response on a span: a 5xx as an exception event with status ERROR and `error.type`, a 4xx as
 * attributes only, as the HTTP semantic conventions ask of server spans. The span defaults to the HTTP server span
 * of the request (from `@opentelemetry/instrumentation-http`), else the active span; nothing is recorded when it
 * is not recording, nothing twice for the same exception on the same span, and it never throws.
 *
 * @example
 * app.use(errorHandler({ onError: (error, context) => recordProblem(error, context) }))
 */
export function recordProblem(
  error: HttpError,
  context?: Pick<ErrorContext, 'status'> & Partial<Pick<ErrorContext, 'id'>>,
  span: Span | undefined = serverSpan(),
): void {
  try {
    if (span === undefined || !span.isRecording()) return
    const status = statusOf(error, context)
    const problemType = problemTypeOf(error)
    span.setAttribute(problemAttributes.statusCode, status)
    span.setAttribute(problemAttributes.problemType, problemType)
    const id = context?.id
    if (typeof id === 'string' && id !== span.spanContext().traceId) span.setAttribute(problemAttributes.problemId, id)
    // Semantic conventions, HTTP spans, Status: a server span's status stays unset for 4xx; 5xx is an error.
    if (status < 500) return
    span.setAttribute(problemAttributes.errorType, problemType)
    span.setStatus({ code: SpanStatusCode.ERROR })
    const exception = exceptionOf(error)
    if (markRecorded(span, exception)) span.recordException(exception)
  } catch {
    // Telemetry must never change the response, nor the other hooks.
  }
}

/**
 * Wraps an `onError` hook (or none) so that each error is recorded on the request's span first, then passed on.
 *
 * @example
 * app.use(errorHandler({ onError: withTelemetry() }))
 * app.use(errorHandler({ onError: withTelemetry((error, context) => audit(error, context)) }))
 */
export function withTelemetry<Request = unknown>(hook?: ErrorHook<Request>): ErrorHook<Request> {
  return function telemetryHook(error, context) {
    recordProblem(error, context)
    return hook?.(error, context)
  }
}

// --- internal ---

/**
 * The key `@opentelemetry/core` keeps RPC metadata under (`{ type: 'http', span }`, set by instrumentation-http for
 * each request). `createContextKey` is `Symbol.for(description)`, so the same key is made here without depending
 * on the SDK. Framework instrumentations (Express, Koa, @fastify/otel) make their own spans active during handlers;
 * this finds the server span under them, where the semantic conventions put the request's outcome.
 */
const RPC_METADATA = createContextKey('OpenTelemetry SDK Context Key RPC_METADATA')

function serverSpan(): Span | undefined {
  try {
    const active = otelContext.active()
    const metadata = active.getValue(RPC_METADATA) as { readonly type?: unknown; readonly span?: Span } | undefined
    if (metadata?.type === 'http' && metadata.span !== undefined && metadata.span.isRecording()) return metadata.span
    return trace.getSpan(active)
  } catch {
    return undefined
  }
}

function statusOf(error: HttpError, context: Pick<ErrorContext, 'status'> | undefined): number {
  const planned = context?.status
  if (typeof planned === 'number' && Number.isInteger(planned)) return planned
  const own = error.status
  return typeof own === 'number' && Number.isInteger(own) ? own : 500
}

/**
 * A low-cardinality name for the problem (semconv `error.type` SHOULD be predictable and low-cardinality): the
 * type URI, which names a kind of problem and not an occurrence, else the class name (`NotFoundError`), one per
 * status or per class of yours. Never the message or the detail.
 */
function problemTypeOf(error: HttpError): string {
  const type = error.type
  if (typeof type === 'string' && type !== '' && type !== 'about:blank') return type
  const name = error.name
  return typeof name === 'string' && name !== '' ? name : 'HttpError'
}

/**
 * The thrown value the exception event should describe: a foreign error core adopted (a TypeError thrown by a
 * route becomes an InternalServerError without a stack of its own, the TypeError as `cause`) is recorded as
 * itself, with its own type, message and stack; so is the cause you gave an error of yours. Only types are
 * imported from core, so the package adds about 0.5 kB to a bundle that has the OpenTelemetry API already.
 */
function exceptionOf(error: HttpError): Exception {
  const cause: unknown = error.cause
  return cause instanceof Error ? cause : error
}

const recorded = new WeakMap<Span, WeakSet<object>>()

/** True the first time an exception is seen for a span: an error passed on to a second handler is not recorded again. */
function markRecorded(span: Span, exception: Exception): boolean {
  if (typeof exception !== 'object') return true
  let seen = recorded.get(span)
  if (seen === undefined) recorded.set(span, (seen = new WeakSet()))
  if (seen.has(exception)) return false
  seen.add(exception)
  return true
}
