// Hostile input, round two (issue 17): triggers that reach the adapters rather than the renderer, each over a real
// socket on every adapter it concerns. HTTP/2 responses carry no connection-specific header, whatever the error or
// earlier middleware put there (#1); a Trailer set before the error goes with the abandoned body (#3); wrapAsync()
// hands a falsy throw to the error handler instead of the next route (#5); Express's undecodable path parameter is
// answered with a fixed sentence (#10). Each test then checks that the server answers the next request. Faults
// around a response that had already ended (#6) and a client that aborts a stream (#11) are in faults.test.ts.
import http, { type RequestListener } from 'node:http'
import http2 from 'node:http2'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import Fastify from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import {
  NotFound,
  planResponse,
  resolveOptions,
  UpgradeRequired,
  type ExistingHeaders,
  type HttpError,
  type RequestView,
  type ResponsePlan,
} from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import * as fastifyAdapter from '@http-problem/fastify'
import { adapters as frameworkAdapters, type AppSetup } from '../support/adapters'
import { NODE_DEFAULTS } from '../support/node-defaults'
import { nestAdapters } from '../support/nest-adapters'
import { failOnEscapes } from '../support/escapes'
import { getWhole, type Received } from '../support/wire'

/** The options every adapter here renders with (the Node adapters' defaults), to plan the expected response. */
const NODE_OPTIONS = resolveOptions({}, NODE_DEFAULTS)

/** Every adapter, and Nest's filter on both of Nest's platforms. */
const adapters = [...frameworkAdapters, ...nestAdapters]

const require = createRequire(import.meta.url)
type ExpressModule = typeof import('express')
const expressVersions: ReadonlyArray<readonly [string, ExpressModule]> = [
  ['express 4', require('express4') as ExpressModule],
  ['express 5', require('express5') as ExpressModule],
]

/** RFC 9113 §8.2.2: none of these may appear in an HTTP/2 response (Node throws on all but Connection and TE). */
const CONNECTION_SPECIFIC = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'http2-settings']
const NOT_FOUND_BODY = '{"type":"about:blank","title":"Not Found","status":404}'
const HIDDEN_500_BODY = '{"type":"about:blank","title":"Internal Server Error","status":500}'

// --- nothing may escape: the HTTP/2 crash was an uncaught ERR_HTTP2_INVALID_CONNECTION_HEADERS ---

failOnEscapes(20)

// --- #1: HTTP/2 ---

/** What the routes throw over HTTP/2, by path. */
const h2Thrown: Readonly<Record<string, () => unknown>> = {
  // RFC 9110 §15.5.22's example: a 426 whose Upgrade (and Connection: upgrade) HTTP/2 forbids.
  '/upgrade': () => new UpgradeRequired('Use HTTP/3.', { upgrade: ['HTTP/3.0'] }),
  // A foreign error (http-errors shape) carrying every connection-specific field, and one that may go out.
  '/foreign': () =>
    Object.assign(new Error('upstream said no'), {
      status: 503,
      headers: {
        'Keep-Alive': 'timeout=5',
        'Proxy-Connection': 'keep-alive',
        Upgrade: 'h2c',
        'Transfer-Encoding': 'chunked',
        TE: 'trailers',
        Connection: 'close',
        'HTTP2-Settings': 'AAMAAABkAAQAAP__',
        'Retry-After': '5',
      },
    }),
  // The same as a plain object: Hono rethrows a non-Error out of app.fetch, where withProblems() answers it.
  '/foreign-object': () => ({
    status: 429,
    headers: { 'Keep-Alive': 'timeout=5', 'Proxy-Connection': 'keep-alive', Upgrade: 'h2c', 'HTTP2-Settings': 'AAMAAABkAAQAAP__', 'Retry-After': '5' },
  }),
  // Middleware set connection-specific fields (and a Trailer) before the route threw.
  '/earlier': () => new NotFound('No such order.'),
}

/** Headers "earlier middleware" sets on /earlier, as it would over HTTP/1.1. */
const EARLIER: Readonly<Record<string, string>> = {
  'Keep-Alive': 'timeout=5',
  'Proxy-Connection': 'keep-alive',
  Upgrade: 'h2c',
  Trailer: 'x-checksum',
  'Access-Control-Allow-Origin': 'https://app.example',
}

describe.each(adapters.filter((adapter) => adapter.http2))('$name over HTTP/2', (adapter) => {
  const setup: AppSetup = {
    thrown: (path) => (h2Thrown[path] ?? (() => new Error(`no route ${path}`)))(),
    before: (res) => {
      if (res.req.url === '/earlier') for (const [name, value] of Object.entries(EARLIER)) res.setHeader(name, value)
    },
  }

  it.each(Object.keys(h2Thrown))('answers %s without connection-specific headers, and keeps serving', async (path) => {
    const server = await serveH2(adapter.mount(setup))
    const res = await server.get(path)
    const before = path === '/earlier' ? lowerCase(EARLIER) : {}
    const plan = planResponse((h2Thrown[path] as () => unknown)(), { method: 'GET', path, headers: {}, responseHeaders: before, httpVersion: '2.0' }, NODE_OPTIONS)
    expect(res.status).toBe(plan.status)
    expect(Object.keys(res.headers).filter((name) => CONNECTION_SPECIFIC.includes(name) || name === 'trailer')).toEqual([])
    expectHeaders(res.headers, plan, before)
    expect(res.body.toString('utf8')).toBe(plan.body)
    // The same session, then a new one: the server is alive.
    await server.expectServing()
    await (await server.reconnect()).expectServing()
  })
})

describe('Fastify with http2: true', () => {
  it('answers a 426 without Upgrade or Connection, and keeps serving', async () => {
    const app = Fastify({ http2: true })
    app.setErrorHandler(fastifyAdapter.errorHandler())
    app.setNotFoundHandler(fastifyAdapter.notFound())
    app.get('/upgrade', async () => {
      throw (h2Thrown['/upgrade'] as () => unknown)()
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    closers.push(() => app.close())
    const client = connectH2((app.server.address() as AddressInfo).port)
    const res = await client.get('/upgrade')
    const plan = planResponse((h2Thrown['/upgrade'] as () => unknown)(), { method: 'GET', headers: {}, httpVersion: '2.0' }, NODE_OPTIONS)
    expect(res.status).toBe(426)
    expectHeaders(res.headers, plan, {})
    expect(res.body.toString('utf8')).toBe(plan.body)
    await client.expectServing()
  })
})

// --- #3: a Trailer set before the error ---

describe.each(adapters)('$name with a Trailer set before the error', (adapter) => {
  it.each([false, true])('answers the planned problem without the Trailer field (async: %s), and keeps serving', async (async) => {
    const before = { Trailer: 'x-checksum', 'Access-Control-Allow-Origin': 'https://app.example' }
    const reports: HttpError[] = []
    const setup: AppSetup = {
      thrown: () => new NotFound('No such file.'),
      before: (res) => {
        if (res.req.url?.startsWith('/files') === true) for (const [name, value] of Object.entries(before)) res.setHeader(name, value)
      },
      async,
      options: { onError: (error) => void reports.push(error) },
    }
    const port = await serve(adapter.mount(setup))
    const res = await get(port, '/files/1')
    const plan = planResponse(new NotFound('No such file.'), view('/files/1', lowerCase(before)), NODE_OPTIONS)
    expect(res.status).toBe(404)
    expect(res.headers.trailer).toBeUndefined()
    expectHeaders(res.headers, plan, lowerCase(before))
    expect(res.body.toString('utf8')).toBe(plan.body)
    expect(reports.map((error) => error.status)).toEqual([404])
    await expectServing(port)
  })
})

describe.each(adapters)('$name with an error that carries its own Trailer', (adapter) => {
  it.each([false, true])('answers the planned problem without the Trailer field (async: %s), and keeps serving', async (async) => {
    // A foreign error (an upstream's headers copied onto it) announcing trailers the problem body never has.
    const thrown = (): unknown =>
      Object.assign(new Error('upstream failed'), { status: 400, expose: true, headers: { Trailer: 'x-checksum', 'Retry-After': '5' } })
    const setup: AppSetup = { thrown, async }
    const port = await serve(adapter.mount(setup))
    const res = await get(port, '/files/1')
    const plan = planResponse(thrown(), view('/files/1', {}), NODE_OPTIONS)
    expect(res.status).toBe(400)
    expect(plan.headers.trailer).toBeUndefined()
    expect(res.headers.trailer).toBeUndefined()
    expect(res.headers['retry-after']).toBe('5')
    expectHeaders(res.headers, plan, {})
    expect(res.body.toString('utf8')).toBe(plan.body)
    await expectServing(port)
  })
})

// --- #5: wrapAsync() and values Express's next() takes for "carry on" ---

/** Values that `next(value)` does not treat as an error: falsy ones continue the route, 'route' and 'router' skip. */
const passOvers: ReadonlyArray<readonly [string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['0', 0],
  ["''", ''],
  ['false', false],
  ["'route'", 'route'],
  ["'router'", 'router'],
]

describe.each(expressVersions)('%s wrapAsync() around a guard', (_, express) => {
  for (const how of ['throws', 'rejects with'] as const) {
    it.each(passOvers)(`answers a 500 when the guard ${how} %s, and never runs the route behind it`, async (_label, value) => {
      const reports: HttpError[] = []
      const app = express()
      app.disable('x-powered-by')
      const guard = expressAdapter.wrapAsync(() => {
        if (how === 'rejects with') return Promise.reject(value)
        throw value
      })
      app.get('/admin', guard, (_req, res) => void res.end('the admin page'))
      app.get('/admin', (_req, res) => void res.end('a second route'))
      app.use(expressAdapter.notFound())
      app.use(expressAdapter.errorHandler({ onError: (error) => void reports.push(error) }))
      const port = await serve(app as unknown as RequestListener)
      const res = await get(port, '/admin')
      expect(res.status).toBe(500)
      expect(res.headers['content-type']).toBe('application/problem+json')
      expect(res.body.toString('utf8')).toBe(HIDDEN_500_BODY)
      expect(reports).toHaveLength(1)
      expect(reports[0]?.cause).toBeInstanceOf(Error)
      expect((reports[0]?.cause as Error).cause).toBe(value)
      await expectServing(port)
    })
  }
})

// --- #10: a path parameter that does not decode ---

describe.each(expressVersions)('%s with a path parameter that fails to decode', (_, express) => {
  it.each(['/users/%E0%A4%A', '/users/%E0%A4%A%3Cscript%3Ealert(1)%3C%2Fscript%3E', '/users/%ff%3Cb%3E'])(
    'answers %s with a fixed 400 detail that echoes nothing of the path',
    async (path) => {
      const reports: HttpError[] = []
      const app = express()
      app.disable('x-powered-by')
      app.get('/users/:id', (req, res) => void res.end(`user ${String(req.params.id)}`))
      app.use(expressAdapter.notFound())
      app.use(expressAdapter.errorHandler({ onError: (error) => void reports.push(error) }))
      const port = await serve(app as unknown as RequestListener)
      const res = await get(port, path)
      expect(res.status).toBe(400)
      expect(JSON.parse(res.body.toString('utf8'))).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request URL could not be decoded.',
      })
      const raw = path.slice('/users/'.length)
      for (const text of [raw, decodeURIComponent(raw.replace(/%(?:E0%A4%A|ff)/i, '')), 'Failed to decode']) {
        if (text !== '') expect(res.body.toString('utf8')).not.toContain(text)
      }
      expect((reports[0]?.cause as Error).message).toContain('Failed to decode param')
      await expectServing(port)
    },
  )
})

// --- internal ---

const closers: Array<() => Promise<unknown>> = []

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

function view(path: string, responseHeaders: ExistingHeaders = {}): RequestView {
  return { method: 'GET', path, headers: {}, responseHeaders, httpVersion: '1.1' }
}

function lowerCase(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}

/**
 * The response carries exactly the earlier headers minus the plan's removals, then the plan's headers, besides the
 * transport's own (Date, and Connection/Keep-Alive over HTTP/1.1).
 */
function expectHeaders(received: Received['headers'], plan: ResponsePlan, before: Readonly<Record<string, string>>): void {
  const expected: Record<string, string> = {}
  for (const [name, value] of Object.entries(before)) if (!plan.remove.includes(name)) expected[name] = value
  Object.assign(expected, plan.headers)
  const actual: Record<string, string> = {}
  for (const [name, value] of Object.entries(received)) {
    if (name.startsWith(':') || name === 'date' || value === undefined) continue
    if ((name === 'connection' || name === 'keep-alive') && !(name in plan.headers) && !(name in before)) continue
    actual[name] = Array.isArray(value) ? value.join(', ') : value
  }
  expect(actual).toEqual(expected)
}

/** An HTTP/1.1 server on an ephemeral port, closed after the test. */
async function serve(listener: RequestListener): Promise<number> {
  const server = http.createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  return (server.address() as AddressInfo).port
}

const get = getWhole

async function expectServing(port: number): Promise<void> {
  const res = await get(port, '/unmatched')
  expect(res.status).toBe(404)
  expect(res.body.toString('utf8')).toBe(NOT_FOUND_BODY)
}

interface H2Client {
  get(path: string): Promise<Received>
  expectServing(): Promise<void>
}

/** An h2c server (node:http2's compatibility API) and a session to it, both closed after the test. */
async function serveH2(listener: RequestListener): Promise<H2Client & { reconnect(): Promise<H2Client> }> {
  const server = http2.createServer(listener as unknown as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise((resolve) => server.close(resolve)))
  const port = (server.address() as AddressInfo).port
  return { ...connectH2(port), reconnect: async () => connectH2(port) }
}

function connectH2(port: number): H2Client {
  const session = http2.connect(`http://127.0.0.1:${port}`)
  session.on('error', () => {}) // a failure shows up on the request stream
  closers.push(() => new Promise<void>((resolve) => session.close(() => resolve())))
  const getH2 = (path: string): Promise<Received> =>
    new Promise((resolve, reject) => {
      const stream = session.request({ ':method': 'GET', ':path': path })
      const chunks: Buffer[] = []
      let status = 0
      let headers: Received['headers'] = {}
      const timer = setTimeout(() => stream.close(http2.constants.NGHTTP2_CANCEL), 5000)
      stream.on('response', (received) => {
        status = Number(received[':status'])
        headers = received as Received['headers']
      })
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      stream.on('close', () => {
        clearTimeout(timer)
        if (status === 0) reject(new Error(`no HTTP/2 response to GET ${path} (stream code ${stream.rstCode})`))
        else resolve({ status, headers, body: Buffer.concat(chunks) })
      })
      stream.end()
    })
  return {
    get: getH2,
    async expectServing() {
      const res = await getH2('/unmatched')
      expect(res.status).toBe(404)
      expect(res.body.toString('utf8')).toBe(NOT_FOUND_BODY)
    },
  }
}
