import type { ExpressRequest, NextFunction } from './handlers'
import type { ServerResponse } from 'node:http'

/**
 * Wraps a route handler so that whatever it throws or rejects with reaches the error handler: on Express 4, which
 * ignores rejected promises, and on both versions for a value Express's `next` would take for "carry on"
 * (`undefined`, `null`, `0`, `''`, `false`, `'route'`, `'router'`), which Express 5's router passes on as is too.
 * Such a value is wrapped in an Error whose `cause` it is, so a guard that throws one cannot open the route behind it.
 *
 * @example
 * app.get('/users/:id', wrapAsync(async (req) => { throw new NotFound(`No user ${req.params.id}`) }))
 */
export function wrapAsync<Req extends ExpressRequest, Res extends ServerResponse>(
  handler: (req: Req, res: Res, next: NextFunction) => unknown,
): (req: Req, res: Res, next: NextFunction) => void {
  return function asyncRoute(req, res, next) {
    try {
      const result = handler(req, res, next)
      if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
        ;(result as PromiseLike<unknown>).then(undefined, (error: unknown) => next(asError(error, 'Rejected with')))
      }
    } catch (error) {
      // A falsy throw passed on as is would make Express skip to the next matching route: an auth check that
      // throws undefined would open the route behind it.
      next(asError(error, 'Threw'))
    }
  }
}

// --- internal ---

/** The thrown value, or an Error around it when Express's `next` would not take it for an error. */
function asError(value: unknown, verb: string): unknown {
  if (value && value !== 'route' && value !== 'router') return value
  return new Error(`${verb} ${value === '' ? 'an empty string' : String(value)}`, { cause: value })
}
