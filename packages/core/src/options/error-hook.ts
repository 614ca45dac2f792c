import type { HttpError } from '../error/http-error'
import type { RequestView } from '../negotiate/request'

/**
 * What the `onError` hook is told about one error. `Request` is the framework's own request object: Express's and
 * node's `req`, Koa's `ctx`, Fastify's `request`, Hono's `c`, the `Request` of a fetch handler.
 *
 * @example
 * const onError: ErrorHook<express.Request> = (error, { request, status, expected, id }) => {
 *   if (!expected) request.log.error({ err: error.cause ?? error, status, traceId: id })
 * }
 */
export interface ErrorContext<Request = unknown> {
  /** The framework's own request object (undefined when whoever called `planResponse` passed none). */
  readonly request: Request
  /** The request view the plan was made from. */
  readonly view: RequestView
  /** The status the response has (or would have had, when it was too late to send one). */
  readonly status: number
  /** True for an unmatched route's 404 from `notFound()` and for errors made with a class's `expected()`. */
  readonly expected: boolean
  /** The trace or request id of the request, the one sent as `traceId`; undefined when there is none. */
  readonly id: string | undefined
  /** @deprecated Read `view.method`: the view's, kept so that hooks written as `(error, request)` keep working. */
  readonly method: string
  /** @deprecated Read `view.path`: kept so that hooks written as `(error, request)` keep working. */
  readonly path: string | undefined
  /** @deprecated Read `view.headers`: kept so that hooks written as `(error, request)` keep working. */
  readonly headers: RequestView['headers']
}

/**
 * The `onError` hook: called once per error, after the response is planned; what it throws or rejects is ignored.
 *
 * @example
 * const onError: ErrorHook = (error, { status, id }) => console.warn(status, id, error.message)
 */
export type ErrorHook<Request = unknown> = (error: HttpError, context: ErrorContext<Request>) => void | Promise<void>
