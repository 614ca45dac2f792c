// Hostile input through every adapter over a real socket (issue #6, requirement 2). Whatever the route throws and
// whatever the request says, the client gets a valid problem response: a 400-599 status, clean headers, nothing
// injected, a body that parses as its media type, no stack and nothing an unexposed error carried; and the server
// serves the next connection. Each adapter gets one long-lived server; the property stores the value to throw in a
// Map under a per-run id that the request path carries (`/p/<id>…`). Malformed bytes, which Node's client refuses to
// send, go through raw sockets: Node's own parser answers those (400, or 431 past its 16 KiB header limit), which
// is not our response, and the server must keep serving afterwards. Fastify's router and @hono/node-server refuse a
// few request targets themselves in the same way (refusedByFramework).
import { AsyncLocalStorage } from 'node:async_hooks'
import { readFileSync } from 'node:fs'
import http, { type RequestListener } from 'node:http'
import net, { type AddressInfo } from 'node:net'
import * as Boom from '@hapi/boom'
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom'
import Ajv2020 from 'ajv/dist/2020'
import fc from 'fast-check'
import createHttpError from 'http-errors'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BadRequest,
  Conflict,
  createError,
  isErrorStatus,
  NotFound,
  planResponse,
  resolveOptions,
  UnprocessableContent,
  type HttpError,
  type ProblemOptions,
} from '@http-problem/core'
import { adapters } from '../support/adapters'
import { failOnEscapes } from '../support/escapes'
import {
  acceptValue,
  binaryString,
  headerText,
  hostileClientError,
  HUGE,
  isUriReference,
  languageValue,
  Lazy,
  MARK,
  materialise,
  nastyChar,
  STACK_FRAME,
  thrownValue,
  validTraceparent,
} from '../support/arbitraries'
import { NODE_DEFAULTS } from '../support/node-defaults'

/** Runs per adapter of the main property: over HTTP, each with a follow-up request on a new connection. */
const RUNS = 2000
/** Runs per adapter of the raw-socket property (malformed bytes; two connections per run). */
const RAW_RUNS = 300
/** Runs per adapter of the property over 4xx errors with hostile extras (issue 17). */
const EXTRA_RUNS = 150

// --- what is checked ---

const schema = JSON.parse(readFileSync(new URL('../schema/problem-details.schema.json', import.meta.url), 'utf8')) as object
const ajv = new Ajv2020({ allErrors: true, strict: true })
ajv.addFormat('uri-reference', isUriReference)
const validateProblem = ajv.compile(schema)

/** RFC 9110 §5.6.2 token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** What Node's HTTP parser sends, and nothing else, for a request it refuses before any listener runs. */
const NODE_REFUSALS = new Set([
  'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
  'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
])
const NOT_FOUND_BODY = '{"type":"about:blank","title":"Not Found","status":404}'
/** A response as the client saw it: header names and values exactly as sent. */
interface Received {
  readonly status: number
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: Buffer
}

/** What the test knows about the error behind a response, from the onError hook. */
interface Context {
  readonly method: string
  /** Detail and extensions may be sent: the hook saw an exposed error, or the options expose everything. */
  readonly exposed: boolean
}

/**
 * Checks one response that our handler wrote; throws on the first violation. Plain checks rather than `expect`:
 * this runs for every one of thousands of responses, some with megabyte headers.
 */
function checkProblem(res: Received, context: Context): void {
  check(Number.isInteger(res.status) && res.status >= 400 && res.status <= 599, `status ${res.status}`)
  const seen = new Map<string, string[]>()
  for (const [name, value] of res.headers) {
    check(TOKEN.test(name), `header name ${JSON.stringify(name)}`)
    // Nothing a thrown value carried after a CR or LF (see `injected` below) becomes a header of its own.
    check(!FORBIDDEN_IN_HEADERS.test(value) && !/pwned|^x-injected$/i.test(name), `header ${name}: ${JSON.stringify(value.slice(0, 200))}`)
    const lower = name.toLowerCase()
    seen.set(lower, [...(seen.get(lower) ?? []), value])
  }
  check(!(seen.get('set-cookie') ?? []).includes('x=1'), 'a set-cookie smuggled through a header value')
  for (const name of ['content-type', 'content-length', 'x-content-type-options']) check(seen.get(name)?.length === 1, `one ${name}`)
  const contentType = seen.get('content-type')?.[0] as string
  const checkBody = bodyChecks[contentType]
  if (checkBody === undefined) throw new Error(`content-type ${contentType}`)
  check(seen.get('x-content-type-options')?.[0] === 'nosniff', 'x-content-type-options: nosniff')
  const length = seen.get('content-length')?.[0] as string
  check(/^(0|[1-9][0-9]*)$/.test(length), `content-length ${length}`)
  if (context.method === 'HEAD') {
    check(res.body.length === 0, 'no body for HEAD')
    return
  }
  check(Number(length) === res.body.length, `content-length ${length} for ${res.body.length} bytes`)
  const body = res.body.toString('utf8')
  // The bytes are UTF-8: decoding them and encoding again gives the same bytes (no lone surrogates went out).
  check(Buffer.from(body, 'utf8').equals(res.body), 'the body is UTF-8')
  check(!body.includes(STACK_FRAME), `a stack frame in ${body.slice(0, 2000)}`)
  check(context.exposed || !body.includes(MARK), `a secret of an unexposed error in ${body.slice(0, 2000)}`)
  checkBody(body, res.status, context)
}

/** Header values: no CR, LF or NUL (RFC 9110 §5.5), no smuggled header, no stack frame. */
const FORBIDDEN_IN_HEADERS = /[\r\n\0]|pwned|x-injected|\x20{4}at\x20/i
const HIDDEN_5XX_MEMBERS = new Set(['type', 'title', 'status', 'instance', 'traceId'])

function checkJson(body: string, status: number, context: Context): void {
  const doc = JSON.parse(body) as Record<string, unknown>
  check(validateProblem(doc), () => `schema: ${ajv.errorsText(validateProblem.errors)}\n${body.slice(0, 2000)}`)
  // RFC 9457 §3.1.2: the status member is the status actually sent.
  check(doc.status === status, `status member ${String(doc.status)} on a ${status}`)
  if (status >= 500 && !context.exposed) {
    // A hidden server error says what the status says, and nothing the error carried.
    for (const name of Object.keys(doc)) check(HIDDEN_5XX_MEMBERS.has(name), `member ${name} of a hidden ${status}`)
  }
}

const bodyChecks: Readonly<Record<string, (body: string, status: number, context: Context) => void>> = {
  'application/problem+json': checkJson,
  'application/json': checkJson,
  'application/problem+xml; charset=utf-8': (body, status) => {
    const root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(body, 'application/xml').documentElement
    check(root?.localName === 'problem' && root.namespaceURI === 'urn:ietf:rfc:7807', 'an RFC 7807 <problem> root')
    check(root?.getElementsByTagName('status')[0]?.textContent === String(status), 'the status element')
  },
  'text/html; charset=utf-8': (body) => {
    check(body.startsWith('<!doctype html>') && body.endsWith('</html>'), 'a whole HTML page')
    check(!/<script|<[^>]*\son[a-z]*\s*=/i.test(body), `script in ${body.slice(0, 2000)}`)
  },
  'text/plain; charset=utf-8': (body, status) => {
    check(body.startsWith(`${status} `), 'plain text starting with the status')
  },
}

function check(condition: boolean, message: string | (() => string)): asserts condition {
  if (!condition) throw new Error(typeof message === 'string' ? message : message())
}

// --- thrown values, besides the shared ones ---

/** Header-injection payloads: CR/LF in every spelling a writer might pass through, then headers to smuggle. */
const SEPARATORS = ['\r\n', '\n', '\r', '\0', '\r\n\t', '\u010d\u010a', '\u560d\u560a']
const smuggled = (separator: string): string => `${separator}Set-Cookie: pwned=1${separator}X-Injected: yes`

/** Every place a thrown value can carry text that might end up in a header. */
const injectors: Readonly<Record<string, (payload: string) => unknown>> = {
  'a foreign header value': (p) => ({ status: 404, expose: true, headers: { 'x-ok': `a${p}`, 'retry-after': `1${p}` } }),
  'a foreign header name': (p) => ({ statusCode: 401, headers: { [`x-a${p}`]: 'v', [`www-authenticate${p}`]: 'Basic' } }),
  'a status': (p) => ({ status: `404${p}`, statusCode: `503${p}` }),
  'a message, type and title': (p) => Object.assign(new Error(`m${p}`), { status: 400, expose: true, type: `t${p}`, title: `t${p}` }),
  'an http-errors header': (p) => createHttpError(429, `m${p}`, { headers: { 'Retry-After': `1${p}` } }),
  'a Boom output header': (p) => {
    const boom = new Boom.Boom(`m${p}`, { statusCode: 503 })
    boom.output.headers['Retry-After'] = `1${p}`
    boom.output.headers[`X-B${p}`] = 'v'
    return boom
  },
  'our error, with every text member': (p) =>
    createError(400, `m${p}`, { type: `t${p}`, title: `t${p}`, instance: `/i${p}`, extensions: { [`k${p}`]: `v${p}` } }),
  'our error, its headers replaced after construction': (p) => {
    const error = new NotFound('gone')
    ;(error as unknown as { headers: object }).headers = { 'x-ok': `a${p}`, [`x-b${p}`]: 'v' }
    return error
  },
  'a headers getter': (p) => ({
    status: 503,
    get headers() {
      return { 'retry-after': `1${p}` }
    },
  }),
}

const injected = fc
  .tuple(fc.constantFrom(...Object.keys(injectors)), fc.constantFrom(...SEPARATORS))
  .map(([where, separator]) => new Lazy(() => `CR/LF payload ${JSON.stringify(separator)} in ${where}`, () => injectors[where]?.(smuggled(separator))))

/** Values the shared arbitraries rarely or never produce: symbols, BigInts, revoked Proxies, huge members. */
const oddities: Readonly<Record<string, () => unknown>> = {
  'a symbol': () => Symbol(MARK),
  'symbols as members': () => ({ status: Symbol('404'), message: Symbol(MARK), headers: { x: Symbol('v') }, [Symbol('k')]: 1 }),
  'symbols in extensions': () => createError(400, 'x', { extensions: { s: Symbol(MARK) } }),
  'a BigInt': () => 10n ** 30n,
  'BigInt members': () => ({ status: 404n, statusCode: 503n, message: MARK }),
  'a BigInt extension': () => createError(422, 'x', { extensions: { n: 2n ** 64n } }),
  'a null-prototype error-like': () => Object.assign(Object.create(null) as object, { status: 418, message: MARK, expose: true }),
  'a null-prototype 5xx': () => Object.assign(Object.create(null) as object, { status: 502, message: MARK, expose: false }),
  'a revoked Proxy': () => {
    const { proxy, revoke } = Proxy.revocable({ status: 404 }, {})
    revoke()
    return proxy
  },
  'a huge message': () => ({ status: 400, message: HUGE, expose: true }),
  'a huge hidden 5xx': () => createError(503, `${MARK}${HUGE}`, { extensions: { MARK: HUGE } }),
  'a huge extension name': () => createError(400, 'x', { extensions: { [HUGE]: MARK } }),
  'a value that refuses conversion': () => ({
    status: 400,
    [Symbol.toPrimitive]() {
      throw new Error(MARK)
    },
    toString() {
      throw new Error(MARK)
    },
  }),
  'a function with a status': () => Object.assign(() => MARK, { status: 404, message: MARK }),
  'a frozen error with a cause loop': () => {
    const error = Object.assign(new Error(MARK), { status: 500 })
    ;(error as { cause?: unknown }).cause = error
    return Object.freeze(error)
  },
  'status 1e10, NaN and "abc"': () => ({ status: 1e10, statusCode: NaN, code: 'abc', message: MARK }),
}

const odd = fc.constantFrom(...Object.keys(oddities)).map((name) => new Lazy(() => name, () => oddities[name]?.()))

const thrown = fc.oneof({ weight: 6, arbitrary: thrownValue }, { weight: 1, arbitrary: injected }, { weight: 1, arbitrary: odd })

// --- requests ---

/** Handler options by name; each adapter mounts every set, synchronous and asynchronous. */
const optionSets: Readonly<Record<string, ProblemOptions>> = {
  defaults: {},
  instanceAndTypeBase: { instanceFromPath: true, typeBase: 'https://example.com/probs/' },
  exposeAll: { expose: () => true, traceId: false, cacheControl: false },
  tinyLimits: { limits: { detailLength: 16, stringLength: 8, depth: 2, members: 3, extensionLength: 64 } },
  textFirstChinese: { mediaTypes: ['text/plain', 'application/problem+json'], languages: ['zh-CN', 'en'], defaultLanguage: 'zh-CN' },
}

/** Option sets mounted for the issue 17 triggers only; the generated requests never pick them. */
const triggerOptionSets: Readonly<Record<string, ProblemOptions>> = {
  debug: { debug: true },
}

/**
 * Request headers, each a value Node's client sends as given: the text's UTF-8 bytes as latin1 characters, less the
 * control characters Node refuses, at most `max` bytes. Together they stay under Node's 16 KiB header limit.
 */
const MAX_HEADER_BYTES = 2500
const fieldValue = (arb: fc.Arbitrary<string>): fc.Arbitrary<string | string[]> =>
  fc.oneof(
    { weight: 4, arbitrary: arb.map((text) => toFieldValue(text, MAX_HEADER_BYTES)) },
    { weight: 1, arbitrary: fc.array(arb, { minLength: 2, maxLength: 3 }).map((texts) => texts.map((text) => toFieldValue(text, 800))) },
  )
/** Text from every plane (lone surrogates too), and readable non-ASCII text that a negotiator might half-parse. */
const readableText = fc.string({
  unit: fc.constantFrom('é', 'ü', 'ß', 'Ω', '中', '文', '😀', '\u2028', '\u00a0', '\ufeff', 'a', '-', ',', ';', '=', '*'),
  maxLength: 30,
})
const unicodeText = fc.oneof(binaryString, readableText)
const requestHeaders = fc.record(
  {
    accept: fieldValue(fc.oneof(acceptValue, unicodeText)),
    'accept-language': fieldValue(fc.oneof(languageValue, unicodeText)),
    traceparent: fieldValue(fc.oneof(validTraceparent, headerText, validTraceparent.map((t) => `${t}-${MARK}`))),
    'x-request-id': fieldValue(fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,140}$/), headerText)),
  },
  { requiredKeys: [] },
)

/** What follows `/p/<id>`: paths, queries, malformed escapes and long ones, as bytes Node's client sends as given. */
const pathSuffix = fc.oneof(
  fc.webPath(),
  fc.webPath().map((p) => `${p}?token=${MARK}`),
  binaryString.map(toRequestTarget),
  fc.string({ unit: nastyChar, maxLength: 20 }).map(toRequestTarget),
  unicodeText.map(toRequestTarget),
  fc.constantFrom('', '?', '#', '/..', '/%', '/%zz', '/%00', '/%E0%A4%A', '//a//b', '/a;b=c', '/\\..\\', '/*', '?a=1&a=2#x', '/"<script>'),
  fc.nat({ max: 3000 }).map((n) => `/${'a'.repeat(n)}`),
)

const request = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  path: pathSuffix,
  headers: requestHeaders,
  options: fc.constantFrom(...Object.keys(optionSets)),
  async: fc.boolean(),
})

/**
 * Raw bytes for header lines: mostly what Node accepts (obs-text bytes included), some with control bytes, DEL or
 * bare CR/LF mixed in, which Node's parser refuses before any listener runs.
 */
const cleanUnit = fc.constantFrom('a', 'Z', '0', '-', ':', ';', ',', ' ', '=', '/', '*', '"', '(', '%', '\t', '\x80', '\xe9', '\xff')
const dirtyUnit = fc.oneof(
  { weight: 3, arbitrary: cleanUnit },
  { weight: 1, arbitrary: fc.constantFrom('\r', '\n', '\r\n', '\0', '\x7f', '\x01', '\x1b') },
)
const rawText = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: cleanUnit, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: dirtyUnit, maxLength: 60 }) },
)
const rawRequest = fc.record({
  path: fc.oneof({ weight: 3, arbitrary: fc.webPath() }, { weight: 1, arbitrary: rawText }),
  lines: fc.array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('Accept', 'Accept-Language', 'traceparent', 'X-Request-Id', 'accept') },
        { weight: 1, arbitrary: fc.oneof(fc.constantFrom(' Accept', 'Accept ', 'Acc\x80ept', ''), rawText) },
      ),
      rawText,
    ),
    { maxLength: 4 },
  ),
  // Raw UTF-8 (not latin1) in Accept-Language: valid bytes to Node, unicode to the negotiator.
  language: fc.option(readableText, { nil: undefined }),
})

// --- issue 17 triggers ---

interface Trigger {
  readonly label: string
  readonly make: () => unknown
  /** A key of optionSets or triggerOptionSets; default `defaults`. */
  readonly options?: string
  readonly status: number
  /** Headers the response must carry, or must not (undefined). */
  readonly headers?: Readonly<Record<string, string | undefined>>
  /** The exact body, where it does not depend on the stack. */
  readonly body?: string
  readonly json?: (doc: Record<string, unknown>) => void
}

function triggerOptions(name: string): ProblemOptions {
  return optionSets[name] ?? triggerOptionSets[name] ?? {}
}

function revokedProxy(target: object = {}): object {
  const { proxy, revoke } = Proxy.revocable(target, {})
  revoke()
  return proxy
}

/** Eight nested arrays, each holding `n` references to the next: n^8 values when walked as a tree. */
function sharedArrays(n: number): unknown {
  let level: unknown = 1
  for (let i = 0; i < 8; i++) level = new Array(n).fill(level)
  return level
}

/** A cycle through an array, a Map and a Set (each carrying the next as a member), with the array shared 100 times. */
function cycleThroughCollections(): unknown {
  const list: unknown[] = []
  const map = Object.assign(new Map<string, unknown>(), { list })
  const set = Object.assign(new Set<unknown>(), { map })
  for (let i = 0; i < 100; i++) list.push(set, list)
  return { list }
}

function gzipLabelled(): HttpError {
  return new BadRequest('Bad filter', { headers: { 'Content-Encoding': 'gzip', ETag: '"v1"', 'Last-Modified': 'Wed, 21 Oct 2015 07:28:00 GMT', 'Content-Location': '/x', Digest: 'sha-256=x' } })
}

const BAD_REQUEST_X = '{"type":"about:blank","title":"Bad Request","status":400,"detail":"x"}'

const triggers: readonly Trigger[] = [
  {
    label: '2, a foreign 400 whose validation is a revoked Proxy',
    make: () => Object.assign(new Error('x'), { status: 400, validation: revokedProxy([]) }),
    status: 400,
    body: BAD_REQUEST_X,
  },
  ...[8, 100].map((n) => ({
    label: `4, extensions holding 8 nested arrays of ${n} references each`,
    make: () => new BadRequest('x', { extensions: { graph: sharedArrays(n), after: 1 } }),
    status: 400,
    body: '{"type":"about:blank","title":"Bad Request","status":400,"detail":"x","after":1}',
  })),
  {
    label: '4, extensions with cycles through arrays, Maps and Sets',
    make: () => new BadRequest('x', { extensions: { graph: cycleThroughCollections(), after: 1 } }),
    status: 400,
    json: (doc) => expect(doc).toMatchObject({ status: 400, after: 1 }),
  },
  {
    label: '7, a top-level extension that is a revoked Proxy',
    make: () => new UnprocessableContent('x', { extensions: { bad: revokedProxy(), ok: 1 } }),
    status: 422,
    body: '{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"x","bad":"[Unreadable]","ok":1}',
  },
  {
    label: '7, a top-level extension whose getPrototypeOf trap throws',
    make: () => new UnprocessableContent('x', { extensions: { bad: new Proxy({}, { getPrototypeOf: () => { throw new Error('trap') } }), ok: 1 } }),
    status: 422,
    body: '{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"x","bad":"[Unreadable]","ok":1}',
  },
  {
    label: '7, with debug on, a cause whose name and message cannot be read',
    make: () => new Conflict('x', { cause: { get name(): string { throw new Error('name') }, message: revokedProxy() } }),
    options: 'debug',
    status: 409,
    json: (doc) => expect((doc.debug as { errors: unknown[] }).errors[1]).toMatchObject({ name: '[Unreadable]', message: '[Unreadable]' }),
  },
  ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].map((type) => ({
    label: `8, a foreign 401 whose type is ${type}`,
    make: () => Object.assign(new Error('Token expired'), { status: 401, expose: true, type, headers: { 'WWW-Authenticate': 'Bearer realm="api"' } }),
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="api"' },
    body: '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Token expired"}',
  })),
  {
    label: '8, a Fastify validation error whose validationContext is __proto__',
    make: () =>
      Object.assign(new Error('body/a must be string'), {
        statusCode: 400,
        validation: [{ instancePath: '/a', keyword: 'type', message: 'must be string', params: {} }],
        validationContext: '__proto__',
      }),
    status: 400,
    body: '{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request did not match the schema.","errors":[{"detail":"must be string","pointer":"#/a"}]}',
  },
  {
    label: '9, an error carrying Content-Encoding, ETag, Last-Modified, Content-Location and Digest',
    make: gzipLabelled,
    status: 400,
    headers: { 'content-encoding': undefined, etag: undefined, 'last-modified': undefined, 'content-location': undefined, digest: undefined },
    body: '{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad filter"}',
  },
  // Issue 14: the shapes toHttpError adopts from Hono, h3, NestJS, Joi and celebrate, made hostile.
  {
    label: '14, a Hono-style 401 whose res.headers getter throws',
    make: () => Object.assign(new Error(''), { status: 401, res: { get headers(): never { throw new Error('trap') } } }),
    status: 401,
    body: '{"type":"about:blank","title":"Unauthorized","status":401}',
  },
  {
    label: '14, a Hono-style 401 whose res.headers forEach yields a valid field, then CR/LF, then throws',
    make: () =>
      Object.assign(new Error(''), {
        status: 401,
        res: {
          headers: {
            forEach(visit: (value: string, name: string) => void) {
              visit('Basic realm="a"', 'WWW-Authenticate')
              visit('x\r\nSet-Cookie: a=1', 'X-Smuggled')
              visit('1', 'bad name')
              throw new Error('trap')
            },
          },
        },
      }),
    status: 401,
    headers: { 'www-authenticate': 'Basic realm="a"', 'x-smuggled': undefined, 'set-cookie': undefined },
    body: '{"type":"about:blank","title":"Unauthorized","status":401}',
  },
  {
    label: '14, a Hono-style 401 whose res is a revoked Proxy',
    make: () => Object.assign(new Error(''), { status: 401, res: revokedProxy() }),
    status: 401,
    body: '{"type":"about:blank","title":"Unauthorized","status":401}',
  },
  {
    label: '14, an h3-style 429 whose headers are an endless iterable of entries',
    make: () =>
      Object.assign(new Error('slow down'), {
        name: 'HTTPError',
        status: 429,
        statusText: undefined,
        unhandled: undefined,
        data: revokedProxy(),
        headers: {
          *[Symbol.iterator]() {
            yield ['Retry-After', '5']
            for (let i = 0; ; i++) yield [`x-${i}`, 'v']
          },
        },
      }),
    status: 429,
    headers: { 'retry-after': '5', 'x-63': undefined, 'x-64': undefined },
    json: (doc) => expect(doc).toMatchObject({ status: 429, detail: 'slow down', data: '[Unreadable]' }),
  },
  {
    label: '14, a NestJS-style exception whose getStatus and getResponse throw',
    make: () =>
      Object.assign(new Error('x'), {
        getStatus: () => {
          throw new Error('trap')
        },
        getResponse: () => {
          throw new Error('trap')
        },
      }),
    status: 500,
    body: '{"type":"about:blank","title":"Internal Server Error","status":500}',
  },
  {
    label: '14, a NestJS-style 400 with 100 000 messages, capped at 100 errors',
    make: () =>
      Object.assign(new Error('x'), {
        getStatus: () => 400,
        getResponse: () => ({ message: Array.from({ length: 100_000 }, (_, i) => `m${i}`), errorCode: revokedProxy() }),
      }),
    status: 400,
    json: (doc) => expect((doc.errors as unknown[]).length).toBe(100),
  },
  {
    label: '14, a Joi-style error whose details entries are Proxies that throw',
    make: () =>
      Object.assign(new Error('x'), {
        isJoi: true,
        details: [new Proxy({}, { get: () => { throw new Error('trap') } }), { message: 'bad', path: ['a'] }],
      }),
    status: 400,
    body: '{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request is not valid.","errors":[{"detail":"is not valid","pointer":"#"},{"detail":"bad","pointer":"#/a"}]}',
  },
  {
    label: '14, a celebrate-style error whose details Map iterator throws',
    make: () => {
      const details = new Map([['body', { isJoi: true, details: [{ message: 'bad', path: ['a'] }] }]])
      let first = true
      details[Symbol.iterator] = function* () {
        if (!first) throw new Error('trap')
        first = false
        yield* Map.prototype.entries.call(details) as IterableIterator<[string, unknown]>
      } as never
      return Object.assign(new Error('x'), { details })
    },
    status: 500,
    body: '{"type":"about:blank","title":"Internal Server Error","status":500}',
  },
]

// --- the properties ---

// Unhandled rejections and uncaught exceptions fail the test in which they happen.
failOnEscapes()

interface Run {
  readonly thrown: unknown
  readonly app: string
  readonly method: string
  /** Filled in by the onError hook. */
  reports: number
  exposed: boolean
}

describe.each(adapters)('$name, for any thrown value and any request', (adapter) => {
  const express = adapter.name.startsWith('express')
  const runs = new Map<number, Run>()
  /**
   * The run of the request being handled, found by its raw target: the path the app sees may differ (Hono's is a
   * WHATWG URL's, where `/p/7/..` is `/p/`), and so may the path onError is given.
   */
  const current = new AsyncLocalStorage<Run | undefined>()
  let nextId = 0
  let port = 0
  let server: http.Server
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

  beforeAll(async () => {
    const apps: Record<string, RequestListener> = {}
    for (const [name, options] of Object.entries({ ...optionSets, ...triggerOptionSets })) {
      const withHook: ProblemOptions = { ...options, onError: (error) => record(name, error) }
      for (const async of [false, true]) {
        apps[`${name}/${async}`] = adapter.mount({ thrown: () => current.getStore()?.thrown, options: withHook, async })
      }
    }
    const fallback = apps['defaults/false'] as RequestListener
    server = http.createServer((req, res) => {
      const run = runs.get(idOf(req.url))
      current.run(run, () => (run === undefined ? fallback : (apps[run.app] as RequestListener))(req, res))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })

  afterAll(async () => {
    agent.destroy()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  function record(name: string, error: HttpError): void {
    const run = current.getStore()
    if (run === undefined) return
    // Koa hands errors of the connection itself (a reset, or Node's parser refusing a pipelined request after
    // this one) to the pending request's ctx.onerror, and errorHandler() reports them too: not the thrown value.
    if (isConnectionError(error)) return
    run.reports += 1
    run.exposed = name === 'exposeAll' || isExposed(error)
  }

  /** The server still answers a plain request, on a connection of its own. */
  async function expectServing(): Promise<void> {
    const res = await send(port, { method: 'GET', path: `/unmatched/${nextId}`, headers: { accept: 'application/problem+json' } }, false)
    check(res.status === 404 && res.body.toString('utf8') === NOT_FOUND_BODY, `the next request got a ${res.status}: ${res.body.toString('utf8')}`)
  }

  it(`answers ${RUNS} generated requests over keep-alive with valid problems, and keeps serving`, async () => {
    await fc.assert(
      fc.asyncProperty(thrown, request, async (lazy, req) => {
        const id = nextId++
        const run: Run = { thrown: materialise(lazy), app: `${req.options}/${req.async}`, method: req.method, reports: 0, exposed: false }
        fc.pre(!(express && passesOver(run.thrown, req.method)))
        runs.set(id, run)
        try {
          const suffix = req.path === '' || /^[/?#]/.test(req.path) ? req.path : `/${req.path}`
          const target = `/p/${id}${suffix}`
          const res = await send(port, { method: req.method, path: target, headers: req.headers }, agent)
          if (refusedByFramework(adapter.name, req.method, target, res)) {
            check(run.reports === 0, `onError ran ${run.reports} times for a request the framework refused`)
          } else {
            checkProblem(res, run)
            // The hook ran once, for this request: the response came from our handler, not a framework's default.
            check(run.reports === 1, `onError ran ${run.reports} times`)
          }
        } finally {
          runs.delete(id)
        }
        await expectServing()
      }),
      { numRuns: RUNS },
    )
  }, 120_000)

  it(`answers or refuses ${RAW_RUNS} requests with malformed header bytes, and keeps serving`, async () => {
    await fc.assert(
      fc.asyncProperty(thrown, rawRequest, async (lazy, req) => {
        const id = nextId++
        const run: Run = { thrown: materialise(lazy), app: 'defaults/false', method: 'GET', reports: 0, exposed: false }
        fc.pre(!(express && passesOver(run.thrown, 'GET')))
        runs.set(id, run)
        try {
          const target = `/p/${id}/${req.path}`
          const head = [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...req.lines.map(([name, value]) => `${name}: ${value}`)]
          const parts = [Buffer.from(`${head.join('\r\n')}\r\n`, 'latin1')]
          if (req.language !== undefined) parts.push(Buffer.from(`Accept-Language: ${req.language}\r\n`, 'utf8'))
          parts.push(Buffer.from('Connection: close\r\n\r\n', 'latin1'))
          const responses = checkRawExchange(await sendRaw(port, Buffer.concat(parts)), run, target)
          check(responses.length > 0, 'no answer at all')
          // Node may refuse a pipelined request (bytes after a blank line) before the first one was answered, and
          // then closes the connection without it; so the thrown value may be reported without a response.
          const ours = responses.filter((response) => response.ours).length
          check(ours <= run.reports && run.reports <= 1, `onError ran ${run.reports} times for ${ours} responses of ours`)
        } finally {
          runs.delete(id)
        }
        await expectServing()
      }),
      { numRuns: RAW_RUNS },
    )
  }, 120_000)

  const examples: ReadonlyArray<{ readonly label: string; readonly lines: readonly string[]; readonly ours: boolean }> = [
    { label: 'a CR inside a value', lines: ['Accept: text/html\rSet-Cookie: pwned=1'], ours: false },
    { label: 'a bare LF inside a value', lines: ['Accept: text/html\nX-Injected: yes'], ours: false },
    { label: 'a NUL inside a value', lines: ['Accept-Language: en\0zh'], ours: false },
    { label: 'DEL inside a value', lines: ['traceparent: 00-\x7f'], ours: false },
    { label: 'an obsolete line fold', lines: ['Accept: text/html', ' application/json'], ours: false },
    { label: 'a space in a field name', lines: ['Acc ept: */*'], ours: false },
    { label: 'a field line without a colon', lines: ['Accept'], ours: false },
    { label: 'obs-text bytes in every value', lines: ['Accept: \x80\xff\xe9/html', 'Accept-Language: \xe9n', 'traceparent: \xff'], ours: true },
    { label: 'a CRLF that ends one header and starts another', lines: ['Accept: text/html', 'Set-Cookie: pwned=1'], ours: true },
    { label: 'headers just under the 16 KiB limit', lines: [`Accept: ${'a/b;q=0.1, '.repeat(1100)}`, `Accept-Language: ${'zz-'.repeat(1000)}`], ours: true },
    { label: 'one header over the 16 KiB limit', lines: [`Accept-Language: ${'en-GB,'.repeat(3000)}`], ours: false },
    { label: 'two thousand headers over the limit', lines: Array.from({ length: 2000 }, (_, i) => `X-H${i}: ${'v'.repeat(10)}`), ours: false },
  ]

  it.each(examples)('handles $label over a raw socket, and keeps serving', async ({ lines, ours }) => {
    const id = nextId++
    const run: Run = { thrown: createError(503, MARK, { extensions: { MARK } }), app: 'defaults/false', method: 'GET', reports: 0, exposed: false }
    runs.set(id, run)
    try {
      const head = [`GET /p/${id}/x HTTP/1.1`, 'Host: 127.0.0.1', ...lines, 'Connection: close', '', '']
      const responses = checkRawExchange(await sendRaw(port, Buffer.from(head.join('\r\n'), 'latin1')), run, `/p/${id}/x`)
      expect(responses.map((r) => r.ours)).toEqual([ours])
      if (ours) expect(responses[0]?.status).toBe(503)
    } finally {
      runs.delete(id)
    }
    await expectServing()
  })

  it('refuses a request target over 16 KiB with Node’s own 431, and keeps serving', async () => {
    const id = nextId++
    runs.set(id, { thrown: new Error(MARK), app: 'defaults/false', method: 'GET', reports: 0, exposed: false })
    try {
      const bytes = await sendRaw(port, Buffer.from(`GET /p/${id}/${'a'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 'latin1'))
      expect(bytes.toString('latin1')).toBe('HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n')
    } finally {
      runs.delete(id)
    }
    await expectServing()
  })

  it(`answers ${EXTRA_RUNS} 4xx errors whose extras are hostile with their own status, and keeps serving`, async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileClientError,
        fc.constantFrom(...Object.keys(optionSets), ...Object.keys(triggerOptionSets)),
        fc.boolean(),
        acceptValue.map((text) => toFieldValue(text, MAX_HEADER_BYTES)),
        async ({ status, error }, options, async, accept) => {
          const id = nextId++
          const run: Run = { thrown: materialise(error), app: `${options}/${async}`, method: 'GET', reports: 0, exposed: false }
          runs.set(id, run)
          try {
            const res = await send(port, { method: 'GET', path: `/p/${id}`, headers: { accept } }, agent)
            // With debug on, a secret in the error is meant to be shown.
            checkProblem(res, options === 'debug' ? { ...run, exposed: true } : run)
            check(res.status === status, `a ${status} error answered with ${res.status}: ${res.body.toString('utf8').slice(0, 500)}`)
            check(run.reports === 1, `onError ran ${run.reports} times`)
          } finally {
            runs.delete(id)
          }
          await expectServing()
        },
      ),
      { numRuns: EXTRA_RUNS },
    )
  }, 120_000)

  it.each(triggers.map((trigger) => [trigger.label, trigger] as const))('answers issue 17 trigger %s, and keeps serving', async (_, trigger) => {
    const { make, options = 'defaults', status, headers = {}, body, json } = trigger
    const id = nextId++
    runs.set(id, { thrown: make(), app: `${options}/false`, method: 'GET', reports: 0, exposed: false })
    try {
      const res = await send(port, { method: 'GET', path: `/p/${id}`, headers: { accept: 'application/problem+json' } }, false)
      const header = (name: string): string | undefined => res.headers.find(([n]) => n.toLowerCase() === name)?.[1]
      expect(res.status).toBe(status)
      expect(header('content-type')).toBe('application/problem+json')
      expect(Number(header('content-length'))).toBe(res.body.length)
      for (const [name, value] of Object.entries(headers)) expect(header(name), name).toBe(value)
      const text = res.body.toString('utf8')
      if (body !== undefined) expect(text).toBe(body)
      json?.(JSON.parse(text) as Record<string, unknown>)
      if (options !== 'debug') {
        // The same bytes and headers as the plan: the adapter wrote what core decided, and nothing of its own.
        const plan = planResponse(make(), { method: 'GET', path: `/p/${id}`, headers: { accept: 'application/problem+json' } }, resolveOptions(triggerOptions(options), NODE_DEFAULTS))
        expect(text).toBe(plan.body)
        for (const [name, value] of Object.entries(plan.headers)) expect(header(name), name).toBe(value)
      }
    } finally {
      runs.delete(id)
    }
    await expectServing()
  })

  it('refuses a language tag that is not a BCP 47 tag, and a numeric title, when the handler is created', () => {
    // Issue 17, trigger 12: `Content-Language: 中文` made Node's header writer throw ERR_INVALID_CHAR at request time.
    expect(() => adapter.mount({ thrown: () => new NotFound(), options: { locales: { 中文: {} }, languages: ['en'], defaultLanguage: '中文' } })).toThrow(
      /"中文" is not a language tag/,
    )
    expect(() => adapter.mount({ thrown: () => new NotFound(), options: { problemTypes: { t: { title: { en: 42 as unknown as string } } } } })).toThrow(
      /must be a string, got number/,
    )
  })

  it('sends an error carrying Content-Encoding: gzip as plain JSON that fetch() decodes', async () => {
    // Issue 17, trigger 9: the body was plain JSON labelled gzip, and fetch() failed to decode it.
    const id = nextId++
    runs.set(id, { thrown: gzipLabelled(), app: 'defaults/false', method: 'GET', reports: 0, exposed: false })
    try {
      const res = await fetch(`http://127.0.0.1:${port}/p/${id}`, { headers: { accept: 'application/problem+json' } })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-encoding')).toBeNull()
      expect(await res.json()).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Bad filter' })
    } finally {
      runs.delete(id)
    }
    await expectServing()
  })

  // Core gives an error's own headers an 8 KiB budget: a 64 KiB header would be refused by Node's client (16 KiB),
  // nginx (4-8 KiB) and most others, so it is left out and the response stays readable.
  it('keeps an error’s own headers within what clients accept', async () => {
    const id = nextId++
    runs.set(id, { thrown: createError(400, 'big', { headers: { 'x-big': 'x'.repeat(64 << 10) } }), app: 'defaults/false', method: 'GET', reports: 0, exposed: false })
    try {
      const res = await send(port, { method: 'GET', path: `/p/${id}`, headers: {}, maxHeaderSize: 16 << 10 }, false)
      expect(res.status).toBe(400)
    } finally {
      runs.delete(id)
    }
  })

  /**
   * Splits what a raw socket received into responses and checks each: either Node's own refusal, exactly, the
   * framework's (refusedByFramework), or a problem response of ours. Returns which was which.
   */
  function checkRawExchange(bytes: Buffer, run: Run, target: string): Array<{ ours: boolean; status: number }> {
    const responses: Array<{ ours: boolean; status: number }> = []
    let offset = 0
    while (offset < bytes.length) {
      const end = bytes.indexOf('\r\n\r\n', offset)
      if (end < 0) expect.fail(`an incomplete response: ${JSON.stringify(bytes.subarray(offset, offset + 300).toString('latin1'))}`)
      const head = bytes.subarray(offset, end + 4).toString('latin1')
      if (NODE_REFUSALS.has(head)) {
        responses.push({ ours: false, status: Number(head.slice(9, 12)) })
        offset = end + 4
        continue
      }
      const [statusLine = '', ...lines] = head.slice(0, -4).split('\r\n')
      const status = /^HTTP\/1\.1 ([1-5][0-9]{2}) [^\r\n]*$/.exec(statusLine)
      if (status === null) expect.fail(`not a status line: ${JSON.stringify(statusLine)}`)
      const headers = lines.map((line): [string, string] => {
        const match = /^([^:]*): ?(.*)$/s.exec(line)
        if (match === null) expect.fail(`not a field line: ${JSON.stringify(line)}`)
        return [match[1] as string, match[2] as string]
      })
      const length = headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1]
      if (length === undefined && headers.some(([name, value]) => name.toLowerCase() === 'transfer-encoding' && value === 'chunked')) {
        // Node's own 400 for a request without Host (RFC 9112 §3.2), which it answers before any listener.
        expect(statusLine).toBe('HTTP/1.1 400 Bad Request')
        expect(bytes.subarray(end + 4).toString('latin1')).toBe('0\r\n\r\n')
        responses.push({ ours: false, status: 400 })
        break
      }
      const body = bytes.subarray(end + 4, end + 4 + Number(length))
      const received = { status: Number(status[1]), headers, body }
      const ours = !refusedByFramework(adapter.name, 'GET', target, received)
      if (ours) checkProblem(received, run)
      responses.push({ ours, status: received.status })
      offset = end + 4 + body.length
    }
    return responses
  }
})

// --- internal ---

/**
 * Whether Express takes the value passed to `next()` for no error at all: a falsy value or 'route' continues the
 * chain, to notFound(), which leaves OPTIONS to Express's own answer (a text/html 404 where no route matched; see
 * the report on issue #6); 'router' leaves the router for Express's final handler. The thrown value never
 * reaches errorHandler(), so the response is not ours to check.
 */
function passesOver(thrown: unknown, method: string): boolean {
  return thrown === 'router' || (method === 'OPTIONS' && (!thrown || thrown === 'route'))
}

/**
 * Whether the response is a framework's own refusal of the request target, sent before any handler runs (like
 * Node's parser refusals above), and so not ours to check. Fastify's router answers a path it cannot
 * percent-decode with its JSON 400 (FST_ERR_BAD_URL; an app can pass it on with the `frameworkErrors` option), and
 * @hono/node-server answers a backslash in the path with an empty 400. Neither carries our nosniff header.
 */
function refusedByFramework(adapter: string, method: string, target: string, res: Received): boolean {
  const header = (name: string): string | undefined => res.headers.find(([n]) => n.toLowerCase() === name)?.[1]
  if (res.status !== 400 || header('x-content-type-options') !== undefined) return false
  if (adapter.startsWith('fastify')) {
    const body = res.body.toString('utf8')
    const badUrl = /^\{"error":"Bad Request","code":"FST_ERR_BAD_URL","message":"'.*' is not a valid url component","statusCode":400\}$/s
    return target.includes('%') && header('content-type') === 'application/json' && (method === 'HEAD' ? body === '' : badUrl.test(body))
  }
  if (adapter.startsWith('hono')) {
    // @hono/node-server answers a request whose path it cannot turn into a URL (a backslash, or a control character
    // that the lenient parser let through) with its own empty 400, before the app runs.
    const query = target.indexOf('?')
    const path = query === -1 ? target : target.slice(0, query)
    return /[\\\x00-\x1f\x7f]/.test(path) && res.body.length === 0 && header('content-type') === undefined
  }
  return false
}

function idOf(path: string | undefined): number {
  const match = /^\/p\/([0-9]+)(?:[/?#]|$)/.exec(path ?? '')
  return match === null ? -1 : Number(match[1])
}

function isConnectionError(error: HttpError): boolean {
  try {
    const code = (error.cause as { code?: unknown } | null | undefined)?.code
    return typeof code === 'string' && (code.startsWith('HPE_') || ['ECONNRESET', 'EPIPE', 'ECONNABORTED'].includes(code))
  } catch {
    return false
  }
}

function isExposed(error: HttpError): boolean {
  try {
    return isErrorStatus(error.status) && error.expose === true
  } catch {
    return false
  }
}

/** UTF-8 bytes as latin1 characters, less what Node's client refuses in a header value, cut to `max` bytes. */
function toFieldValue(text: string, max: number): string {
  // Cut first: the generated text may be a megabyte long, and at most `max` bytes of it are sent.
  return Buffer.from(text.slice(0, max), 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '')
    .slice(0, max)
}

/** Printable ASCII bytes as they are (malformed escapes included), everything else percent-encoded. */
function toRequestTarget(text: string): string {
  let target = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    target += byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return target
}

interface Outgoing {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string | string[]>>
  readonly maxHeaderSize?: number
}

/** One request through Node's client; header names and values are kept as received. */
function send(port: number, req: Outgoing, agent: http.Agent | false): Promise<Received> {
  return new Promise((resolve, reject) => {
    // The client accepts header sections far past Node's default 16 KiB: see the known-bug test on error headers.
    const outgoing = http.request({ host: '127.0.0.1', port, agent, ...req }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        clearTimeout(timer)
        const headers: Array<[string, string]> = []
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string])
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) })
      })
    })
    const timer = setTimeout(() => outgoing.destroy(new Error(`no answer to ${req.method} ${req.path.slice(0, 200)}`)), 10_000)
    outgoing.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    outgoing.end()
  })
}

/** Writes the bytes and half-closes; resolves with everything received once the server has closed the connection. */
function sendRaw(port: number, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`the server kept the connection open; received ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 300))}`))
    }, 10_000)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    // The server may reset a connection it refused while request bytes were unread; what arrived still counts.
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks))
    })
    socket.end(bytes)
  })
}
