import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { Catch, Inject, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common'
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
  type RequestView,
  type ResolvedOptions,
} from '@http-problem/core'

/** The request Nest's Fastify platform hands to a filter: the parts read here, with Node's request as `raw`. */
export interface NestFastifyRequest {
  readonly raw: IncomingMessage & { readonly originalUrl?: string }
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
}

/**
 * The platform request a filter sees: Express's `req` (an `IncomingMessage`) on `@nestjs/platform-express`, or
 * Fastify's `request` on `@nestjs/platform-fastify` (tell them apart with `'raw' in request`).
 */
export type NestRequest = (IncomingMessage & { readonly originalUrl?: string }) | NestFastifyRequest

/** The injection token of the filter's options, provided by `ProblemDetailsModule.forRoot()`/`forRootAsync()`. */
export const PROBLEM_DETAILS_OPTIONS: unique symbol = Symbol.for('@http-problem/nest:options')

/**
 * A Nest exception filter that catches everything thrown in an HTTP context and answers with an RFC 9457 problem
 * planned by `@http-problem/core`: the same bytes `@http-problem/express` sends. Nest's `HttpException`s keep their
 * status, message (as `detail` for client errors) and `errorCode`; anything else is a 500 that leaks nothing. 5xx
 * errors are logged through Nest's `Logger` (context `ProblemDetails`); `log: false` turns that off. Errors in other
 * contexts (`rpc`, `ws`, `graphql`) are left to Nest: the filter returns without touching them.
 *
 * @example
 * app.useGlobalFilters(new ProblemDetailsFilter({ typeBase: 'https://example.com/probs/' }))
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  readonly #resolved: ResolvedOptions<NestRequest>
  readonly #logger = new Logger('ProblemDetails')

  constructor(@Optional() @Inject(PROBLEM_DETAILS_OPTIONS) options?: ProblemOptions<NestRequest>) {
    // Resolved once, when the filter is made: an invalid option throws here, never per request.
    this.#resolved = resolveOptions(options, nodeDefaults) as ResolvedOptions<NestRequest>
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    // Microservices, gateways and resolvers answer errors in their own way. A filter that returns nothing there has
    // not handled the error, so Nest's own handling for that context goes on as if this filter were not installed.
    if (host.getType() !== 'http') return
    const http = host.switchToHttp()
    const request = http.getRequest<NestRequest>()
    const reply = http.getResponse<ServerResponse | FastifyReplyLike>()
    const raw = 'raw' in request ? request.raw : request
    const res = isFastifyReply(reply) ? reply.raw : reply
    const nodeView = nodeRequestView(raw, res)
    // Fastify keeps headers set with reply.header() on the reply until it sends.
    const view: RequestView = isFastifyReply(reply)
      ? { ...nodeView, responseHeaders: { ...nodeView.responseHeaders, ...reply.getHeaders() } }
      : nodeView
    // Too late to answer: a response that had ended is left to finish; one that started is destroyed, so the
    // client sees a cut response rather than a complete one.
    const late = reportTooLate(res, exception, view, this.#resolved, request)
    if (late !== undefined) return this.#log(exception, late.error, late.id)
    // Nest's router answers an unmatched route with NotFoundException(`Cannot GET /x`): the 404 of notFound().
    const error = isUnmatched(exception, view) ? NotFound.expected() : exception
    const plan = planResponse(error, view, this.#resolved, request)
    if (isFastifyReply(reply)) {
      // Written to Node's response, as on Express: Fastify must not send the reply again, and the headers it held
      // (its getHeaders() includes the response's own, left as they are) go out unless the plan abandons them.
      reply.hijack()
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined && !res.hasHeader(name) && !plan.remove.includes(name)) res.setHeader(name, value)
      }
    }
    writePlan(raw, res, plan)
    this.#log(exception, plan.error, plan.id)
  }

  #log(thrown: unknown, error: HttpError, id: string | undefined): void {
    if (!shouldLog(error, this.#resolved)) return
    try {
      const message = thrown instanceof Error ? thrown.message : error.message
      // The request id goes first, in brackets, so that grep finds every line of one request.
      this.#logger.error(id === undefined ? message : `[${id}] ${message}`, stackForLog(thrown, error))
    } catch {
      // Ignored: the response is on its way.
    }
  }
}

// --- internal ---

/** The parts of Fastify's reply used here. */
interface FastifyReplyLike {
  readonly raw: ServerResponse
  getHeaders(): Record<string, number | string | string[] | undefined>
  hijack(): unknown
}

function isFastifyReply(reply: ServerResponse | FastifyReplyLike): reply is FastifyReplyLike {
  return 'raw' in reply && typeof (reply as FastifyReplyLike).hijack === 'function'
}

/** True for the NotFoundException Nest's router throws when no route matched (its message names the request). */
function isUnmatched(exception: unknown, view: RequestView): boolean {
  if (exception === null || typeof exception !== 'object') return false
  const { getStatus, getResponse } = exception as { getStatus?: unknown; getResponse?: unknown }
  if (typeof getStatus !== 'function' || typeof getResponse !== 'function') return false
  try {
    if (getStatus.call(exception) !== 404) return false
    const response = getResponse.call(exception) as { message?: unknown } | null
    return response?.message === `Cannot ${view.method} ${view.path}`
  } catch {
    return false
  }
}
