// The onError hook and request ids: what the pipeline tells the application about an error, never changing the
// response whatever the hook does.
import { isExpected } from '../error/define-error-class'
import type { HttpError } from '../error/http-error'
import type { ResolvedOptions } from './options'
import { isRequestId, type RequestView } from './request'

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

/**
 * Calls the hook with its context. `method`, `path` and `headers` are the (guarded) view's, so that a hook written for
 * the old `(error, request)` signature keeps working.
 */
export function callHook<Request>(
  error: HttpError,
  view: RequestView,
  guarded: RequestView,
  options: ResolvedOptions<Request>,
  request: Request | undefined,
  status: number,
  id: string | undefined,
): void {
  const hook = options.onError
  if (hook === undefined) return
  try {
    const { method, path, headers } = guarded
    const result = hook(error, { request: request as Request, view, status, expected: isExpected(error), id, method, path, headers })
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      result.then(undefined, ignore)
    }
  } catch {
    // A logging hook must never change the response.
  }
}

/** A generated request id; a generator that throws or returns something that is not a valid id gives none. */
export function generateId<Request>(options: ResolvedOptions<Request>, request: Request | undefined): string | undefined {
  try {
    const id = options.generateRequestId?.(request as Request)
    return isRequestId(id) ? id : undefined
  } catch {
    return undefined
  }
}

// --- internal ---

function ignore(): void {}
