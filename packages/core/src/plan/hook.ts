// The onError hook and request ids: what the pipeline tells the application about an error, never changing the
// response whatever the hook does.
import { isExpected } from '../error/define-error-class'
import type { HttpError } from '../error/http-error'
import type { ErrorContext } from '../options/error-hook'
import type { ResolvedOptions } from '../options/options'
import { isRequestId, type RequestView } from '../negotiate/request'

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
