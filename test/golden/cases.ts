// The case table behind the golden files, and later the conformance suite: each case is a thrown value, the
// request it was thrown in and the handler's options. Everything here is deterministic (fixed dates, fixed trace
// ids, debug off), so a rendered case is the same bytes on every machine and every run.
import * as Boom from '@hapi/boom'
import createHttpError from 'http-errors'
import {
  Forbidden,
  InternalServerError,
  MethodNotAllowed,
  NotFound,
  PayloadTooLarge,
  RangeNotSatisfiable,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UnavailableForLegalReasons,
  UnprocessableContent,
  type ProblemOptions,
  type RequestView,
} from '@http-problem/core'

/** One rendered scenario: `test/golden/<name>.http` holds its expected bytes. */
export interface GoldenCase {
  /** File name without `.http`: lower-case letters, digits and `-`, starting with the status code. */
  readonly name: string
  /** Makes a fresh value to throw; called once per rendering, so a case never shares state between runs. */
  readonly thrown: () => unknown
  /** Method, path and headers of the request the value was thrown in. */
  readonly request: RequestView
  /** The handler's options; omitted means the defaults. */
  readonly options?: ProblemOptions
}

/** What curl sends by default. */
export const CURL_ACCEPT = '*/*'

/** What Chrome sends when a page is opened from the address bar. */
export const CHROME_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7'

/** The Accept-Language of a browser set to Simplified Chinese. */
export const ZH_CN_LANGUAGE = 'zh-CN,zh;q=0.9'

/** The W3C Trace Context example `traceparent` (trace-id 4bf92f35…4736). */
export const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'

/** A fixed moment for `Retry-After` dates, so the golden bytes never depend on the clock. */
export const RETRY_AT = new Date(Date.UTC(2030, 0, 2, 3, 4, 5))

/** A secret that must never reach a golden file; the golden test greps every file for it. */
export const SECRET = 'hunter2'

/** A 500 whose message, cause, extensions and stack all carry the secret. */
function secretServerError(): InternalServerError {
  return new InternalServerError(`connect to postgres://admin:${SECRET}@db.internal:5432 failed`, {
    cause: new Error(`password ${SECRET} rejected`),
    extensions: { query: `SELECT * FROM users WHERE password = '${SECRET}'`, host: 'db.internal' },
  })
}

/** The RFC 9457 §3 validation example: one problem type, several occurrences in an `errors` extension. */
function validationError(): UnprocessableContent {
  return new UnprocessableContent({
    type: 'https://example.net/validation-error',
    title: 'Your request is not valid.',
    extensions: {
      errors: [
        { detail: 'must be a positive integer', pointer: '#/age' },
        { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
      ],
    },
  })
}

/** The RFC 9457 §3 out-of-credit example: a custom type, its own title, instance and extension members. */
function outOfCredit(): Forbidden {
  return new Forbidden('Your current balance is 30, but that costs 50.', {
    type: 'https://example.com/probs/out-of-credit',
    title: 'You do not have enough credit.',
    instance: '/account/12345/msgs/abc',
    extensions: { balance: 30, accounts: ['/account/12345', '/account/67890'] },
  })
}

/** What body-parser's json() throws for `{"a":}`: its message quotes the body, its `type` names the failure. */
function bodyParserError(): SyntaxError {
  const body = `{"password":"${SECRET}",}`
  return Object.assign(new SyntaxError(`Unexpected token } in JSON at position ${body.length - 1}: ${body}`), {
    status: 400,
    statusCode: 400,
    expose: true,
    type: 'entity.parse.failed',
    body,
  })
}

const get = (accept: string, extra?: Readonly<Record<string, string>>): RequestView => ({
  method: 'GET',
  path: '/users/42',
  headers: { accept, ...extra },
})

/** Every golden case, in the order the files are best reviewed. */
export const goldenCases: readonly GoldenCase[] = [
  // --- one 404, every media type and language ---
  { name: '404-curl', thrown: () => new NotFound(), request: get(CURL_ACCEPT) },
  { name: '404-no-accept', thrown: () => new NotFound(), request: { method: 'GET', path: '/users/42' } },
  { name: '404-detail', thrown: () => new NotFound('No user with id 42.'), request: get(CURL_ACCEPT) },
  { name: '404-html-chrome', thrown: () => new NotFound('No user with id 42.'), request: get(CHROME_ACCEPT) },
  { name: '404-problem-xml', thrown: () => new NotFound('No user with id 42.'), request: get('application/problem+xml') },
  { name: '404-text-plain', thrown: () => new NotFound('No user with id 42.'), request: get('text/plain') },
  { name: '404-application-json', thrown: () => new NotFound('No user with id 42.'), request: get('application/json') },
  // RFC 9110 §15.5.7 / RFC 9457 §3: an error is never answered with 406; the first offered type is sent instead.
  { name: '404-unmatched-accept', thrown: () => new NotFound(), request: get('image/png') },
  {
    name: '404-zh-cn-json',
    thrown: () => new NotFound('No user with id 42.'),
    request: get(CURL_ACCEPT, { 'accept-language': ZH_CN_LANGUAGE }),
  },
  {
    name: '404-zh-cn-html',
    thrown: () => new NotFound('No user with id 42.'),
    request: get(CHROME_ACCEPT, { 'accept-language': ZH_CN_LANGUAGE }),
  },
  // RFC 9110 §9.3.2: HEAD gets the GET headers, Content-Length included, and no body.
  {
    name: '404-head',
    thrown: () => new NotFound('No user with id 42.'),
    request: { method: 'HEAD', path: '/users/42', headers: { accept: CURL_ACCEPT } },
  },
  {
    name: '404-instance-from-path',
    thrown: () => new NotFound('No user with id 42.'),
    request: { method: 'GET', path: `/users/42?token=${SECRET}#section`, headers: { accept: CURL_ACCEPT } },
    options: { instanceFromPath: true },
  },
  {
    name: '404-traceparent',
    thrown: () => new NotFound('No user with id 42.'),
    request: get(CURL_ACCEPT, { traceparent: TRACEPARENT, 'x-request-id': 'ignored-when-traceparent-is-valid' }),
  },
  {
    name: '404-x-request-id',
    thrown: () => new NotFound(),
    request: get(CURL_ACCEPT, { 'x-request-id': 'req-7f3a9c' }),
  },
  // A response that had started as a cacheable JSON document when the error struck, behind a CORS layer.
  {
    name: '404-cors-response-headers',
    thrown: () => new NotFound('No user with id 42.'),
    request: {
      method: 'GET',
      path: '/users/42',
      headers: { accept: CURL_ACCEPT, origin: 'https://app.example' },
      responseHeaders: {
        'access-control-allow-origin': 'https://app.example',
        'access-control-expose-headers': 'ETag',
        vary: 'Origin',
        etag: '"v42"',
        'last-modified': 'Tue, 01 Jan 2030 00:00:00 GMT',
        'content-type': 'application/json; charset=utf-8',
        'content-length': '1234',
      },
    },
  },

  // --- statuses whose RFCs require or suggest headers ---
  {
    name: '401-bearer-challenge',
    thrown: () =>
      new Unauthorized('The access token expired.', {
        challenge: { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token', error_description: 'The access token expired' } },
      }),
    request: get(CURL_ACCEPT),
  },
  {
    name: '405-allow',
    thrown: () => new MethodNotAllowed({ allow: ['GET', 'HEAD', 'PUT'] }),
    request: { method: 'DELETE', path: '/users/42', headers: { accept: CURL_ACCEPT } },
  },
  {
    name: '413-payload-too-large',
    thrown: () => new PayloadTooLarge('Uploads are limited to 1 MB.'),
    request: { method: 'POST', path: '/uploads', headers: { accept: CURL_ACCEPT } },
  },
  {
    name: '416-content-range',
    thrown: () => new RangeNotSatisfiable({ completeLength: 1234 }),
    request: get(CURL_ACCEPT, { range: 'bytes=2000-' }),
  },
  {
    name: '422-validation-errors',
    thrown: validationError,
    request: { method: 'POST', path: '/users', headers: { accept: 'application/json' } },
  },
  {
    name: '422-validation-errors-xml',
    thrown: validationError,
    request: { method: 'POST', path: '/users', headers: { accept: 'application/problem+xml' } },
  },
  {
    name: '429-retry-after-seconds',
    thrown: () => new TooManyRequests('Slow down: 100 requests per minute.', { retryAfter: 30 }),
    request: get(CURL_ACCEPT),
  },
  {
    name: '451-blocked-by',
    thrown: () =>
      new UnavailableForLegalReasons('This content is not available in your region.', {
        blockedBy: 'https://authority.example/orders/2030-17',
      }),
    request: get(CURL_ACCEPT),
  },
  {
    name: '503-retry-after-date',
    thrown: () => new ServiceUnavailable('Down for maintenance.', { retryAfter: RETRY_AT }),
    request: get(CURL_ACCEPT),
  },

  // --- problem types ---
  { name: '403-custom-type', thrown: outOfCredit, request: get(CURL_ACCEPT) },
  { name: '403-custom-type-html', thrown: outOfCredit, request: get(CHROME_ACCEPT) },
  {
    name: '403-relative-type',
    thrown: () => new Forbidden('Your current balance is 30, but that costs 50.', { type: 'out-of-credit' }),
    request: get(CURL_ACCEPT, { 'accept-language': ZH_CN_LANGUAGE }),
    options: {
      typeBase: 'https://example.com/probs/',
      problemTypes: { 'out-of-credit': { title: { en: 'You do not have enough credit.', 'zh-CN': '余额不足。' } } },
    },
  },

  // --- server errors: the title only, unless exposed on purpose ---
  { name: '500-hidden', thrown: secretServerError, request: get(CURL_ACCEPT) },
  { name: '500-hidden-html', thrown: secretServerError, request: get(CHROME_ACCEPT) },
  {
    name: '500-exposed-by-options',
    thrown: () =>
      new InternalServerError('The ledger is being rebuilt; try again in a minute.', { extensions: { ledger: 'eu-1' } }),
    request: get(CURL_ACCEPT),
    options: { expose: () => true },
  },
  { name: '500-plain-error', thrown: () => new Error(`secret ${SECRET}`), request: get(CURL_ACCEPT) },
  { name: '500-thrown-string', thrown: () => `a string with ${SECRET}`, request: get(CURL_ACCEPT) },
  { name: '500-thrown-null', thrown: () => null, request: get(CURL_ACCEPT) },
  {
    name: '500-thrown-plain-object',
    thrown: () => ({ message: `object with ${SECRET}`, code: 'E_SECRET', detail: SECRET }),
    request: get(CURL_ACCEPT),
  },

  // --- errors from other libraries ---
  { name: '404-http-errors', thrown: () => createHttpError(404, 'No user with id 42.'), request: get(CURL_ACCEPT) },
  {
    name: '500-http-errors',
    thrown: () => createHttpError(500, `pool exhausted, ${SECRET}`),
    request: get(CURL_ACCEPT),
  },
  { name: '429-boom', thrown: () => Boom.tooManyRequests('Slow down.'), request: get(CURL_ACCEPT) },
  {
    name: '401-boom-challenge',
    thrown: () => Boom.unauthorized('Bad token.', 'Bearer', { realm: 'api' }),
    request: get(CURL_ACCEPT),
  },
  { name: '503-boom-server', thrown: () => Boom.serverUnavailable(`replica ${SECRET} down`), request: get(CURL_ACCEPT) },
  {
    name: '400-body-parser',
    thrown: bodyParserError,
    request: { method: 'POST', path: '/users', headers: { accept: CURL_ACCEPT, 'content-type': 'application/json' } },
  },
]
