import { describe, it, expect } from 'vitest'
import {
  BadRequest,
  builtInLocales,
  createError,
  Forbidden,
  HttpError,
  InternalServerError,
  MethodNotAllowed,
  NotFound,
  planResponse,
  RangeNotSatisfiable,
  resolveOptions,
  htmlFormat,
  textFormat,
  xmlFormat,
  ServiceUnavailable,
  TooManyRequests,
  toProblem,
  Unauthorized,
  UpgradeRequired,
  nodeDefaults,
  type ProblemMediaType,
  type RequestView,
  type ResolvedOptions,
} from '../index'

/**
 * What the Node adapters offer (every format, Simplified Chinese, the framework error rules), so that these tests see
 * HTML, XML, plain text and Chinese too.
 */
const NODE_DEFAULTS = nodeDefaults
import { statuses } from '../status/registry'
import { HTML_CONTENT_SECURITY_POLICY, renderHtml } from '../serialize/html'

const defaults = resolveOptions({}, NODE_DEFAULTS)
const errorRows = statuses.filter((row) => row.code >= 400)
const clientRows = errorRows.filter((row) => row.code < 500)
const serverRows = errorRows.filter((row) => row.code >= 500)

const API_CSP = "default-src 'none'; frame-ancestors 'none'"
const CHROME_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,' +
  'application/signed-exchange;v=b3;q=0.7'
const FIREFOX_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`
const BARE_500 = '{"type":"about:blank","title":"Internal Server Error","status":500}'

/** Plans a GET (or what `request` says) with the default options unless others are given. */
function planOf(thrown: unknown, request: Partial<RequestView> = {}, options: ResolvedOptions = defaults) {
  return planResponse(thrown, { method: 'GET', ...request }, options)
}

function accepting(accept: string, thrown: unknown = new NotFound('No user 42'), options?: ResolvedOptions) {
  return planOf(thrown, { headers: { accept } }, options)
}

describe('the problem document', () => {
  it('writes type, title, status, detail, instance, then extensions, whatever order they were given in', () => {
    const error = new BadRequest('Your balance is 30.', {
      extensions: { zeta: 1, alpha: [2, 3] },
      instance: '/account/12345/msgs/abc',
      title: 'You do not have enough credit.',
      type: 'https://example.com/probs/out-of-credit',
    })
    expect(planOf(error).body).toBe(
      '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":400,' +
        '"detail":"Your balance is 30.","instance":"/account/12345/msgs/abc","zeta":1,"alpha":[2,3]}',
    )
  })

  it.each(errorRows)('uses "$phrase" as the about:blank title for $code', ({ code, phrase }) => {
    const plan = planResponse(createError(code), { method: 'GET' }, defaults)
    expect(plan.status).toBe(code)
    expect(plan.body).toBe(`{"type":"about:blank","title":${JSON.stringify(phrase)},"status":${code}}`)
  })

  it.each(clientRows)('shows the detail of a $code by default', ({ code, phrase }) => {
    const plan = planOf(createError(code, 'what went wrong', { extensions: { field: 'name' } }))
    expect(plan.body).toBe(
      `{"type":"about:blank","title":${JSON.stringify(phrase)},"status":${code},"detail":"what went wrong","field":"name"}`,
    )
  })

  it.each(serverRows)('hides the detail and extensions of a $code unless exposed', ({ code, phrase }) => {
    const plan = planOf(createError(code, 'password=hunter2', { extensions: { query: 'SELECT 1' } }))
    expect(plan.body).toBe(`{"type":"about:blank","title":${JSON.stringify(phrase)},"status":${code}}`)
  })

  it('shows the detail and extensions of a 5xx the error itself exposes', () => {
    const error = new ServiceUnavailable('Down for maintenance until 10:00 UTC.', { expose: true, extensions: { until: '10:00' } })
    expect(planOf(error).body).toBe(
      '{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Down for maintenance until 10:00 UTC.","until":"10:00"}',
    )
  })

  it('shows the detail of a 5xx when the options expose it', () => {
    const error = new InternalServerError('Disk full', { extensions: { disk: 'sda' } })
    const expected = '{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Disk full","disk":"sda"}'
    expect(planOf(error, {}, resolveOptions({ expose: () => true }, NODE_DEFAULTS)).body).toBe(expected)
    expect(JSON.parse(planOf(error, {}, resolveOptions({ debug: true }, NODE_DEFAULTS)).body)).toMatchObject({ detail: 'Disk full', disk: 'sda' })
  })

  it('hides the detail and extensions of a 4xx the error marks as not exposed', () => {
    const error = new NotFound('internal id 0x1f', { expose: false, extensions: { table: 'users' } })
    expect(planOf(error).body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
  })

  it('leaves out an empty detail', () => {
    expect(planOf(new NotFound('')).body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
  })

  it.each<[string, unknown]>([
    ['a string', 'database password is hunter2'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 404],
    ['a symbol', Symbol('boom')],
    ['a plain object', { message: 'secret', detail: 'secret', extensions: { secret: 1 }, title: 'Custom' }],
    ['an Error without status', new Error('secret')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['an error with status 200', Object.assign(new Error('secret'), { status: 200, expose: true })],
    ['an error with status 302', Object.assign(new Error('secret'), { statusCode: 302, expose: true })],
    ['an error with status "404"', Object.assign(new Error('secret'), { status: '404', expose: true })],
    ['a Proxy whose traps throw', new Proxy({}, { get: () => { throw new Error('x') }, ownKeys: () => { throw new Error('x') } })],
  ])('answers %s with a 500 that has the title alone', (_, thrown) => {
    const plan = planOf(thrown)
    expect(plan.status).toBe(500)
    expect(plan.body).toBe(BARE_500)
    expect(plan.headers['content-length']).toBe(String(BARE_500.length))
  })

  it('never lets an extension shadow a standard member', () => {
    const error = new BadRequest('real detail', {
      extensions: { type: 'https://evil.example', title: 'y', status: 200, detail: 'fake', instance: '/fake', kept: true },
    })
    expect(planOf(error).body).toBe('{"type":"about:blank","title":"Bad Request","status":400,"detail":"real detail","kept":true}')
  })

  it('treats __proto__, constructor and toString as ordinary extension names and pollutes nothing', () => {
    const extensions = JSON.parse('{"__proto__":{"polluted":true},"toString":"text","constructor":{"x":1}}') as Record<string, unknown>
    const plan = planOf(new BadRequest('d', { extensions }))
    expect(plan.body).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"d",' +
        '"__proto__":{"polluted":true},"toString":"text","constructor":{"x":1}}',
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const problem = toProblem(new BadRequest('d', { extensions }))
    // Nothing is inherited from Object.prototype, so a member named like one of its properties is just a member.
    expect(problem instanceof Object).toBe(false)
    expect(problem.toString).toBe('text')
    expect(Object.keys(problem)).toEqual(['type', 'title', 'status', 'detail', '__proto__', 'toString', 'constructor'])
  })

  it('writes values JSON cannot carry as valid JSON', () => {
    const circular: Record<string, unknown> = { name: 'loop' }
    circular.self = circular
    const extensions = {
      big: 9007199254740993n,
      circular,
      fn: () => 1,
      sym: Symbol('s'),
      undef: undefined,
      get throwing(): string {
        throw new Error('getter')
      },
      badJson: {
        toJSON(): never {
          throw new Error('toJSON')
        },
      },
      proxy: new Proxy({}, { ownKeys: () => { throw new Error('trap') }, get: () => { throw new Error('trap') } }),
      nan: NaN,
      inf: Infinity,
      date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
      list: [1, undefined, () => 2, 3n],
    }
    const plan = planOf(new BadRequest('d', { extensions }))
    expect(plan.body).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","big":"9007199254740993",' +
        '"circular":{"name":"loop","self":"[Circular]"},"throwing":"[Unreadable]","badJson":"[Unreadable]",' +
        '"proxy":"[Unreadable]","nan":null,"inf":null,"date":"2026-01-02T03:04:05.000Z","list":[1,null,null,"3"]}',
    )
    expect(() => JSON.parse(plan.body) as unknown).not.toThrow()
  })

  it('writes nesting past limits.depth as "[Truncated]"', () => {
    let deep: Record<string, unknown> = { end: true }
    for (let i = 0; i < 50; i++) deep = { d: deep }
    const error = new BadRequest('d', { extensions: { deep } })
    expect(planOf(error, {}, resolveOptions({ limits: { depth: 2 } }, NODE_DEFAULTS)).body).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","deep":{"d":{"d":"[Truncated]"}}}',
    )
    const defaultDepth = planOf(error).body
    expect(defaultDepth).toBe(
      `{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","deep":${'{"d":'.repeat(8)}"[Truncated]"${'}'.repeat(8)}}`,
    )
  })

  it('ignores an extensions object whose keys cannot be read', () => {
    const extensions = new Proxy({}, { ownKeys: () => { throw new Error('trap') } })
    expect(planOf(new BadRequest('d', { extensions })).body).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"d"}',
    )
  })

  it('sends a type that is not a URI reference as about:blank', () => {
    expect(planOf(new BadRequest({ type: 'not a uri' })).body).toBe('{"type":"about:blank","title":"Bad Request","status":400}')
  })

  it('resolves a relative type against typeBase', () => {
    const options = resolveOptions({ typeBase: 'https://example.com/probs/' }, NODE_DEFAULTS)
    expect(planOf(new BadRequest({ type: 'out-of-credit', title: 'No credit' }), {}, options).body).toBe(
      '{"type":"https://example.com/probs/out-of-credit","title":"No credit","status":400}',
    )
  })
})

describe('limits', () => {
  it('cuts a 1 MB detail to limits.detailLength, ending with …', () => {
    const plan = planOf(new NotFound('x'.repeat(1024 * 1024)))
    expect(plan.body).toBe(`{"type":"about:blank","title":"Not Found","status":404,"detail":"${'x'.repeat(2047)}…"}`)
    expect(plan.headers['content-length']).toBe(String(Buffer.byteLength(plan.body)))
  })

  it('cuts the detail to a configured limit without splitting an emoji', () => {
    const options = resolveOptions({ limits: { detailLength: 5 } }, NODE_DEFAULTS)
    expect(planOf(new NotFound('abc😀def'), {}, options).body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"detail":"abc…"}',
    )
  })

  it('cuts a custom title like a detail', () => {
    const options = resolveOptions({ limits: { detailLength: 4 } }, NODE_DEFAULTS)
    expect(planOf(new BadRequest({ type: 'https://example.com/t', title: 'Very long title' }), {}, options).body).toBe(
      '{"type":"https://example.com/t","title":"Ver…","status":400}',
    )
  })

  it('bounds huge extension payloads by limits.extensionLength, leaving members out whole', () => {
    const extensions = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`m${i}`, 'y'.repeat(1000)]))
    const plan = planOf(new BadRequest('d', { extensions }))
    const body = JSON.parse(plan.body) as Record<string, unknown>
    const kept = Object.keys(body).filter((name) => name.startsWith('m'))
    // Each member costs its name, 4 characters of punctuation and its JSON value: 16 of them fit into 16384.
    expect(kept).toEqual(Array.from({ length: 16 }, (_, i) => `m${i}`))
    for (const name of kept) expect(body[name]).toBe('y'.repeat(1000))
    expect(plan.body.length).toBeLessThan(16384 + 100)
  })

  it('keeps a later small member that still fits after a big one was left out', () => {
    const options = resolveOptions({ limits: { extensionLength: 20 } }, NODE_DEFAULTS)
    // first: 5 + 4 + 5 = 14; second: 6 + 4 + 9 = 19 does not fit in the 6 left; t: 1 + 4 + 1 = 6 does.
    const error = new BadRequest('d', { extensions: { first: 'abc', second: 'defghij', t: 1 } })
    expect(planOf(error, {}, options).body).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","first":"abc","t":1}',
    )
  })

  it('bounds the number of members per object, at the top and inside extensions', () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]))
    const body = JSON.parse(planOf(new BadRequest('d', { extensions: { ...many, nested: many } })).body) as Record<string, unknown>
    // The top level takes the first 100 extension names, which are k0…k99, so `nested` is not among them.
    expect(Object.keys(body)).toEqual(['type', 'title', 'status', 'detail', ...Array.from({ length: 100 }, (_, i) => `k${i}`)])
    const nested = JSON.parse(planOf(new BadRequest('d', { extensions: { nested: many } })).body) as { nested: object }
    expect(Object.keys(nested.nested)).toHaveLength(100)
    const few = resolveOptions({ limits: { members: 2 } }, NODE_DEFAULTS)
    expect(planOf(new BadRequest('d', { extensions: { a: [1, 2, 3], b: { x: 1, y: 2, z: 3 }, c: 3 } }), {}, few).body).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","a":[1,2],"b":{"x":1,"y":2}}',
    )
  })

  it('cuts long strings inside extensions to limits.stringLength', () => {
    const options = resolveOptions({ limits: { stringLength: 4 } }, NODE_DEFAULTS)
    expect(planOf(new BadRequest('d', { extensions: { s: 'abcdefgh', n: { t: 'xyzxyz' } } }), {}, options).body).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","s":"abc…","n":{"t":"xyz…"}}',
    )
  })
})

describe('media types', () => {
  it('sends problem+json without an Accept header', () => {
    const plan = planOf(new NotFound('No user 42'))
    expect(plan.headers['content-type']).toBe('application/problem+json')
    expect(plan.body).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"No user 42"}')
  })

  it.each([
    ['*/*', 'application/problem+json'],
    ['application/*', 'application/problem+json'],
    ['application/problem+json', 'application/problem+json'],
    ['application/json', 'application/json'],
    ['application/json, application/problem+json;q=0.5', 'application/json'],
    ['application/json;q=0.5, application/problem+json', 'application/problem+json'],
    ['application/problem+xml', 'application/problem+xml; charset=utf-8'],
    [CHROME_ACCEPT, 'text/html; charset=utf-8'],
    [FIREFOX_ACCEPT, 'text/html; charset=utf-8'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['text/plain; charset=utf-8', 'text/plain; charset=utf-8'],
    ['image/png', 'application/problem+json'],
    ['application/problem+json;q=0', 'application/problem+json'],
    ['*/*;q=0', 'application/problem+json'],
    ['nonsense', 'application/problem+json'],
    ['', 'application/problem+json'],
  ])('answers Accept: %j with %s, never with 406', (accept, contentType) => {
    const plan = accepting(accept)
    expect(plan.status).toBe(404)
    expect(plan.headers['content-type']).toBe(contentType)
  })

  it('writes the same JSON bytes for application/json as for problem+json', () => {
    expect(accepting('application/json').body).toBe(accepting('application/problem+json').body)
  })

  it('writes problem+xml when asked', () => {
    expect(accepting('application/problem+xml').body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type>' +
        '<title>Not Found</title><status>404</status><detail>No user 42</detail></problem>',
    )
  })

  it('writes plain text for Accept: text/plain', () => {
    expect(accepting('text/plain').body).toBe('404 Not Found\n\nNo user 42\n')
  })

  it.each([
    ['Chrome', CHROME_ACCEPT],
    ['Firefox', FIREFOX_ACCEPT],
  ])('writes an HTML page with the HTML Content-Security-Policy for %s', (_, accept) => {
    const plan = accepting(accept)
    const en = builtInLocales.en
    const row = statuses.find((r) => r.code === 404)
    expect(plan.headers['content-security-policy']).toBe(HTML_CONTENT_SECURITY_POLICY)
    expect(plan.body).toBe(
      renderHtml(
        { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' },
        { lang: 'en', description: row?.description, labels: { status: 'Status', details: 'Details', moreInfo: 'More about this problem', ...en.labels } },
      ),
    )
  })

  it.each(['application/problem+json', 'application/json', 'application/problem+xml', 'text/plain'])(
    'sends the API Content-Security-Policy with %s',
    (accept) => {
      expect(accepting(accept).headers['content-security-policy']).toBe(API_CSP)
    },
  )

  it('offers only the configured media types', () => {
    const jsonAndText = resolveOptions({ mediaTypes: ['application/problem+json', 'text/plain'] }, NODE_DEFAULTS)
    expect(accepting(CHROME_ACCEPT, new NotFound(), jsonAndText).headers['content-type']).toBe('application/problem+json')
    expect(accepting('text/html', new NotFound(), jsonAndText).headers['content-type']).toBe('application/problem+json')
    expect(accepting('application/json', new NotFound(), jsonAndText).headers['content-type']).toBe('application/problem+json')
    expect(accepting('application/problem+xml', new NotFound(), jsonAndText).headers['content-type']).toBe(
      'application/problem+json',
    )
    expect(accepting('text/plain', new NotFound(), jsonAndText).headers['content-type']).toBe('text/plain; charset=utf-8')
  })

  it('falls back to the first configured media type', () => {
    const textFirst = resolveOptions({ mediaTypes: ['text/plain', 'application/problem+json'] }, NODE_DEFAULTS)
    expect(accepting('image/png', new NotFound(), textFirst).headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(planOf(new NotFound(), {}, textFirst).body).toBe('404 Not Found\n')
  })

  it.each<[string, readonly ProblemMediaType[]]>([
    ['all media types', ['application/problem+json', 'application/json', 'application/problem+xml', 'text/html', 'text/plain']],
  ])('sends Vary: Accept, Accept-Language with %s, for every Accept and language', (_, types) => {
    const accepts = [undefined, 'image/png', CHROME_ACCEPT, ...types]
    for (const accept of accepts) {
      for (const language of [undefined, 'en', 'zh-CN', 'fr']) {
        const headers: Record<string, string> = {}
        if (accept !== undefined) headers.accept = accept
        if (language !== undefined) headers['accept-language'] = language
        expect(planOf(new NotFound(), { headers }).headers.vary).toBe('Accept, Accept-Language')
        expect(planOf(new InternalServerError(), { headers, method: 'HEAD' }).headers.vary).toBe('Accept, Accept-Language')
      }
    }
  })

  it('sends Vary: Accept alone when only one language is offered', () => {
    const options = resolveOptions({ languages: ['en'] }, NODE_DEFAULTS)
    const plan = planOf(new NotFound(), { headers: { 'accept-language': 'zh-CN' } }, options)
    expect(plan.headers.vary).toBe('Accept')
    expect(plan.headers['content-language']).toBe('en')
    expect(plan.body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
  })
})

describe('headers', () => {
  const PLAIN_404 = {
    'content-type': 'application/problem+json',
    'content-length': '55',
    'content-language': 'en',
    vary: 'Accept, Accept-Language',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': API_CSP,
  }

  it('sends exactly these headers, in this order, for a plain 404', () => {
    const plan = planOf(new NotFound())
    expect(plan.status).toBe(404)
    expect(plan.body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
    expect(plan.headers).toEqual(PLAIN_404)
    expect(Object.keys(plan.headers)).toEqual(Object.keys(PLAIN_404))
    expect(plan.remove).toEqual([])
  })

  it('sends application/problem+json and application/json with no charset parameter', () => {
    expect(planOf(new NotFound()).headers['content-type']).toBe('application/problem+json')
    expect(accepting('application/json').headers['content-type']).toBe('application/json')
  })

  it('keeps header values free of CR, LF and NUL', () => {
    const plan = planOf(new NotFound('a\r\nSet-Cookie: x=1'), { headers: { accept: CHROME_ACCEPT } })
    for (const value of Object.values(plan.headers)) expect(value).not.toMatch(/[\r\n\0]/)
  })

  it.each(errorRows)('gives $code a Content-Length equal to the UTF-8 bytes of its Chinese body', ({ code }) => {
    const plan = planOf(createError(code, '详细信息 😀'), { headers: { 'accept-language': 'zh-CN' } })
    expect(plan.headers['content-length']).toBe(String(Buffer.byteLength(plan.body)))
  })

  // Issue 17: plain JSON labelled gzip made fetch() fail to decode the body.
  it.each([
    ['content-encoding', 'gzip'],
    ['Content-Location', '/orders/7'],
    ['content-range', 'bytes 0-99/1234'],
    ['content-disposition', 'attachment; filename="x.json"'],
    ['content-md5', 'Q2hlY2sgSW50ZWdyaXR5IQ=='],
    ['content-digest', 'sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:'],
    ['repr-digest', 'sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:'],
    ['digest', 'SHA-256=RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg='],
    ['ETag', '"v1"'],
    ['last-modified', 'Wed, 21 Oct 2015 07:28:00 GMT'],
  ])('never takes the representation header %s from an error, ours or foreign', (name, value) => {
    expect(planOf(new NotFound({ headers: { [name]: value } })).headers).toEqual(PLAIN_404)
    expect(planOf({ status: 404, headers: { [name]: value } }).headers).toEqual(PLAIN_404)
    const mutated = new NotFound()
    ;(mutated as unknown as { headers: object }).headers = { [name]: value }
    expect(planOf(mutated).headers).toEqual(PLAIN_404)
  })

  it('keeps the unsatisfied-range Content-Range of a 416, and no other', () => {
    expect(planOf(new RangeNotSatisfiable({ completeLength: 1234 })).headers['content-range']).toBe('bytes */1234')
    const foreign = (value: string) => planOf({ status: 416, headers: { 'content-range': value } }).headers['content-range']
    expect(foreign('bytes */99')).toBe('bytes */99')
    expect(foreign('bytes 0-1/99')).toBeUndefined()
  })

  it.each([
    ['problem+json', 'application/problem+json'],
    ['problem+xml', 'application/problem+xml'],
    ['HTML', CHROME_ACCEPT],
    ['plain text', 'text/plain'],
  ])('counts Content-Length in UTF-8 bytes for %s with an emoji detail and a Chinese title', (_, accept) => {
    const plan = planOf(new NotFound('Café 😀 — 用户不存在'), { headers: { accept, 'accept-language': 'zh-CN' } })
    expect(plan.body).toContain('未找到')
    expect(plan.body).toContain('Café 😀 — 用户不存在')
    expect(plan.headers['content-length']).toBe(String(Buffer.byteLength(plan.body)))
    expect(Number(plan.headers['content-length'])).toBeGreaterThan(plan.body.length)
  })

  it('counts a lone surrogate in the detail as the three bytes Node writes for it', () => {
    const plan = planOf(new NotFound('broken \ud800 text'))
    expect(plan.headers['content-length']).toBe(String(Buffer.byteLength(plan.body)))
  })

  it('adds WWW-Authenticate to a 401 after the plan headers', () => {
    const plan = planOf(new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } } }))
    expect(plan.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"')
    expect(Object.keys(plan.headers)).toEqual([...Object.keys(PLAIN_404), 'www-authenticate'])
  })

  it('adds Allow to a 405', () => {
    expect(planOf(new MethodNotAllowed({ allow: ['GET', 'HEAD'] })).headers.allow).toBe('GET, HEAD')
  })

  it('adds Retry-After to a 429 and a 503', () => {
    expect(planOf(new TooManyRequests({ retryAfter: 120 })).headers['retry-after']).toBe('120')
    const date = new Date(Date.UTC(2026, 0, 2, 3, 4, 5))
    expect(planOf(new ServiceUnavailable({ retryAfter: date })).headers['retry-after']).toBe('Fri, 02 Jan 2026 03:04:05 GMT')
  })

  it('adds the free-form headers of an error', () => {
    const plan = planOf(new BadRequest({ headers: { 'X-Error-Code': 'E42', link: '<https://example.com/help>; rel="help"' } }))
    expect(plan.headers['x-error-code']).toBe('E42')
    expect(plan.headers.link).toBe('<https://example.com/help>; rel="help"')
  })

  it('sends Cache-Control: no-store by default', () => {
    expect(planOf(new NotFound()).headers['cache-control']).toBe('no-store')
  })

  it('sends the configured Cache-Control in the same place', () => {
    const plan = planOf(new NotFound(), {}, resolveOptions({ cacheControl: 'public, max-age=60' }, NODE_DEFAULTS))
    expect(plan.headers['cache-control']).toBe('public, max-age=60')
    expect(Object.keys(plan.headers)).toEqual(Object.keys(PLAIN_404))
  })

  it('sends no Cache-Control with cacheControl: false', () => {
    const plan = planOf(new NotFound(), {}, resolveOptions({ cacheControl: false }, NODE_DEFAULTS))
    expect('cache-control' in plan.headers).toBe(false)
    expect(Object.keys(plan.headers)).toEqual(Object.keys(PLAIN_404).filter((name) => name !== 'cache-control'))
  })

  it("lets an error's own Cache-Control win", () => {
    const error = new NotFound({ headers: { 'Cache-Control': 'max-age=300' } })
    const plan = planOf(error)
    expect(plan.headers['cache-control']).toBe('max-age=300')
    expect(Object.keys(plan.headers)).toEqual(Object.keys(PLAIN_404))
    const unset = planOf(error, {}, resolveOptions({ cacheControl: false }, NODE_DEFAULTS))
    expect(unset.headers['cache-control']).toBe('max-age=300')
  })

  it('sends X-Content-Type-Options: nosniff with every media type', () => {
    for (const accept of ['application/problem+json', 'application/json', 'application/problem+xml', CHROME_ACCEPT, 'text/plain']) {
      expect(accepting(accept).headers['x-content-type-options']).toBe('nosniff')
    }
  })

  it('does not let an error override the headers the plan owns', () => {
    const error = new NotFound({
      headers: {
        'Content-Type': 'text/html',
        'content-length': '1',
        vary: '*',
        'content-language': 'fr',
        'x-content-type-options': 'none',
        'content-security-policy': 'default-src *',
        'transfer-encoding': 'chunked',
        connection: 'close',
      },
    })
    const plan = planOf(error)
    expect(plan.headers).toEqual(PLAIN_404)
    expect(Object.keys(plan.headers)).toEqual(Object.keys(PLAIN_404))
  })

  it.each([
    ['problem+json', 'application/problem+json'],
    ['problem+xml', 'application/problem+xml'],
    ['HTML', CHROME_ACCEPT],
    ['plain text', 'text/plain'],
  ])('answers HEAD with the status and headers of GET and an empty body, for %s', (_, accept) => {
    const error = new NotFound('No user 42 😀')
    const get = planOf(error, { headers: { accept } })
    const head = planOf(error, { method: 'HEAD', headers: { accept } })
    expect(head.status).toBe(get.status)
    expect(head.headers).toEqual(get.headers)
    expect(Object.keys(head.headers)).toEqual(Object.keys(get.headers))
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.body)))
    expect(head.body).toBe('')
  })

  it('treats a lower-case head method as HEAD', () => {
    expect(planOf(new NotFound(), { method: 'head' }).body).toBe('')
    expect(planOf(new NotFound(), { method: 'head' }).headers['content-length']).toBe('55')
  })

  it('sends the body for every other method', () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      expect(planOf(new NotFound(), { method }).body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
    }
  })
})

describe('headers set before the error', () => {
  const responseHeaders = {
    'access-control-allow-origin': 'https://app.example',
    'access-control-expose-headers': 'X-Request-Id',
    'set-cookie': ['session=abc; HttpOnly', 'theme=dark'],
    vary: 'Origin',
    'content-type': 'image/png',
    'content-length': 1234,
    'content-encoding': 'gzip',
    'content-range': 'bytes 0-99/1234',
    'content-disposition': 'attachment; filename="x.png"',
    etag: '"abc"',
    'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT',
    'x-ratelimit-remaining': '9',
  }

  it('removes exactly the representation headers the plan does not set again', () => {
    const plan = planOf(new NotFound(), { responseHeaders })
    expect(plan.remove).toEqual(['content-encoding', 'content-range', 'content-disposition', 'etag', 'last-modified'])
  })

  it('removes a Trailer field, which announced trailers of the abandoned body, on every HTTP version', () => {
    for (const httpVersion of [undefined, '1.1', '2.0']) {
      expect(planOf(new NotFound(), { httpVersion, responseHeaders: { trailer: 'x-checksum', 'x-ok': '1' } }).remove).toEqual(['trailer'])
    }
  })

  it('keeps CORS, Set-Cookie and other headers, and merges Vary', () => {
    const plan = planOf(new NotFound(), { responseHeaders })
    for (const kept of ['access-control-allow-origin', 'access-control-expose-headers', 'set-cookie', 'x-ratelimit-remaining']) {
      expect(plan.remove).not.toContain(kept)
      expect(kept in plan.headers).toBe(false)
    }
    expect(plan.headers.vary).toBe('Origin, Accept, Accept-Language')
    expect(plan.headers['content-type']).toBe('application/problem+json')
    expect(plan.headers['content-length']).toBe('55')
  })

  it('also removes Location, Content-Location, Expires and the digest headers', () => {
    const plan = planOf(new NotFound(), {
      responseHeaders: {
        location: '/elsewhere',
        'content-location': '/x.json',
        expires: 'Thu, 01 Jan 2026 00:00:00 GMT',
        'content-digest': 'sha-256=:abc=:',
        'accept-ranges': 'bytes',
        'transfer-encoding': 'chunked',
        'content-language': 'fr',
      },
    })
    expect(plan.remove).toEqual(['location', 'content-location', 'expires', 'content-digest', 'accept-ranges', 'transfer-encoding'])
    expect(plan.headers['content-language']).toBe('en')
  })

  it('does not remove a representation header the error sets itself', () => {
    const plan = planOf(new RangeNotSatisfiable({ completeLength: 1234 }), { responseHeaders })
    expect(plan.headers['content-range']).toBe('bytes */1234')
    expect(plan.remove).toEqual(['content-encoding', 'content-disposition', 'etag', 'last-modified'])
  })

  it('reports names to remove in lower case', () => {
    const plan = planOf(new NotFound(), { responseHeaders: { ETag: '"x"', 'Content-Encoding': 'br' } })
    expect(plan.remove).toEqual(['etag', 'content-encoding'])
  })

  it.each<[string, string | string[], string]>([
    ['Origin', 'Origin', 'Origin, Accept, Accept-Language'],
    ['a list that already names Accept in lower case', 'origin, accept', 'origin, accept, Accept-Language'],
    ['Accept-Language in upper case', 'ACCEPT-LANGUAGE', 'ACCEPT-LANGUAGE, Accept'],
    ['an array of values', ['Origin', 'Accept-Encoding'], 'Origin, Accept-Encoding, Accept, Accept-Language'],
    ['duplicates and empty elements', 'Origin,, origin , Origin', 'Origin, Accept, Accept-Language'],
    ['*', '*', '*'],
    ['a list holding *', 'Origin, *', '*'],
    ['an empty value', '', 'Accept, Accept-Language'],
  ])('merges an earlier Vary of %s', (_, vary, expected) => {
    expect(planOf(new NotFound(), { responseHeaders: { vary } }).headers.vary).toBe(expected)
  })

  it('merges Vary with Accept alone when one language is offered', () => {
    const options = resolveOptions({ languages: ['en'] }, NODE_DEFAULTS)
    expect(planOf(new NotFound(), { responseHeaders: { vary: 'Origin' } }, options).headers.vary).toBe('Origin, Accept')
  })

  it('drops elements of an earlier Vary that are not header names', () => {
    expect(planOf(new NotFound(), { responseHeaders: { vary: 'Origin, bad name, X-Ok' } }).headers.vary).toBe(
      'Origin, X-Ok, Accept, Accept-Language',
    )
  })

  it('never throws for hostile response headers', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('x') }, get: () => { throw new Error('x') } })
    const plan = planOf(new NotFound(), { responseHeaders: hostile })
    expect(plan.status).toBe(404)
    expect(plan.remove).toEqual([])
    expect(plan.headers.vary).toBe('Accept, Accept-Language')
  })
})

describe('connection-specific headers (HTTP/2 and HTTP/3)', () => {
  const CONNECTION_SPECIFIC = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te']
  const foreign = () =>
    Object.assign(new Error('bad'), {
      status: 400,
      expose: true,
      headers: { 'Keep-Alive': 'timeout=5', 'Proxy-Connection': 'keep-alive', Upgrade: 'h2c', TE: 'trailers', 'x-ok': '1' },
    })

  it('sends a 426 over HTTP/1.1 with Upgrade and Connection: upgrade (RFC 9110 §7.8)', () => {
    for (const httpVersion of [undefined, '1.1', '1.0']) {
      const plan = planOf(new UpgradeRequired({ upgrade: ['HTTP/3.0'] }), { httpVersion })
      expect(plan.headers).toMatchObject({ upgrade: 'HTTP/3.0', connection: 'upgrade' })
    }
  })

  it.each(['2.0', '2', 'HTTP/2', 'HTTP/3', 'http/3'])('sends a 426 over %s without Upgrade or Connection', (httpVersion) => {
    const plan = planOf(new UpgradeRequired({ upgrade: ['HTTP/3.0'] }), { httpVersion })
    expect(plan.status).toBe(426)
    for (const name of CONNECTION_SPECIFIC) expect(plan.headers).not.toHaveProperty(name)
    const http1 = planOf(new UpgradeRequired({ upgrade: ['HTTP/3.0'] }))
    const { upgrade, connection, ...rest } = http1.headers
    expect([upgrade, connection]).toEqual(['HTTP/3.0', 'upgrade'])
    expect(plan.headers).toEqual(rest)
    expect(plan.body).toBe(http1.body)
  })

  it('drops a foreign error’s connection-specific headers on HTTP/2 only', () => {
    const h2 = planOf(foreign(), { httpVersion: '2.0' })
    for (const name of CONNECTION_SPECIFIC) expect(h2.headers).not.toHaveProperty(name)
    expect(h2.headers['x-ok']).toBe('1')
    // HTTP/1.1 is unchanged: the error's own Upgrade brings Connection: upgrade with it.
    expect(planOf(foreign(), { httpVersion: '1.1' }).headers).toMatchObject({ 'keep-alive': 'timeout=5', upgrade: 'h2c', connection: 'upgrade' })
  })

  it('removes connection-specific headers set earlier on HTTP/2, and keeps them on HTTP/1.1', () => {
    const responseHeaders = { 'keep-alive': 'timeout=5', 'proxy-connection': 'close', upgrade: 'h2c', te: 'trailers', 'x-ok': '1' }
    expect(planOf(new NotFound(), { httpVersion: '2.0', responseHeaders }).remove).toEqual(['keep-alive', 'proxy-connection', 'upgrade', 'te'])
    expect(planOf(new NotFound(), { httpVersion: '1.1', responseHeaders }).remove).toEqual([])
  })

  it.each([undefined, 'x', '', 'HTTP/1.1', 'HTTP/', '1'])('treats HTTP version %j as HTTP/1.x', (httpVersion) => {
    expect(planOf(new UpgradeRequired({ upgrade: ['h2c'] }), { httpVersion }).headers.connection).toBe('upgrade')
  })

  it('reads a hostile httpVersion as absent', () => {
    const request = { method: 'GET', get httpVersion(): string { throw new Error('no') } }
    expect(planResponse(new UpgradeRequired({ upgrade: ['h2c'] }), request).headers.connection).toBe('upgrade')
    expect(planOf(new NotFound(), { httpVersion: 2 as unknown as string }).status).toBe(404)
  })
})

describe('errors changed after construction', () => {
  it('drops header values that were changed to hold CR, LF or NUL, and never throws', () => {
    const error = new NotFound()
    error.headers = {
      'x-ok': 'fine',
      'x-crlf': 'a\r\nSet-Cookie: evil=1',
      'x-lf': 'a\nb',
      'x-nul': 'a\u0000b',
      'bad name': 'value',
      'x-non-latin': '未找到',
      'x-padded': ' padded ',
      'x-number': 5 as unknown as string,
      'x-object': {} as unknown as string,
    }
    const plan = planOf(error)
    expect(plan.headers).toEqual({ ...planOf(new NotFound()).headers, 'x-ok': 'fine', 'x-number': '5' })
  })

  it('reads headers replaced by a Headers object through the same checks, without body fields', () => {
    const error = new NotFound()
    ;(error as { headers: unknown }).headers = new Headers({ 'X-Ok': 'fine', 'Content-Encoding': 'gzip', ETag: '"e"', Vary: 'Cookie' })
    expect(planOf(error).headers).toEqual({ ...planOf(new NotFound()).headers, 'x-ok': 'fine' })
  })

  it('ignores headers replaced by something that cannot be read', () => {
    const error = new NotFound()
    ;(error as { headers: unknown }).headers = new Proxy({}, { ownKeys: () => { throw new Error('x') } })
    expect(planOf(error).headers).toEqual(planOf(new NotFound()).headers)
    ;(error as { headers: unknown }).headers = 'x-a: b'
    expect(planOf(error).headers).toEqual(planOf(new NotFound()).headers)
  })

  it.each<[string, unknown]>([
    ['200', 200],
    ['NaN', NaN],
    ['302', 302],
    ['600', 600],
    ['404.5', 404.5],
    ['the string "404"', '404'],
    ['undefined', undefined],
  ])('renders an error whose status was set to %s as a 500', (_, status) => {
    const error = new NotFound('x')
    ;(error as { status: unknown }).status = status
    const plan = planOf(error)
    expect(plan.status).toBe(500)
    expect(JSON.parse(plan.body)).toMatchObject({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
  })

  it('titles an error whose status was changed with the phrase of the new status', () => {
    const error = new NotFound('x')
    ;(error as { status: number }).status = 410
    expect(planOf(error).body).toBe('{"type":"about:blank","title":"Gone","status":410,"detail":"x"}')
  })

  it('keeps a custom about:blank title the error was given', () => {
    expect(planOf(new NotFound({ title: 'No such user' })).body).toBe('{"type":"about:blank","title":"No such user","status":404}')
  })

  it('survives an error whose members were replaced by throwing getters', () => {
    const error = new NotFound('x')
    for (const name of ['title', 'detail', 'type', 'instance', 'extensions', 'headers', 'expose']) {
      Object.defineProperty(error, name, { get: () => { throw new Error(name) } })
    }
    const plan = planOf(error)
    expect(plan.status).toBe(404)
    expect(plan.body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
  })
})

describe('localisation', () => {
  it.each(errorRows)('titles $code in Chinese for Accept-Language: zh-CN', ({ code, zh }) => {
    const plan = planOf(createError(code), { headers: { 'accept-language': 'zh-CN' } })
    expect(plan.body).toBe(`{"type":"about:blank","title":${JSON.stringify(zh.title)},"status":${code}}`)
    expect(plan.headers['content-language']).toBe('zh-CN')
    expect(plan.headers['content-length']).toBe(String(Buffer.byteLength(plan.body)))
  })

  it("keeps the user's own detail as written", () => {
    const plan = planOf(new NotFound('No user 42'), { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })
    expect(plan.body).toBe('{"type":"about:blank","title":"未找到","status":404,"detail":"No user 42"}')
  })

  it('writes the HTML page in Chinese, with lang="zh-CN"', () => {
    const plan = planOf(new NotFound(), { headers: { accept: CHROME_ACCEPT, 'accept-language': 'zh-CN' } })
    expect(plan.body).toContain('<html lang="zh-CN">')
    expect(plan.body).toContain('<title>404 未找到</title>')
    expect(plan.body).toContain('状态码 404')
  })

  it.each(['zh-TW', 'zh-Hant', 'zh-TW,zh;q=0.9,en;q=0.8', 'fr', 'en-US', '*'])(
    'answers Accept-Language: %s in English',
    (language) => {
      const plan = planOf(new NotFound(), { headers: { 'accept-language': language } })
      expect(plan.body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
      expect(plan.headers['content-language']).toBe('en')
    },
  )

  it('uses a locale the user adds, and English with Content-Language: en for titles it lacks', () => {
    const options = resolveOptions({ locales: { de: { titles: { 404: 'Nicht gefunden' } } } }, NODE_DEFAULTS)
    const found = planOf(new NotFound('Kein Benutzer 42'), { headers: { 'accept-language': 'de-DE' } }, options)
    expect(found.body).toBe('{"type":"about:blank","title":"Nicht gefunden","status":404,"detail":"Kein Benutzer 42"}')
    expect(found.headers['content-language']).toBe('de')
    const missing = planOf(new Forbidden(), { headers: { 'accept-language': 'de' } }, options)
    expect(missing.body).toBe('{"type":"about:blank","title":"Forbidden","status":403}')
    expect(missing.headers['content-language']).toBe('en')
  })

  it('falls back to the English phrase when even the default language lacks a title', () => {
    const options = resolveOptions({ locales: { de: { titles: { 404: 'Nicht gefunden' } } }, defaultLanguage: 'de' }, NODE_DEFAULTS)
    expect(planOf(new NotFound(), {}, options).headers['content-language']).toBe('de')
    const missing = planOf(new Forbidden(), {}, options)
    expect(missing.body).toBe('{"type":"about:blank","title":"Forbidden","status":403}')
    expect(missing.headers['content-language']).toBe('en')
  })

  it('lets a user locale override a single built-in title', () => {
    const options = resolveOptions({ locales: { 'zh-CN': { titles: { 404: '页面不存在' } } } }, NODE_DEFAULTS)
    const headers = { 'accept-language': 'zh-CN' }
    expect(planOf(new NotFound(), { headers }, options).body).toBe('{"type":"about:blank","title":"页面不存在","status":404}')
    expect(planOf(new Forbidden(), { headers }, options).body).toBe('{"type":"about:blank","title":"禁止访问","status":403}')
  })

  describe('problem types', () => {
    const options = resolveOptions({
      typeBase: 'https://example.com/probs/',
      problemTypes: {
        'out-of-credit': {
          title: { en: 'You do not have enough credit.', 'zh-CN': '余额不足' },
          detail: { en: 'Top up your account first.', 'zh-CN': '请先充值。' },
        },
        'https://example.com/probs/english-only': { title: { en: 'English only' }, detail: { en: 'Only in English.' } },
      },
    }, NODE_DEFAULTS)
    const TYPE = 'https://example.com/probs/out-of-credit'

    it('uses the title and detail of the type in the negotiated language', () => {
      const plan = planOf(new Forbidden({ type: 'out-of-credit' }), { headers: { 'accept-language': 'zh-CN' } }, options)
      expect(plan.body).toBe(`{"type":"${TYPE}","title":"余额不足","status":403,"detail":"请先充值。"}`)
      expect(plan.headers['content-language']).toBe('zh-CN')
    })

    it('uses the default language without Accept-Language', () => {
      const plan = planOf(new Forbidden({ type: 'out-of-credit' }), {}, options)
      expect(plan.body).toBe(`{"type":"${TYPE}","title":"You do not have enough credit.","status":403,"detail":"Top up your account first."}`)
      expect(plan.headers['content-language']).toBe('en')
    })

    it("keeps the error's own detail and uses the type's only when the error has none", () => {
      const plan = planOf(new Forbidden('Your balance is 30.', { type: TYPE }), { headers: { 'accept-language': 'zh-CN' } }, options)
      expect(plan.body).toBe(`{"type":"${TYPE}","title":"余额不足","status":403,"detail":"Your balance is 30."}`)
    })

    it('resolves relative type keys and relative error types against typeBase', () => {
      const absolute = planOf(new Forbidden({ type: TYPE }), {}, options).body
      const relative = planOf(new Forbidden({ type: 'out-of-credit' }), {}, options).body
      expect(relative).toBe(absolute)
      expect(JSON.parse(absolute)).toMatchObject({ type: TYPE, title: 'You do not have enough credit.' })
    })

    it('falls back to the title and detail in the default language', () => {
      const plan = planOf(new Forbidden({ type: 'english-only' }), { headers: { 'accept-language': 'zh-CN' } }, options)
      expect(plan.body).toBe(
        '{"type":"https://example.com/probs/english-only","title":"English only","status":403,"detail":"Only in English."}',
      )
      expect(plan.headers['content-language']).toBe('en')
    })

    it('hides the default detail of a type on a 5xx that is not exposed', () => {
      const serverOptions = resolveOptions({ problemTypes: { 'https://example.com/down': { detail: { en: 'Try later.' } } } }, NODE_DEFAULTS)
      expect(planOf(new ServiceUnavailable({ type: 'https://example.com/down' }), {}, serverOptions).body).toBe(
        '{"type":"https://example.com/down","title":"Service Unavailable","status":503}',
      )
    })
  })

  it('keeps a custom title on a type without localised text, whatever the language', () => {
    const error = new BadRequest('d', { type: 'https://example.com/probs/validation', title: 'Your request is not valid.' })
    const plan = planOf(error, { headers: { 'accept-language': 'zh-CN' } })
    expect(plan.body).toBe(
      '{"type":"https://example.com/probs/validation","title":"Your request is not valid.","status":400,"detail":"d"}',
    )
    expect(plan.headers['content-language']).toBe('en')
  })
})

describe('request context', () => {
  const fromPath = resolveOptions({ instanceFromPath: true }, NODE_DEFAULTS)

  it('fills instance from the path without the query string or fragment', () => {
    expect(planOf(new NotFound(), { path: '/users/42?token=secret#top' }, fromPath).body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"instance":"/users/42"}',
    )
  })

  it('puts instance after detail and before extensions', () => {
    const error = new BadRequest('d', { extensions: { field: 'name' } })
    expect(planOf(error, { path: '/form' }, fromPath).body).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","instance":"/form","field":"name"}',
    )
  })

  it.each(['//evil.example/x', '/a b', '\\\\evil', `/${'a'.repeat(1024)}`, 'relative', '/a\r\nb', ''])(
    'never fills instance from the path %j',
    (path) => {
      expect(planOf(new NotFound(), { path }, fromPath).body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
    },
  )

  it("prefers the error's own instance", () => {
    expect(planOf(new NotFound({ instance: '/errors/7' }), { path: '/users/42' }, fromPath).body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"instance":"/errors/7"}',
    )
  })

  it('drops an error instance that is not a URI reference', () => {
    expect(planOf(new NotFound({ instance: 'has space' })).body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
    expect(planOf(new NotFound({ instance: 'has space' }), { path: '/p' }, fromPath).body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"instance":"/p"}',
    )
  })

  it('leaves instance out by default', () => {
    expect(planOf(new NotFound(), { path: '/users/42' }).body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
  })

  it('adds traceId from a valid traceparent, after the extensions', () => {
    const plan = planOf(new BadRequest('d', { extensions: { field: 'name' } }), { headers: { traceparent: TRACEPARENT } })
    expect(plan.body).toBe(
      `{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","field":"name","traceId":"${TRACE_ID}"}`,
    )
  })

  it('adds traceId from a fetch Headers object', () => {
    const plan = planOf(new NotFound(), { headers: new Headers({ traceparent: TRACEPARENT }) })
    expect(JSON.parse(plan.body)).toMatchObject({ traceId: TRACE_ID })
  })

  it('adds traceId from a valid x-request-id', () => {
    expect(planOf(new NotFound(), { headers: { 'x-request-id': 'req-42' } }).body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"traceId":"req-42"}',
    )
  })

  it('adds traceId even to a 500 whose detail is hidden, so the client can quote it', () => {
    expect(planOf(new Error('secret'), { headers: { traceparent: TRACEPARENT } }).body).toBe(
      `{"type":"about:blank","title":"Internal Server Error","status":500,"traceId":"${TRACE_ID}"}`,
    )
  })

  it.each([
    ['an all-zero traceparent', { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }],
    ['a version ff traceparent', { traceparent: `ff-${TRACE_ID}-00f067aa0ba902b7-01` }],
    ['an upper-case traceparent', { traceparent: TRACEPARENT.toUpperCase() }],
    ['a short trace-id', { traceparent: `00-${TRACE_ID.slice(2)}-00f067aa0ba902b7-01` }],
    ['an x-request-id with markup', { 'x-request-id': '<script>alert(1)</script>' }],
    ['an over-long x-request-id', { 'x-request-id': 'x'.repeat(129) }],
  ])('ignores %s', (_, headers) => {
    expect(planOf(new NotFound(), { headers }).body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
  })

  it('adds no traceId with traceId: false', () => {
    const options = resolveOptions({ traceId: false }, NODE_DEFAULTS)
    expect(planOf(new NotFound(), { headers: { traceparent: TRACEPARENT, 'x-request-id': 'r' } }, options).body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404}',
    )
  })

  it('does not replace a traceId extension set by the error', () => {
    const error = new NotFound('d', { extensions: { traceId: 'from-the-error' } })
    expect(planOf(error, { headers: { traceparent: TRACEPARENT } }).body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"detail":"d","traceId":"from-the-error"}',
    )
  })
})

describe('planResponse', () => {
  it('returns the normalised error with the plan', () => {
    const thrown = new NotFound()
    expect(planOf(thrown).error).toBe(thrown)
    const adopted = planOf('boom').error
    expect(adopted).toBeInstanceOf(HttpError)
    expect(adopted.status).toBe(500)
    expect(adopted.cause).toBe('boom')
  })

  it("works without options, with core's defaults: JSON and English only, so Vary names Accept alone", () => {
    const plan = planResponse(new NotFound(), { method: 'GET', headers: { 'accept-language': 'zh-CN' } })
    const lean = resolveOptions()
    expect(plan.headers).toEqual(planOf(new NotFound(), { headers: { 'accept-language': 'zh-CN' } }, lean).headers)
    expect(plan.headers).toMatchObject({ vary: 'Accept', 'content-language': 'en' })
    expect(plan.body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
  })

  it('never throws for a request view whose members throw', () => {
    const request = new Proxy({ method: 'GET' } as RequestView, {
      get(target, key) {
        if (key === 'method') return 'GET'
        throw new Error(`no ${String(key)}`)
      },
    })
    const plan = planResponse(new NotFound(), request, defaults)
    expect(plan.status).toBeGreaterThanOrEqual(400)
    expect(plan.headers['content-length']).toBe(String(Buffer.byteLength(plan.body)))
    expect(() => JSON.parse(plan.body) as unknown).not.toThrow()
  })
})

describe('hostile extensions (issue 17)', () => {
  /** Eight nested arrays, each holding `n` references to the next. */
  const shared = (n: number): unknown => {
    let level: unknown = 1
    for (let i = 0; i < 8; i++) level = new Array(n).fill(level)
    return level
  }
  const revoked = (): object => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    return proxy
  }

  it.each([8, 100])('renders extensions sharing %i references per level in bounded time, keeping later members', (n) => {
    const started = performance.now()
    const plan = planOf(new BadRequest('d', { extensions: { graph: shared(n), after: 1 } }))
    expect(performance.now() - started).toBeLessThan(1000)
    // The graph cannot fit in limits.extensionLength, so it is left out whole; the walk stopped early enough for
    // the next member to be rendered.
    expect(plan.status).toBe(400)
    expect(plan.body).toBe('{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","after":1}')
  })

  it('stops at limits.visits values for all extension members together, marking where it stopped', () => {
    const options = resolveOptions({ limits: { visits: 5 } }, NODE_DEFAULTS)
    const plan = planOf(new BadRequest('d', { extensions: { a: [1, 2], b: [3, 4, 5], c: 6 } }), {}, options)
    expect(plan.body).toBe('{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","a":[1,2],"b":[3,"[Truncated]"]}')
  })

  it.each([
    ['a revoked Proxy', revoked],
    ['a Proxy whose getPrototypeOf trap throws', () => new Proxy({}, { getPrototypeOf: () => { throw new Error('proto') } })],
  ])('keeps the status and renders a top-level extension that is %s as "[Unreadable]"', (_, make) => {
    const plan = planOf(new BadRequest('d', { extensions: { bad: make(), ok: 1 } }))
    expect(plan.status).toBe(400)
    expect(plan.body).toBe('{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","bad":"[Unreadable]","ok":1}')
  })

  it('never finds a problem type title on Object.prototype for a language named like one of its members', () => {
    const options = resolveOptions({
      locales: { valueOf: {} },
      languages: ['valueOf'],
      defaultLanguage: 'valueOf',
      problemTypes: { 'https://example.com/t': { title: { en: 'Typed' } } },
    }, NODE_DEFAULTS)
    const plan = planOf(new BadRequest({ type: 'https://example.com/t' }), {}, options)
    expect(plan.body).toBe('{"type":"https://example.com/t","title":"Typed","status":400}')
    expect(plan.headers['content-language']).toBe('en')
  })

  it('leaves out extension names that are array indices, which would come before type, and keeps the member order', () => {
    const plan = planOf(new BadRequest('d', { extensions: { a: 1, '0': 'x', '4294967294': 'y', '4294967295': 'z', '01': 'w' } }))
    expect(plan.body).toBe('{"type":"about:blank","title":"Bad Request","status":400,"detail":"d","a":1,"4294967295":"z","01":"w"}')
    // An array or a String as the extensions object has only index names: nothing to add.
    expect(planOf(new BadRequest('d', { extensions: ['x', 'y'] as unknown as Record<string, unknown> })).body).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"d"}',
    )
  })

  it('keeps the status and the headers when rendering what the error carries fails past every guard', () => {
    // Options whose limits throw when read stand in for a fault nobody has found yet.
    const broken = { ...defaults, limits: { ...defaults.limits, get visits(): number { throw new Error('fault') } } } as ResolvedOptions
    const plan = planOf(new Unauthorized('no token', { challenge: { scheme: 'Bearer' }, extensions: { a: 1 } }), {}, broken)
    expect(plan.status).toBe(401)
    expect(plan.headers['www-authenticate']).toBe('Bearer')
    expect(plan.body).toBe('{"type":"about:blank","title":"Unauthorized","status":401}')
  })
})

describe('toProblem', () => {
  it('builds the document as a plain object in wire order', () => {
    const problem = toProblem(new NotFound('No user 42', { instance: '/users/42', extensions: { id: 42 } }))
    expect(Object.keys(problem)).toEqual(['type', 'title', 'status', 'detail', 'instance', 'id'])
    expect({ ...problem }).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42', id: 42 })
  })

  it('localises the title for the language it is given, and uses the default for an unknown one', () => {
    expect(toProblem(new NotFound(), { method: 'GET' }, defaults, 'zh-CN').title).toBe('未找到')
    expect(toProblem(new NotFound(), { method: 'GET' }, defaults, 'fr').title).toBe('Not Found')
  })

  it('hides the detail of a 5xx and normalises anything thrown', () => {
    expect({ ...toProblem(new InternalServerError('secret')) }).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
    expect({ ...toProblem(null) }).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
  })
})

describe('formats', () => {
  const lean = resolveOptions()

  it.each([
    ['application/problem+xml', 'application/problem+json'],
    [CHROME_ACCEPT, 'application/problem+json'],
    ['text/plain', 'application/problem+json'],
    ['application/json', 'application/json'],
  ])('without formats, answers Accept: %j with %s (JSON only, never 406)', (accept, contentType) => {
    const plan = accepting(accept, new NotFound('No user 42'), lean)
    expect(plan.headers['content-type']).toBe(contentType)
    expect(plan.headers['content-security-policy']).toBe(API_CSP)
  })

  it('offers a format only once it is given, and keeps the canonical order of the rest', () => {
    const withText = resolveOptions({ formats: [textFormat] })
    expect(accepting('text/plain', new NotFound(), withText).body).toBe('404 Not Found\n')
    // A browser ranks */* above nothing it names here: the server's first preference, problem+json, wins.
    expect(accepting(CHROME_ACCEPT, new NotFound(), withText).headers['content-type']).toBe('application/problem+json')
    expect(accepting('text/*, application/json;q=0.5', new NotFound(), withText).headers['content-type']).toBe('text/plain; charset=utf-8')
  })

  it('refuses mediaTypes that name a format it was not given, naming the export to add', () => {
    expect(() => resolveOptions({ mediaTypes: ['text/html'] })).toThrow('mediaTypes lists text/html, which needs htmlFormat in formats')
    expect(() => resolveOptions({ mediaTypes: ['application/problem+xml'], formats: [htmlFormat] })).toThrow('needs xmlFormat')
    expect(() => resolveOptions({ mediaTypes: ['text/plain'] })).toThrow('needs textFormat')
  })

  it.each([
    ['not an array', { not: 'an array' }],
    ['a foreign object', [{ mediaType: 'text/html' }]],
    ['an unknown media type', [{ mediaType: 'text/csv', render: () => '', contentSecurityPolicy: undefined }]],
  ])('refuses formats that are %s', (_, formats) => {
    expect(() => resolveOptions({ formats } as never)).toThrow(TypeError)
  })

  it("lets the user's options win over an adapter's defaults, and an undefined value keep the default", () => {
    const options = resolveOptions({ formats: [xmlFormat], traceId: undefined }, { formats: [htmlFormat], traceId: false })
    expect(accepting(CHROME_ACCEPT, new NotFound(), options).headers['content-type']).toBe('application/problem+json')
    expect(accepting('application/problem+xml', new NotFound(), options).headers['content-type']).toBe('application/problem+xml; charset=utf-8')
    expect(planOf(new NotFound(), { headers: { traceparent: TRACEPARENT } }, options).body).not.toContain('traceId')
  })

  it('shows the built-in status description on the HTML page in English and Chinese, and a locale of its own words', () => {
    // The user's zh-CN words merge with the adapter's zhCN word by word: its titles stay.
    const options = resolveOptions({
      formats: [htmlFormat],
      locales: { 'zh-CN': { descriptions: { 404: '自定义说明' } }, fr: { titles: { 404: 'Introuvable' } } },
    }, NODE_DEFAULTS)
    const english = planOf(new NotFound(), { headers: { accept: 'text/html' } }, options).body
    expect(english).toContain(statuses.find((row) => row.code === 404)?.description)
    const chinese = planOf(new NotFound(), { headers: { accept: 'text/html', 'accept-language': 'zh-CN' } }, options).body
    expect(chinese).toContain('自定义说明')
    // A language with a title but no descriptions: the page has none, rather than an English sentence in it.
    const french = planOf(new NotFound(), { headers: { accept: 'text/html', 'accept-language': 'fr' } }, options).body
    expect(french).toContain('lang="fr"')
    expect(french).not.toContain(statuses.find((row) => row.code === 404)?.description)
  })
})
