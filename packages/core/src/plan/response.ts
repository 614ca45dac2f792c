import type { ResolvedOptions } from '../options/options'
import { planResponse } from './plan'
import type { ExistingHeaders, RequestView } from '../negotiate/request'

/**
 * Builds a fetch `Response` for any thrown value from the same plan the Node adapters write, for runtimes built
 * on `Request`/`Response` (Hono, Bun, Deno, Cloudflare Workers, Next.js route handlers).
 *
 * @example
 * export default { fetch: (req) => handle(req).catch((err) => toResponse(err, req, options)) }
 */
export function toResponse(thrown: unknown, request: Request, options?: ResolvedOptions<Request>): Response {
  const plan = planResponse(thrown, toRequestView(request), options, request)
  return new Response(plan.body === '' ? null : plan.body, { status: plan.status, statusText: plan.statusText, headers: plan.headers })
}

/**
 * The request view of a fetch `Request` (method, path without the query, headers), with the response headers set
 * before the error when the runtime has them; fetch adapters pass it to `planResponse`.
 *
 * @example
 * const plan = planResponse(error, toRequestView(c.req.raw, earlierHeaders), options)
 */
export function toRequestView(request: Request, responseHeaders?: ExistingHeaders): RequestView {
  return { method: request.method, path: pathname(request.url), headers: request.headers, responseHeaders }
}

// --- internal ---

function pathname(url: string): string | undefined {
  try {
    return new URL(url).pathname
  } catch {
    return undefined
  }
}
