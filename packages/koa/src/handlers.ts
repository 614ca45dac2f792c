import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  NotFound,
  planResponse,
  reportError,
  resolveOptions,
  type ProblemOptions,
  type RequestView,
} from '@http-problem/core'

/** The parts of Koa's `ctx` the middleware uses; Koa 2 and 3 contexts both fit. */
export interface KoaContext {
  readonly method: string
  readonly originalUrl: string
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly headerSent: boolean
  readonly writable: boolean
  status: number
  body: unknown
  readonly app: { emit(event: string | symbol, ...args: unknown[]): boolean }
}

/** A Koa middleware. */
export type ProblemMiddleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<void>

/**
 * Middleware that answers every error thrown downstream (including `ctx.throw` and `ctx.assert`) with an RFC 9457
 * problem response planned by `@http-problem/core`, and still emits `'error'` on the app as Koa does. Register it
 * first. Options are resolved once, here.
 *
 * @example
 * app.use(errorHandler())
 * app.use(router.routes())
 * app.use(notFound())
 */
export function errorHandler(options?: ProblemOptions): ProblemMiddleware {
  const resolved = resolveOptions(options)
  return async function problemErrorHandler(ctx, next) {
    try {
      await next()
    } catch (error) {
      const request: RequestView = {
        method: ctx.method,
        path: ctx.originalUrl,
        headers: ctx.req.headers,
        responseHeaders: ctx.res.getHeaders(),
      }
      if (ctx.headerSent || !ctx.writable) {
        const normalised = reportError(error, request, resolved)
        emitError(ctx, error, normalised)
        // Too late to answer: close the connection so the client sees a cut response, not a complete one.
        ctx.res.destroy()
        return
      }
      const plan = planResponse(error, request, resolved)
      if (!unmatched.has(error as object)) emitError(ctx, error, plan.error)
      const res = ctx.res
      for (const name of plan.remove) res.removeHeader(name)
      ctx.status = plan.status
      if (ctx.req.httpVersionMajor < 2) res.statusMessage = plan.statusText
      for (const name in plan.headers) res.setHeader(name, plan.headers[name] as string)
      // A string body with the type already set: Koa neither re-encodes it nor picks another Content-Type.
      ctx.body = plan.body
      // Koa sets Content-Length from the body; for HEAD the plan's body is empty but the length is the GET one.
      res.setHeader('content-length', plan.headers['content-length'] as string)
    }
  }
}

/**
 * Middleware for requests nothing answered: when no downstream middleware set a body, it throws a 404 (without a
 * stack, since it is expected) for `errorHandler()` to render. Register it last. Unlike other errors it is not
 * emitted as `'error'`, as Koa emits nothing for its own 404.
 *
 * @example
 * app.use(notFound())
 */
export function notFound(): ProblemMiddleware {
  return async function problemNotFound(ctx, next) {
    await next()
    if (ctx.body === undefined || ctx.body === null) {
      if (ctx.status === 404 && !ctx.headerSent) {
        const error = new NotFound({ captureStack: false })
        unmatched.add(error)
        throw error
      }
    }
  }
}

// --- internal ---

const unmatched = new WeakSet<object>()

/**
 * Emits `'error'` the way Koa's own `ctx.onerror` would, so `app.on('error')` logging keeps working. Koa's default
 * listener throws for values that are not Errors, so those are emitted as the normalised error (its cause is the
 * original). A listener that throws must not break the response.
 */
function emitError(ctx: KoaContext, original: unknown, normalised: Error): void {
  const error = isError(original) ? original : normalised
  try {
    ctx.app.emit('error', error, ctx)
  } catch {
    // Ignored: the response is on its way.
  }
}

function isError(value: unknown): value is Error {
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]'
  } catch {
    return false
  }
}
