import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerBase,
  RawServerDefault,
  RouteGenericInterface,
} from 'fastify'
import fp from 'fastify-plugin'
import {
  NotFound,
  planResponse,
  reportTooLate,
  resolveOptions,
  nodeDefaults,
  shouldLog,
  type HttpError,
  type ProblemOptions,
  type RequestView,
  type ResolvedOptions,
  type ResponsePlan,
} from '@http-problem/core'

/** A request of an app on `RawServer`: node:http's by default, node:http2's with `Fastify({ http2: true })`. */
export type ProblemRequest<RawServer extends RawServerBase = RawServerDefault> = FastifyRequest<RouteGenericInterface, RawServer>

/** The reply of an app on `RawServer`. */
export type ProblemReply<RawServer extends RawServerBase = RawServerDefault> = FastifyReply<RouteGenericInterface, RawServer>

/**
 * A Fastify error handler that answers every error — yours, Fastify's own (validation failures become a 400 whose
 * `errors` carry JSON Pointers; content-type and body-limit errors become 415 and 413) — with an RFC 9457 problem.
 * Errors are logged as Fastify's own handler logs them, through `request.log`: at `error` for status 500 and above,
 * at `info` for client errors; `log: false` turns that off.
 *
 * @example
 * app.setErrorHandler(errorHandler())
 */
export function errorHandler<RawServer extends RawServerBase = RawServerDefault>(
  options?: ProblemOptions<ProblemRequest<RawServer>>,
): (error: FastifyError, request: ProblemRequest<RawServer>, reply: ProblemReply<RawServer>) => void {
  const resolved = resolveOptions(options, nodeDefaults) as ResolvedOptions<FastifyRequest>
  return (error, request, reply) => answer(error, request as unknown as FastifyRequest, reply as unknown as FastifyReply, resolved)
}

/**
 * A Fastify not-found handler: a 404 problem for every method, HEAD without a body. It logs
 * `Route GET:/x not found` at `info`, as Fastify's own one does (not with `log: false`).
 *
 * @example
 * app.setNotFoundHandler(notFound())
 */
export function notFound<RawServer extends RawServerBase = RawServerDefault>(
  options?: ProblemOptions<ProblemRequest<RawServer>>,
): (request: ProblemRequest<RawServer>, reply: ProblemReply<RawServer>) => void {
  const resolved = resolveOptions(options, nodeDefaults) as ResolvedOptions<FastifyRequest>
  return (request, reply) =>
    answer(NotFound.expected(), request as unknown as FastifyRequest, reply as unknown as FastifyReply, resolved, true)
}

/**
 * The plugin: installs {@link errorHandler} and {@link notFound} for the whole app (it is not encapsulated).
 *
 * @example
 * await app.register(problemDetails, { typeBase: 'https://example.com/probs/' })
 */
export const problemDetails = fp(
  async function problemDetailsPlugin(fastify: FastifyInstance, options: ProblemOptions<FastifyRequest>) {
    const resolved = resolveOptions(withoutFastifyKeys(options as ProblemOptions<FastifyRequest> & Record<string, unknown>), nodeDefaults)
    fastify.setErrorHandler((error, request, reply) => answer(error, request, reply, resolved))
    fastify.setNotFoundHandler((request, reply) => answer(NotFound.expected(), request, reply, resolved, true))
  },
  { fastify: '5.x', name: '@http-problem/fastify' },
)

// --- internal ---

function answer(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  resolved: ResolvedOptions<FastifyRequest>,
  unmatched = false,
): void {
  const res = reply.raw
  // Fastify keeps headers set with reply.header() (by @fastify/cors, say) on the reply until it sends.
  const earlier = { ...res.getHeaders(), ...reply.getHeaders() }
  const view: RequestView = {
    method: request.method,
    path: request.url,
    headers: request.headers,
    responseHeaders: earlier,
    httpVersion: request.raw.httpVersion,
  }
  // Too late to answer: a response that had ended is left to finish (destroying it would cut a body still in
  // flight); one that started is destroyed, so the client sees a cut response, not a complete one.
  const late = reportTooLate(res, error, view, resolved, request)
  if (late !== undefined) {
    logError(error, late.error, late.id, request, reply, resolved)
    return
  }
  const plan = planResponse(error, view, resolved, request)
  logError(error, plan.error, plan.id, request, reply, resolved, unmatched)
  for (const name of plan.remove) {
    res.removeHeader(name)
    reply.removeHeader(name)
  }
  // Fastify's writeHead passes no reason phrase, so Node would fill in its own (413 "Payload Too Large").
  if (request.raw.httpVersionMajor < 2) res.statusMessage = plan.statusText
  // A Buffer payload is sent as it is: for a string Fastify would append "; charset=utf-8" to a JSON type.
  reply.code(plan.status).headers(plan.headers).send(payloadOf(plan, request.method))
}

/**
 * Logs an error as Fastify's default error handler does: `error` with the request for 500 and above, `info` for
 * client errors, through the request's logger (which carries its reqId). A failing logger must not break the reply.
 */
function logError(
  original: unknown,
  error: HttpError,
  id: string | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
  resolved: ResolvedOptions<FastifyRequest>,
  unmatched = false,
): void {
  if (!resolved.log) return
  try {
    // As Fastify's own not-found handler logs it: at info, never as an error.
    if (unmatched) {
      request.log.info(`Route ${request.method}:${request.url} not found`)
      return
    }
    // pino's err serializer wants an Error: a thrown string or null is logged as the normalised error (its cause).
    const err = original instanceof Error ? original : error
    // The request id goes in as traceId (pino's reqId is Fastify's own counter unless genReqId reads the header).
    const traceId = id === undefined ? {} : { traceId: id }
    if (shouldLog(error, resolved)) request.log.error({ req: request, res: reply, err, ...traceId }, err.message)
    else request.log.info({ res: reply, err, ...traceId }, err.message)
  } catch {
    // Ignored: the reply is on its way.
  }
}

// RFC 9110 §8.6: a HEAD response's Content-Length is the length GET would send. Fastify's automatic HEAD routes
// recompute it from the payload, and Node never writes a body for HEAD, so HEAD gets a placeholder of that length.
function payloadOf(plan: ResponsePlan, method: string): Buffer {
  return method === 'HEAD' ? Buffer.alloc(Number(plan.headers['content-length'])) : Buffer.from(plan.body, 'utf8')
}

// Fastify passes its own registration options (prefix, logLevel, …) to the plugin together with ours.
function withoutFastifyKeys(options: ProblemOptions<FastifyRequest> & Record<string, unknown>): ProblemOptions<FastifyRequest> {
  const { prefix, logLevel, logSerializers, ...rest } = options as Record<string, unknown>
  void prefix
  void logLevel
  void logSerializers
  return rest as ProblemOptions<FastifyRequest>
}
