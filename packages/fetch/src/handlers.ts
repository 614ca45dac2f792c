import { NotFound, resolveOptions, toResponse, type ProblemOptions } from '@http-problem/core'

/** A fetch handler: a function from a `Request` to a `Response` (Bun, Deno, Cloudflare Workers, Next.js). */
export type FetchHandler<Args extends unknown[] = []> = (request: Request, ...args: Args) => Response | Promise<Response>

/** The part of a Hono `Context` the handlers read (Hono 4). */
export interface HonoContext {
  readonly req: { readonly raw: Request }
}

/**
 * Hono's `app.onError` handler: answers every error with an RFC 9457 problem response. Options are resolved once.
 *
 * @example
 * app.onError(errorHandler())
 * app.notFound(notFound())
 */
export function errorHandler(options?: ProblemOptions): (error: unknown, c: HonoContext) => Response {
  const resolved = resolveOptions(options)
  return function problemOnError(error, c) {
    return toResponse(error, c.req.raw, resolved)
  }
}

/**
 * Hono's `app.notFound` handler: a 404 problem response for requests no route matched, with the same options as
 * the error handler would use.
 *
 * @example
 * app.notFound(notFound())
 */
export function notFound(options?: ProblemOptions): (c: HonoContext) => Response {
  const resolved = resolveOptions(options)
  return function problemNotFound(c) {
    return toResponse(NotFound.expected(), c.req.raw, resolved)
  }
}

/**
 * Wraps a plain fetch handler so that whatever it throws or rejects with becomes a problem response.
 *
 * @example
 * export default { fetch: withProblems(async (request) => { throw new NotFound() }) }
 */
export function withProblems<Args extends unknown[]>(handler: FetchHandler<Args>, options?: ProblemOptions): FetchHandler<Args> {
  const resolved = resolveOptions(options)
  return async function problemFetch(request, ...args) {
    try {
      return await handler(request, ...args)
    } catch (error) {
      return toResponse(error, request, resolved)
    }
  }
}
