import { describe, expect, it } from 'vitest'
import { InternalServerError, NotFound, isHttpError, nodeDefaults, nodeFrameworkErrors, planResponse, resolveOptions, toHttpError } from '../index'

describe('toHttpError', () => {
  it('returns our own errors unchanged', () => {
    const error = new NotFound()
    expect(toHttpError(error)).toBe(error)
  })

  it.each([
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a plain object without status', { message: 'x' }],
    ['an Error without status', new Error('db password is hunter2')],
    ['a 2xx status', Object.assign(new Error('x'), { status: 200 })],
    ['a 3xx status', Object.assign(new Error('x'), { status: 302 })],
    ['a string status', Object.assign(new Error('x'), { status: '404' })],
    ['a NaN status', Object.assign(new Error('x'), { status: Number.NaN })],
    ['a huge status', Object.assign(new Error('x'), { status: 1e10 })],
    ['a fractional status', Object.assign(new Error('x'), { status: 404.5 })],
    ['a symbol', Symbol('s')],
    ['a BigInt', 10n],
  ])('turns %s into a hidden 500 that keeps the original as cause', (_, value) => {
    const error = toHttpError(value)
    expect(error).toBeInstanceOf(InternalServerError)
    expect(error.status).toBe(500)
    expect(error.expose).toBe(false)
    expect(error.detail).toBeUndefined()
    expect(error.cause).toBe(value)
  })

  it('adopts status, message, expose and headers from an http-errors shaped error', () => {
    const foreign = Object.assign(new Error('token expired'), {
      status: 401,
      statusCode: 401,
      expose: true,
      headers: { 'WWW-Authenticate': 'Bearer realm="api"' },
    })
    const error = toHttpError(foreign)
    expect(error.status).toBe(401)
    expect(error.detail).toBe('token expired')
    expect(error.expose).toBe(true)
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer realm="api"' })
    expect(error.cause).toBe(foreign)
    expect(isHttpError(error)).toBe(true)
  })

  it('falls back to statusCode when status is not a valid error status', () => {
    expect(toHttpError({ status: 'x', statusCode: 409 }).status).toBe(409)
  })

  it('hides the message of an adopted 5xx unless the foreign error exposes it', () => {
    expect(toHttpError(Object.assign(new Error('secret'), { status: 503 })).expose).toBe(false)
    expect(toHttpError(Object.assign(new Error('shown'), { status: 503, expose: true })).expose).toBe(true)
  })

  it('keeps an unregistered 4xx/5xx status on the x00 class', () => {
    const error = toHttpError({ status: 499, message: 'client closed' })
    expect(error.status).toBe(499)
    expect(error.statusCode).toBe(499)
    expect(error.title).toBe('Bad Request')
  })

  it('adopts a boom error from its output', () => {
    const boomLike = Object.assign(new Error('Too many'), {
      isBoom: true,
      output: { statusCode: 429, headers: { 'Retry-After': '10' }, payload: { statusCode: 429, error: 'Too Many Requests', message: 'Too many' } },
    })
    const error = toHttpError(boomLike)
    expect(error.status).toBe(429)
    expect(error.headers).toEqual({ 'retry-after': '10' })
    expect(error.detail).toBe('Too many')
  })

  it('replaces body-parser messages, which can quote the request body, with a fixed sentence', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token \'p\', "password=hunter2" is not valid JSON'), {
      status: 400,
      statusCode: 400,
      expose: true,
      type: 'entity.parse.failed',
      body: 'password=hunter2',
    })
    const error = toHttpError(parseError)
    expect(error.status).toBe(400)
    expect(error.detail).toBe('The request body could not be parsed.')
    expect(error.type).toBe('about:blank')
  })

  it('drops foreign headers that could inject, and keeps the valid ones', () => {
    const error = toHttpError({
      status: 400,
      headers: { 'x-ok': 'fine', 'x-bad': 'a\r\nSet-Cookie: x=1', 'bad name': 'v', 'x-num': 5, 'x-obj': {}, 'x-wide': '中' },
    })
    expect(error.headers).toEqual({ 'x-ok': 'fine', 'x-num': '5' })
  })

  it('never throws for values whose getters or Proxy traps throw', () => {
    const throwingGetters = Object.defineProperty({}, 'status', { get() { throw new Error('getter') } })
    const proxy = new Proxy({}, {
      get() { throw new Error('trap') },
      has() { throw new Error('trap') },
      ownKeys() { throw new Error('trap') },
      getPrototypeOf() { throw new Error('trap') },
    })
    const headersProxy = { status: 400, headers: new Proxy({}, { ownKeys() { throw new Error('trap') } }) }
    expect(toHttpError(throwingGetters).status).toBe(500)
    expect(toHttpError(proxy).status).toBe(500)
    expect(toHttpError(headersProxy).status).toBe(400)
  })

  it('adopts a foreign error whose validation is a revoked Proxy as an ordinary error of its status', () => {
    const { proxy, revoke } = Proxy.revocable([], {})
    revoke()
    const error = toHttpError(Object.assign(new Error('x'), { status: 400, validation: proxy }))
    expect([error.status, error.detail, error.extensions]).toEqual([400, 'x', undefined])
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'keeps detail, expose and headers of a foreign error whose type or code is %s',
    (name) => {
      const foreign = Object.assign(new Error('Token expired'), {
        status: 401,
        expose: true,
        type: name,
        code: name,
        headers: { 'WWW-Authenticate': 'Bearer' },
      })
      const error = toHttpError(foreign)
      expect([error.status, error.detail, error.expose, error.headers]).toEqual([401, 'Token expired', true, { 'www-authenticate': 'Bearer' }])
    },
  )

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'reads a Fastify validationContext of %s as the body',
    (context) => {
      const foreign = Object.assign(new Error('bad'), {
        statusCode: 400,
        validation: [{ instancePath: '/a', message: 'must be string', keyword: 'type', params: {} }],
        validationContext: context,
      })
      expect(toHttpError(foreign).extensions).toEqual({ errors: [{ detail: 'must be string', pointer: '#/a' }] })
    },
  )

  it('never takes a header named __proto__ from a foreign error', () => {
    const headers = JSON.parse('{"__proto__":"x","x-ok":"1"}') as Record<string, string>
    const error = toHttpError({ status: 400, headers })
    expect(Object.keys(error.headers)).toEqual(['x-ok'])
    expect(Object.getPrototypeOf(error.headers)).toBe(Object.prototype)
  })

  it('does not capture a second stack when wrapping an Error, which already has one', () => {
    expect(toHttpError(new Error('x')).stack).toBe('InternalServerError: Internal Server Error')
  })
})

describe('toHttpError and body parsers that rethrow JSON.parse errors', () => {
  it('replaces the message of a SyntaxError with a 400 status (co-body under Koa), which quotes the body', () => {
    let parseError: SyntaxError
    try {
      JSON.parse('{"password":"hunter2",')
      throw new Error('unreachable')
    } catch (error) {
      parseError = Object.assign(error as SyntaxError, { status: 400, body: '{"password":"hunter2",' })
    }
    const error = toHttpError(parseError)
    expect(error.status).toBe(400)
    expect(error.detail).toBe('The request body could not be parsed.')
  })
})

describe('toHttpError and request data in foreign messages', () => {
  it('replaces an inflation 415 message, which quotes the request Content-Encoding, with a fixed sentence', () => {
    const foreign = Object.assign(new Error('Unsupported Content-Encoding: <script>'), { status: 415, statusCode: 415, expose: true })
    expect(toHttpError(foreign).detail).toBe('The content encoding of the request body is not supported.')
  })
})

describe('toHttpError and path parameters that fail to decode', () => {
  // What Express 4's router and router 2 (Express 5) throw for /users/%E0%A4%A: decodeURIComponent's URIError.
  const paramError = (raw: string) => {
    let error: unknown
    try {
      decodeURIComponent(raw)
    } catch (caught) {
      error = caught
    }
    return Object.assign(error as URIError, { message: `Failed to decode param '${raw}'`, status: 400, statusCode: 400 })
  }

  it('gives a 400 URIError a fixed detail instead of its message, which quotes the request path', () => {
    const error = toHttpError(paramError('%E0%A4%A<script>'))
    expect(error.status).toBe(400)
    expect(error.detail).toBe('The request URL could not be decoded.')
  })

  it('recognises a URIError by name across realms, and leaves other statuses alone', () => {
    expect(toHttpError({ name: 'URIError', message: "Failed to decode param '%zz'", status: 400 }).detail).toBe(
      'The request URL could not be decoded.',
    )
    expect(toHttpError(Object.assign(new URIError('x'), { status: 500 })).status).toBe(500)
  })
})

describe('toHttpError and Fastify request errors', () => {
  it.each([
    ['FST_ERR_BAD_URL', "'/a/%zz%3Cb%3E' is not a valid url component", 'The request URL could not be decoded.'],
    ['FST_ERR_MAX_PARAM_LENGTH', "'/x/aaaa' is too long", 'A path parameter of the request is too long.'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 'Unsupported Media Type', 'The media type of the request body is not supported.'],
  ])('gives %s a fixed detail instead of its message, which can quote the request', (code, message, detail) => {
    const foreign = Object.assign(new Error(message), { code, statusCode: code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 415 : 400 })
    expect(toHttpError(foreign).detail).toBe(detail)
  })
})

describe('toHttpError and foreign header sources', () => {
  it('adopts headers from a Headers object, a Map or a list of entries, through the same checks', () => {
    for (const headers of [
      new Headers({ 'Retry-After': '5', 'X-Ok': 'yes' }),
      new Map([['Retry-After', '5'], ['X-Ok', 'yes'], ['bad name', '1'], ['x-crlf', 'a\r\nb']]),
      [['Retry-After', 5], ['X-Ok', 'yes'], ['x-nul', 'a\0b'], 'not an entry'],
    ]) {
      expect(toHttpError({ status: 503, headers }).headers).toEqual({ 'retry-after': '5', 'x-ok': 'yes' })
    }
  })

  it('takes the headers of a prepared Response (Hono HTTPException res) without those describing its body', () => {
    const res = new Response('no', {
      headers: { 'WWW-Authenticate': 'Basic realm="x"', 'Content-Type': 'text/plain', 'Content-Length': '2', ETag: '"e"', 'Set-Cookie': 'a=1', 'Content-Range': 'bytes */9' },
    })
    expect(toHttpError(Object.assign(new Error(''), { status: 401, res })).headers).toEqual({ 'www-authenticate': 'Basic realm="x"' })
    expect(toHttpError(Object.assign(new Error(''), { status: 416, res })).headers).toEqual({
      'www-authenticate': 'Basic realm="x"',
      'content-range': 'bytes */9',
    })
  })

  it('prefers the error\'s own headers over those of its res, and reads at most 64 fields', () => {
    const res = new Response(null, { headers: { 'X-From': 'res' } })
    expect(toHttpError({ status: 400, headers: { 'X-From': 'error' }, res }).headers).toEqual({ 'x-from': 'error' })
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-${i}`, 'v']))
    expect(Object.keys(toHttpError({ status: 400, headers: many }).headers)).toHaveLength(64)
  })

  it.each([
    ['a res whose headers getter throws', { status: 401, res: { get headers(): never { throw new Error('x') } } }],
    ['a headers forEach that throws at once', { status: 401, headers: { forEach: () => { throw new Error('x') } } }],
    ['a headers iterator that throws', { status: 401, headers: { [Symbol.iterator]: () => { throw new Error('x') } } }],
    ['a revoked Proxy as res', { status: 401, res: (() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy })() }],
  ])('keeps the status of %s and drops its headers', (_, value) => {
    const error = toHttpError(value)
    expect(error.status).toBe(401)
    expect(error.headers).toEqual({})
  })
})

describe('toHttpError and NestJS-shaped exceptions', () => {
  const nest = (status: unknown, response: unknown, extra: object = {}) =>
    Object.assign(new Error('Class Derived Name'), { getStatus: () => status, getResponse: () => response, ...extra })

  it('takes the status from getStatus() and the detail from getResponse(), never the class-derived message', () => {
    expect(toHttpError(nest(404, { message: 'No pet', statusCode: 404 }))).toMatchObject({ status: 404, detail: 'No pet' })
    expect(toHttpError(nest(404, 'Plain string'))).toMatchObject({ status: 404, detail: 'Plain string' })
    expect(toHttpError(nest(403, { error: 'custom' })).detail).toBeUndefined()
    expect(toHttpError(nest(404, { message: 'Not Found' })).detail).toBeUndefined()
  })

  it('keeps a machine code as the error code only when it is one', () => {
    expect(toHttpError(nest(400, 'x', { errorCode: 'E_1' })).code).toBe('E_1')
    expect(toHttpError(nest(400, { message: 'x', code: 'a.b:c-d_e' })).code).toBe('a.b:c-d_e')
    for (const code of ['-abc', 'has space', 'x'.repeat(65), 42, '<b>']) {
      const error = toHttpError(nest(400, { message: 'x', code }))
      expect(error.code).toBeUndefined()
      expect(error.extensions).toBeUndefined()
    }
  })

  it('turns a message list into a validation problem only on 400 and 422', () => {
    expect(toHttpError(nest(422, { message: ['a', 'b'] })).extensions).toEqual({
      errors: [{ detail: 'a', pointer: '#' }, { detail: 'b', pointer: '#' }],
    })
    expect(toHttpError(nest(409, { message: ['a', 'b'] })).extensions).toBeUndefined()
    expect(toHttpError(nest(400, { message: ['a', 7] })).extensions).toBeUndefined()
  })

  it('falls back to a 500 when getStatus() throws or is not an error status', () => {
    expect(toHttpError(nest(200, 'x')).status).toBe(500)
    expect(toHttpError(Object.assign(new Error('x'), { getStatus: () => { throw new Error('x') }, getResponse: () => 'x' })).status).toBe(500)
  })
})

describe('the generic rules alone (core and the fetch adapter by default)', () => {
  const lean = resolveOptions()
  const plan = (thrown: unknown): Record<string, unknown> =>
    JSON.parse(planResponse(thrown, { method: 'GET' }, lean).body) as Record<string, unknown>

  it.each([
    ['a body-parser error', Object.assign(new SyntaxError('Unexpected token in "secret"'), { status: 400, expose: true, type: 'entity.parse.failed' })],
    ['a SyntaxError with a status (co-body)', Object.assign(new SyntaxError('Unexpected token in "secret"'), { status: 400 })],
    ['a router URIError', Object.assign(new URIError("Failed to decode param 'secret'"), { status: 400, expose: true })],
    ['a body-parser charset error', Object.assign(new Error('unsupported charset "secret"'), { status: 415, expose: true, type: 'charset.unsupported' })],
  ])('keeps the status of %s and never sends its message', (_, thrown) => {
    const body = plan(thrown)
    expect(body.status).toBe((thrown as { status?: number; statusCode?: number }).status ?? 400)
    expect(body).not.toHaveProperty('detail')
    expect(JSON.stringify(body)).not.toContain('secret')
  })

  it("leaves Fastify's and co-body's own request errors to nodeFrameworkErrors, which the Node adapters always apply", () => {
    const fastify = Object.assign(new Error("'/secret' is not a valid url component"), { statusCode: 400, code: 'FST_ERR_BAD_URL' })
    expect(plan(fastify).detail).toBe("'/secret' is not a valid url component")
    const node = resolveOptions({ foreignErrors: [] }, nodeDefaults)
    expect(node.foreignErrors).toEqual([nodeFrameworkErrors])
    expect(JSON.parse(planResponse(fastify, { method: 'GET' }, node).body).detail).toBe('The request URL could not be decoded.')
  })

  it('sends the message of an ordinary foreign 4xx', () => {
    expect(plan(Object.assign(new Error('Order 7 has no lines.'), { status: 400, expose: true })).detail).toBe('Order 7 has no lines.')
  })
})

describe('nodeFrameworkErrors, as before the rules were split', () => {
  it("gives a NestJS exception's request-quoting message the fixed sentence", () => {
    const nest = Object.assign(new Error('Unsupported Content-Encoding: x-secret'), {
      getStatus: () => 415,
      getResponse: () => 'Unsupported Content-Encoding: x-secret',
    })
    expect(toHttpError(nest).detail).toBe('The content encoding of the request body is not supported.')
  })

  it('reads a Joi error wrapped by boom as a validation problem', () => {
    const joi = Object.assign(new Error('"age" must be a number'), {
      isJoi: true,
      name: 'ValidationError',
      details: [{ message: '"age" must be a number', path: ['age'], type: 'number.base' }],
      isBoom: true,
      output: { statusCode: 400, headers: {} },
    })
    const error = toHttpError(joi)
    expect(error.status).toBe(400)
    expect(error.extensions).toEqual({ errors: [{ detail: '"age" must be a number', pointer: '#/age' }] })
  })
})
