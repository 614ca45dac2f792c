import { InternalServerError, MethodNotAllowed, NotFound, Unauthorized, nodeDefaults } from '@http-problem/core'
import { withProblems, type FetchHandler } from '@http-problem/fetch'
import { checkPerson, JSON_LIMIT, parsePerson, tooLarge } from './people'

/**
 * The same API without a framework: one fetch handler, for Bun, Deno, Cloudflare Workers or a Next.js route
 * handler. `withProblems()` turns whatever it throws or rejects with into a problem response. `worker.ts` shows the
 * deployable shape; the tests serve it with @hono/node-server next to the Hono app.
 */
export function createFetchHandler(): FetchHandler {
  // What the Node examples offer (every format, Chinese); without it the handler renders JSON in English (the smallest bundle).
  return withProblems(route, { ...nodeDefaults, instanceFromPath: true })
}

// --- internal ---

async function route(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url)
  const method = request.method === 'HEAD' ? 'GET' : request.method
  const user = /^\/users\/([^/]+)$/.exec(pathname)

  if (pathname === '/' && method === 'GET') {
    return json(request, 200, { routes: ['GET /users/1', 'GET /users/42', 'GET /me', 'DELETE /reports/1', 'POST /people', 'GET /boom'] })
  }
  if (user !== null && method === 'GET') {
    const id = decode(user[1] ?? '')
    if (id !== '1') throw new NotFound(`No user with id ${id}`)
    return json(request, 200, { id: 1, name: 'Ada' })
  }
  if (pathname === '/me' && method === 'GET') {
    if (request.headers.get('authorization') !== 'Bearer demo') {
      throw new Unauthorized('Send "Authorization: Bearer demo".', {
        challenge: { scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } },
      })
    }
    return json(request, 200, { id: 1, name: 'Ada' })
  }
  if (pathname === '/reports/1') {
    if (method !== 'GET') throw new MethodNotAllowed('Reports are read-only.', { allow: ['GET', 'HEAD'] })
    return json(request, 200, { id: 1, title: 'Quarterly numbers' })
  }
  if (pathname === '/people' && method === 'POST') {
    const person = parsePerson(request.headers.get('content-type'), await readText(request))
    checkPerson(person)
    return json(request, 201, person)
  }
  if (pathname === '/boom' && method === 'GET') {
    // A bug: the message must never reach the client (5xx errors are hidden unless exposed).
    throw new InternalServerError('connect ECONNREFUSED db.internal:5432 (user=app password=hunter2)')
  }
  throw new NotFound()
}

/** The body as text, refused with a 413 once it is over the limit (the declared length is checked first). */
async function readText(request: Request): Promise<string> {
  if (Number(request.headers.get('content-length') ?? 0) > JSON_LIMIT) throw tooLarge()
  const text = await request.text()
  if (new TextEncoder().encode(text).byteLength > JSON_LIMIT) throw tooLarge()
  return text
}

/** A path segment, percent-decoded; left as it is when it does not decode (as Hono's c.req.param() does). */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function json(request: Request, status: number, value: unknown): Response {
  const headers = { 'content-type': 'application/json' }
  return new Response(request.method === 'HEAD' ? null : JSON.stringify(value), { status, headers })
}
