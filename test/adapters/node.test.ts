// @http-problem/node around a plain node:http request listener, over a real socket: what goes on the wire is
// exactly the plan @http-problem/core computes for the same error and request (status, reason phrase, headers in
// plan order, body bytes), for synchronous throws, rejected promises and unrouted requests.
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import createHttpError from 'http-errors'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  builtInLocales,
  Conflict,
  isHttpError,
  MethodNotAllowed,
  NotFound,
  planResponse,
  resolveOptions,
  Unauthorized,
  type HttpError,
  type ProblemOptions,
  type RequestView,
  type ResolvedOptions,
  type ResponsePlan,
} from '@http-problem/core'
import { errorHandler, notFound, type Listener } from '@http-problem/node'
import { BROWSER_ACCEPT, expectedHeaders, TRANSPORT_HEADERS, wireHeaders } from '../support/wire'
import { NODE_DEFAULTS } from '../support/node-defaults'

const defaults = resolveOptions({}, NODE_DEFAULTS)

// --- helpers -------------------------------------------------------------------------------------------------

// The adapter prints every 5xx with console.error (test/observability/logging.test.ts checks that); here it would only be noise.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
})

const servers: http.Server[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    ),
  )
})

/** Serves `errorHandler(listener, options)` on an ephemeral loopback port and returns the base URL. */
async function listen(listener: Listener, options?: ProblemOptions): Promise<string> {
  const server = http.createServer(errorHandler(listener, options))
  servers.push(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** What a raw HTTP client saw: a response (maybe cut off) or a connection error before any response. */
type Outcome =
  | {
      readonly kind: 'response'
      readonly status: number
      readonly statusText: string
      readonly headers: Record<string, string>
      readonly rawNames: readonly string[]
      readonly body: Buffer
      readonly complete: boolean
    }
  | { readonly kind: 'error'; readonly code: string | undefined }

function send(url: string, method = 'GET', headers: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    // agent: false, so every request opens its own connection and a destroyed socket is never reused.
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', () => {}) // an aborted body also ends in 'close', where the outcome is read
      res.on('close', () =>
        resolve({
          kind: 'response',
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: wireHeaders(res.headers),
          rawNames: res.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase()),
          body: Buffer.concat(chunks),
          complete: res.complete,
        }),
      )
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code }))
    req.end()
  })
}

/** A complete response, or a failed test. */
async function fetchComplete(url: string, method = 'GET', headers: Record<string, string> = {}): Promise<Extract<Outcome, { kind: 'response' }>> {
  const outcome = await send(url, method, headers)
  if (outcome.kind !== 'response') throw new Error(`no response: ${outcome.code}`)
  expect(outcome.complete).toBe(true)
  return outcome
}

/** Plans `error` for `view` and asserts the wire carried exactly that: status, phrase, headers, bytes. */
function expectProblem(
  wire: Extract<Outcome, { kind: 'response' }>,
  error: unknown,
  view: RequestView,
  options: ResolvedOptions = defaults,
): ResponsePlan {
  const plan = planResponse(error, view, options)
  expect(wire.status).toBe(plan.status)
  expect(wire.statusText).toBe(plan.statusText)
  expect(wire.headers).toEqual(expectedHeaders(plan, view.responseHeaders))
  expect(wire.headers['content-type']).toBe(plan.headers['content-type'])
  expect(wire.body).toEqual(Buffer.from(plan.body, 'utf8'))
  return plan
}

function problemOf(wire: { readonly body: Buffer }): Record<string, unknown> {
  return JSON.parse(wire.body.toString('utf8')) as Record<string, unknown>
}

// --- catching errors -------------------------------------------------------------------------------------------

describe('errorHandler(listener)', () => {
  it('answers a synchronous throw with exactly the plan core computes, in the plan header order', async () => {
    const thrown = new NotFound('No user 42')
    const url = await listen(() => {
      throw thrown
    })
    const wire = await fetchComplete(`${url}/users/42`)
    const plan = expectProblem(wire, thrown, { method: 'GET', path: '/users/42' })
    expect(problemOf(wire)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' })
    expect(wire.rawNames.filter((name) => !TRANSPORT_HEADERS.has(name))).toEqual(Object.keys(plan.headers))
  })

  it('answers a rejected promise from an async listener', async () => {
    const thrown = new Conflict('Version 3 is stale', { extensions: { current: 4 } })
    const url = await listen(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      throw thrown
    })
    const wire = await fetchComplete(`${url}/docs/1`, 'PUT', { accept: 'application/json' })
    expectProblem(wire, thrown, { method: 'PUT', path: '/docs/1', headers: { accept: 'application/json' } })
    expect(wire.headers['content-type']).toBe('application/json')
    expect(problemOf(wire)).toMatchObject({ status: 409, current: 4 })
  })

  it('adopts an http-errors error with its headers', async () => {
    const thrown = createHttpError(429, 'Slow down', { headers: { 'Retry-After': '30' } })
    const url = await listen(() => Promise.reject(thrown))
    const wire = await fetchComplete(`${url}/search`)
    expectProblem(wire, thrown, { method: 'GET', path: '/search' })
    expect(wire.headers['retry-after']).toBe('30')
  })

  it('turns a thrown string into a hidden 500 that keeps it as the cause', async () => {
    const onError = vi.fn()
    const url = await listen(() => {
      throw 'secret string'
    }, { onError })
    const wire = await fetchComplete(`${url}/string`)
    expectProblem(wire, 'secret string', { method: 'GET', path: '/string' })
    expect(problemOf(wire)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
    expect(wire.body.toString('utf8')).not.toContain('secret')
    expect((onError.mock.calls[0]?.[0] as HttpError).cause).toBe('secret string')
  })

  it('hides the message of a plain Error behind a 500', async () => {
    const thrown = new Error('connect ECONNREFUSED db.internal:5432 password=hunter2')
    const url = await listen(async () => {
      throw thrown
    })
    const wire = await fetchComplete(`${url}/boom`)
    expectProblem(wire, thrown, { method: 'GET', path: '/boom' })
    expect(wire.body.toString('utf8')).not.toContain('hunter2')
  })

  it('leaves a successful response alone, whatever the listener returns', async () => {
    const url = await listen((_req, res) => {
      res.setHeader('content-type', 'text/plain')
      res.end('hello')
      return 42
    })
    const wire = await fetchComplete(`${url}/`)
    expect(wire.status).toBe(200)
    expect(wire.body.toString('utf8')).toBe('hello')
  })

  it('answers a 405 from the listener with its Allow header and the RFC 9110 reason phrase', async () => {
    const thrown = new MethodNotAllowed('Reports are read-only.', { allow: ['GET', 'HEAD'] })
    const url = await listen(() => {
      throw thrown
    })
    const wire = await fetchComplete(`${url}/reports/1`, 'DELETE')
    expectProblem(wire, thrown, { method: 'DELETE', path: '/reports/1' })
    expect(wire.headers.allow).toBe('GET, HEAD')
  })
})

// --- notFound() ------------------------------------------------------------------------------------------------

describe('notFound()', () => {
  const routes: Record<string, Listener> = {
    '/': (_req, res) => {
      res.end('home')
    },
  }
  const router: Listener = (req, res) => (routes[new URL(req.url ?? '/', 'http://x').pathname] ?? notFound())(req, res)

  it('throws a NotFound without a stack for errorHandler() to answer', () => {
    let thrown: unknown
    try {
      notFound()({} as IncomingMessage, {} as ServerResponse)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(NotFound)
    expect((thrown as NotFound).stack ?? '').not.toMatch(/\n\s+at /)
  })

  it('answers every method on an unrouted path with a 404 problem, rendered with the options', async () => {
    const options = { instanceFromPath: true } as const
    const url = await listen(router, options)
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
      const wire = await fetchComplete(`${url}/nowhere?x=1`, method)
      expectProblem(wire, new NotFound(), { method, path: '/nowhere?x=1' }, resolveOptions(options, NODE_DEFAULTS))
      expect(problemOf(wire)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/nowhere' })
    }
    expect((await fetchComplete(`${url}/`)).body.toString('utf8')).toBe('home')
  })

  it("answers HEAD with GET's headers, including Content-Length, and no body", async () => {
    const url = await listen(router)
    const head = await fetchComplete(`${url}/nowhere`, 'HEAD')
    const plan = expectProblem(head, new NotFound(), { method: 'HEAD', path: '/nowhere' })
    const getPlan = planResponse(new NotFound(), { method: 'GET', path: '/nowhere' }, defaults)
    expect(plan.headers).toEqual(getPlan.headers)
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(getPlan.body)))
    expect(head.body).toHaveLength(0)
  })
})

// --- negotiation and byte equality -----------------------------------------------------------------------------

describe('byte equality with planResponse', () => {
  const cases: readonly [string, string, () => unknown, Record<string, string>][] = [
    ['a 404 as problem+json', 'GET', () => new NotFound('No user 42'), {}],
    ['a 404 as problem+xml', 'GET', () => new NotFound('No user 42'), { accept: 'application/problem+xml' }],
    ['a 404 as HTML for a browser', 'GET', () => new NotFound('No user 42'), { accept: BROWSER_ACCEPT }],
    ['a 404 as text', 'GET', () => new NotFound('No user 42'), { accept: 'text/plain' }],
    ['a 404 in Chinese', 'GET', () => new NotFound('No user 42'), { 'accept-language': 'zh-CN,zh;q=0.9' }],
    ['a 401 for HEAD', 'HEAD', () => new Unauthorized({ challenge: { scheme: 'Bearer' } }), {}],
    ['a 500 with a trace id', 'GET', () => new Error('x'), { 'x-request-id': 'req-1' }],
  ]

  it.each(cases)('sends exactly the plan for %s', async (_name, method, make, headers) => {
    const thrown = make()
    const url = await listen(() => {
      throw thrown
    })
    const wire = await fetchComplete(`${url}/case`, method, headers)
    expectProblem(wire, thrown, { method, path: '/case', headers })
    if (headers['accept-language'] !== undefined) expect(problemOf(wire).title).toBe(builtInLocales['zh-CN'].titles?.[404])
  })
})

// --- headers set before the error ------------------------------------------------------------------------------

describe('headers set before the error', () => {
  it('drops the representation headers of the abandoned body, keeps the rest and merges Vary', async () => {
    const before: Record<string, string | string[]> = {
      'content-type': 'text/csv',
      etag: '"v1"',
      'content-disposition': 'attachment',
      'access-control-allow-origin': 'https://app.example',
      'set-cookie': ['seen=1'],
      vary: 'Origin',
    }
    const url = await listen((_req, res) => {
      for (const [name, value] of Object.entries(before)) res.setHeader(name, value)
      throw new Conflict('Report is being rebuilt')
    })
    const wire = await fetchComplete(`${url}/report.csv`)
    expectProblem(wire, new Conflict('Report is being rebuilt'), { method: 'GET', path: '/report.csv', responseHeaders: before })
    expect(wire.headers).not.toHaveProperty('etag')
    expect(wire.headers).not.toHaveProperty('content-disposition')
    expect(wire.headers['access-control-allow-origin']).toBe('https://app.example')
    expect(wire.headers.vary).toBe('Origin, Accept, Accept-Language')
  })
})

// --- when the response has already started ---------------------------------------------------------------------

describe('when the response has already started', () => {
  it('cuts the connection, reports the error once and serves the next connection', async () => {
    const onError = vi.fn()
    const thrown = new Error('stream failed')
    let partial = true
    const url = await listen(
      async (_req, res) => {
        if (!partial) {
          res.end('fine')
          return
        }
        partial = false
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.write('partial ')
        await new Promise((resolve) => setTimeout(resolve, 10))
        throw thrown
      },
      { onError },
    )
    const outcome = await send(`${url}/stream`)
    expect(outcome).toMatchObject({ kind: 'response', status: 200, complete: false })
    if (outcome.kind === 'response') expect(outcome.body.toString('utf8')).toBe('partial ')
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, view] = onError.mock.calls[0] as [HttpError, RequestView]
    expect(isHttpError(error)).toBe(true)
    expect(error.cause).toBe(thrown)
    expect(view).toMatchObject({ method: 'GET', path: '/stream' })
    const next = await fetchComplete(`${url}/again`)
    expect(next.body.toString('utf8')).toBe('fine')
  })
})

// --- options ---------------------------------------------------------------------------------------------------

describe('options', () => {
  it('rejects invalid options when the listener is wrapped, not per request', () => {
    expect(() => errorHandler(() => {}, { languages: ['xx'] })).toThrow(TypeError)
  })

  it('calls onError once per error with the normalised error and the request view', async () => {
    const onError = vi.fn()
    const thrown = new Error('database down')
    const url = await listen(() => {
      throw thrown
    }, { onError })
    await fetchComplete(`${url}/boom?x=1`, 'GET', { accept: 'application/json' })
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, view] = onError.mock.calls[0] as [HttpError, RequestView]
    expect(error.status).toBe(500)
    expect(error.cause).toBe(thrown)
    expect(view).toMatchObject({ method: 'GET', path: '/boom?x=1', headers: { accept: 'application/json' } })
  })
})
