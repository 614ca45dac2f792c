import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2'
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
  type HttpError,
  type ProblemOptions,
  type ResolvedOptions,
} from '@http-problem/core'

/** A `node:http` request listener that may throw or return a rejected promise. */
export type Listener = (req: IncomingMessage, res: ServerResponse) => unknown

/** A `node:http2` compatibility-API request listener that may throw or return a rejected promise. */
export type Http2Listener = (req: Http2ServerRequest, res: Http2ServerResponse) => unknown

/**
 * Wraps a `node:http` request listener so that whatever it throws or rejects with is answered with an RFC 9457
 * problem response planned by `@http-problem/core`. Options are resolved once, here; the `onError` hook gets the
 * listener's `req`. The stack of an unexpected error (status 500 and above) is printed to stderr, as Node prints an
 * uncaught one, after the request id in brackets when there is one; `log: false` turns that off. The same name as
 * the fetch adapter's `withProblems()`; `errorHandler()` is the same function.
 *
 * @example
 * http.createServer(withProblems(async (req, res) => {
 *   if (req.url !== '/') throw new NotFound()
 *   res.end('home')
 * })).listen(3000)
 * // HTTP/2 (node:http2's compatibility API): the response carries no connection-specific header.
 * http2.createSecureServer({ key, cert }, withProblems(h2Listener))
 */
export function withProblems(
  listener: Listener,
  options?: ProblemOptions<IncomingMessage>,
): (req: IncomingMessage, res: ServerResponse) => void
export function withProblems(
  listener: Http2Listener,
  options?: ProblemOptions<Http2ServerRequest>,
): (req: Http2ServerRequest, res: Http2ServerResponse) => void
export function withProblems(listener: AnyListener, options?: ProblemOptions<never>): (req: AnyRequest, res: AnyResponse) => void {
  const resolved = resolveOptions(options, nodeDefaults) as ResolvedOptions<AnyRequest>
  return function problemListener(req, res) {
    const fail = (error: unknown): void => {
      const request = nodeRequestView(req, res)
      if (!res.writableEnded && res.headersSent && !res.writableFinished && isPrematureClose(error) && res.errored == null) {
        // The response closed before it finished, and not by our side's error: the client went away (a listener's
        // pipeline(body, res) rejects so). Nothing of ours failed, so it is not reported as a server error. When the
        // body's source closed early instead, pipeline destroyed the response with the error: that one is reported.
        return
      }
      // Too late to answer: a response that had ended is left to finish (destroying the socket would cut a body
      // still in flight); one that started is destroyed, so the client sees a cut response, not a complete one.
      const late = reportTooLate(res, error, request, resolved, req)
      if (late !== undefined) {
        logError(error, late.error, late.id, resolved)
        return
      }
      const plan = planResponse(error, request, resolved, req)
      writePlan(req, res, plan)
      logError(error, plan.error, plan.id, resolved)
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
 * The same function as {@link withProblems}, under the name the other adapters' handlers have.
 *
 * @example
 * http.createServer(errorHandler(listener, { instanceFromPath: true }))
 */
export const errorHandler: typeof withProblems = withProblems

/**
 * A listener for requests your code does not route. Without options it throws a 404 (an expected error, without a
 * stack) for `withProblems()` to answer with its options; with options it answers the 404 itself, with those.
 *
 * @example
 * const routes = { '/': home }
 * http.createServer(withProblems((req, res) => (routes[req.url] ?? notFound())(req, res)))
 */
export function notFound(options?: ProblemOptions<IncomingMessage | Http2ServerRequest>): Listener & Http2Listener {
  if (options === undefined) {
    return function problemNotFound() {
      throw NotFound.expected()
    }
  }
  const resolved = resolveOptions(options, nodeDefaults) as ResolvedOptions<AnyRequest>
  return function problemNotFound(req: AnyRequest, res: AnyResponse) {
    if (res.headersSent) throw NotFound.expected()
    writePlan(req, res, planResponse(NotFound.expected(), nodeRequestView(req, res), resolved, req))
  } as Listener & Http2Listener
}

// --- internal ---

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

/**
 * Prints an unexpected error's stack to stderr, after the request id in brackets. A failing console must not break
 * the response.
 */
function logError(original: unknown, error: HttpError, id: string | undefined, resolved: ResolvedOptions<AnyRequest>): void {
  if (!shouldLog(error, resolved)) return
  try {
    console.error(id === undefined ? stackForLog(original, error) : `[${id}] ${stackForLog(original, error)}`)
  } catch {
    // Ignored: the response is on its way.
  }
}
