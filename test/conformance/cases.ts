// The conformance table: what the route throws × method × Accept × Accept-Language × headers set earlier ×
// handler options. Every adapter in test/support/adapters.ts answers every case over a real socket, and the
// answers must match core's plan byte for byte (conformance.test.ts) and the reviewed golden file
// golden/<name>.http. The table is built as a product where that is cheap, and kept to a few hundred cases so
// the whole suite runs in seconds.
import * as Boom from '@hapi/boom'
import createHttpError from 'http-errors'
import {
  createError,
  DateNotAcceptable,
  defineProblemType,
  Forbidden,
  InternalServerError,
  NotFound,
  statuses,
  validationProblem,
  type ProblemOptions,
} from '@http-problem/core'
import { CHROME_ACCEPT, CURL_ACCEPT, RETRY_AT, SECRET, TRACEPARENT, ZH_CN_LANGUAGE } from '../golden/cases'

/** One request against one route; `golden/<name>.http` holds core's rendering of it. */
export interface ConformanceCase {
  /**
   * `<status>-<what is thrown>.<method>.<accept>[.zh-cn][.<extras>]`, e.g. `404-not-found.get.curl`: the status
   * core must answer with, then the request. Lower-case letters, digits, `-` and `.`; it is also the file name.
   */
  readonly name: string
  /** Makes a fresh value for the route to throw; undefined means no route matches, so `notFound()` answers. */
  readonly thrown: (() => unknown) | undefined
  readonly method: string
  /** The request target: `/case/<name>` for a route that throws, `/unmatched/<name>` for none. */
  readonly path: string
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** Response headers middleware set before the error, in order, names as that middleware writes them. */
  readonly before?: Readonly<Record<string, string>>
  /** Handler options; cases share a few option objects, and the suite starts one server per object. */
  readonly options?: ProblemOptions
  /** The route rejects (a failed promise) instead of throwing. */
  readonly async?: boolean
}

/** Accept headers by the name they take in case names. */
export const ACCEPTS = {
  curl: CURL_ACCEPT,
  chrome: CHROME_ACCEPT,
  json: 'application/json',
  xml: 'application/problem+xml',
  text: 'text/plain',
  'no-accept': undefined,
} as const satisfies Readonly<Record<string, string | undefined>>

export type AcceptName = keyof typeof ACCEPTS

/** A set of response headers some middleware wrote before the route threw. */
interface EarlierHeaders {
  readonly slug: string
  readonly headers: Readonly<Record<string, string>>
}

/** What `cors()` writes for an allowed origin: these survive the error, and `Vary` is merged. */
const CORS: EarlierHeaders = {
  slug: 'cors',
  headers: {
    'Access-Control-Allow-Origin': 'https://app.example',
    'Access-Control-Expose-Headers': 'ETag, Retry-After',
    Vary: 'Origin',
  },
}

/**
 * CORS, a session cookie, and a CSV download that had begun when the error struck: the representation headers
 * (Content-Type, Content-Length, Content-Encoding, Content-Disposition, ETag, Last-Modified) describe a body
 * that is never sent, so they must be gone or replaced.
 */
const CORS_CSV: EarlierHeaders = {
  slug: 'cors-csv',
  headers: {
    'Access-Control-Allow-Origin': 'https://app.example',
    Vary: 'Origin, Accept-Encoding',
    'Set-Cookie': 'session=abc123; Path=/; HttpOnly',
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Length': '4096',
    'Content-Encoding': 'gzip',
    'Content-Disposition': 'attachment; filename="users.csv"',
    ETag: '"v42"',
    'Last-Modified': 'Tue, 01 Jan 2030 00:00:00 GMT',
  },
}

/** Handler options under test, each with the slug it adds to case names. One server per object and adapter. */
interface OptionSet {
  readonly slug: string
  readonly options: ProblemOptions
}

const INSTANCE_FROM_PATH: OptionSet = { slug: 'instance-from-path', options: { instanceFromPath: true } }
const TYPE_BASE: OptionSet = {
  slug: 'type-base',
  options: {
    typeBase: 'https://example.com/probs/',
    problemTypes: { 'out-of-credit': { title: { en: 'You do not have enough credit.', 'zh-CN': '余额不足。' } } },
  },
}
const EXPOSE_ALL: OptionSet = { slug: 'expose-all', options: { expose: () => true } }
const NO_CACHE_CONTROL: OptionSet = { slug: 'no-cache-control', options: { cacheControl: false } }
const ENGLISH_ONLY: OptionSet = { slug: 'english-only', options: { languages: ['en'] } }
const JSON_HTML_ONLY: OptionSet = {
  slug: 'json-html-only',
  options: { mediaTypes: ['application/problem+json', 'text/html'] },
}

/** One thing a route can throw: `slug` starts with the status core must answer with. */
interface Thrown {
  readonly slug: string
  /** Undefined: nothing is thrown because no route matches. */
  readonly make: (() => unknown) | undefined
}

/** A request to send, and what else differs from the default setup. */
interface Variant {
  readonly method?: string
  readonly accept: AcceptName
  readonly zh?: boolean
  readonly before?: EarlierHeaders
  readonly options?: OptionSet
  readonly async?: boolean
  /** Extra request headers and the slug they add to the name. */
  readonly extra?: { readonly slug: string; readonly headers: Readonly<Record<string, string>> }
  /** Appended to the path, e.g. a query string that must never reach the response. */
  readonly query?: string
}

// --- what is thrown ---------------------------------------------------------------------------------------------

/** Inputs for the classes whose RFC requires (or suggests) a header, so each case carries it. */
const CLASS_INPUTS: Readonly<Partial<Record<number, object>>> = {
  401: { challenge: { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } } },
  405: { allow: ['GET', 'HEAD', 'PUT'] },
  407: { challenge: { scheme: 'Basic', params: { realm: 'proxy' } } },
  413: { retryAfter: 60 },
  415: { accept: ['application/json', 'application/merge-patch+json'], acceptEncoding: ['gzip', 'br'] },
  416: { completeLength: 1234 },
  426: { upgrade: ['HTTP/3.0'] }, // RFC 9110 §15.5.22's example
  429: { retryAfter: 30 },
  451: { blockedBy: 'https://authority.example/orders/2030-17' },
  503: { retryAfter: RETRY_AT },
}

type AnyErrorClass = new (detail?: string, init?: object) => Error

/** Every registered 4xx/5xx class of core, with a detail (hidden on 5xx, where it carries the secret). */
const coreClasses: readonly Thrown[] = statuses
  .filter((row) => row.code >= 400 && 'className' in row)
  .map(({ code, phrase }) => {
    const Class = (createError as unknown as Readonly<Record<number, AnyErrorClass>>)[code] as AnyErrorClass
    const detail = code < 500 ? `Detail of this ${code}.` : `Internal detail: ${SECRET}.`
    return { slug: `${code}-${slugOf(phrase)}`, make: () => new Class(detail, CLASS_INPUTS[code]) }
  })

const byCode = (code: number): Thrown => pick(coreClasses, `${code}-`)

/** Errors other libraries throw, as they build them. */
const foreign: readonly Thrown[] = [
  { slug: '404-create-error', make: () => createError(404, 'No user with id 42.') },
  { slug: '409-create-error-props', make: () => createError(409, 'Version 3 is stale.', { code: 'E_STALE' }) },
  { slug: '404-http-errors', make: () => createHttpError(404, 'No user with id 42.') },
  { slug: '500-http-errors-secret', make: () => createHttpError(500, `pool exhausted, ${SECRET}`) },
  {
    slug: '503-http-errors-retry-after',
    make: () => createHttpError(503, `replica ${SECRET} down`, { headers: { 'Retry-After': '120' } }),
  },
  // Koa's ctx.throw(status, message, props) and ctx.assert() are http-errors' createError.
  {
    slug: '401-koa-ctx-throw',
    make: () => createHttpError(401, 'Sign in first.', { headers: { 'WWW-Authenticate': 'Basic realm="koa"' } }),
  },
  { slug: '403-koa-ctx-assert', make: () => createHttpError(403, 'Not your order.') },
  // body-parser (Express) wraps its failures with http-errors and names them in `type`.
  { slug: '400-body-parser-parse-failed', make: bodyParserParseFailed },
  {
    slug: '413-body-parser-too-large',
    make: () =>
      createHttpError(413, 'request entity too large', {
        expected: 2048,
        length: 2048,
        limit: 1024,
        type: 'entity.too.large',
      }),
  },
  {
    slug: '415-body-parser-encoding',
    make: () =>
      createHttpError(415, 'unsupported content encoding "br"', { encoding: 'br', type: 'encoding.unsupported' }),
  },
  // co-body (koa-bodyparser, koa-body) rethrows JSON.parse's SyntaxError with status 400 and the raw body.
  { slug: '400-co-body-syntax-error', make: coBodySyntaxError },
  { slug: '404-boom-not-found', make: () => Boom.notFound('No user with id 42.') },
  { slug: '401-boom-challenge', make: () => Boom.unauthorized('Bad token.', 'Bearer', { realm: 'api' }) },
  { slug: '429-boom-too-many-requests', make: () => Boom.tooManyRequests('Slow down.') },
  { slug: '500-boom-bad-implementation', make: () => Boom.badImplementation(`query failed: ${SECRET}`) },
]

/** Values that are not errors at all, or that fight back when read. */
const odd: readonly Thrown[] = [
  { slug: '500-thrown-string', make: () => `a string with ${SECRET}` },
  { slug: '500-thrown-null', make: () => null },
  { slug: '500-thrown-undefined', make: () => undefined },
  {
    slug: '500-thrown-plain-object',
    make: () => ({ message: `object with ${SECRET}`, code: 'E_SECRET', detail: SECRET }),
  },
  { slug: '404-plain-object-with-status', make: () => ({ status: 404, message: 'No user with id 42.' }) },
  { slug: '500-error-without-status', make: () => new Error(`database ${SECRET} unreachable`) },
  { slug: '500-hostile-proxy', make: hostileProxy },
  { slug: '500-throwing-getters', make: throwingGetters },
]

const UNMATCHED: Thrown = { slug: '404-unmatched', make: undefined }

/** A 404 carrying its own Cache-Control, which wins over the handler's `no-store`. */
const OWN_CACHE_CONTROL: Thrown = {
  slug: '404-own-cache-control',
  make: () => new NotFound('Try again later.', { headers: { 'cache-control': 'max-age=60' } }),
}

// --- the table ----------------------------------------------------------------------------------------------------

const GET_CURL: Variant = { accept: 'curl' }
const ALL_ACCEPTS = Object.keys(ACCEPTS) as AcceptName[]

/** Every case, in review order; names are unique (checked by the suite). */
export const conformanceCases: readonly ConformanceCase[] = dedupe([
  // Every registered class once, with the headers its RFC asks for.
  ...product(coreClasses, [GET_CURL]),
  // The headers of 401, 405, 429 and 503 on HEAD too, and 405 for the method it refuses.
  ...product([401, 405, 429, 503].map(byCode), [{ method: 'HEAD', accept: 'curl' }]),
  ...product([byCode(405)], [{ method: 'DELETE', accept: 'curl' }]),

  // One 4xx and one 5xx through every media type, both languages, GET and HEAD.
  ...product([byCode(404)], ['GET', 'HEAD'].flatMap((method) => matrix(method, ALL_ACCEPTS))),
  ...product([byCode(500)], [...matrix('GET', ALL_ACCEPTS), { method: 'HEAD', accept: 'chrome', zh: true }]),
  ...product([byCode(401)], matrix('GET', ['json', 'xml', 'chrome', 'text'], false)),

  // Errors from other libraries, and values that are not errors.
  ...product(foreign, [GET_CURL, { accept: 'chrome', zh: true }, { method: 'HEAD', accept: 'json' }]),
  ...product(odd, [
    GET_CURL,
    { accept: 'chrome', zh: true },
    { accept: 'text' },
    { method: 'HEAD', accept: 'no-accept' },
  ]),

  // Routes that do not exist: notFound() answers.
  ...product(
    [UNMATCHED],
    [...matrix('GET', ALL_ACCEPTS, false), { accept: 'chrome', zh: true }, { method: 'HEAD', accept: 'curl' }],
  ),

  // Headers set earlier in the request: CORS survives, the abandoned representation is removed, Vary merges.
  ...product(
    [byCode(404)],
    [
      { accept: 'curl', before: CORS },
      { accept: 'curl', before: CORS_CSV },
      { accept: 'chrome', zh: true, before: CORS_CSV },
      { method: 'HEAD', accept: 'curl', before: CORS_CSV },
    ],
  ),
  ...product(
    [byCode(401), byCode(429), byCode(503), pick(odd, '500-thrown-string'), UNMATCHED],
    [{ accept: 'json', before: CORS_CSV }],
  ),
  ...product([byCode(405)], [{ method: 'DELETE', accept: 'curl', before: CORS }]),

  // Rejected promises instead of synchronous throws.
  ...product(
    [
      byCode(404),
      pick(foreign, '401-koa-ctx-throw'),
      pick(foreign, '429-boom'),
      pick(odd, '500-thrown-string'),
      pick(odd, '500-thrown-null'),
      pick(odd, '500-thrown-undefined'),
    ],
    [{ accept: 'curl', async: true }],
  ),

  // Request headers that end up in the body.
  ...product(
    [byCode(404), byCode(500)],
    [{ accept: 'curl', extra: { slug: 'traceparent', headers: { traceparent: TRACEPARENT } } }],
  ),
  ...product(
    [byCode(404)],
    [{ accept: 'curl', extra: { slug: 'x-request-id', headers: { 'x-request-id': 'req-7f3a9c' } } }],
  ),

  // Handler options.
  ...product(
    [byCode(404), UNMATCHED],
    [{ accept: 'curl', options: INSTANCE_FROM_PATH, query: `?token=${SECRET}` }],
  ),
  ...product(
    [
      {
        slug: '403-relative-type',
        make: () => new Forbidden('Your balance is 30, but that costs 50.', { type: 'out-of-credit' }),
      },
    ],
    [
      { accept: 'curl', options: TYPE_BASE },
      { accept: 'chrome', zh: true, options: TYPE_BASE },
    ],
  ),
  ...product(
    [
      {
        slug: '500-exposed',
        make: () => new InternalServerError('The ledger is being rebuilt.', { extensions: { ledger: 'eu-1' } }),
      },
      { slug: '503-http-errors-exposed', make: () => createHttpError(503, 'Maintenance until 04:00 UTC.') },
    ],
    [{ accept: 'curl', options: EXPOSE_ALL }],
  ),
  // Validation problems and typed problem types (issue #8): the RFC 9457 `errors` shape, a defined type with a
  // localised title, an IANA-registered type, in JSON, XML, HTML and zh-CN.
  ...product(
    [
      {
        slug: '422-validation-problem',
        make: () =>
          validationProblem([
            { detail: 'must be a positive integer', pointer: '#/age' },
            { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
            { detail: 'must be at most 100', pointer: '#/limit', location: 'query' },
          ]),
      },
      { slug: '403-problem-type', make: () => new OutOfCredit({ balance: 30, accounts: ['/account/12345'] }, { detail: 'Your balance is 30, but that costs 50.' }) },
      { slug: '400-iana-date-problem-type', make: () => new DateNotAcceptable() },
    ],
    [GET_CURL, { accept: 'xml' }, { accept: 'chrome', zh: true }, { accept: 'json', zh: true }],
  ),
  ...product([byCode(404), OWN_CACHE_CONTROL], [{ accept: 'curl', options: NO_CACHE_CONTROL }]),
  ...product([OWN_CACHE_CONTROL], [GET_CURL]),
  ...product([byCode(404), UNMATCHED], [{ accept: 'chrome', zh: true, options: ENGLISH_ONLY }]),
  ...product(
    [byCode(404)],
    [
      { accept: 'xml', options: JSON_HTML_ONLY },
      { accept: 'chrome', options: JSON_HTML_ONLY },
    ],
  ),
])

// --- internal ---

/** RFC 9457's own example type, with a Chinese title: titles of defined types localise like the built-in ones. */
const OutOfCredit = defineProblemType<{ balance: number; accounts: string[] }>()({
  type: 'https://example.com/probs/out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
  titles: { 'zh-CN': '您的余额不足。' },
})

function matrix(method: string, accepts: readonly AcceptName[], withZh = true): Variant[] {
  return accepts.flatMap((accept) => [{ method, accept }, ...(withZh ? [{ method, accept, zh: true }] : [])])
}

function product(thrown: readonly Thrown[], variants: readonly Variant[]): ConformanceCase[] {
  return thrown.flatMap((t) => variants.map((v) => toCase(t, v)))
}

function toCase(thrown: Thrown, variant: Variant): ConformanceCase {
  const method = variant.method ?? 'GET'
  const name = [
    thrown.slug,
    method.toLowerCase(),
    variant.accept,
    variant.zh === true ? 'zh-cn' : undefined,
    variant.extra?.slug,
    variant.before?.slug,
    variant.options?.slug,
    variant.async === true ? 'async' : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('.')
  const accept = ACCEPTS[variant.accept]
  const headers: Record<string, string> = {}
  if (accept !== undefined) headers.accept = accept
  if (variant.zh === true) headers['accept-language'] = ZH_CN_LANGUAGE
  if (variant.before !== undefined) headers.origin = 'https://app.example'
  Object.assign(headers, variant.extra?.headers)
  return {
    name,
    thrown: thrown.make,
    method,
    path: `${thrown.make === undefined ? '/unmatched' : '/case'}/${name}${variant.query ?? ''}`,
    headers,
    ...(variant.before === undefined ? {} : { before: variant.before.headers }),
    ...(variant.options === undefined ? {} : { options: variant.options.options }),
    ...(variant.async === true ? { async: true } : {}),
  }
}

/**
 * Drops repeats of a case the product already produced (e.g. `404-not-found.get.curl`), keeping the first; the
 * same name for a different thrown value is a mistake in the table.
 */
function dedupe(cases: readonly ConformanceCase[]): ConformanceCase[] {
  const byName = new Map<string, ConformanceCase>()
  for (const c of cases) {
    const earlier = byName.get(c.name)
    if (earlier === undefined) byName.set(c.name, c)
    else if (earlier.thrown !== c.thrown) throw new Error(`two different conformance cases are named ${c.name}`)
  }
  return [...byName.values()]
}

/** The one entry whose slug starts with `prefix`. */
function pick(list: readonly Thrown[], prefix: string): Thrown {
  const found = list.filter((t) => t.slug.startsWith(prefix))
  if (found.length !== 1) throw new Error(`expected one thrown value named ${prefix}…, found ${found.length}`)
  return found[0] as Thrown
}

function slugOf(phrase: string): string {
  return phrase
    .toLowerCase()
    .replaceAll("'", '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** body-parser's json(): http-errors wraps the SyntaxError (fixed message: V8's wording changes between Nodes). */
function bodyParserParseFailed(): Error {
  const body = `{"password":"${SECRET}",}`
  const syntax = new SyntaxError(`Unexpected token } in JSON at position ${body.length - 1}`)
  return createHttpError(400, syntax, { body, type: 'entity.parse.failed' })
}

/** co-body: `err.status = 400; err.body = str; throw err` on JSON.parse's own SyntaxError. */
function coBodySyntaxError(): Error {
  const body = `{"password":"${SECRET}",}`
  return Object.assign(new SyntaxError(`Unexpected token } in JSON at position ${body.length - 1}`), { status: 400, body })
}

/** An Error behind a Proxy whose every trap throws: nothing about it can be read. */
function hostileProxy(): unknown {
  const refuse = (): never => {
    throw new Error(`trap ${SECRET}`)
  }
  return new Proxy(new Error(`proxy ${SECRET}`), {
    get: refuse,
    has: refuse,
    ownKeys: refuse,
    getOwnPropertyDescriptor: refuse,
    getPrototypeOf: refuse,
  })
}

/** An error-shaped object whose every property throws when read. */
function throwingGetters(): unknown {
  const refuse = (): never => {
    throw new Error(`getter ${SECRET}`)
  }
  const names = ['status', 'statusCode', 'expose', 'message', 'headers', 'name', 'stack', 'cause', 'type', 'title']
  return Object.defineProperties(
    {},
    Object.fromEntries(names.map((name) => [name, { get: refuse, enumerable: true }])),
  )
}
