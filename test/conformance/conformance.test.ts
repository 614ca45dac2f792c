// The conformance suite: every case in cases.ts, sent over a real socket to every adapter in
// test/support/adapters.ts. Each answer must be core's plan for the same thrown value and request — status,
// reason phrase, headers (names, values and order) and body bytes — and every adapter must send the same bytes.
// Core's plan for each case is recorded in golden/<name>.http, so: adapter wire == core plan == reviewed golden.
import { existsSync, readFileSync } from 'node:fs'
import http, { STATUS_CODES, type ServerResponse } from 'node:http'
import http2 from 'node:http2'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  NotFound,
  planResponse,
  resolveOptions,
  type ProblemOptions,
  type ResolvedOptions,
  type ResponsePlan,
} from '@http-problem/core'
import { SECRET } from '../golden/cases'
import { formatWire, parseWire } from '../golden/wire'
import { adapters as frameworkAdapters, type AdapterUnderTest, type AppSetup } from '../support/adapters'
import { nestAdapters } from '../support/nest-adapters'
import { defineGoldenTests, updateGolden } from '../support/golden'
import { conformanceCases, type ConformanceCase } from './cases'
import { NODE_DEFAULTS } from '../support/node-defaults'

/**
 * Response headers Node's HTTP layer writes on its own, which no plan decides: they are left out of every
 * comparison. `Transfer-Encoding` is not here on purpose: a plan always sets Content-Length, so chunked framing
 * would be a bug.
 */
export const TRANSPORT_HEADERS: readonly string[] = ['date', 'connection', 'keep-alive']

/**
 * Cases where the framework, not the adapter, decides differently; each is answered by the listed adapters as
 * `answeredAs` says instead. Keep this list short and explain every entry.
 */
export const FRAMEWORK_DIFFERENCES: readonly FrameworkDifference[] = [
  {
    // Express's router calls next(err) with what a route threw, and next(null) / next(undefined) mean "carry on":
    // the request falls through to notFound(), and no error handler ever sees it. The synchronous mount passes the
    // value to next() itself, which is what this entry records. A falsy rejection is different: Express 5's own
    // promise handling and wrapAsync() turn it into an Error, so the async cases match core; wrapAsync() does the same
    // for a falsy throw (test/security/hostile-adapters.test.ts).
    cases: /^500-thrown-(?:null|undefined)\.(?!.*\.async$)/,
    adapters: /^express /,
    answeredAs: 'unmatched',
    why: 'Express treats a thrown null or undefined as "no error"',
  },
  {
    // Hono passes only Error instances to onError and rethrows anything else out of app.fetch (for a Proxy whose
    // traps throw, `instanceof Error` itself throws). withProblems() answers it there, outside the app, where the
    // headers middleware set with c.header() no longer exist.
    cases: /^(?:500-thrown-|404-plain-object-|500-throwing-getters|500-hostile-proxy)[^.]*\..*\.cors/,
    adapters: /^hono /,
    answeredAs: 'without-earlier-headers',
    why: 'Hono answers a thrown non-Error outside the app, without the headers set earlier',
  },
]

/**
 * Adapters matching `adapters` answer cases matching `cases` as `answeredAs` says: `unmatched` is core's plan of a
 * 404 (notFound()); `without-earlier-headers` is the plan of the same thrown value with no headers set before it.
 */
interface FrameworkDifference {
  readonly cases: RegExp
  readonly adapters: RegExp
  readonly answeredAs: 'unmatched' | 'without-earlier-headers'
  readonly why: string
}

/**
 * What a server that writes fetch `Response`s cannot send the way Node's own response does, whatever the adapter
 * does. For the listed adapters, and only there, the status line and headers are compared as `limit` says; the
 * status code, the headers with their values, and the body bytes must still be exact. Keep this list short too.
 */
export const FETCH_SERVER_LIMITS: readonly FetchServerLimit[] = [
  {
    // @hono/node-server writes a Response with writeHead(status, headers) and never passes its statusText, so
    // Node fills in http.STATUS_CODES: "413 Payload Too Large" and "422 Unprocessable Entity", RFC 7231's names.
    adapters: /^hono /,
    limit: 'node-reason-phrase',
    why: "@hono/node-server ignores the Response's statusText",
  },
  {
    // A fetch Headers object is a map of lower-case names that iterates sorted by name. Hono builds one whenever
    // it derives a response from another (HEAD from GET, notFound(), headers set earlier with c.header()), so the
    // order headers were set in is lost and earlier headers arrive with lower-case names.
    adapters: /^hono /,
    limit: 'unordered-headers',
    why: 'fetch Headers keep neither the order nor the case of header names',
  },
]

/**
 * `node-reason-phrase`: the reason phrase is Node's for the status. `unordered-headers`: header names compare in
 * lower case, and the headers in any order.
 */
interface FetchServerLimit {
  readonly adapters: RegExp
  readonly limit: 'node-reason-phrase' | 'unordered-headers'
  readonly why: string
}

const goldenDir = fileURLToPath(new URL('./golden/', import.meta.url))
const UPDATE_COMMAND = 'UPDATE_GOLDEN=1 npx -y pnpm@10 exec vitest run test/conformance'

/** One response as it arrived: raw header names and order, body bytes untouched. */
interface Wire {
  readonly status: number
  readonly statusText: string
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>
  readonly body: Buffer
}

/** Every adapter of the other suites, and Nest's filter on both of Nest's platforms. */
const adapters: readonly AdapterUnderTest[] = [...frameworkAdapters, ...nestAdapters]

const casesByPath = new Map(conformanceCases.map((c) => [pathOf(c.path), c]))

describe('the conformance table', () => {
  it('names every case uniquely, starting with the status core answers with', () => {
    const names = conformanceCases.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
    const word = '[a-z0-9]+(?:-[a-z0-9]+)*'
    for (const name of names) expect(name).toMatch(new RegExp(`^[1-5][0-9]{2}-${word}(?:\\.${word})+$`))
  })

  it('stays between 150 and 300 cases, so the suite stays fast', () => {
    expect(conformanceCases.length).toBeGreaterThanOrEqual(150)
    expect(conformanceCases.length).toBeLessThanOrEqual(300)
  })

  it.each(conformanceCases)('plans $name with the status its name starts with', (testCase) => {
    expect(planOf(testCase, testCase.thrown).status).toBe(Number(testCase.name.slice(0, 3)))
  })
})

describe('golden files of the conformance cases', () => {
  defineGoldenTests({
    dir: goldenDir,
    label: 'test/conformance/golden',
    updateCommand: UPDATE_COMMAND,
    entries: conformanceCases.map((testCase) => ({
      name: testCase.name,
      render: () => formatWire(planOf(testCase, testCase.thrown)),
    })),
  })
  if (updateGolden) return

  it.each(conformanceCases)('keeps $name a well-formed response with nothing secret', (testCase) => {
    const file = join(goldenDir, `${testCase.name}.http`)
    if (!existsSync(file)) return // reported above
    const text = readFileSync(file, 'utf8')
    const wire = parseWire(text)
    const headers = new Map(wire.headers)
    expect(headers.size).toBe(wire.headers.length)
    // RFC 9110 §9.3.2: HEAD carries the Content-Length a GET would have had.
    if (testCase.method === 'HEAD') expect(wire.body).toBe('')
    else expect(headers.get('content-length')).toBe(String(Buffer.byteLength(wire.body, 'utf8')))
    expect(text).not.toContain(SECRET)
    expect(text).not.toMatch(/\n\s+at |\.ts:\d+|node:internal/)
  })
})

describe.each(adapters)('$name', (adapter) => {
  const limits = limitsOf(adapter)

  it.each(conformanceCases)('answers $name exactly as core plans it', async (testCase) => {
    const wire = await wireOf(adapter, testCase)
    const answered = answeredCase(adapter, testCase)
    const plan = planOf(answered, answered.thrown)
    expect(wire.status).toBe(plan.status)
    expect(wire.statusText).toBe(limits.has('node-reason-phrase') ? nodeReasonPhrase(plan.status) : plan.statusText)
    const expected = expectedHeaders(answered, plan)
    // A transport header the plan sets itself (Connection: upgrade on a 426) is compared like any other.
    const planned = new Set(Object.keys(plan.headers))
    const actual = wire.headers.filter(([name]) => !TRANSPORT_HEADERS.includes(name.toLowerCase()) || planned.has(name.toLowerCase()))
    if (limits.has('unordered-headers')) {
      expect(sorted(lowerCased(actual))).toEqual(sorted(lowerCased(expected)))
    } else {
      // The same headers first (a readable diff), then the same order: Node writes headers in the order they were
      // first set, and a header set again keeps its place.
      expect(sorted(actual)).toEqual(sorted(expected))
      expect(actual).toEqual(expected)
    }
    if (!wire.body.equals(Buffer.from(plan.body, 'utf8'))) expect(wire.body.toString('utf8')).toBe(plan.body)
    expect(wire.body.equals(Buffer.from(plan.body, 'utf8'))).toBe(true)
  })
})

/**
 * Connection-specific header fields (RFC 9113 §8.2.2; RFC 9114 §4.2 for HTTP/3): an HTTP/2 response must carry
 * none of them. Node's HTTP/2 layer throws on all but `Connection`, which its compatibility API drops with a warning.
 */
export const CONNECTION_SPECIFIC: readonly string[] = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te']

// HTTP/2 (h2c): every adapter whose framework serves node:http2's compatibility API answers every case again, over
// one HTTP/2 session per adapter with the requests in parallel. The answer is core's plan for an HTTP/2 request:
// the HTTP/1.1 plan without its connection-specific headers (only a 426 has any), the same status and the same body
// bytes. HTTP/2 has no reason phrase, and header names are lower case on the wire, so names compare in lower case
// and in any order.
describe.each(adapters.filter((adapter) => adapter.http2))('$name over HTTP/2', (adapter) => {
  it.each(conformanceCases)('answers $name as core plans it for HTTP/2', async (testCase) => {
    const wire = await h2WireOf(adapter, testCase)
    const answered = answeredCase(adapter, testCase)
    const plan = planOf(answered, answered.thrown, '2.0')
    const http1 = planOf(answered, answered.thrown)
    // The HTTP/2 plan is the HTTP/1.1 one minus the connection-specific fields.
    expect(plan.headers).toEqual(Object.fromEntries(Object.entries(http1.headers).filter(([name]) => !CONNECTION_SPECIFIC.includes(name))))
    expect([plan.status, plan.body]).toEqual([http1.status, http1.body])
    expect(wire.status).toBe(plan.status)
    expect(wire.headers.filter(([name]) => CONNECTION_SPECIFIC.includes(name))).toEqual([])
    const actual = wire.headers.filter(([name]) => name !== 'date')
    expect(sorted(actual)).toEqual(sorted(lowerCased(expectedHeaders(answered, plan))))
    if (!wire.body.equals(Buffer.from(plan.body, 'utf8'))) expect(wire.body.toString('utf8')).toBe(plan.body)
    expect(wire.body.equals(Buffer.from(plan.body, 'utf8'))).toBe(true)
  })
})

describe('across adapters', () => {
  it.each(conformanceCases)('every adapter sends the same response for $name', async (testCase) => {
    const [first, ...others] = adapters.filter((adapter) => differenceFor(adapter, testCase) === undefined)
    if (first === undefined) return
    const reference = await wireOf(first, testCase)
    for (const adapter of others) {
      const wire = await wireOf(adapter, testCase)
      // Compared as FETCH_SERVER_LIMITS allows for this adapter, both sides alike.
      const limits = limitsOf(adapter)
      expect(textOf(wire, limits), `${adapter.name} differs from ${first.name}`).toBe(textOf(reference, limits))
      expect(wire.body.equals(reference.body), `${adapter.name} body bytes differ from ${first.name}`).toBe(true)
    }
  })
})

describe('across adapters over HTTP/2', () => {
  it.each(conformanceCases)('every HTTP/2 adapter sends the same response for $name', async (testCase) => {
    const [first, ...others] = adapters.filter((adapter) => adapter.http2 && differenceFor(adapter, testCase) === undefined)
    if (first === undefined) return
    const reference = await h2WireOf(first, testCase)
    for (const adapter of others) {
      const wire = await h2WireOf(adapter, testCase)
      expect(h2TextOf(wire), `${adapter.name} differs from ${first.name}`).toBe(h2TextOf(reference))
      expect(wire.body.equals(reference.body), `${adapter.name} body bytes differ from ${first.name}`).toBe(true)
    }
  })
})

// --- internal ---

/** Resolved once per options object, as a handler does. */
const resolvedByOptions = new Map<ProblemOptions | undefined, ResolvedOptions>()

function planOf(testCase: ConformanceCase, thrown: (() => unknown) | undefined, httpVersion?: string): ResponsePlan {
  let options = resolvedByOptions.get(testCase.options)
  if (options === undefined) {
    options = resolveOptions(testCase.options, NODE_DEFAULTS)
    resolvedByOptions.set(testCase.options, options)
  }
  // What notFound() passes on when no route matches.
  const value = thrown === undefined ? new NotFound({ captureStack: false }) : thrown()
  // What res.getHeaders() gives the adapter: lower-case names.
  const before = Object.entries(testCase.before ?? {})
  const responseHeaders = Object.fromEntries(before.map(([name, value]) => [name.toLowerCase(), value]))
  const { method, path, headers } = testCase
  return planResponse(value, { method, path, headers, responseHeaders, ...(httpVersion === undefined ? {} : { httpVersion }) }, options)
}

function differenceFor(adapter: AdapterUnderTest, testCase: ConformanceCase): FrameworkDifference | undefined {
  return FRAMEWORK_DIFFERENCES.find((d) => d.cases.test(testCase.name) && d.adapters.test(adapter.name))
}

/** The case as the adapter answers it: itself, or what FRAMEWORK_DIFFERENCES lists instead. */
function answeredCase(adapter: AdapterUnderTest, testCase: ConformanceCase): ConformanceCase {
  switch (differenceFor(adapter, testCase)?.answeredAs) {
    case 'unmatched':
      return { ...testCase, thrown: undefined }
    case 'without-earlier-headers':
      return { ...testCase, before: undefined }
    default:
      return testCase
  }
}

function limitsOf(adapter: AdapterUnderTest): ReadonlySet<FetchServerLimit['limit']> {
  return new Set(FETCH_SERVER_LIMITS.filter((l) => l.adapters.test(adapter.name)).map((l) => l.limit))
}

/** What Node's writeHead() sends when it is given no reason phrase. */
function nodeReasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'unknown'
}

function lowerCased(headers: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  return headers.map(([name, value]) => [name.toLowerCase(), value])
}

/**
 * The headers the response must carry, in wire order: the earlier headers as Node keeps them (in the order set,
 * with the name last used), minus the plan's removals, then the plan's headers; one set again keeps its place.
 */
function expectedHeaders(testCase: ConformanceCase, plan: ResponsePlan): Array<[string, string]> {
  const headers = new Map<string, [string, string]>()
  for (const [name, value] of Object.entries(testCase.before ?? {})) headers.set(name.toLowerCase(), [name, value])
  for (const name of plan.remove) headers.delete(name)
  for (const [name, value] of Object.entries(plan.headers)) headers.set(name, [name, value])
  return [...headers.values()]
}

function sorted(headers: ReadonlyArray<readonly [string, string]>): string[] {
  return headers.map(([name, value]) => `${name}: ${value}`).sort()
}

/**
 * A response as text for a readable cross-adapter diff (transport headers left out), with Node's reason phrase and
 * the headers in lower case and sorted where FETCH_SERVER_LIMITS allow.
 */
function textOf(wire: Wire, limits: ReadonlySet<FetchServerLimit['limit']>): string {
  const kept = wire.headers.filter(([name]) => !TRANSPORT_HEADERS.includes(name.toLowerCase()))
  const lines = limits.has('unordered-headers') ? sorted(lowerCased(kept)) : kept.map(([name, value]) => `${name}: ${value}`)
  const reason = limits.has('node-reason-phrase') ? nodeReasonPhrase(wire.status) : wire.statusText
  return `HTTP/1.1 ${wire.status} ${reason}\r\n${lines.map((line) => `${line}\r\n`).join('')}\r\n${wire.body.toString('utf8')}`
}

// --- servers: one per adapter and setup (options × async), started on first use, closed at the end ---

interface Running {
  readonly server: http.Server
  readonly agent: http.Agent
  readonly port: number
}

const running = new Map<string, Promise<Running>>()
const wires = new Map<string, Promise<Wire>>()

afterAll(async () => {
  for (const started of running.values()) {
    const { server, agent } = await started
    agent.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

/** The adapter's answer to a case, fetched once (the per-adapter and cross-adapter tests share it). */
function wireOf(adapter: AdapterUnderTest, testCase: ConformanceCase): Promise<Wire> {
  const key = `${adapter.name}\n${testCase.name}`
  let wire = wires.get(key)
  if (wire === undefined) {
    wire = serverFor(adapter, testCase).then((target) => send(target, testCase))
    wires.set(key, wire)
  }
  return wire
}

const optionIds = new Map<ProblemOptions | undefined, number>()

function serverFor(adapter: AdapterUnderTest, testCase: ConformanceCase): Promise<Running> {
  if (!optionIds.has(testCase.options)) optionIds.set(testCase.options, optionIds.size)
  const key = `${adapter.name}\n${optionIds.get(testCase.options)}\n${testCase.async === true}`
  let started = running.get(key)
  if (started === undefined) {
    started = listen(adapter.mount(setupOf(testCase)))
    running.set(key, started)
  }
  return started
}

/** The app setup that serves every case with the options and sync/async of this one. */
function setupOf(testCase: ConformanceCase): AppSetup {
  return {
    thrown: (path) => {
      const found = casesByPath.get(path)
      if (found?.thrown === undefined) throw new Error(`no conformance case throws at ${path}`)
      return found.thrown()
    },
    // The route's case decides which headers "earlier middleware" set, so one server serves every case.
    before: (res: ServerResponse) => {
      const found = casesByPath.get(pathOf(res.req.url ?? ''))
      for (const [name, value] of Object.entries(found?.before ?? {})) res.setHeader(name, value)
    },
    ...(testCase.options === undefined ? {} : { options: testCase.options }),
    ...(testCase.async === true ? { async: true } : {}),
  }
}

function listen(listener: http.RequestListener): Promise<Running> {
  const server = http.createServer(listener)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ server, port, agent: new http.Agent({ keepAlive: true, maxSockets: 4 }) })
    })
  })
}

function send(target: Running, testCase: ConformanceCase): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        agent: target.agent,
        method: testCase.method,
        path: testCase.path,
        headers: testCase.headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const raw = res.rawHeaders
          const headers: Array<[string, string]> = []
          for (let i = 0; i < raw.length; i += 2) headers.push([raw[i] as string, raw[i + 1] as string])
          const body = Buffer.concat(chunks)
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers, body })
        })
      },
    )
    req.on('error', reject)
    req.end()
  })
}

// --- HTTP/2: one server and one session per adapter; a request header picks the setup's listener ---

interface H2Running {
  readonly server: http2.Http2Server
  readonly session: http2.ClientHttp2Session
  /** Listeners by setup key, mounted on first use. */
  readonly listeners: Map<string, http.RequestListener>
}

const SETUP_HEADER = 'x-conformance-setup'
const h2Running = new Map<string, Promise<H2Running>>()
const h2Wires = new Map<string, Promise<Wire>>()

afterAll(async () => {
  for (const started of h2Running.values()) {
    const { server, session } = await started
    await new Promise<void>((resolve) => session.close(() => resolve()))
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

function h2WireOf(adapter: AdapterUnderTest, testCase: ConformanceCase): Promise<Wire> {
  const key = `${adapter.name}\n${testCase.name}`
  let wire = h2Wires.get(key)
  if (wire === undefined) {
    wire = h2ServerFor(adapter).then((target) => h2Send(target, adapter, testCase))
    h2Wires.set(key, wire)
  }
  return wire
}

function h2ServerFor(adapter: AdapterUnderTest): Promise<H2Running> {
  let started = h2Running.get(adapter.name)
  if (started === undefined) {
    const listeners = new Map<string, http.RequestListener>()
    const server = http2.createServer((req, res) => {
      const listener = listeners.get(String(req.headers[SETUP_HEADER]))
      if (listener === undefined) {
        res.statusCode = 421
        res.end()
        return
      }
      // The compatibility API's request and response stand in for node:http's, as in an app.
      ;(listener as unknown as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void)(req, res)
    })
    started = new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo
        const session = http2.connect(`http://127.0.0.1:${port}`)
        session.once('error', reject)
        session.once('connect', () => resolve({ server, session, listeners }))
      })
    })
    h2Running.set(adapter.name, started)
  }
  return started
}

function h2Send(target: H2Running, adapter: AdapterUnderTest, testCase: ConformanceCase): Promise<Wire> {
  if (!optionIds.has(testCase.options)) optionIds.set(testCase.options, optionIds.size)
  const setupKey = `${optionIds.get(testCase.options)}-${testCase.async === true}`
  if (!target.listeners.has(setupKey)) target.listeners.set(setupKey, adapter.mount(setupOf(testCase)))
  return new Promise((resolve, reject) => {
    const stream = target.session.request({
      ':method': testCase.method,
      ':path': testCase.path,
      ...testCase.headers,
      [SETUP_HEADER]: setupKey,
    })
    const chunks: Buffer[] = []
    let status = 0
    const headers: Array<[string, string]> = []
    stream.on('response', (received) => {
      status = Number(received[':status'])
      for (const [name, value] of Object.entries(received)) {
        if (name.startsWith(':') || value === undefined) continue
        for (const item of Array.isArray(value) ? value : [value]) headers.push([name, String(item)])
      }
    })
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('error', reject)
    stream.on('end', () => resolve({ status, statusText: '', headers, body: Buffer.concat(chunks) }))
    stream.end()
  })
}

/** An HTTP/2 response as text for a readable cross-adapter diff: headers sorted, without `date`. */
function h2TextOf(wire: Wire): string {
  const lines = sorted(wire.headers.filter(([name]) => name !== 'date'))
  return `:status: ${wire.status}\r\n${lines.map((line) => `${line}\r\n`).join('')}\r\n${wire.body.toString('utf8')}`
}

function pathOf(target: string): string {
  const query = target.indexOf('?')
  return query === -1 ? target : target.slice(0, query)
}
