import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  NotFound,
  planResponse,
  reportError,
  resolveOptions,
  toHttpError,
  type ProblemOptions,
  type RequestView,
  type ResolvedOptions,
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
  respond?: boolean
  /** Koa calls it for errors it catches itself, such as a failing stream body. */
  onerror: (error: Error | null) => void
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
    // Koa 3 can report one stream error twice (pipeline callback and on-finished): answer and emit each error once.
    // Per request, not per process: an app may throw the same error instance on every request. Nothing is
    // allocated per request until an error arrives: this middleware wraps every 200 too.
    let answered: unknown[] | undefined
    const answerOnce = (error: unknown, late: boolean): void => {
      answered ??= []
      if (answered.includes(error)) return
      answered.push(error)
      answer(ctx, error, resolved, late)
    }
    // Errors from a streamed body happen after the middleware chain returned; Koa hands them to ctx.onerror.
    ctx.onerror = (error: unknown) => {
      if (error !== null && error !== undefined) answerOnce(error, true)
    }
    // notFound() answers through this instead of throwing: a throw up the async chain costs more than the answer.
    ;(ctx as KoaContext & { [IN_PLACE]?: (error: unknown, late: boolean) => void })[IN_PLACE] = answerOnce
    try {
      await next()
    } catch (error) {
      answerOnce(error, false)
    }
  }
}

/**
 * Middleware for requests nothing answered: when no downstream middleware set a body, it answers a 404 problem
 * (an expected error, without a stack) through `errorHandler()`, with its options, in place, as Koa's own 404 is:
 * middleware in between sees no error, and nothing is emitted as `'error'`. Register it last. Without
 * `errorHandler()` upstream it throws the 404 instead.
 *
 * @example
 * app.use(notFound())
 */
export function notFound(): ProblemMiddleware {
  return async function problemNotFound(ctx, next) {
    await next()
    if (ctx.body === undefined || ctx.body === null) {
      if (ctx.status === 404 && !ctx.headerSent) {
        const error = NotFound.expected()
        unmatched.add(error)
        // With errorHandler() upstream, answer in place (as Koa's own 404 does, nothing upstream sees an error);
        // without it, throw, so Koa's own error handling still answers.
        const answerInPlace = (ctx as KoaContext & { [IN_PLACE]?: (error: unknown, late: boolean) => void })[IN_PLACE]
        if (answerInPlace === undefined) throw error
        answerInPlace(error, false)
      }
    }
  }
}

// --- internal ---

const unmatched = new WeakSet<object>()
/** Where errorHandler() leaves its answer function on the context (a symbol, not a WeakMap: no GC cost per request). */
const IN_PLACE = Symbol('@http-problem/koa.answer')

/**
 * Answers one error: renders core's plan, or, when the response has started, reports the error and closes the
 * socket. `late` errors arrive through ctx.onerror after Koa's own respond step, so they are written directly.
 */
function answer(ctx: KoaContext, error: unknown, resolved: ResolvedOptions, late: boolean): void {
  const res = ctx.res
  const request: RequestView = {
    method: ctx.method,
    path: ctx.originalUrl,
    headers: ctx.req.headers,
    responseHeaders: res.getHeaders(),
  }
  if (late && !res.headersSent && !ctx.writable) {
    // The client went away (Koa passes on the socket's ECONNRESET): nothing of ours failed, so it is not reported
    // through onError, but it is emitted, as Koa itself would.
    emitError(ctx, error, toHttpError(error))
    return
  }
  if (res.headersSent || !ctx.writable) {
    emitError(ctx, error, reportError(error, request, resolved))
    // Too late to answer: close the connection so the client sees a cut response, not a complete one.
    res.destroy()
    return
  }
  const plan = planResponse(error, request, resolved)
  if (!unmatched.has(error as object)) emitError(ctx, error, plan.error)
  for (const name of plan.remove) res.removeHeader(name)
  if (late) {
    res.statusCode = plan.status
    if (ctx.req.httpVersionMajor < 2) res.statusMessage = plan.statusText
    for (const name in plan.headers) res.setHeader(name, plan.headers[name] as string)
    res.end(plan.body)
    return
  }
  ctx.status = plan.status
  if (ctx.req.httpVersionMajor < 2) res.statusMessage = plan.statusText
  for (const name in plan.headers) res.setHeader(name, plan.headers[name] as string)
  // A route that set ctx.respond = false and threw before writing left nobody to answer: Koa's own onerror
  // would still respond, so we must too, or the client waits forever.
  ctx.respond = true
  // A string body with the type already set: Koa neither re-encodes it nor picks another Content-Type.
  ctx.body = plan.body
  // Koa sets Content-Length from the body; for HEAD the plan's body is empty but the length is the GET one.
  res.setHeader('content-length', plan.headers['content-length'] as string)
}

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
