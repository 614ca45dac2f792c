// What an error response never carries, checked over a raw socket against every adapter: the query string and
// fragment never reach `instance`, request headers and paths with script or CR/LF payloads are never echoed (a
// well-formed trace id is the one exception), an unmatched path is not repeated, and a 5xx shows no message, stack,
// cause or parser input with the default options. Also the bounds on the headers and debug output an error adds.
// A raw socket, not an HTTP client, so that the request bytes are exactly the hostile ones (clients refuse or
// re-encode some of them) and the whole response is seen as sent. docs/security.md lists these guarantees.
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BadRequest,
  Forbidden,
  InternalServerError,
  NotFound,
  planResponse,
  resolveOptions,
  type ProblemOptions,
} from '@http-problem/core'
import { adapters as frameworkAdapters, type AdapterUnderTest } from '../support/adapters'
import { nestAdapters } from '../support/nest-adapters'

/** Every adapter, and Nest's filter on both of Nest's platforms. */
const adapters = [...frameworkAdapters, ...nestAdapters]

/** One response as it came off the socket. */
interface RawResponse {
  readonly status: number
  /** Header names in lower case, with their values, in wire order. */
  readonly headers: readonly (readonly [string, string])[]
  readonly body: string
  /** Status line, headers and body, every byte as one latin1 character. */
  readonly raw: string
}

/** The marker every hostile input carries; it must never come back. */
const MARKER = 'pwn3d'
const SECRET = 'hunter2'
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'

const ACCEPTS = [
  undefined,
  'application/json',
  'application/problem+xml',
  'text/plain',
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
] as const

/** Every header an error response may carry here; anything else would have come from somewhere unexpected. */
const EXPECTED_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-language',
  'vary',
  'cache-control',
  'x-content-type-options',
  'content-security-policy',
  'date',
  'connection',
])

// Header values sent raw: UTF-8 bytes on the wire, which Node reads as latin1. '\u560d\u560a' ends in the bytes of
// CR and LF when a server truncates characters to bytes (the old Node header-splitting bug).
const hostileRequests: readonly { readonly label: string; readonly target: string; readonly headers: Record<string, string> }[] = [
  { label: 'a script in Accept', target: '/orders/7', headers: { accept: `text/html;q=0.9, <script>${MARKER}()</script>` } },
  { label: 'a parameter payload in Accept', target: '/orders/7', headers: { accept: `text/plain; charset="<script>${MARKER}</script>"` } },
  { label: 'a type payload in Accept', target: '/orders/7', headers: { accept: `application/problem+xml, ${MARKER}/<svg onload=1>` } },
  { label: 'a script in Accept-Language', target: '/orders/7', headers: { 'accept-language': `zh-CN, <script>${MARKER}</script>;q=0.9` } },
  { label: 'encoded CR LF in Accept-Language', target: '/orders/7', headers: { 'accept-language': `${MARKER}%0d%0aSet-Cookie:%20a=1` } },
  { label: 'wide CR LF in Accept-Language', target: '/orders/7', headers: { 'accept-language': `en\u560d\u560aSet-Cookie: ${MARKER}=1` } },
  { label: 'a script in X-Request-Id', target: '/orders/7', headers: { 'x-request-id': `<script>${MARKER}</script>` } },
  { label: 'an attribute breakout in X-Request-Id', target: '/orders/7', headers: { 'x-request-id': `${MARKER}"><svg onload=1>` } },
  { label: 'encoded CR LF in X-Request-Id', target: '/orders/7', headers: { 'x-request-id': `${MARKER}%0D%0ASet-Cookie:a=1` } },
  { label: 'wide CR LF in X-Request-Id', target: '/orders/7', headers: { 'x-request-id': `${MARKER}\u560d\u560aSet-Cookie: a=1` } },
  { label: 'a script in traceparent', target: '/orders/7', headers: { traceparent: `00-<script>${MARKER}</script>-00f067aa0ba902b7-01` } },
  {
    label: 'trailing data after a version-00 traceparent',
    target: '/orders/7',
    headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01-<script>${MARKER}</script>` },
  },
  { label: 'a script in the path', target: `/orders/<script>${MARKER}</script>`, headers: {} },
  { label: 'an encoded script in the path', target: `/orders/%3Cscript%3E${MARKER}%3C%2Fscript%3E`, headers: {} },
  { label: 'a script in the query string', target: `/orders/7?q=<script>${MARKER}</script>`, headers: {} },
  { label: 'encoded CR LF in the path', target: `/orders/%0d%0aSet-Cookie:${MARKER}=1`, headers: {} },
  { label: 'a script in an unmatched path', target: `/unmatched/<svg/onload=${MARKER}>`, headers: {} },
]

describe.each(adapters)('$name', (adapter) => {
  let plain: Server
  let withPath: Server

  let own: Server

  beforeAll(async () => {
    plain = await start(adapter)
    withPath = await start(adapter, { instanceFromPath: true })
    own = await start(adapter, undefined, true)
  })
  afterAll(async () => {
    await plain?.close()
    await withPath?.close()
    await own?.close()
  })

  describe('with instanceFromPath: true', () => {
    it.each([
      ['/orders/7?token=secret#x', '/orders/7'],
      ['/orders/7#x?token=secret', '/orders/7'],
      ['/orders/7?token=secret&next=%2Forders%2F8', '/orders/7'],
      ['/orders/7?', '/orders/7'],
      ['/unmatched/7?token=secret#x', '/unmatched/7'],
    ])('fills instance for %s from the path alone', async (target, instance) => {
      for (const accept of ACCEPTS) {
        const res = await send(withPath.port, target, accept === undefined ? {} : { accept })
        expect(res.status).toBe(404)
        expect(res.raw).not.toMatch(/secret|token|#x/)
        if (accept === undefined) expect(JSON.parse(res.body)).toMatchObject({ instance })
        // The HTML page shows no instance at all; every other format carries it.
        else if (!accept.startsWith('text/html')) expect(res.body).toContain(instance)
      }
    })

    it('leaves instance out for a path that is not made of URI characters', async () => {
      const res = await send(withPath.port, `/orders/<script>${MARKER}</script>?token=secret`, {})
      // A fetch Request's URL is a WHATWG URL, which percent-encodes the path before Hono (and the handler) see it.
      const instance = adapter.name.startsWith('hono') ? { instance: `/orders/%3Cscript%3E${MARKER}%3C/script%3E` } : {}
      expect(JSON.parse(res.body)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such order', ...instance })
    })
  })

  describe('with the default options', () => {
    it.each(hostileRequests)('echoes nothing of $label, in any media type', async ({ target, headers }) => {
      for (const accept of ACCEPTS) {
        const res = await send(plain.port, target, accept === undefined || 'accept' in headers ? headers : { ...headers, accept })
        expect(res.status).toBe(404)
        expectNothingEchoed(res)
      }
    })

    it.each([
      ['traceparent', `00-${TRACE_ID}-00f067aa0ba902b7-01`, TRACE_ID],
      ['x-request-id', 'req-7f3a.b_c:d', 'req-7f3a.b_c:d'],
    ])('sends the id of a well-formed %s as traceId, in the body only', async (name, value, traceId) => {
      const res = await send(plain.port, '/orders/7', { [name]: value })
      expect(JSON.parse(res.body)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such order', traceId })
      for (const [, headerValue] of res.headers) expect(headerValue).not.toContain(traceId)
    })

    it('answers an unmatched path with a 404 that does not repeat the path or query', async () => {
      for (const accept of ACCEPTS) {
        const res = await send(plain.port, `/unmatched/orders-${MARKER}?q=${MARKER}`, accept === undefined ? {} : { accept })
        expect(res.status).toBe(404)
        expectNothingEchoed(res)
        expect(res.raw).not.toContain('unmatched')
        if (accept === undefined) expect(res.body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
      }
    })

    it.each([
      ['/crash', 500, 'a plain Error'],
      ['/hidden', 500, 'an InternalServerError with detail, extensions and cause'],
      ['/foreign', 503, 'an unexposed foreign error'],
      ['/thrown-string', 500, 'a thrown string'],
    ])('never shows the message, stack or cause of %s (%s)', async (target, status) => {
      for (const accept of ACCEPTS) {
        const res = await send(plain.port, target, accept === undefined ? {} : { accept })
        expect(res.status).toBe(status)
        expect(res.raw).not.toContain(SECRET)
        // No stack frame ("at fn (file:line:col)"), file path or error name from a stack's first line.
        expect(res.raw).not.toMatch(/\bat \S.*:\d+:\d+|security\.test|node_modules|node:internal|Error:/)
        expect(res.headers.map(([name]) => name).every((name) => EXPECTED_HEADERS.has(name))).toBe(true)
        if (accept === undefined) {
          const title = status === 500 ? 'Internal Server Error' : 'Service Unavailable'
          expect(res.body).toBe(JSON.stringify({ type: 'about:blank', title, status }))
        }
      }
    })

    it.each(['/parser', '/co-body'])('never quotes the request body from a parser error (%s)', async (target) => {
      for (const accept of ACCEPTS) {
        const res = await send(plain.port, target, accept === undefined ? {} : { accept })
        expect(res.status).toBe(400)
        expect(res.raw).not.toContain(SECRET)
        if (accept === undefined) expect(JSON.parse(res.body)).toMatchObject({ status: 400, detail: 'The request body could not be parsed.' })
      }
    })

    // Each adapter with its own defaults: the fetch adapter has no Node framework rules, so no fixed sentence to send,
    // but the generic rules still never send a body parser's or a router's message. Fastify's request errors and
    // co-body's encoding error only ever reach a Node adapter, which always applies the Node framework rules.
    const quoting: [string, number, boolean][] = [
      ['/parser', 400, false],
      ['/co-body', 400, false],
      ['/uri', 400, false],
      ['/fastify-body', 400, true],
      ['/encoding', 415, true],
    ]
    const ownCases = quoting.filter(([, , nodeOnly]) => !nodeOnly || !adapter.name.startsWith('hono'))
    it.each(ownCases)('never quotes the request from %s with its own defaults either', async (target, status) => {
      for (const accept of ACCEPTS) {
        const res = await send(own.port, target, accept === undefined ? {} : { accept })
        expect(res.status).toBe(status)
        expect(res.raw).not.toContain(SECRET)
        if (accept === undefined) {
          const detail = (JSON.parse(res.body) as { detail?: string }).detail
          if (adapter.name.startsWith('hono')) expect(detail).toBeUndefined()
          else expect(detail).toMatch(/^The (request|content encoding of the request) /)
        }
      }
    })

    it('drops an error header that was changed to carry CR LF after construction', async () => {
      const res = await send(plain.port, '/mutated-headers', {})
      expect(res.status).toBe(403)
      expect(res.headers.map(([name]) => name)).not.toContain('x-note')
      expectNothingEchoed(res)
    })
  })
})

describe('bounds on what an error can add', () => {
  it("copies at most 64 of an error's own headers", () => {
    const headers = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x-extra-${i}`, String(i)]))
    const plan = planResponse(new BadRequest({ headers }), { method: 'GET' })
    expect(Object.keys(plan.headers).filter((name) => name.startsWith('x-extra-'))).toHaveLength(64)
  })

  it('sends at most 50 stack lines per error with debug: true', () => {
    const error = new InternalServerError('deep')
    error.stack = ['InternalServerError: deep', ...Array.from({ length: 200 }, (_, i) => `    at frame${i} (app.js:${i}:1)`)].join('\n')
    const body = JSON.parse(planResponse(error, { method: 'GET' }, resolveOptions({ debug: true })).body) as {
      debug: { errors: { stack: string[] }[] }
    }
    expect(body.debug.errors[0]?.stack).toHaveLength(50)
  })
})

// --- internal ---

interface Server {
  readonly port: number
  close(): Promise<void>
}

/** The route: paths name the error thrown; everything under /orders/ is a 404 with a detail. */
function thrown(path: string): unknown {
  switch (path) {
    case '/crash':
      return new Error(`connect ECONNREFUSED db.internal:5432 password=${SECRET}`)
    case '/hidden':
      return new InternalServerError(`SELECT * FROM users WHERE token='${SECRET}'`, {
        extensions: { query: SECRET },
        cause: new Error(`${SECRET} in the cause`),
      })
    case '/foreign':
      return Object.assign(new Error(`upstream said ${SECRET}`), { status: 503, expose: false })
    case '/thrown-string':
      return `${SECRET} as a string`
    case '/parser':
      // body-parser's shape: its message quotes the start of the body, and `body` holds all of it.
      return Object.assign(new SyntaxError(`Unexpected token 'p', "password=${SECRET}" is not valid JSON`), {
        status: 400,
        statusCode: 400,
        expose: true,
        type: 'entity.parse.failed',
        body: `password=${SECRET}`,
      })
    case '/co-body':
      // co-body (Koa) rethrows JSON.parse's own SyntaxError with a status.
      return Object.assign(new SyntaxError(`Unexpected token 'p', "password=${SECRET}" is not valid JSON`), { status: 400 })
    case '/uri':
      // Express's router rethrows decodeURIComponent's URIError with a 400 and the raw parameter in its message.
      return Object.assign(new URIError(`Failed to decode param '%E0%A4%A${SECRET}'`), { status: 400, statusCode: 400, expose: true })
    case '/fastify-body':
      // Fastify's request errors quote the URL or the body in their message.
      return Object.assign(new Error(`Body is not valid JSON but content-type is set to 'application/json': ${SECRET}`), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      })
    case '/encoding':
      // co-body's inflation step quotes the request's Content-Encoding.
      return Object.assign(new Error(`Unsupported Content-Encoding: ${SECRET}`), { status: 415, expose: true })
    case '/mutated-headers': {
      const error = new Forbidden()
      error.headers['x-note'] = `a\r\nSet-Cookie: ${MARKER}=1`
      return error
    }
    default:
      return path.startsWith('/orders/') ? new NotFound('No such order') : new BadRequest('Bad input')
  }
}

async function start(adapter: AdapterUnderTest, options?: ProblemOptions, ownDefaults = false): Promise<Server> {
  const server = http.createServer(adapter.mount({ thrown, options, ownDefaults }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Sends one GET with exactly these bytes and reads the response until the server closes the connection. */
function send(port: number, target: string, headers: Readonly<Record<string, string>>): Promise<RawResponse> {
  const lines = [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1']
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
  lines.push('Connection: close', '', '')
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks)
      const split = bytes.indexOf('\r\n\r\n')
      if (split === -1) return reject(new Error(`no complete response for ${target}: ${bytes.toString('latin1')}`))
      const [statusLine = '', ...headerLines] = bytes.subarray(0, split).toString('latin1').split('\r\n')
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers: headerLines.map((line) => {
          const colon = line.indexOf(':')
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const
        }),
        body: bytes.subarray(split + 4).toString('utf8'),
        raw: bytes.toString('latin1'),
      })
    })
    socket.write(Buffer.from(lines.join('\r\n'), 'utf8'))
  })
}

/** Nothing of the hostile request came back: no marker, no markup, no cookie, no header we did not plan. */
function expectNothingEchoed(res: RawResponse): void {
  // Answered by the handler, not refused by Node's parser (which would echo nothing either).
  expect(res.headers).toContainEqual(['x-content-type-options', 'nosniff'])
  expect(res.raw.toLowerCase()).not.toContain(MARKER)
  expect(res.raw).not.toMatch(/<script|<svg|onload/i)
  for (const [name, value] of res.headers) {
    expect(EXPECTED_HEADERS.has(name), `unexpected header ${name}: ${value}`).toBe(true)
  }
}
