// Faults around the error handler, in every adapter over a real socket (issue #6, requirement 3): an onError hook
// that throws or rejects; an error after the response has started (the connection is cut, nothing is appended, the
// next connection is served); a client that goes away mid-response or before the error is thrown; and errors whose
// toJSON, message, stack, status or headers throw. Nothing may escape as an unhandled rejection or exception.
import { readFileSync } from 'node:fs'
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as delay } from 'node:timers/promises'
import { getRequestListener, type HttpBindings } from '@hono/node-server'
import Ajv2020 from 'ajv/dist/2020'
import express4 from 'express4'
import express5 from 'express5'
import { Hono } from 'hono'
import Koa2 from 'koa2'
import Koa3 from 'koa3'
import { afterEach, describe, expect, it } from 'vitest'
import {
  BadRequest,
  Conflict,
  isHttpError,
  NotFound,
  planResponse,
  resolveOptions,
  type HttpError,
  type ProblemOptions,
  type RequestView,
} from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import * as fastifyAdapter from '@http-problem/fastify'
import * as fetchAdapter from '@http-problem/fetch'
import * as koaAdapter from '@http-problem/koa'
import * as nodeAdapter from '@http-problem/node'
import { adapters, fastifyApp, type AppSetup } from '../support/adapters'
import { NODE_DEFAULTS } from '../support/node-defaults'
import { failOnEscapes } from '../support/escapes'
import { getWhole, type Received } from '../support/wire'
import { isUriReference } from '../support/arbitraries'

const schema = JSON.parse(readFileSync(new URL('../schema/problem-details.schema.json', import.meta.url), 'utf8')) as object
const ajv = new Ajv2020({ allErrors: true, strict: true })
ajv.addFormat('uri-reference', isUriReference)
const validateProblem = ajv.compile(schema)

const NOT_FOUND_BODY = '{"type":"about:blank","title":"Not Found","status":404}'

// --- unhandled rejections and uncaught exceptions, per test ---

failOnEscapes()

// --- routes the shared mount cannot stage ---

/** A route given the raw request and response, and a way to answer with a stream body the framework's way. */
type Route = (io: { readonly req: IncomingMessage; readonly res: ServerResponse; readonly stream: (body: Readable) => void }) => Promise<void>

/** Per adapter: an app with errorHandler() and notFound() around one async route (every path but /unmatched…). */
const routeMounts: Readonly<Record<string, (route: Route, options?: ProblemOptions) => RequestListener>> = {
  'express 4': mountExpressRoute(express4),
  'express 5': mountExpressRoute(express5),
  'koa 2': mountKoaRoute(Koa2),
  'koa 3': mountKoaRoute(Koa3),
  node: mountNodeRoute,
  'fastify 5': mountFastifyRoute,
  'hono 4': mountHonoRoute,
}

it('has a route mount for every adapter under test', () => {
  expect(Object.keys(routeMounts).sort()).toEqual(adapters.map((adapter) => adapter.name).sort())
})

/** Faults the framework handles itself, where no adapter code runs; each entry says which adapters and why. */
const FRAMEWORK_FAULTS = {
  /**
   * Fastify and @hono/node-server pipe a stream body to the socket themselves. When it fails after the headers went
   * out, they cut the connection (as required) but never call the error handler, so onError does not hear of it.
   */
  unreportedStreamFailure: /^(?:fastify|hono) /,
  /**
   * A Hono app answers by returning a Response; it never writes to the Node response itself. If something does
   * (c.env.outgoing) and the app then throws, @hono/node-server fails to write the problem and completes the started
   * body with its own "Error: Cannot write headers…" text instead of cutting it. The stream test covers Hono's way
   * of starting a response.
   */
  noRawResponseWrites: /^hono /,
  /**
   * Once the raw response has ended, Fastify takes the reply for sent and never calls the error handler for a route
   * that rejects afterwards: it logs the rejection with its own logger ("Promise errored, but reply.sent = true").
   */
  unreportedAfterEnd: /^fastify /,
} as const satisfies Readonly<Record<string, RegExp>>

// --- the faults ---

describe.each(adapters)('$name', (adapter) => {
  const mountRoute = routeMounts[adapter.name] as (route: Route, options?: ProblemOptions) => RequestListener
  const streamFailureReported = !FRAMEWORK_FAULTS.unreportedStreamFailure.test(adapter.name)
  const writesRawResponse = !FRAMEWORK_FAULTS.noRawResponseWrites.test(adapter.name)
  const reportedAfterEnd = !FRAMEWORK_FAULTS.unreportedAfterEnd.test(adapter.name)

  describe('an onError hook that fails', () => {
    const hooks: ReadonlyArray<{ readonly label: string; readonly hook: () => void | Promise<void> }> = [
      {
        label: 'throws',
        hook: () => {
          throw new Error('the logger is down')
        },
      },
      { label: 'returns a rejected promise', hook: () => Promise.reject(new Error('the logger is down')) },
      {
        label: 'is an async function that throws',
        hook: async () => {
          throw new Error('the logger is down')
        },
      },
      { label: 'rejects after the response went out', hook: () => delay(5).then(() => Promise.reject(new Error('the logger is down'))) },
      {
        label: 'returns a thenable whose then throws',
        hook: () =>
          ({
            then() {
              throw new Error('the logger is down')
            },
          }) as unknown as Promise<void>,
      },
    ]
    const errors: ReadonlyArray<{ readonly label: string; readonly make: () => unknown }> = [
      { label: 'a 409', make: () => new Conflict('Order 7 was already paid') },
      { label: 'a plain Error (500)', make: () => new Error('database unreachable') },
    ]

    for (const { label: errorLabel, make } of errors) {
      it.each(hooks)(`still answers ${errorLabel} with the planned problem when the hook $label`, async ({ hook }) => {
        const calls: HttpError[] = []
        const options: ProblemOptions = {
          onError: (error) => {
            calls.push(error)
            return hook()
          },
        }
        const server = await serve(adapter.mount({ thrown: make, options }))
        const res = await request(server.port, '/orders/7')
        expectPlanned(res, planResponse(make(), view('/orders/7'), resolveOptions({}, NODE_DEFAULTS)))
        expect(calls).toHaveLength(1)
        await expectServing(server.port)
      })
    }

    if (writesRawResponse) it('still cuts the connection of a started response when the hook throws', async () => {
      let calls = 0
      const setup: AppSetup = {
        thrown: () => new Error('disk failed'),
        before: startResponse,
        options: {
          onError: () => {
            calls += 1
            throw new Error('the logger is down')
          },
        },
      }
      const server = await serve(adapter.mount(setup))
      expectCut(await exchange(server.port, '/files/1'))
      expect(calls).toBe(1)
      await expectServing(server.port)
    })
  })

  describe('an error after the response has started', () => {
    if (writesRawResponse) it.each([false, true])('cuts the connection, reports the error once and serves the next one (async: %s)', async (async) => {
      const reports: Array<[HttpError, RequestView]> = []
      const thrown = new Error('disk failed')
      const server = await serve(
        adapter.mount({ thrown: () => thrown, before: startResponse, async, options: { onError: (error, req) => void reports.push([error, req]) } }),
      )
      expectCut(await exchange(server.port, '/files/1'))
      await delay(20) // anything a framework would still report late
      expect(reports).toHaveLength(1)
      const [error, req] = reports[0] as [HttpError, RequestView]
      expect(isHttpError(error)).toBe(true)
      expect(error.status).toBe(500)
      expect(error.cause).toBe(thrown)
      expect(req).toMatchObject({ method: 'GET', path: '/files/1' })
      await expectServing(server.port)
    })

    const reported = streamFailureReported ? 'reports it once' : 'which the framework does not report'
    it(`cuts the connection when a stream body fails midway, ${reported}, and serves the next one`, async () => {
      const reports: HttpError[] = []
      const failure = new Error('disk read failed')
      const route: Route = async ({ stream }) => {
        let sent = false
        stream(
          new Readable({
            read() {
              if (sent) setTimeout(() => this.destroy(failure), 10)
              else this.push('partial')
              sent = true
            },
          }),
        )
      }
      const server = await serve(mountRoute(route, { onError: (error) => void reports.push(error) }))
      expectCut(await exchange(server.port, '/files/1'))
      await delay(20)
      expect(reports).toHaveLength(streamFailureReported ? 1 : 0)
      if (streamFailureReported) expect(reports[0]?.cause).toBe(failure)
      await expectServing(server.port)
    })

    if (writesRawResponse) it('cuts the connection when a route wrote to the raw response and then threw later', async () => {
      const reports: HttpError[] = []
      const route: Route = async ({ res }) => {
        startResponse(res)
        await delay(10)
        throw new BadRequest('changed my mind')
      }
      const server = await serve(mountRoute(route, { onError: (error) => void reports.push(error) }))
      expectCut(await exchange(server.port, '/files/1'))
      await delay(20)
      expect(reports.map((error) => error.status)).toEqual([400])
      await expectServing(server.port)
    })
  })

  // Issue 17 #6: destroying the socket of a response that had ended cut the body still in flight.
  if (writesRawResponse) describe('an error after the response has ended', () => {
    const reported = reportedAfterEnd ? 'reports the error once' : 'which the framework does not report'
    it.each([false, true])(`leaves the whole body to arrive, ${reported}, and serves the next one (large body: %s)`, async (large) => {
      const body = large ? 'y'.repeat(8 << 20) : 'done'
      const reports: HttpError[] = []
      const route: Route = async ({ res }) => {
        res.statusCode = 200
        res.setHeader('content-type', 'text/plain; charset=utf-8')
        res.setHeader('content-length', String(body.length))
        res.end(body)
        throw new Conflict('changed my mind after answering')
      }
      const server = await serve(mountRoute(route, { onError: (error) => void reports.push(error) }))
      const res = await request(server.port, '/files/1')
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
      expect(res.body.length).toBe(body.length)
      expect(res.body.equals(Buffer.from(body))).toBe(true)
      await delay(20)
      expect(reports.map((error) => error.status)).toEqual(reportedAfterEnd ? [409] : [])
      await expectServing(server.port)
    })
  })

  // Koa also hands the client's reset (ECONNRESET) to ctx.onerror when it arrives before the response finished, and
  // errorHandler() reports it as one more 500; Express never hears of it. The app's own errors are reported once.
  describe('a client that goes away', () => {
    it('survives a client that hangs up after the first bytes of a large problem body', async () => {
      const blob = 'x'.repeat(8 << 20)
      const closed = deferred<void>()
      const reports = recordReports()
      const setup: AppSetup = {
        thrown: () => new BadRequest('a big one', { extensions: { blob } }),
        before: (res) => res.once('close', () => closed.resolve()),
        options: { limits: { stringLength: 16 << 20, extensionLength: 16 << 20 }, onError: reports.onError },
      }
      const server = await serve(adapter.mount(setup))
      const cut = await exchange(server.port, '/big', { hangUpAfterFirstChunk: true })
      const head = cut.bytes.toString('latin1', 0, 1000)
      expect(head.startsWith('HTTP/1.1 400 ')).toBe(true)
      expect(Number(/content-length: ([0-9]+)/i.exec(head)?.[1])).toBeGreaterThan(cut.bytes.length)
      // The kernel may take the rest of the body before the hang-up reaches the server: either way it is done.
      await within(closed.promise, 5000)
      await delay(20)
      expect(reports.ofApp().map((error) => error.status)).toEqual([400])
      await expectServing(server.port)
    })

    it('survives a client that hangs up while the route is still writing, and the route throwing afterwards', async () => {
      const reports = recordReports()
      const route: Route = async ({ res }) => {
        startResponse(res)
        await within(closeOf(res), 5000)
        // Writes to a response whose client is gone fail quietly (their callback gets the error).
        res.write('more')
        await delay(5)
        res.write('and more')
        throw new Error('gave up after the client left')
      }
      const server = await serve(mountRoute(route, { onError: reports.onError }))
      const cut = await exchange(server.port, '/slow', { hangUpAfterFirstChunk: true })
      expect(cut.bytes.subarray(0, 13).toString('latin1')).toBe('HTTP/1.1 200 ')
      await reports.settled(1)
      expect(reports.ofApp().map((error) => (error.cause as Error).message)).toEqual(['gave up after the client left'])
      await expectServing(server.port)
    })

    it('survives a client that hangs up before the error is thrown', async () => {
      const started = deferred<void>()
      const reports = recordReports()
      const route: Route = async ({ res }) => {
        started.resolve()
        await within(closeOf(res), 5000)
        throw new NotFound('too late to tell anyone')
      }
      const server = await serve(mountRoute(route, { onError: reports.onError }))
      const socket = net.connect(server.port, '127.0.0.1')
      socket.on('error', () => {})
      socket.write('GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
      await within(started.promise, 5000)
      socket.destroy()
      await reports.settled(1)
      expect(reports.ofApp().map((error) => error.status)).toEqual([404])
      await expectServing(server.port)
    })

    // Issue 17 #11: Koa reported the client's reset of a streamed 200 as a 500 (Koa 3 twice: the socket's
    // ECONNRESET and the pipeline's premature close), and emitted both.
    it('does not report a client that aborts a streamed 200 as a server error, and serves the next one', async () => {
      const reports = recordReports()
      appErrors.length = 0
      const closed = deferred<void>()
      const route: Route = async ({ res, stream }) => {
        res.once('close', () => closed.resolve())
        stream(
          new Readable({
            read() {
              setTimeout(() => this.push('z'.repeat(64 << 10)), 2)
            },
          }),
        )
      }
      const server = await serve(mountRoute(route, { onError: reports.onError }))
      const cut = await exchange(server.port, '/stream', { hangUpAfterFirstChunk: true })
      expect(cut.bytes.subarray(0, 13).toString('latin1')).toBe('HTTP/1.1 200 ')
      await within(closed.promise, 5000)
      await delay(50)
      expect(reports.all()).toEqual([])
      // Koa emits the client's error on the app, as Koa itself would: once at most.
      expect(appErrors.length).toBeLessThanOrEqual(1)
      await expectServing(server.port)
    })
  })

  // Review of issue 17 #11: the client-abort rule went by the error code alone, so a body source that closed early
  // on the server (an upstream that hung up) was taken for the client leaving and never reported. A node listener
  // streams with pipeline(), which then destroys the response with the error: that tells the two apart. (Koa 3's
  // adapter still goes by the code; Express's pipe() and Koa 2 leave such a response open; Fastify and Hono pipe it
  // themselves, see FRAMEWORK_FAULTS.)
  if (adapter.name === 'node') {
    it('reports a stream body whose source closes early on the server once, cuts the connection, and serves the next one', async () => {
      const reports: HttpError[] = []
      const route: Route = async ({ stream }) => {
        let sent = false
        stream(
          new Readable({
            read() {
              if (sent) setTimeout(() => this.destroy(), 10)
              else this.push('partial')
              sent = true
            },
          }),
        )
      }
      const server = await serve(mountRoute(route, { onError: (error) => void reports.push(error) }))
      expectCut(await exchange(server.port, '/files/1'))
      await delay(20)
      expect(reports.map((error) => [error.status, (error.cause as { code?: unknown } | undefined)?.code])).toEqual([[500, 'ERR_STREAM_PREMATURE_CLOSE']])
      await expectServing(server.port)
    })
  }

  // Regression: the Koa adapter remembered answered errors in one process-wide WeakSet, so an error instance thrown
  // again (a shared constant, or the same value in another app) got Koa's own text/plain answer from then on.
  it('answers an error instance that is thrown on every request, every time, in every app', async () => {
    const shared = new NotFound('No such thing')
    const reports: HttpError[] = []
    const first = await serve(adapter.mount({ thrown: () => shared, options: { onError: (error) => void reports.push(error) } }))
    const second = await serve(adapter.mount({ thrown: () => shared }))
    for (const port of [first.port, first.port, second.port, first.port]) {
      expectPlanned(await request(port, '/things/1'), planResponse(shared, view('/things/1'), resolveOptions({}, NODE_DEFAULTS)))
    }
    expect(reports).toEqual([shared, shared, shared])
  })

  describe('an error whose members throw', () => {
    const boom = (name: string) => () => {
      throw new Error(`${name} exploded`)
    }
    const cases: ReadonlyArray<{ readonly label: string; readonly make: () => unknown; readonly status: number; readonly options?: ProblemOptions }> = [
      {
        label: 'an extension whose toJSON throws',
        make: () => new BadRequest('bad order', { extensions: { order: { toJSON: boom('toJSON') }, ok: 1 } }),
        status: 400,
      },
      {
        label: 'a foreign error whose own toJSON throws',
        make: () => Object.assign(new Error('unprocessable'), { status: 422, expose: true, toJSON: boom('toJSON') }),
        status: 422,
      },
      { label: 'an Error whose message getter throws', make: () => withGetters(new Error('x'), ['message']), status: 500 },
      { label: 'one of ours whose message getter throws', make: () => withGetters(new NotFound('No user 42'), ['message']), status: 404 },
      {
        label: 'a foreign error whose message getter throws',
        make: () => withGetters(Object.assign(new Error('x'), { status: 409, expose: true }), ['message']),
        status: 409,
      },
      { label: 'an Error whose stack getter throws, with debug on', make: () => withGetters(new Error('x'), ['stack']), status: 500, options: { debug: true } },
      {
        label: 'one of ours whose stack, name and cause getters throw, with debug on',
        make: () => withGetters(new Conflict('paid', { cause: new Error('inner') }), ['stack', 'name', 'cause']),
        status: 409,
        options: { debug: true },
      },
      { label: 'an object whose status getter throws (its statusCode counts)', make: () => withGetters({ statusCode: 404 }, ['status']), status: 404 },
      { label: 'one of ours whose status getter throws', make: () => withGetters(new NotFound('No user 42'), ['status']), status: 500 },
      { label: 'an object whose headers getter throws', make: () => withGetters({ status: 429, message: 'slow down' }, ['headers']), status: 429 },
      { label: 'one of ours whose headers getter throws', make: () => withGetters(new Conflict('paid'), ['headers']), status: 409 },
      { label: 'an Error whose every member throws', make: () => withGetters(new Error('x'), ['message', 'stack', 'status', 'statusCode', 'headers', 'expose', 'toJSON', 'name', 'cause']), status: 500 },
    ]

    it.each(cases)('answers $label with a valid $status problem', async ({ make, status, options }) => {
      const server = await serve(adapter.mount({ thrown: make, options }))
      const res = await request(server.port, '/orders/7')
      expect(res.status).toBe(status)
      expect(res.headers['content-type']).toBe('application/problem+json')
      expect(Number(res.headers['content-length'])).toBe(res.body.length)
      const doc = JSON.parse(res.body.toString('utf8')) as { status?: number }
      if (!validateProblem(doc)) expect.fail(`schema: ${ajv.errorsText(validateProblem.errors)}\n${res.body.toString('utf8')}`)
      expect(doc.status).toBe(status)
      // With debug on, the stack frames differ between two calls; otherwise the bytes are the plan's.
      if (options?.debug !== true) expectPlanned(res, planResponse(make(), view('/orders/7'), resolveOptions(options, NODE_DEFAULTS)))
      await expectServing(server.port)
    })
  })
})

// --- internal ---

type Response = Received

/** Servers started by the running test; afterEach closes them, connections included. */
const servers: http.Server[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A server on an ephemeral port, closed after the test. */
async function serve(listener: RequestListener): Promise<{ readonly port: number }> {
  const server = http.createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as AddressInfo).port }
}

/** The request view the handler builds for a plain GET from Node's client. */
function view(path: string): RequestView {
  return { method: 'GET', path, headers: {} }
}

/** A GET on a new connection, through Node's client. */
const request = getWhole

/** The response has the plan's status, headers and body bytes. */
function expectPlanned(res: Response, plan: ReturnType<typeof planResponse>): void {
  expect(res.status).toBe(plan.status)
  for (const [name, value] of Object.entries(plan.headers)) expect(res.headers[name], name).toBe(value)
  expect(res.body.toString('utf8')).toBe(plan.body)
}

/** The server still answers a plain request on a new connection (with a `debug` member when debug is on). */
async function expectServing(port: number): Promise<void> {
  const res = await request(port, '/unmatched')
  expect(res.status).toBe(404)
  expect(res.headers['content-type']).toBe('application/problem+json')
  expect(JSON.parse(res.body.toString('utf8'))).toMatchObject(JSON.parse(NOT_FOUND_BODY) as object)
}

/** What a raw client received on one keep-alive connection, until the server closed it (or it hung up itself). */
interface Exchange {
  readonly bytes: Buffer
  /** The server closed or reset the connection (rather than the client hanging up). */
  readonly closedByServer: boolean
}

function exchange(port: number, path: string, { hangUpAfterFirstChunk = false } = {}): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let hungUp = false
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`the connection stayed open; received ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 300))}`))
    }, 5000)
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      if (hangUpAfterFirstChunk && !hungUp) {
        hungUp = true
        socket.destroy()
      }
    })
    // A reset after the first bytes is one way for the server to cut the response; what arrived still counts.
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ bytes: Buffer.concat(chunks), closedByServer: !hungUp })
    })
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
  })
}

/**
 * The server cut a started response: the connection is closed, what arrived is (a prefix of) one 200 response
 * whose chunked body never ended, and no second status line or problem document was appended.
 */
function expectCut(exchanged: Exchange): void {
  expect(exchanged.closedByServer).toBe(true)
  const text = exchanged.bytes.toString('latin1')
  // Express's final handler destroys the socket at once, which can lose even the first chunk: an empty read.
  if (text === '') return
  expect(text.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true)
  expect(text.split('HTTP/1.1 ')).toHaveLength(2)
  expect(text).not.toMatch(/problem|"status"|about:blank/i)
  const body = text.slice(text.indexOf('\r\n\r\n') + 4)
  expect(text.toLowerCase()).toContain('transfer-encoding: chunked')
  expect(body.endsWith('0\r\n\r\n')).toBe(false)
  expect('7\r\npartial\r\n'.startsWith(body) || body.startsWith('7\r\npartial\r\n')).toBe(true)
}

/** Starts a 200 text response: headers and a first chunk go out (but not for /unmatched…, the follow-up). */
function startResponse(res: ServerResponse): void {
  if (res.req.url?.startsWith('/unmatched') === true) return
  res.statusCode = 200
  res.setHeader('content-type', 'text/plain; charset=utf-8')
  res.write('partial')
}

/** Sets getters that throw on the named members of a value, and returns it. */
function withGetters<T extends object>(target: T, names: readonly string[]): T {
  // Redefining `stack` makes V8 format the pending stack, which reads `message`: replace it first.
  for (const name of [...names].sort((a, b) => Number(b === 'stack') - Number(a === 'stack'))) {
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: name !== 'stack' && name !== 'message',
      get() {
        throw new Error(`getter ${name} exploded`)
      },
    })
  }
  return target
}

/** Records what onError sees; `ofApp()` leaves out the client resets that Koa reports (see above). */
function recordReports(): {
  readonly onError: (error: HttpError) => void
  all(): HttpError[]
  ofApp(): HttpError[]
  settled(count: number): Promise<void>
} {
  const all: HttpError[] = []
  const ofApp = (): HttpError[] => all.filter((error) => !CLIENT_GONE.has(String((error.cause as { code?: unknown } | undefined)?.code)))
  return {
    onError: (error) => void all.push(error),
    all: () => all,
    ofApp,
    /** Waits until the app's errors number `count`, then a little longer for any that should not come. */
    async settled(count) {
      const deadline = Date.now() + 5000
      while (ofApp().length < count && Date.now() < deadline) await delay(5)
      await delay(20)
    },
  }
}

const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

function closeOf(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) resolve()
    else res.once('close', () => resolve())
  })
}

function deferred<T>(): { readonly promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** The promise's value, or a rejection naming the wait if it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function mountExpressRoute(express: typeof express4 | typeof express5) {
  return (route: Route, options?: ProblemOptions): RequestListener => {
    const app = express()
    app.disable('x-powered-by')
    app.use((req, res, next) => {
      if (req.path.startsWith('/unmatched')) return next()
      const stream = (body: Readable): void => {
        body.once('error', next)
        body.pipe(res)
      }
      route({ req, res, stream }).then(undefined, next)
    })
    app.use(expressAdapter.notFound())
    app.use(expressAdapter.errorHandler(options))
    return app as unknown as RequestListener
  }
}

/** What Koa apps mounted by mountKoaRoute emitted as 'error' (cleared by the test that reads it). */
const appErrors: unknown[] = []

function mountKoaRoute(Koa: typeof Koa2 | typeof Koa3) {
  return (route: Route, options?: ProblemOptions): RequestListener => {
    const app = new Koa()
    app.silent = true
    app.on('error', (error: unknown) => void appErrors.push(error))
    app.use(koaAdapter.errorHandler(options))
    app.use(async (ctx, next) => {
      if (ctx.path.startsWith('/unmatched')) return next()
      await route({
        req: ctx.req,
        res: ctx.res,
        stream: (body) => {
          ctx.body = body
        },
      })
    })
    app.use(koaAdapter.notFound())
    return app.callback()
  }
}

function mountNodeRoute(route: Route, options?: ProblemOptions): RequestListener {
  return nodeAdapter.errorHandler(async (req, res) => {
    if (req.url?.startsWith('/unmatched') === true) return nodeAdapter.notFound()(req, res)
    // A node:http listener streams with pipeline() and awaits it, so a failing body rejects the listener.
    let streaming: Promise<void> | undefined
    await route({ req, res, stream: (body) => void (streaming = pipeline(body, res)) })
    await streaming
  }, options)
}

function mountFastifyRoute(route: Route, options?: ProblemOptions): RequestListener {
  const { app, listener } = fastifyApp()
  app.setErrorHandler(fastifyAdapter.errorHandler(options))
  app.setNotFoundHandler(fastifyAdapter.notFound(options))
  app.all('/*', async (request, reply) => {
    if (request.url.startsWith('/unmatched')) return reply.callNotFound()
    let body: Readable | undefined
    await route({ req: request.raw, res: reply.raw, stream: (stream) => void (body = stream) })
    return reply.send(body)
  })
  return listener
}

function mountHonoRoute(route: Route, options?: ProblemOptions): RequestListener {
  const app = new Hono<{ Bindings: HttpBindings }>()
  app.onError(fetchAdapter.errorHandler(options))
  app.notFound(fetchAdapter.notFound(options))
  app.use(async (c, next) => {
    if (c.req.path.startsWith('/unmatched')) return next()
    let body: Readable | undefined
    await route({ req: c.env.incoming, res: c.env.outgoing, stream: (stream) => void (body = stream) })
    return body === undefined ? c.body(null) : c.body(Readable.toWeb(body) as ReadableStream)
  })
  return getRequestListener(fetchAdapter.withProblems(app.fetch, options))
}
