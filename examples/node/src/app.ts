import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  BadRequest,
  ContentTooLarge,
  InternalServerError,
  MethodNotAllowed,
  NotFound,
  Unauthorized,
  UnprocessableContent,
} from '@http-problem/core'
import { errorHandler, notFound, type Listener } from '@http-problem/node'

interface Person {
  readonly name?: unknown
  readonly age?: unknown
}

/** POST /people accepts up to 10 KiB of JSON, like `express.json({ limit: '10kb' })` in the Express example. */
const JSON_LIMIT = 10 * 1024

/** The example API, the same routes as examples/express; `server.ts` serves it, and the tests mount it. */
export function createApp(): (req: IncomingMessage, res: ServerResponse) => void {
  return errorHandler(route, { instanceFromPath: true })
}

// --- internal ---

/** A minimal router: a path and a method per branch, and `notFound()` for everything else. */
const route: Listener = async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  // HEAD is answered like GET; Node leaves the body out.
  const method = req.method === 'HEAD' ? 'GET' : req.method
  const user = /^\/users\/([^/]+)$/.exec(pathname)

  if (pathname === '/' && method === 'GET') {
    return json(res, 200, { routes: ['GET /users/1', 'GET /users/42', 'GET /me', 'DELETE /reports/1', 'POST /people', 'GET /boom'] })
  }
  if (user !== null && method === 'GET') {
    const id = decode(user[1] ?? '')
    if (id !== '1') throw new NotFound(`No user with id ${id}`)
    return json(res, 200, { id: 1, name: 'Ada' })
  }
  if (pathname === '/me' && method === 'GET') {
    if (req.headers.authorization !== 'Bearer demo') {
      throw new Unauthorized('Send "Authorization: Bearer demo".', {
        challenge: { scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } },
      })
    }
    return json(res, 200, { id: 1, name: 'Ada' })
  }
  if (pathname === '/reports/1') {
    if (method !== 'GET') throw new MethodNotAllowed('Reports are read-only.', { allow: ['GET', 'HEAD'] })
    return json(res, 200, { id: 1, title: 'Quarterly numbers' })
  }
  if (pathname === '/people' && method === 'POST') {
    const person = await readPerson(req)
    const errors: { detail: string; pointer: string }[] = []
    if (typeof person.name !== 'string' || person.name === '') errors.push({ detail: 'must be a non-empty string', pointer: '#/name' })
    if (!Number.isInteger(person.age) || (person.age as number) < 0) errors.push({ detail: 'must be a positive integer', pointer: '#/age' })
    if (errors.length > 0) {
      throw new UnprocessableContent({ type: 'https://example.com/probs/validation-error', title: 'Your request is not valid.', extensions: { errors } })
    }
    return json(res, 201, person)
  }
  if (pathname === '/boom' && method === 'GET') {
    // A bug: the message must never reach the client (5xx errors are hidden unless exposed).
    throw new InternalServerError('connect ECONNREFUSED db.internal:5432 (user=app password=hunter2)')
  }
  return notFound()(req, res)
}

/**
 * Reads a person the way `express.json()` does: only `application/json` is parsed (anything else reads as no body),
 * an empty body is `{}`, only an object or array may be at the top, and more than 10 KiB is a 413. Malformed JSON
 * is a 400 whose detail never quotes the body.
 */
async function readPerson(req: IncomingMessage): Promise<Person> {
  if (req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') return {}
  const tooLarge = new ContentTooLarge('The request body is larger than this server accepts.')
  if (Number(req.headers['content-length'] ?? 0) > JSON_LIMIT) throw tooLarge
  const text = await readText(req, JSON_LIMIT)
  if (text === undefined) throw tooLarge
  if (text === '') return {}
  const unparsable = new BadRequest('The request body could not be parsed.')
  if (!/^[\t\n\r ]*[[{]/.test(text)) throw unparsable
  try {
    return JSON.parse(text) as Person
  } catch {
    throw unparsable
  }
}

/** The body as UTF-8 text, or undefined once it grows past `limit` (the rest is read and dropped, not kept). */
function readText(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** A path segment, percent-decoded; left as it is when it does not decode. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.setHeader('content-length', Buffer.byteLength(body))
  res.end(body)
}
