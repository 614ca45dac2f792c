import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2'
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
  type HttpError,
  type ProblemOptions,
  type RequestView,
  type ResolvedOptions,
} from '@http-problem/core'

/** A `node:http` request listener that may throw or return a rejected promise. */
export type Listener = (req: IncomingMessage, res: ServerResponse) => unknown

/** A `node:http2` compatibility-API request listener that may throw or return a rejected promise. */
export type Http2Listener = (req: Http2ServerRequest, res: Http2ServerResponse) => unknown

/**
 * Wraps a `node:http` request listener so that whatever it throws or rejects with is answered with an RFC 9457
 * problem response planned by `@http-problem/core`. Options are resolved once, here. The stack of an unexpected
 * error (status 500 and above) is printed to stderr, as Node prints an uncaught one; `log: false` turns that off.
 *
 * @example
 * http.createServer(errorHandler(async (req, res) => {
 *   if (req.url !== '/') throw new NotFound()
 *   res.end('home')
 * })).listen(3000)
 * // HTTP/2 (node:http2's compatibility API): the response carries no connection-specific header.
 * http2.createSecureServer({ key, cert }, errorHandler(h2Listener))
 */
export function errorHandler(listener: Listener, options?: ProblemOptions): (req: IncomingMessage, res: ServerResponse) => void
export function errorHandler(listener: Http2Listener, options?: ProblemOptions): (req: Http2ServerRequest, res: Http2ServerResponse) => void
export function errorHandler(listener: AnyListener, options?: ProblemOptions): (req: AnyRequest, res: AnyResponse) => void {
  const resolved = resolveOptions(options, NODE_DEFAULTS)
  return function problemListener(req, res) {
    const fail = (error: unknown): void => {
      const request: RequestView = {
        method: req.method ?? 'GET',
        path: req.url,
        headers: req.headers,
        responseHeaders: res.getHeaders(),
        httpVersion: req.httpVersion,
      }
      if (res.writableEnded) {
        // The response was complete before the error: leave it to finish (destroying the socket would cut a body
        // still in flight), and only report the error.
        logError(error, reportError(error, request, resolved), resolved)
        return
      }
      if (res.headersSent && !res.writableFinished && isPrematureClose(error) && res.errored == null) {
        // The response closed before it finished, and not by our side's error: the client went away (a listener's
        // pipeline(body, res) rejects so). Nothing of ours failed, so it is not reported as a server error. When the
        // body's source closed early instead, pipeline destroyed the response with the error: that one is reported.
        return
      }
      if (res.headersSent) {
        // Too late to answer: close the connection so the client sees a cut response, not a complete one.
        logError(error, reportError(error, request, resolved), resolved)
        res.destroy()
        return
      }
      const plan = planResponse(error, request, resolved)
      for (const name of plan.remove) res.removeHeader(name)
      res.statusCode = plan.status
      if (req.httpVersionMajor < 2) res.statusMessage = plan.statusText
      for (const name in plan.headers) res.setHeader(name, plan.headers[name] as string)
      res.end(plan.body)
      logError(error, plan.error, resolved)
    }
    try {
      const result = (listener as (req: AnyRequest, res: AnyResponse) => unknown)(req, res)
      if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
        ;(result as PromiseLike<unknown>).then(undefined, fail)
      }
    } catch (error) {
      fail(error)
    }
  }
}

/**
 * A listener for requests your code does not route: it throws a 404 (without a stack, since it is expected) for
 * `errorHandler()` to answer.
 *
 * @example
 * const routes = { '/': home }
 * http.createServer(errorHandler((req, res) => (routes[req.url] ?? notFound())(req, res)))
 */
export function notFound(): Listener & Http2Listener {
  return function problemNotFound() {
    throw NotFound.expected()
  }
}

// --- internal ---

/** Node servers serve browsers, XML clients and terminals too: offer every format unless told otherwise. */
const NODE_DEFAULTS: ProblemOptions = { formats: [htmlFormat, xmlFormat, textFormat] }


type AnyRequest = IncomingMessage | Http2ServerRequest
type AnyResponse = ServerResponse | Http2ServerResponse
type AnyListener = Listener | Http2Listener

function isPrematureClose(error: unknown): boolean {
  try {
    return error !== null && typeof error === 'object' && (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE'
  } catch {
    return false
  }
}

/** Prints an unexpected error's stack to stderr. A failing console must not break the response. */
function logError(original: unknown, error: HttpError, resolved: ResolvedOptions): void {
  if (!shouldLog(error, resolved)) return
  try {
    console.error(stackForLog(original, error))
  } catch {
    // Ignored: the response is on its way.
  }
}
