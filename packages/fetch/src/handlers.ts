import { NotFound, planResponse, resolveOptions, toRequestView, toResponse, type ProblemOptions, type ResolvedOptions } from '@http-problem/core'

/** A fetch handler: a function from a `Request` to a `Response` (Bun, Deno, Cloudflare Workers, Next.js). */
export type FetchHandler<Args extends unknown[] = []> = (request: Request, ...args: Args) => Response | Promise<Response>

/** The part of a Hono `Context` the handlers read (Hono 4). */
export interface HonoContext {
  readonly req: { readonly raw: Request }
  /** The response so far: headers set with `c.header()` or by middleware before the error. */
  readonly res: Response
}

/**
 * Hono's `app.onError` handler: answers every error with an RFC 9457 problem response. Options are resolved once.
 * Headers set earlier (CORS, cookies) survive and the abandoned response's representation headers do not, as in
 * every other adapter (docs/headers.md).
 *
 * @example
 * app.onError(errorHandler())
 * app.notFound(notFound())
 */
export function errorHandler(options?: ProblemOptions): (error: unknown, c: HonoContext) => Response {
  const resolved = resolveOptions(options)
  return function problemOnError(error, c) {
    return respond(error, c, resolved)
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
    return respond(NotFound.expected(), c, resolved)
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

// --- internal ---

/**
 * The plan is made with the headers of the response Hono had (c.res) as the earlier ones, and the ones that survive
 * go on the response we return: when the route is the only handler, Hono returns it as it is. When middleware ran,
 * Hono also copies c.res's headers onto it, so the names the plan removes or sets are deleted from c.res first:
 * what it copies over is exactly what survives, again.
 */
function respond(error: unknown, c: HonoContext, resolved: ResolvedOptions): Response {
  const request = c.req.raw
  const previous = readPrevious(c)
  const plan = planResponse(error, toRequestView(request, previous?.headers), resolved)
  const replaced = new Set([...plan.remove, ...Object.keys(plan.headers)])
  const surviving: [string, string][] = []
  if (previous !== undefined) {
    for (const name of replaced) {
      try {
        previous.response.headers.delete(name)
      } catch {
        // Immutable headers (a Response from fetch()): Hono cannot copy them onto ours either way.
      }
    }
    for (const [name, value] of Object.entries(previous.headers)) {
      if (!replaced.has(name)) for (const item of typeof value === 'string' ? [value] : value) surviving.push([name, item])
    }
  }
  // A plain object when nothing survives: servers that write it as given (@hono/node-server) keep the plan's order.
  const headers = surviving.length === 0 ? plan.headers : [...surviving, ...Object.entries(plan.headers)]
  return new Response(plan.body === '' ? null : plan.body, { status: plan.status, statusText: plan.statusText, headers })
}

function readPrevious(c: HonoContext): { readonly response: Response; readonly headers: Record<string, string | string[]> } | undefined {
  try {
    const response = c.res
    const headers: Record<string, string | string[]> = {}
    for (const [name, value] of response.headers) headers[name] = value
    const cookies = response.headers.getSetCookie()
    if (cookies.length > 0) headers['set-cookie'] = cookies
    return { response, headers }
  } catch {
    return undefined
  }
}
