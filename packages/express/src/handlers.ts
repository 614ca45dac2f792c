import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  NotFound,
  nodeRequestView,
  planResponse,
  reportTooLate,
  resolveOptions,
  nodeDefaults,
  shouldLog,
  stackForLog,
  writePlan,
  type ProblemOptions,
  type HttpError,
  type ResolvedOptions,
} from '@http-problem/core'

/** The parts of Express's `req` the handlers read; Express 4 and 5 requests both fit. */
export type ExpressRequest = IncomingMessage & { readonly originalUrl?: string }

/** Express's `next`. */
export type NextFunction = (error?: unknown) => void

/** An Express error-handling middleware (four parameters, as Express recognises them). */
export type ProblemErrorHandler = (error: unknown, req: ExpressRequest, res: ServerResponse, next: NextFunction) => void

/** An Express middleware. */
export type ProblemRequestHandler = (req: ExpressRequest, res: ServerResponse, next: NextFunction) => void

/**
 * Error-handling middleware that answers every error with an RFC 9457 problem response planned by
 * `@http-problem/core`; register it after your routes. Options are resolved once, here. Like Express's final
 * handler, it prints the stack of an unexpected error (status 500 and above) to stderr unless the app's `env` is
 * `test`; `log: false` turns that off.
 *
 * @example
 * app.use(notFound())
 * app.use(errorHandler({ typeBase: 'https://example.com/probs/' }))
 */
export function errorHandler<Request extends ExpressRequest = ExpressRequest>(
  options?: ProblemOptions<Request>,
): ProblemErrorHandler {
  const resolved = resolveOptions(options, nodeDefaults) as ResolvedOptions<ExpressRequest>
  return function problemErrorHandler(error, req, res, next) {
    const request = nodeRequestView(req, res)
    // Too late to answer. A response that had ended is left to finish (Express's final handler would destroy the
    // socket and cut a body still in flight). One that started goes to Express's final handler, which destroys the
    // socket and prints the error itself, so it is not logged here: one line per error.
    const late = reportTooLate(res, error, request, resolved, req, { destroy: false })
    if (late !== undefined) {
      if (late.ended) logError(error, late.error, late.id, req, resolved)
      else next(error)
      return
    }
    // Node's own calls, not res.json()/res.send(): those add a charset, an ETag or JSON spacing from app settings.
    const plan = planResponse(error, request, resolved, req)
    writePlan(req, res, plan)
    logError(error, plan.error, plan.id, req, resolved)
  }
}

/**
 * Middleware for requests no route matched: passes a 404 (without a stack, since it is expected) to the error
 * handler, so it is rendered with the same options. Register it after your routes and before `errorHandler()`.
 * `OPTIONS` requests pass through, so Express still answers them with `Allow` for paths that have routes.
 *
 * @example
 * app.use(notFound())
 */
export function notFound<Request extends ExpressRequest = ExpressRequest>(
  options?: ProblemOptions<Request>,
): ProblemRequestHandler {
  // Without options the 404 goes to errorHandler(), which renders it with its own; with them, it is answered here.
  const resolved = options === undefined ? undefined : (resolveOptions(options, nodeDefaults) as ResolvedOptions<ExpressRequest>)
  return function problemNotFound(req, res, next) {
    // RFC 9110 §9.3.7: Express answers OPTIONS itself, from the routes it matched, once the chain has ended.
    if (req.method === 'OPTIONS') return next()
    if (resolved === undefined || res.headersSent) return next(NotFound.expected())
    writePlan(req, res, planResponse(NotFound.expected(), nodeRequestView(req, res), resolved, req))
  }
}

// --- internal ---

/**
 * Prints an unexpected error as Express's final handler does (`console.error(err.stack || err.toString())`), and
 * under its rule: nothing when the app's env is `test`. A failing console must not break the response.
 */
function logError(
  original: unknown,
  error: HttpError,
  id: string | undefined,
  req: ExpressRequest,
  resolved: ResolvedOptions<ExpressRequest>,
): void {
  if (!shouldLog(error, resolved)) return
  try {
    const app = (req as ExpressRequest & { readonly app?: { get?: (name: string) => unknown } }).app
    if (typeof app?.get === 'function' && app.get('env') === 'test') return
    // The request id goes first, in brackets, so that grep finds every line of one request.
    console.error(id === undefined ? stackForLog(original, error) : `[${id}] ${stackForLog(original, error)}`)
  } catch {
    // Ignored: the response is on its way.
  }
}
