// Server side of the HTTP benchmarks: every scenario file hands its request listener to `serve()`.
//
// The port comes from argv[2] (or PORT; 0 picks a free one) and the server listens on 127.0.0.1 only. Once it
// listens it prints `READY <port>`. It exits when the suite closes its stdin, so a crashed suite leaves no server
// behind, and after MAX_LIFETIME_MS in any case.
import { createServer } from 'node:http'

const MAX_LIFETIME_MS = 120_000

/** Starts a plain `node:http` server around `listener` (an Express app, a Koa callback or a bare function). */
export function serve(listener) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 0)
  const server = createServer(listener)
  server.listen(port, '127.0.0.1', () => process.stdout.write(`READY ${server.address().port}\n`))
  process.stdin.on('end', () => process.exit(0))
  process.stdin.resume()
  setTimeout(() => process.exit(0), MAX_LIFETIME_MS).unref()
}

/**
 * A one-route router for the Koa scenarios (Koa has none of its own): `GET /users/:id` calls `handler(ctx, id)`,
 * anything else falls through to the next middleware.
 */
export function koaRoute(handler) {
  return function route(ctx, next) {
    const match = ctx.method === 'GET' ? USER_PATH.exec(ctx.path) : null
    if (match === null) return next()
    return handler(ctx, match[1])
  }
}

// --- internal ---

const USER_PATH = /^\/users\/([^/]+)$/
