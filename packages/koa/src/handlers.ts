import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  NotFound,
  planResponse,
  reportUnanswered,
  reportTooLate,
  resolveOptions,
  nodeDefaults,
  toHttpError,
  writePlan,
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
export function errorHandler<Context = KoaContext>(options?: ProblemOptions<Context>): ProblemMiddleware {
  const resolved = resolveOptions(options, nodeDefaults) as ResolvedOptions<KoaContext>
  return async function problemErrorHandler(ctx, next) {
    // Koa 3 can report one stream error twice (pipeline callback and on-finished): answer and emit each error once.
    // Per request, not per process: an app may throw the same error instance on every request. Nothing is
    // allocated per request until an error arrives: this middleware wraps every 200 too.
    let answered: unknown[] | undefined
    let clientGone = false
    const answerOnce = (error: unknown, late: boolean, unmatched = false): void => {
      answered ??= []
      if (answered.includes(error)) return
      answered.push(error)
      if (late && wentAway(ctx, error)) {
        // The client went away (Koa passes on the socket's ECONNRESET, and Koa 3 the pipeline's premature close as
        // well): nothing of ours failed, so it is not reported through onError; it is emitted once, as Koa would.
        if (!clientGone) emitError(ctx, error, toHttpError(error))
        clientGone = true
        return
      }
      answer(ctx, error, resolved, late, unmatched)
    }
    // Errors from a streamed body happen after the middleware chain returned; Koa hands them to ctx.onerror.
    ctx.onerror = (error: unknown) => {
      if (error !== null && error !== undefined) answerOnce(error, true)
    }
    // notFound() answers through this instead of throwing: a throw up the async chain costs more than the answer.
    ;(ctx as ContextWithAnswer)[IN_PLACE] = answerOnce
    try {
      await next()
    } catch (error) {
      answerOnce(error, false)
    }
  }
}

/**
 * Middleware for requests nothing answered: when no downstream middleware set a body, it answers a 404 problem
 * (an expected error, without a stack) in place, as Koa's own 404 is: middleware in between sees no error, and
 * nothing is emitted as `'error'`. Without options it answers through `errorHandler()`, with its options (and
 * without `errorHandler()` upstream it throws the 404 instead); with options it answers with those. Register it last.
 *
 * @example
 * app.use(notFound())
 */
export function notFound<Context = KoaContext>(options?: ProblemOptions<Context>): ProblemMiddleware {
  const resolved = options === undefined ? undefined : (resolveOptions(options, nodeDefaults) as ResolvedOptions<KoaContext>)
  return async function problemNotFound(ctx, next) {
    await next()
    if (ctx.body === undefined || ctx.body === null) {
      if (ctx.status === 404 && !ctx.headerSent) {
        const error = NotFound.expected()
        if (resolved !== undefined) return answer(ctx, error, resolved, false, true)
        // With errorHandler() upstream, answer in place (as Koa's own 404 does, nothing upstream sees an error);
        // without it, throw, so Koa's own error handling still answers.
        const answerInPlace = (ctx as ContextWithAnswer)[IN_PLACE]
        if (answerInPlace === undefined) throw error
        answerInPlace(error, false, true)
      }
    }
  }
}

// --- internal ---

/**
 * errorHandler()'s answer function: `unmatched` marks notFound()'s 404, which is not emitted as `'error'` (Koa's own
 * 404 is not an error either). A flag, not a WeakSet of errors: short-lived keys in a weak collection cost V8's GC.
 */
type AnswerInPlace = (error: unknown, late: boolean, unmatched?: boolean) => void
/** A context that went through errorHandler(). */
type ContextWithAnswer = KoaContext & { [IN_PLACE]?: AnswerInPlace }
/** Where errorHandler() leaves its answer function on the context (a symbol, not a WeakMap: no GC cost per request). */
const IN_PLACE = Symbol('@http-problem/koa.answer')

/**
 * Answers one error: renders core's plan, or, when the response has started, reports the error and closes the
 * socket. `late` errors arrive through ctx.onerror after Koa's own respond step, so they are written directly.
 */
function answer(ctx: KoaContext, error: unknown, resolved: ResolvedOptions<KoaContext>, late: boolean, unmatched = false): void {
  const res = ctx.res
  const request: RequestView = {
    method: ctx.method,
    path: ctx.originalUrl,
    headers: ctx.req.headers,
    responseHeaders: res.getHeaders(),
    httpVersion: ctx.req.httpVersion,
  }
  // Too late to answer: a response that had ended is left to finish (destroying the socket would cut a body still in
  // flight); one that started is destroyed, so the client sees a cut response, not a complete one.
  const tooLate = reportTooLate(res, error, request, resolved, ctx)
  if (tooLate !== undefined) {
    emitError(ctx, error, tooLate.error)
    return
  }
  if (!writable(ctx)) {
    emitError(ctx, error, reportUnanswered(error, request, resolved, ctx))
    res.destroy()
    return
  }
  const plan = planResponse(error, request, resolved, ctx)
  if (!unmatched) emitError(ctx, error, plan.error)
  for (const name of plan.remove) res.removeHeader(name)
  // Koa's ctx.writable is false for every HEAD request over HTTP/2 (see writable()), and then Koa 2 never ends the
  // response and Koa 3 only calls res.end(): write those directly too, and keep Koa from responding again.
  if (late || !ctx.writable) {
    writePlan(ctx.req, res, plan)
    if (!late) ctx.respond = false
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

/** Errors of a connection the client closed or reset, as sockets and stream.pipeline report them. */
const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'])

/**
 * Whether a late error (from ctx.onerror) says the client went away before the response finished, rather than
 * that something of ours failed: the socket's reset before anything was sent, or a connection error while the
 * response was unfinished. A premature close always means the response closed early; a reset or broken pipe counts
 * unless the body stream failed with it itself (a proxied upstream that was reset is a server-side failure).
 */
function wentAway(ctx: KoaContext, error: unknown): boolean {
  const res = ctx.res
  if (res.writableFinished) return false
  if (!res.headersSent && !writable(ctx)) return true
  const code = read(error, 'code')
  if (typeof code !== 'string' || !CLIENT_GONE.has(code)) return false
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || read(ctx.body, 'errored') !== error
}

/**
 * Koa's `ctx.writable`, except on HTTP/2: there it reads the writable side of the stream, which Node ends at once for
 * a HEAD request (no body may follow), so it would call every HEAD response unwritable. The stream's own state says
 * whether the response can still go out.
 */
function writable(ctx: KoaContext): boolean {
  if (ctx.req.httpVersionMajor < 2) return ctx.writable
  return read(read(ctx.res, 'stream'), 'destroyed') !== true
}

function read(value: unknown, name: string): unknown {
  try {
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined
  } catch {
    return undefined
  }
}

function isError(value: unknown): value is Error {
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]'
  } catch {
    return false
  }
}
