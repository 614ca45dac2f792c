import type { HttpError } from '../error/http-error'
import type { ResolvedOptions } from '../options/options'
import { report } from './plan'
import type { ResponsePlan } from './plan'
import type { ExistingHeaders, HeaderSource, RequestView } from '../negotiate/request'

/**
 * The parts of a Node response (`node:http`'s `ServerResponse`, `node:http2`'s `Http2ServerResponse`) that
 * {@link writePlan} and {@link reportTooLate} use; typed here so that core imports nothing from Node.
 */
export interface NodeResponseLike {
  readonly headersSent: boolean
  readonly writableEnded: boolean
  statusCode: number
  statusMessage: string
  removeHeader(name: string): void
  setHeader(name: string, value: string): unknown
  end(body: string): unknown
  destroy(): unknown
}

/** The part of a Node request {@link writePlan} reads: HTTP/2 and later responses have no reason phrase. */
export interface NodeRequestLike {
  readonly httpVersionMajor: number
}

/** The parts of a Node request (`node:http` or `node:http2`, Express's too) that {@link nodeRequestView} reads. */
export interface NodeRequestSource {
  readonly method?: string | undefined
  readonly url?: string | undefined
  /** Express's URL before any router rewrote `url`; preferred when present. */
  readonly originalUrl?: string | undefined
  readonly headers: HeaderSource
  readonly httpVersion?: string | undefined
}

/**
 * The request view of a Node request and its response, as the Node adapters build it: method, path (Express's
 * `originalUrl` when there is one), headers, the headers already set on the response, and the HTTP version.
 *
 * @example
 * writePlan(req, res, planResponse(err, nodeRequestView(req, res), options, req))
 */
export function nodeRequestView(req: NodeRequestSource, res: { getHeaders(): ExistingHeaders }): RequestView {
  return {
    method: req.method ?? 'GET',
    path: req.originalUrl ?? req.url,
    headers: req.headers,
    responseHeaders: res.getHeaders(),
    httpVersion: req.httpVersion,
  }
}

/** An error that came too late to answer (see {@link reportTooLate}). */
export interface TooLate {
  /** The normalised error, already reported to the `onError` hook. */
  readonly error: HttpError
  /** The request's id, for the log line. */
  readonly id: string | undefined
  /** True when the response had ended before the error: it is left to finish, and the socket is not destroyed. */
  readonly ended: boolean
}

/**
 * Writes a plan with Node's lowest-level calls, the way every Node adapter does: removes the headers the plan
 * abandons, sets the status (and, below HTTP/2, the reason phrase), the headers in order, and ends the response
 * with the body (empty for HEAD, whose Content-Length is still the GET one).
 *
 * @example
 * const plan = planResponse(err, { method: req.method, headers: req.headers, httpVersion: req.httpVersion }, options, req)
 * writePlan(req, res, plan)
 */
export function writePlan(req: NodeRequestLike, res: NodeResponseLike, plan: ResponsePlan): void {
  for (const name of plan.remove) res.removeHeader(name)
  res.statusCode = plan.status
  // RFC 9113 §8.3.2: HTTP/2 has no reason phrase, and Node warns when one is set there.
  if (req.httpVersionMajor < 2) res.statusMessage = plan.statusText
  for (const name in plan.headers) res.setHeader(name, plan.headers[name] as string)
  res.end(plan.body)
}

/**
 * Handles an error that arrives when no problem response can be written any more. Returns undefined when the
 * response has not started (write the plan). Otherwise it reports the error to the `onError` hook and, when the
 * response started but did not end, destroys it so the client sees a cut response rather than a complete one
 * (`destroy: false` leaves that to the framework, as Express's final handler does). A response that had ended is
 * left to finish: destroying it would cut a body still in flight.
 *
 * @example
 * const late = reportTooLate(res, err, view, options, req)
 * if (late !== undefined) return log(late.error, late.id)
 * writePlan(req, res, planResponse(err, view, options, req))
 */
export function reportTooLate<Request = unknown>(
  res: NodeResponseLike,
  thrown: unknown,
  view: RequestView,
  options: ResolvedOptions<Request>,
  request?: Request,
  { destroy = true }: { readonly destroy?: boolean } = {},
): TooLate | undefined {
  const ended = res.writableEnded
  if (!ended && !res.headersSent) return undefined
  const { error, id } = report(thrown, view, options, request)
  if (!ended && destroy) res.destroy()
  return { error, id, ended }
}
