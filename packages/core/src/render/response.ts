import type { ResolvedOptions } from './options'
import { planResponse } from './plan'

/**
 * Builds a fetch `Response` for any thrown value from the same plan the Node adapters write, for runtimes built
 * on `Request`/`Response` (Hono, Bun, Deno, Cloudflare Workers, Next.js route handlers).
 *
 * @example
 * export default { fetch: (req) => handle(req).catch((err) => toResponse(err, req, options)) }
 */
export function toResponse(thrown: unknown, request: Request, options?: ResolvedOptions): Response {
  const plan = planResponse(thrown, { method: request.method, path: pathname(request.url), headers: request.headers }, options)
  return new Response(plan.body === '' ? null : plan.body, { status: plan.status, headers: plan.headers })
}

// --- internal ---

function pathname(url: string): string | undefined {
  try {
    return new URL(url).pathname
  } catch {
    return undefined
  }
}
