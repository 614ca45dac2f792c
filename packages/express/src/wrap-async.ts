import type { ExpressRequest, NextFunction } from './handlers'
import type { ServerResponse } from 'node:http'

/**
 * Wraps an async route handler for Express 4, which ignores rejected promises: a rejection is passed to `next`,
 * so the error handler answers it. Express 5 does this itself; the wrapper is harmless there.
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
        ;(result as PromiseLike<unknown>).then(undefined, (error: unknown) => next(error || new Error('Rejected with a falsy reason')))
      }
    } catch (error) {
      next(error)
    }
  }
}
