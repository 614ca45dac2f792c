import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  NotFound,
  planResponse,
  reportError,
  resolveOptions,
  htmlFormat,
  xmlFormat,
  textFormat,
  shouldLog,
  stackForLog,
  type ProblemOptions,
  type HttpError,
  type RequestView,
  type ResolvedOptions,
  type ResponsePlan,
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
export function errorHandler(options?: ProblemOptions): ProblemErrorHandler {
  const resolved = resolveOptions(options, NODE_DEFAULTS)
  return function problemErrorHandler(error, req, res, next) {
    const request = viewOf(req, res)
    if (res.writableEnded) {
      // The response was complete before the error: report it, and leave the response to finish (Express's final
      // handler would destroy the socket and cut a body still in flight).
      logError(error, reportError(error, request, resolved), req, resolved)
      return
    }
    if (res.headersSent) {
      // Too late to answer: report it, then let Express's final handler destroy the socket (it prints the error
      // itself, so it is not logged here: one line per error).
      reportError(error, request, resolved)
      next(error)
      return
    }
    const plan = planResponse(error, request, resolved)
    writePlan(req, res, plan)
    logError(error, plan.error, req, resolved)
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
export function notFound(): ProblemRequestHandler {
  return function problemNotFound(req, _res, next) {
    // RFC 9110 §9.3.7: Express answers OPTIONS itself, from the routes it matched, once the chain has ended.
    if (req.method === 'OPTIONS') return next()
    next(NotFound.expected())
  }
}

// --- internal ---

/** Node servers serve browsers, XML clients and terminals too: offer every format unless told otherwise. */
const NODE_DEFAULTS: ProblemOptions = { formats: [htmlFormat, xmlFormat, textFormat] }


function viewOf(req: ExpressRequest, res: ServerResponse): RequestView {
  return {
    method: req.method ?? 'GET',
    path: req.originalUrl ?? req.url,
    headers: req.headers,
    responseHeaders: res.getHeaders(),
    httpVersion: req.httpVersion,
  }
}

// Node's own calls, not res.json()/res.send(): those add a charset, an ETag or JSON spacing from app settings.
function writePlan(req: IncomingMessage, res: ServerResponse, plan: ResponsePlan): void {
  for (const name of plan.remove) res.removeHeader(name)
  res.statusCode = plan.status
  if (req.httpVersionMajor < 2) res.statusMessage = plan.statusText
  for (const name in plan.headers) res.setHeader(name, plan.headers[name] as string)
  res.end(plan.body)
}

/**
 * Prints an unexpected error as Express's final handler does (`console.error(err.stack || err.toString())`), and
 * under its rule: nothing when the app's env is `test`. A failing console must not break the response.
 */
function logError(original: unknown, error: HttpError, req: ExpressRequest, resolved: ResolvedOptions): void {
  if (!shouldLog(error, resolved)) return
  try {
    const app = (req as ExpressRequest & { readonly app?: { get?: (name: string) => unknown } }).app
    if (typeof app?.get === 'function' && app.get('env') === 'test') return
    console.error(stackForLog(original, error))
  } catch {
    // Ignored: the response is on its way.
  }
}
