import {
  NotFound,
  planResponse,
  resolveOptions,
  shouldLog,
  toRequestView,
  type ProblemOptions,
  type ResolvedOptions,
  type ResponsePlan,
} from '@http-problem/core'

/** A fetch handler: a function from a `Request` to a `Response` (Bun, Deno, Cloudflare Workers, Next.js). */
export type FetchHandler<Args extends unknown[] = []> = (request: Request, ...args: Args) => Response | Promise<Response>

/** The part of a Hono `Context` the handlers read (Hono 4). */
export interface HonoContext {
  readonly req: { readonly raw: Request }
  /** The response so far: headers set with `c.header()` or by middleware before the error. */
  readonly res: Response
  /** The runtime's bindings; on `@hono/node-server`, `incoming` is the Node request, which tells the HTTP version. */
  readonly env?: unknown
}

/**
 * Hono's `app.onError` handler: answers every error with an RFC 9457 problem response. Options are resolved once.
 * Headers set earlier (CORS, cookies) survive and the abandoned response's representation headers do not, as in
 * every other adapter (docs/headers.md). An unexpected error (status 500 and above) is passed to `console.error`, as
 * Hono's own handler does; `log: false` turns that off.
 *
 * @example
 * app.onError(errorHandler())
 * app.notFound(notFound())
 */
export function errorHandler<Context extends HonoContext = HonoContext>(
  options?: ProblemOptions<Context>,
): (error: unknown, c: Context) => Response {
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
export function notFound<Context extends HonoContext = HonoContext>(options?: ProblemOptions<Context>): (c: Context) => Response {
  const resolved = resolveOptions(options)
  return function problemNotFound(c) {
    return respond(NotFound.expected(), c, resolved)
  }
}

/**
 * Wraps a plain fetch handler so that whatever it throws or rejects with becomes a problem response. On
 * `@hono/node-server` the second argument (its bindings) tells the HTTP version, so an HTTP/2 response carries no
 * connection-specific header. An unexpected error (status 500 and above) is passed to `console.error`; `log: false`
 * turns that off.
 *
 * @example
 * export default { fetch: withProblems(async (request) => { throw new NotFound() }) }
 */
export function withProblems<Args extends unknown[]>(
  handler: FetchHandler<Args>,
  options?: ProblemOptions<Request>,
): FetchHandler<Args> {
  const resolved = resolveOptions(options)
  return async function problemFetch(request, ...args) {
    try {
      return await handler(request, ...args)
    } catch (error) {
      const plan = planResponse(error, { ...toRequestView(request), httpVersion: httpVersionOf(args[0]) }, resolved, request)
      logError(error, plan, resolved)
      return responseOf(plan, plan.headers)
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
function respond<Context extends HonoContext>(error: unknown, c: Context, resolved: ResolvedOptions<Context>): Response {
  const request = c.req.raw
  const previous = readPrevious(c)
  const view = { ...toRequestView(request, previous?.headers), httpVersion: httpVersionOf(readEnv(c)) }
  const plan = planResponse(error, view, resolved, c)
  logError(error, plan, resolved)
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
  return responseOf(plan, surviving.length === 0 ? plan.headers : [...surviving, ...Object.entries(plan.headers)])
}

/**
 * Logs an unexpected error as Hono's default handler does, `console.error(err)`, after the request id in brackets
 * when there is one. A failing console is ignored.
 */
function logError<Request>(error: unknown, plan: ResponsePlan, resolved: ResolvedOptions<Request>): void {
  if (!shouldLog(plan.error, resolved)) return
  try {
    if (plan.id === undefined) console.error(error)
    else console.error(`[${plan.id}]`, error)
  } catch {
    // Ignored: the response is on its way.
  }
}

function responseOf(plan: ResponsePlan, headers: HeadersInit): Response {
  return new Response(plan.body === '' ? null : plan.body, { status: plan.status, statusText: plan.statusText, headers })
}

/**
 * The HTTP version a fetch `Request` does not tell: `@hono/node-server` passes the Node request as `incoming` in
 * its bindings (HTTP/2 when served by `node:http2`). Elsewhere it is unknown, and HTTP/1.1 is assumed.
 */
function httpVersionOf(env: unknown): string | undefined {
  try {
    const incoming = env !== null && typeof env === 'object' ? (env as { incoming?: unknown }).incoming : undefined
    const version = incoming !== null && typeof incoming === 'object' ? (incoming as { httpVersion?: unknown }).httpVersion : undefined
    return typeof version === 'string' ? version : undefined
  } catch {
    return undefined
  }
}

function readEnv(c: HonoContext): unknown {
  try {
    return c.env
  } catch {
    return undefined
  }
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
