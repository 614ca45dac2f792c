import { describe, expect, it } from 'vitest'
import {
  BadRequest,
  createError,
  defineProblemType,
  HttpError,
  InternalServerError,
  MethodNotAllowed,
  NotFound,
  RangeNotSatisfiable,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UnavailableForLegalReasons,
  UnsupportedMediaType,
  UpgradeRequired,
  ProxyAuthenticationRequired,
  isHttpError,
  statuses,
  type ProblemInit,
} from '../index'
import { statusInputs } from './status-inputs'

describe('HttpError construction', () => {
  it('uses the status phrase as message and title when no detail is given', () => {
    const error = new NotFound()
    expect(error.message).toBe('Not Found')
    expect(error.detail).toBeUndefined()
    expect(error.title).toBe('Not Found')
  })

  it('takes a detail string as both detail and message', () => {
    const error = new NotFound('No user with id 42')
    expect(error.detail).toBe('No user with id 42')
    expect(error.message).toBe('No user with id 42')
  })

  it('keeps type, title, instance, extensions and cause from the init', () => {
    const dbError = new Error('connection reset')
    const error = new NotFound('No such order', {
      type: 'https://example.com/probs/no-order',
      title: 'No such order',
      instance: '/orders/7',
      extensions: { orderId: 7 },
      cause: dbError,
    })
    expect(error.type).toBe('https://example.com/probs/no-order')
    expect(error.title).toBe('No such order')
    expect(error.instance).toBe('/orders/7')
    expect(error.extensions).toEqual({ orderId: 7 })
    expect(error.cause).toBe(dbError)
  })

  it('accepts the init as the only argument', () => {
    const error = new BadRequest({ instance: '/a' })
    expect(error.instance).toBe('/a')
    expect(error.detail).toBeUndefined()
  })

  it('exposes 4xx and hides 5xx by default, and lets the init override both', () => {
    expect(new BadRequest().expose).toBe(true)
    expect(new InternalServerError().expose).toBe(false)
    expect(new BadRequest({ expose: false }).expose).toBe(false)
    expect(new InternalServerError({ expose: true }).expose).toBe(true)
  })

  it('has no own cause unless one is given', () => {
    expect(Object.hasOwn(new NotFound(), 'cause')).toBe(false)
  })

  it('refuses to construct the abstract base class', () => {
    const Abstract = HttpError as unknown as new (status: number) => HttpError
    expect(() => new Abstract(404)).toThrow(TypeError)
  })
})

describe('headers the RFCs demand', () => {
  it('writes Allow for a 405 and allows an empty list', () => {
    expect(new MethodNotAllowed({ allow: ['GET', 'HEAD'] }).headers).toEqual({ allow: 'GET, HEAD' })
    expect(new MethodNotAllowed({ allow: [] }).headers).toEqual({ allow: '' })
  })

  it('writes WWW-Authenticate for a 401 from a typed challenge', () => {
    const error = new Unauthorized({
      challenge: { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } },
    })
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer realm="api", error="invalid_token"' })
  })

  it('writes Proxy-Authenticate for a 407', () => {
    const error = new ProxyAuthenticationRequired({ challenge: { scheme: 'Basic', params: { realm: 'proxy' } } })
    expect(error.headers).toEqual({ 'proxy-authenticate': 'Basic realm="proxy"' })
  })

  it('writes Content-Range for a 416 and Upgrade for a 426', () => {
    expect(new RangeNotSatisfiable({ completeLength: 1234 }).headers).toEqual({ 'content-range': 'bytes */1234' })
    expect(new UpgradeRequired({ upgrade: ['HTTP/2', 'h2c'] }).headers).toEqual({ upgrade: 'HTTP/2, h2c' })
  })

  it('writes Retry-After as seconds or as an IMF-fixdate', () => {
    expect(new TooManyRequests('Slow down', { retryAfter: 30 }).headers).toEqual({ 'retry-after': '30' })
    expect(new TooManyRequests({ retryAfter: 1.2 }).headers['retry-after']).toBe('2')
    const date = new Date(Date.UTC(2026, 10, 26, 8, 49, 37))
    expect(new ServiceUnavailable({ retryAfter: date }).headers).toEqual({ 'retry-after': 'Thu, 26 Nov 2026 08:49:37 GMT' })
  })

  it('writes a blocked-by Link for a 451 and accepted types for a 415', () => {
    expect(new UnavailableForLegalReasons({ blockedBy: 'https://blocker.example/' }).headers).toEqual({
      link: '<https://blocker.example/>; rel="blocked-by"',
    })
    expect(
      new UnsupportedMediaType({ accept: ['application/json'], acceptEncoding: ['gzip', 'br'], acceptPatch: ['application/merge-patch+json'] })
        .headers,
    ).toEqual({ accept: 'application/json', 'accept-encoding': 'gzip, br', 'accept-patch': 'application/merge-patch+json' })
  })

  it('refuses a missing required input at run time with a clear TypeError', () => {
    const Loose405 = MethodNotAllowed as unknown as new () => HttpError
    const Loose401 = Unauthorized as unknown as new (detail: string) => HttpError
    expect(() => new Loose405()).toThrow(/MethodNotAllowed needs `allow`: a 405 response must carry Allow/)
    expect(() => new Loose401('token expired')).toThrow(/Unauthorized needs `challenge`.*WWW-Authenticate/)
  })

  it.each([
    ['CR LF in a challenge param', () => new Unauthorized({ challenge: { scheme: 'Bearer', params: { error_description: 'a\r\nSet-Cookie: x=1' } } })],
    ['a NUL in a challenge param', () => new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'a\0b' } } })],
    ['a scheme that is not a token', () => new Unauthorized({ challenge: { scheme: 'Bear er' } })],
    ['a bad token68', () => new Unauthorized({ challenge: { scheme: 'Basic', token68: 'ab=c' } })],
    ['token68 and params together', () => new Unauthorized({ challenge: { scheme: 'Basic', token68: 'abc', params: { a: 'b' } } as never })],
    ['duplicate auth-params', () => new Unauthorized({ challenge: { scheme: 'Basic', params: { realm: 'a', REALM: 'b' } } })],
    ['an empty challenge list', () => new Unauthorized({ challenge: [] })],
    ['a method with a space', () => new MethodNotAllowed({ allow: ['GET', 'PO ST'] })],
    ['a method with CR LF', () => new MethodNotAllowed({ allow: ['GET\r\nX-Injected: 1'] })],
    ['a negative Retry-After', () => new TooManyRequests({ retryAfter: -1 })],
    ['a NaN Retry-After', () => new TooManyRequests({ retryAfter: Number.NaN })],
    ['an invalid Date', () => new TooManyRequests({ retryAfter: new Date('nope') })],
    ['a negative complete length', () => new RangeNotSatisfiable({ completeLength: -5 })],
    ['a blocked-by URI with a space', () => new UnavailableForLegalReasons({ blockedBy: 'https://a b/' })],
    ['a blocked-by URI with a >', () => new UnavailableForLegalReasons({ blockedBy: 'https://a/>; rel=x' })],
    ['an Upgrade protocol with a comma', () => new UpgradeRequired({ upgrade: 'h2c, x' })],
    ['a free-form header with LF', () => new NotFound({ headers: { 'x-note': 'a\nb' } })],
    ['a free-form header name with a colon', () => new NotFound({ headers: { 'x:y': 'a' } })],
    ['a free-form header value above U+00FF', () => new NotFound({ headers: { 'x-note': '中文' } })],
    ['a media type without a subtype', () => new UnsupportedMediaType({ accept: ['json'] })],
  ])('refuses %s at construction with a TypeError', (_, build) => {
    expect(build).toThrow(TypeError)
  })

  it('escapes quotes and backslashes in quoted auth-param values', () => {
    const error = new Unauthorized({ challenge: { scheme: 'Newauth', params: { realm: 'apps', title: 'Login to "apps" \\ now' } } })
    expect(error.headers['www-authenticate']).toBe('Newauth realm="apps", title="Login to \\"apps\\" \\\\ now"')
  })

  it('joins several challenges in one field value, and writes token68 bare', () => {
    const error = new Unauthorized({
      challenge: [{ scheme: 'Negotiate', token68: 'YIIBhQYGKwYBBQUCoIIBeTCCAXWgDTALBgkqhkiG9xIBAgKiggFi==' }, { scheme: 'Basic', params: { realm: 'x' } }],
    })
    expect(error.headers['www-authenticate']).toBe(
      'Negotiate YIIBhQYGKwYBBQUCoIIBeTCCAXWgDTALBgkqhkiG9xIBAgKiggFi==, Basic realm="x"',
    )
  })

  it('lower-cases free-form header names and lets demanded headers win', () => {
    const error = new MethodNotAllowed({ allow: ['GET'], headers: { 'Cache-Control': 'max-age=60', Allow: 'PUT' } })
    expect(error.headers).toEqual({ 'cache-control': 'max-age=60', allow: 'GET' })
  })
})

const StackType = defineProblemType()({ type: 'https://example.com/probs/stack', title: 'Stack', status: 409 })

describe('required inputs', () => {
  // The registry (rules.ts) is the one table of what each status requires; statusInputs follows it (checked by the
  // compiler too). 416's Content-Range is a SHOULD (RFC 9110 §15.5.17), so its length is optional.
  it('requires exactly the inputs whose header the registry says a status MUST carry', () => {
    for (const [code, fields] of Object.entries(statusInputs)) {
      const row = statuses.find((entry) => entry.code === Number(code))
      for (const rule of Object.values(fields) as { header: string; required: boolean }[]) {
        const level = row?.headers.find((header) => header.name.toLowerCase() === rule.header)?.level
        expect({ code, header: rule.header, required: rule.required }).toEqual({ code, header: rule.header, required: level === 'must' })
      }
    }
  })

  it('makes a 416 without a complete length, and with one sends Content-Range', () => {
    expect(new RangeNotSatisfiable().headers).toEqual({})
    expect(new RangeNotSatisfiable({ completeLength: 0 }).headers).toEqual({ 'content-range': 'bytes */0' })
  })
})

describe('stack capture', () => {
  it('captures a stack by default', () => {
    expect(String(new NotFound().stack).split('\n').length).toBeGreaterThan(1)
  })

  it('skips the stack of an expected client error on request', () => {
    expect(new NotFound({ captureStack: false }).stack).toBe('NotFoundError: Not Found')
  })

  it('always keeps the stack of a 5xx error', () => {
    expect(String(new InternalServerError({ captureStack: false }).stack).split('\n').length).toBeGreaterThan(1)
  })

  // Each is made by a named function: the first frame of the stack must be that function, not code of this package.
  it.each([
    ['new NotFound()', function makeNotFound() { return new NotFound() }],
    ['createError(404)', function makeNotFound() { return createError(404) }],
    ["createError(404, 'x', props)", function makeNotFound() { return createError(404, 'x', { code: 'E_X' }) }],
    ['createError(405) without allow', function makeNotFound() { return createError(405) }],
    ['a problem type', function makeNotFound() { return new StackType() }],
  ])('starts the stack of %s at the code that made it', (_label, make) => {
    const [first, frame] = String(make().stack).split('\n')
    expect(first).toMatch(/Error: /)
    expect(frame).toMatch(/^\s+at makeNotFound /)
  })

  it('restores the global stack trace limit afterwards', () => {
    const before = Error.stackTraceLimit
    new NotFound({ captureStack: false })
    expect(Error.stackTraceLimit).toBe(before)
  })

  it('leaves the global stack trace limit alone when reading the init throws', () => {
    const before = Error.stackTraceLimit
    const hostile = (key: 'title' | 'cause') =>
      Object.defineProperty({ captureStack: false }, key, { get: () => { throw new Error(`no ${key}`) }, enumerable: true }) as ProblemInit
    for (const key of ['title', 'cause'] as const) {
      expect(() => new NotFound(hostile(key))).toThrow(`no ${key}`)
      expect(() => new StackType(undefined, hostile(key) as never)).toThrow(`no ${key}`)
      expect(Error.stackTraceLimit).toBe(before)
    }
    expect(String(new NotFound().stack).split('\n').length).toBeGreaterThan(1)
  })
})

describe('isHttpError', () => {
  it('recognises our errors and nothing else', () => {
    expect(isHttpError(new NotFound())).toBe(true)
    expect(isHttpError(new Error('x'))).toBe(false)
    expect(isHttpError({ status: 404, statusCode: 404, expose: true })).toBe(false)
    expect(isHttpError(null)).toBe(false)
    expect(isHttpError('NotFound')).toBe(false)
  })

  it('answers false for a Proxy whose traps throw', () => {
    const hostile = new Proxy({}, { get() { throw new Error('trap') }, getPrototypeOf() { throw new Error('trap') } })
    expect(isHttpError(hostile)).toBe(false)
    expect(hostile instanceof HttpError).toBe(false)
  })

  it('recognises a branded error from another copy through instanceof HttpError', () => {
    // A stand-in for an error made by another installed copy: same Symbol.for brand, different prototype chain.
    const other = Object.assign(Object.create(Error.prototype), { status: 404, statusCode: 404 })
    Object.defineProperty(other, Symbol.for('@http-problem/core.HttpError'), { value: true })
    expect(other instanceof HttpError).toBe(true)
    expect(other instanceof NotFound).toBe(true)
    expect(other instanceof BadRequest).toBe(false)
  })
})
