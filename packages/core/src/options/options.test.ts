import { afterEach, describe, it, expect, vi } from 'vitest'
import {
  BadRequest,
  createError,
  HttpError,
  InternalServerError,
  isHttpError,
  NotFound,
  nodeDefaults,
  nodeFrameworkErrors,
  planResponse,
  reportUnanswered,
  resolveOptions,
  textFormat,
  toHttpError,
  zhCN,
  resolveType,
  ServiceUnavailable,
  shouldLog,
  stackForLog,
  type ErrorContext,
  type ProblemOptions,
  type RequestView,
} from '../index'

const GET: RequestView = { method: 'GET' }

afterEach(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
})

describe('resolveOptions', () => {
  it('returns a frozen object', () => {
    const options = resolveOptions()
    expect(Object.isFrozen(options)).toBe(true)
    expect(() => {
      ;(options as { debug: boolean }).debug = true
    }).toThrow(TypeError)
    expect(options.debug).toBe(false)
  })

  it('fills in the documented defaults', () => {
    const options = resolveOptions()
    expect(options.typeBase).toBeUndefined()
    expect(options.mapError).toBeUndefined()
    expect(options.onError).toBeUndefined()
    expect(options.debug).toBe(false)
    expect(options.instanceFromPath).toBe(false)
    expect(options.traceId).toBe(true)
    expect(options.cacheControl).toBe('no-store')
    expect(options.defaultLocale.tag).toBe('en')
    expect([...options.locales.keys()]).toEqual(['en'])
    expect(options.foreignErrors).toEqual([])
    expect(options.varyLanguage).toBe(false)
    expect(options.fallbackMediaType).toBe('application/problem+json')
    expect(options.limits).toEqual({ detailLength: 2048, stringLength: 1024, depth: 8, members: 100, extensionLength: 16384, visits: 10000 })
  })

  it('treats no options and an empty object alike', () => {
    const error = new NotFound('x')
    expect(planResponse(error, GET, resolveOptions()).body).toBe(planResponse(error, GET, resolveOptions({})).body)
    expect(planResponse(error, GET).headers).toEqual(planResponse(error, GET, resolveOptions({})).headers)
  })

  it('merges partial limits with the defaults', () => {
    expect(resolveOptions({ limits: { depth: 3 } }).limits).toEqual({
      detailLength: 2048,
      stringLength: 1024,
      depth: 3,
      members: 100,
      extensionLength: 16384,
      visits: 10000,
    })
  })

  it('accepts a non-http absolute typeBase such as a URN or a tag URI', () => {
    expect(resolveOptions({ typeBase: 'urn:example:problems:' }).typeBase).toBe('urn:example:problems:')
    expect(resolveOptions({ typeBase: 'tag:example.com,2026:' }).typeBase).toBe('tag:example.com,2026:')
  })

  it.each<[string, unknown]>([
    ['a relative typeBase', { typeBase: 'problems/' }],
    ['a path-absolute typeBase', { typeBase: '/problems/' }],
    ['an empty typeBase', { typeBase: '' }],
    ['an unknown media type', { mediaTypes: ['application/xml'] }],
    ['an upper-case media type', { mediaTypes: ['Application/Problem+JSON'] }],
    ['an empty media type list', { mediaTypes: [] }],
    ['languages without a locale', { languages: ['en', 'fr'] }],
    ['a defaultLanguage without a locale', { defaultLanguage: 'fr' }],
    ['a zero limit', { limits: { detailLength: 0 } }],
    ['a negative limit', { limits: { depth: -1 } }],
    ['a fractional limit', { limits: { members: 1.5 } }],
    ['a NaN limit', { limits: { extensionLength: NaN } }],
    ['an infinite limit', { limits: { stringLength: Infinity } }],
    ['a string limit', { limits: { depth: '8' } }],
    ['cacheControl with CR LF', { cacheControl: 'no-store\r\nSet-Cookie: a=1' }],
    ['cacheControl with LF', { cacheControl: 'no-store\nx' }],
    ['cacheControl with NUL', { cacheControl: 'no-store\u0000' }],
    ['cacheControl true', { cacheControl: true }],
    ['a numeric cacheControl', { cacheControl: 0 }],
    ['null', null],
    ['a string', 'debug'],
  ])('throws a TypeError for %s', (_, options) => {
    expect(() => resolveOptions(options as ProblemOptions)).toThrow(TypeError)
  })

  // Issue 17: `Content-Language: 中文` made Node's header writer throw ERR_INVALID_CHAR, and a number became the title.
  it.each<[string, ProblemOptions, RegExp]>([
    ['a defaultLanguage that is not a language tag, defined only in locales', { locales: { 中文: {} }, languages: ['en'], defaultLanguage: '中文' }, /locales: "中文" is not a language tag/],
    ['a default language with a space', { locales: { 'en US': {} }, defaultLanguage: 'en US' }, /"en US" is not a language tag/],
    ['a language tag with CR LF', { locales: { 'en\r\nx': {} }, languages: ['en'] }, /is not a language tag/],
    ['a subtag longer than 8 characters', { locales: { 'en-abcdefghi': {} }, languages: ['en'] }, /is not a language tag/],
    ['languages listing a non-tag', { languages: ['en', ''] }, /languages: "" is not a language tag/],
    ['a numeric locale title', { locales: { en: { titles: { 404: 42 as unknown as string } } } }, /locales\["en"\]\.titles\["404"\] must be a string, got number/],
    ['a numeric locale label', { locales: { fr: { labels: { status: 1 as unknown as string } } } }, /locales\["fr"\]\.labels\["status"\] must be a string/],
    ['a numeric description', { locales: { fr: { descriptions: { 404: null as unknown as string } } } }, /descriptions\["404"\] must be a string, got null/],
    ['a numeric problem type title', { problemTypes: { 'https://x.test/t': { title: { en: 42 as unknown as string } } } }, /problemTypes\["https:\/\/x\.test\/t"\]\.title\["en"\] must be a string, got number/],
    ['a problem type detail that is an object', { problemTypes: { t: { detail: { en: {} as unknown as string } } } }, /\.detail\["en"\] must be a string, got object/],
    ['a problem type title keyed by a non-tag', { problemTypes: { t: { title: { 'en_GB': 'x' } } } }, /\.title: "en_GB" is not a language tag/],
    ['a problem type that is not an object', { problemTypes: { t: 'x' as unknown as object } }, /problemTypes\["t"\] must be an object/],
  ])('refuses %s with a TypeError that says what is wrong', (_, options, message) => {
    expect(() => resolveOptions(options)).toThrow(TypeError)
    expect(() => resolveOptions(options)).toThrow(message)
  })

  it('accepts language tags of every BCP 47 shape, and leaves undefined words to the defaults', () => {
    const options = resolveOptions({
      locales: { 'zh-Hant-TW': { titles: { 404: '找不到' } }, 'sr-Latn': {}, 'de-CH-1996': { labels: { status: undefined } } },
      defaultLanguage: 'zh-Hant-TW',
      problemTypes: { t: { title: { 'zh-Hant-TW': 'T' } } },
    })
    const plan = planResponse(new NotFound(), { method: 'GET' }, options)
    expect(plan.headers['content-language']).toBe('zh-Hant-TW')
    expect(plan.body).toBe('{"type":"about:blank","title":"找不到","status":404}')
  })

  it('names the offending field in the message', () => {
    expect(() => resolveOptions({ typeBase: 'x' })).toThrow(/typeBase/)
    expect(() => resolveOptions({ languages: ['fr'] })).toThrow(/"fr"/)
    expect(() => resolveOptions({ limits: { depth: 0 } })).toThrow(/limits\.depth/)
    expect(() => resolveOptions({ cacheControl: 'a\r\nb' })).toThrow(/cacheControl/)
    expect(() => resolveOptions({ mediaTypes: ['text/xml' as 'text/plain'] })).toThrow(/mediaTypes/)
  })

  it('accepts a language list once its locale is added', () => {
    const options = resolveOptions({ locales: { fr: { titles: { 404: 'Introuvable' } } }, languages: ['en', 'fr'] })
    expect([...options.locales.keys()]).toEqual(['en', 'fr'])
  })

  it("offers Simplified Chinese when given zhCN, and merges a user's words over an adapter's word by word", () => {
    const chinese = resolveOptions({ locales: { 'zh-CN': zhCN } })
    expect(planResponse(new NotFound(), { method: 'GET', headers: { 'accept-language': 'zh-CN' } }, chinese).body).toBe(
      '{"type":"about:blank","title":"未找到","status":404}',
    )
    const merged = resolveOptions({ locales: { 'zh-CN': { titles: { 404: '页面不存在' } } } }, nodeDefaults)
    expect(merged.locales.get('zh-CN')?.titles).toMatchObject({ 404: '页面不存在', 410: '已删除' })
    expect(merged.locales.get('zh-CN')?.labels).toEqual(zhCN.labels)
    // Without an adapter's zhCN, a user's partial zh-CN has only its own words: other titles fall back to English.
    const partial = resolveOptions({ locales: { 'zh-CN': { titles: { 404: '页面不存在' } } } })
    expect(partial.locales.get('zh-CN')?.titles).toEqual({ 404: '页面不存在' })
  })

  it('adopts the errors of Node frameworks only when foreignErrors names them', () => {
    const joi = Object.assign(new Error('"age" must be a number'), {
      isJoi: true,
      name: 'ValidationError',
      details: [{ message: '"age" must be a number', path: ['age'], type: 'number.base' }],
    })
    const lean = planResponse(joi, GET, resolveOptions())
    expect(lean.status).toBe(500)
    const node = planResponse(joi, GET, resolveOptions({ foreignErrors: [nodeFrameworkErrors] }))
    expect(node.status).toBe(400)
    expect(JSON.parse(node.body)).toMatchObject({ detail: 'The request is not valid.', errors: [{ pointer: '#/age' }] })
    // toHttpError always applies every rule.
    expect(toHttpError(joi).status).toBe(400)
    expect(() => resolveOptions({ foreignErrors: [{}] as never })).toThrow('foreignErrors must hold nodeFrameworkErrors')
    expect(() => resolveOptions({ foreignErrors: nodeFrameworkErrors as never })).toThrow(TypeError)
  })

  it('is not affected by later changes to the options object it was given', () => {
    const mediaTypes: ProblemOptions['mediaTypes'] & string[] = ['text/plain', 'application/problem+json']
    const languages = ['en']
    const titles: Record<number, string> = { 404: 'Introuvable' }
    const limits = { detailLength: 5 }
    const problemTypes: Record<string, { title: Record<string, string> }> = {
      'https://example.com/t': { title: { en: 'T' } },
    }
    const input = { mediaTypes, languages, locales: { fr: { titles } }, limits, problemTypes, cacheControl: 'no-cache' }
    const options = resolveOptions(input, { formats: [textFormat] })
    const before = planResponse(new NotFound('0123456789'), { method: 'GET', headers: { accept: 'image/png' } }, options)

    mediaTypes.reverse()
    languages.push('fr')
    titles[404] = 'changed'
    limits.detailLength = 1000
    delete problemTypes['https://example.com/t']
    input.cacheControl = 'public'

    const after = planResponse(new NotFound('0123456789'), { method: 'GET', headers: { accept: 'image/png' } }, options)
    expect(after.headers).toEqual(before.headers)
    expect(after.body).toBe(before.body)
    expect(after.body).toBe('404 Not Found\n\n0123…\n')
    const typed = planResponse(new BadRequest({ type: 'https://example.com/t' }), GET, options)
    expect(typed.body).toBe('400 T\n\ntype: https://example.com/t\n')
  })
})

describe('resolveType', () => {
  it.each([
    ['out-of-credit', 'https://example.com/probs/', 'https://example.com/probs/out-of-credit'],
    ['a/b', 'https://example.com/probs/', 'https://example.com/probs/a/b'],
    ['/root', 'https://example.com/probs/', 'https://example.com/root'],
    ['../up', 'https://example.com/probs/x/', 'https://example.com/probs/up'],
    ['out-of-credit', 'https://example.com/probs', 'https://example.com/out-of-credit'],
    ['about:blank', 'https://example.com/probs/', 'about:blank'],
    ['https://other.example/t', 'https://example.com/probs/', 'https://other.example/t'],
    ['urn:problem:x', 'https://example.com/probs/', 'urn:problem:x'],
    ['out-of-credit', undefined, 'out-of-credit'],
  ])('resolves %j against %j as %j', (type, base, expected) => {
    expect(resolveType(type, base)).toBe(expected)
  })
})

describe('mapError', () => {
  class DatabaseDown extends Error {}
  const options = resolveOptions({
    mapError: (thrown) =>
      thrown instanceof DatabaseDown ? new ServiceUnavailable('The database is down.', { retryAfter: 30, expose: true }) : undefined,
  })

  it('turns a custom error class into the error it returns', () => {
    const plan = planResponse(new DatabaseDown('connection refused'), GET, options)
    expect(plan.status).toBe(503)
    expect(plan.headers['retry-after']).toBe('30')
    expect(plan.body).toBe('{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"The database is down."}')
    expect(plan.error).toBeInstanceOf(ServiceUnavailable)
  })

  it('leaves everything it passes on to the built-in rules', () => {
    expect(planResponse(new Error('x'), GET, options).status).toBe(500)
    expect(planResponse(new NotFound('x'), GET, options).body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"detail":"x"}',
    )
  })

  it('is called once per plan, with the thrown value', () => {
    const mapError = vi.fn(() => undefined)
    const thrown = new Error('x')
    planResponse(thrown, GET, resolveOptions({ mapError }))
    expect(mapError).toHaveBeenCalledTimes(1)
    expect(mapError).toHaveBeenCalledWith(thrown)
  })

  it('is ignored when it throws', () => {
    const throwing = resolveOptions({
      mapError: () => {
        throw new Error('mapper bug')
      },
    })
    const plan = planResponse(new NotFound('No user 42'), GET, throwing)
    expect(plan.status).toBe(404)
    expect(plan.body).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"No user 42"}')
    expect(planResponse('boom', GET, throwing).body).toBe('{"type":"about:blank","title":"Internal Server Error","status":500}')
  })
})

describe('expose', () => {
  it('sends the detail and extensions of a 5xx when it returns true', () => {
    const options = resolveOptions({ expose: () => true })
    const error = new InternalServerError('Disk full', { extensions: { volume: '/data' } })
    expect(planResponse(error, GET, options).body).toBe(
      '{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Disk full","volume":"/data"}',
    )
  })

  it('hides the detail and extensions of a 4xx when it returns false', () => {
    const options = resolveOptions({ expose: () => false })
    const error = new NotFound('No user 42', { extensions: { id: 42 } })
    expect(planResponse(error, GET, options).body).toBe('{"type":"about:blank","title":"Not Found","status":404}')
  })

  it('receives the normalised error', () => {
    const expose = vi.fn((error: HttpError) => error.status === 500)
    planResponse('boom', GET, resolveOptions({ expose }))
    expect(expose).toHaveBeenCalledTimes(1)
    const received = expose.mock.calls[0]?.[0]
    expect(isHttpError(received)).toBe(true)
    expect(received?.status).toBe(500)
    expect(received?.cause).toBe('boom')
  })

  it('exposes nothing when it throws or returns something other than true', () => {
    const error = new NotFound('No user 42')
    const hidden = '{"type":"about:blank","title":"Not Found","status":404}'
    const throwing = resolveOptions({
      expose: () => {
        throw new Error('x')
      },
    })
    expect(planResponse(error, GET, throwing).body).toBe(hidden)
    expect(planResponse(error, GET, resolveOptions({ expose: () => 1 as unknown as boolean })).body).toBe(hidden)
    expect(planResponse(error, GET, resolveOptions({ expose: () => 'yes' as unknown as boolean })).body).toBe(hidden)
  })
})

describe('debug', () => {
  it('is off by default even when NODE_ENV is unset', () => {
    vi.stubEnv('NODE_ENV', undefined)
    expect(process.env.NODE_ENV).toBeUndefined()
    const options = resolveOptions()
    expect(options.debug).toBe(false)
    expect(planResponse(new InternalServerError('secret'), GET, options).body).toBe(
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    )
    expect(planResponse(new InternalServerError('secret'), GET).body).toBe(
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    )
  })

  it('is off by default when NODE_ENV is development', () => {
    vi.stubEnv('NODE_ENV', 'development')
    expect(resolveOptions().debug).toBe(false)
  })

  it('turns on only for the value true', () => {
    expect(resolveOptions({ debug: 'yes' as unknown as boolean }).debug).toBe(false)
    expect(resolveOptions({ debug: 1 as unknown as boolean }).debug).toBe(false)
    expect(resolveOptions({ debug: true }).debug).toBe(true)
  })

  it('exposes the detail and adds the stack and cause chain as a debug extension', () => {
    const root = new TypeError('socket closed')
    const middle = new Error('query failed', { cause: root })
    const error = new InternalServerError('Could not load the user', { cause: middle, extensions: { userId: 7 } })
    const plan = planResponse(error, GET, resolveOptions({ debug: true }))
    const body = JSON.parse(plan.body) as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['type', 'title', 'status', 'detail', 'userId', 'debug'])
    expect(body.detail).toBe('Could not load the user')
    const { errors } = body.debug as { errors: Array<{ name: string; message: string; stack?: string[] }> }
    expect(errors.map(({ name, message }) => [name, message])).toEqual([
      ['InternalServerError', 'Could not load the user'],
      ['Error', 'query failed'],
      ['TypeError', 'socket closed'],
    ])
    expect(errors[0]?.stack?.[0]).toBe('InternalServerError: Could not load the user')
    expect(errors[1]?.stack?.[0]).toBe('Error: query failed')
    expect(errors[2]?.stack?.[0]).toBe('TypeError: socket closed')
    // Each frame is one trimmed line, never the raw multi-line stack.
    for (const entry of errors) for (const line of entry.stack ?? []) expect(line).toBe(line.trim())
    expect(errors[0]?.stack?.some((line) => line.startsWith('at '))).toBe(true)
  })

  it('describes a thrown non-error in the chain', () => {
    const body = JSON.parse(planResponse('boom', GET, resolveOptions({ debug: true })).body) as {
      debug: { errors: Array<{ name: string; message: string }> }
    }
    expect(body.debug.errors.map(({ name, message }) => [name, message])).toEqual([
      ['InternalServerError', 'Internal Server Error'],
      ['string', 'boom'],
    ])
  })

  it.each([
    ['getters that throw', { get name(): string { throw new Error('name') }, get message(): string { throw new Error('message') } }],
    ['values that refuse conversion to text', { name: Object.create(null) as object, message: { toString: () => { throw new Error('x') } } }],
    ['a revoked Proxy', (() => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy })()],
  ])('keeps the status and writes "[Unreadable]" for a cause whose name and message are %s', (_, cause) => {
    const plan = planResponse(createError(409, 'x', { cause }), GET, resolveOptions({ debug: true }))
    expect(plan.status).toBe(409)
    const body = JSON.parse(plan.body) as { debug: { errors: Array<{ name: string; message: string }> } }
    expect(body.debug.errors[1]).toMatchObject({ name: '[Unreadable]', message: '[Unreadable]' })
  })

  it('stops a cause cycle after eight links', () => {
    const a = new Error('a')
    const b = new Error('b', { cause: a })
    ;(a as { cause?: unknown }).cause = b
    const body = JSON.parse(planResponse(createError(500, { cause: a }), GET, resolveOptions({ debug: true })).body) as {
      debug: { errors: unknown[] }
    }
    expect(body.debug.errors).toHaveLength(8)
  })

  it('adds no debug member and no stack when off', () => {
    const plan = planResponse(new NotFound('x', { cause: new Error('inner') }), GET, resolveOptions())
    expect(plan.body).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"x"}')
  })
})

describe('onError', () => {
  it('is called exactly once per planResponse with the normalised error and a context around the request', () => {
    const onError = vi.fn()
    const request: RequestView = { method: 'GET', path: '/x', headers: { accept: 'text/plain', 'x-request-id': 'r-1' } }
    const frameworkRequest = { mine: true }
    const plan = planResponse('boom', request, resolveOptions<{ mine: boolean }>({ onError }), frameworkRequest)
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, context] = onError.mock.calls[0] as [HttpError, ErrorContext<{ mine: boolean }>]
    expect(error).toBe(plan.error)
    expect(isHttpError(error)).toBe(true)
    expect(error.status).toBe(500)
    expect(error.cause).toBe('boom')
    expect(context.view).toBe(request)
    expect(context.request).toBe(frameworkRequest)
    expect(context).toMatchObject({ status: 500, expected: false, id: 'r-1' })
  })

  it('tells the hook the planned status, not the error\'s own one', () => {
    const onError = vi.fn()
    const broken = Object.assign(new BadRequest('x'), { status: 200 })
    const plan = planResponse(broken, GET, resolveOptions({ onError }))
    expect(plan.status).toBe(500)
    expect((onError.mock.calls[0] as [HttpError, ErrorContext])[1].status).toBe(500)
  })

  it('marks errors made by expected() as expected, and constructed ones as not', () => {
    const seen: boolean[] = []
    const options = resolveOptions({ onError: (_error, context) => void seen.push(context.expected) })
    planResponse(NotFound.expected(), GET, options)
    planResponse(new NotFound(), GET, options)
    planResponse(ServiceUnavailable.expected(), GET, options)
    // A subclass's expected() builds with the subclass's own constructor, and is still expected.
    class UserMissing extends NotFound {}
    planResponse(UserMissing.expected(), GET, options)
    planResponse(new UserMissing(), GET, options)
    expect(seen).toEqual([true, false, false, true, false])
  })

  it('marks a frozen error of a subclass as not expected rather than throwing', () => {
    const seen: boolean[] = []
    const options = resolveOptions({ onError: (_error, context) => void seen.push(context.expected) })
    class Frozen extends NotFound {
      constructor(...args: [string?]) {
        super(...args)
        Object.freeze(this)
      }
    }
    const error = Frozen.expected('x')
    planResponse(error, GET, options)
    expect([error.detail, seen]).toEqual(['x', [false]])
  })

  it('keeps the expected mark of a built-in class out of the error\'s own keys and symbols', () => {
    const error = NotFound.expected('No user 42')
    expect(Object.getOwnPropertySymbols(error)).toEqual([])
    expect(Object.keys(error)).toEqual(['status', 'statusCode', 'detail', 'headers', 'message'])
    expect(Object.getPrototypeOf(Object.getPrototypeOf(error))).toBe(NotFound.prototype)
    expect(error.constructor).toBe(NotFound)
  })

  it('keeps a hook written as (error, request) working: method, path and headers read through to the view', () => {
    const seen: unknown[] = []
    const request: RequestView = { method: 'DELETE', path: '/orders/7', headers: { accept: 'text/plain' } }
    const legacy = (_error: HttpError, view: RequestView): void => void seen.push(view.method, view.path, view.headers)
    planResponse(new NotFound(), request, resolveOptions({ onError: legacy }))
    expect(seen).toEqual(['DELETE', '/orders/7', request.headers])
  })

  it('passes our own errors through unchanged', () => {
    const onError = vi.fn()
    const thrown = new NotFound('x')
    planResponse(thrown, GET, resolveOptions({ onError }))
    expect(onError.mock.calls[0]?.[0]).toBe(thrown)
  })

  it('receives the mapped error, the one the plan is built from, and mapError runs only once', () => {
    const onError = vi.fn()
    const mapError = vi.fn((thrown: unknown) => (thrown instanceof Error ? new ServiceUnavailable('wrapped', { cause: thrown }) : undefined))
    const plan = planResponse(new Error('x'), GET, resolveOptions({ mapError, onError }))
    expect(mapError).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toBe(plan.error)
    expect(plan.status).toBe(503)
  })

  it('does not change the plan when it throws', () => {
    const error = new NotFound('No user 42')
    const request: RequestView = { method: 'GET', headers: { accept: 'text/html' } }
    const quiet = planResponse(error, request, resolveOptions())
    const onError = vi.fn(() => {
      throw new Error('logger down')
    })
    const loud = planResponse(error, request, resolveOptions({ onError }))
    expect(onError).toHaveBeenCalledTimes(1)
    expect(loud.status).toBe(quiet.status)
    expect(loud.headers).toEqual(quiet.headers)
    expect(loud.body).toBe(quiet.body)
  })

  it('does not change the plan or cause an unhandled rejection when it returns a rejected promise', async () => {
    const unhandled: unknown[] = []
    const listener = (reason: unknown): void => {
      unhandled.push(reason)
    }
    process.on('unhandledRejection', listener)
    try {
      const error = new NotFound('No user 42')
      // A plain function, not vi.fn(): a spy attaches its own handler to returned promises and would hide the bug.
      let calls = 0
      const onError = (): Promise<void> => {
        calls++
        return Promise.reject(new Error('async logger down'))
      }
      const plan = planResponse(error, GET, resolveOptions({ onError }))
      expect(calls).toBe(1)
      expect(plan.body).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"No user 42"}')
      // Unhandled rejections are reported once the microtask queue drains; give it a full macrotask turn.
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', listener)
    }
  })

  it('survives a returned thenable whose then throws', () => {
    const thenable = {
      then() {
        throw new Error('then')
      },
    }
    const plan = planResponse(new NotFound(), GET, resolveOptions({ onError: () => thenable as unknown as Promise<void> }))
    expect(plan.status).toBe(404)
  })

  it('is called by reportUnanswered too, which returns the normalised error', () => {
    const onError = vi.fn()
    const request: RequestView = { method: 'POST' }
    const error = reportUnanswered(null, request, resolveOptions({ onError }))
    expect(isHttpError(error)).toBe(true)
    expect(error.status).toBe(500)
    expect(onError).toHaveBeenCalledTimes(1)
    const [reported, context] = onError.mock.calls[0] as [HttpError, ErrorContext]
    expect(reported).toBe(error)
    expect(context.view).toBe(request)
    expect(context).toMatchObject({ status: 500, expected: false, id: undefined, request: undefined })
  })

  it('is called by reportUnanswered with the mapped error, and a rejected promise stays handled', async () => {
    const unhandled: unknown[] = []
    const listener = (reason: unknown): void => {
      unhandled.push(reason)
    }
    process.on('unhandledRejection', listener)
    try {
      const received: unknown[][] = []
      const onError = (...args: unknown[]): Promise<void> => {
        received.push(args)
        return Promise.reject(new Error('x'))
      }
      const options = resolveOptions({ mapError: () => new BadRequest('mapped'), onError })
      const error = reportUnanswered(new Error('raw'), GET, options)
      expect(error.status).toBe(400)
      expect(received).toHaveLength(1)
      expect(received[0]?.[0]).toBe(error)
      expect((received[0]?.[1] as ErrorContext).view).toBe(GET)
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', listener)
    }
  })

  it('lets reportUnanswered work without a hook', () => {
    const thrown = new NotFound()
    expect(reportUnanswered(thrown, GET)).toBe(thrown)
  })
})

describe('log', () => {
  it('logs errors of status 500 and above by default, and no client error', () => {
    const options = resolveOptions()
    expect(options.log).toBe(true)
    expect(shouldLog(new InternalServerError(), options)).toBe(true)
    expect(shouldLog(new ServiceUnavailable(), options)).toBe(true)
    expect(shouldLog(planResponse(null, GET, options).error, options)).toBe(true)
    expect(shouldLog(new BadRequest(), options)).toBe(false)
    expect(shouldLog(NotFound.expected(), options)).toBe(false)
  })

  it('logs nothing with log: false', () => {
    const options = resolveOptions({ log: false })
    expect(options.log).toBe(false)
    expect(shouldLog(new InternalServerError(), options)).toBe(false)
  })
})

describe('stackForLog', () => {
  const fallback = new InternalServerError()

  it("prints a thrown Error's stack, a primitive as itself, and otherwise the normalised error's stack", () => {
    const thrown = new Error('db down')
    expect(stackForLog(thrown, fallback)).toBe(thrown.stack)
    expect(stackForLog('oops', fallback)).toBe('oops')
    expect(stackForLog(42, fallback)).toBe('42')
    expect(stackForLog(null, fallback)).toBe(fallback.stack)
    expect(stackForLog({ status: 500 }, fallback)).toBe(fallback.stack)
  })

  it('never throws on a hostile value', () => {
    const trap = new Proxy({}, { get: () => { throw new Error('trap') } })
    expect(stackForLog(trap, fallback)).toBe(fallback.stack)
    const noStack = NotFound.expected()
    expect(stackForLog(trap, noStack)).toMatch(/^NotFoundError: Not Found/)
  })
})

describe('request ids', () => {
  const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
  const bodyOf = (plan: { body: string }): Record<string, unknown> => JSON.parse(plan.body) as Record<string, unknown>

  it('generates an id with crypto.randomUUID, sends it back in x-request-id and as traceId, and puts it on the plan', () => {
    const plan = planResponse(new NotFound(), GET, resolveOptions({ generateRequestId: true }))
    expect(plan.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(plan.headers['x-request-id']).toBe(plan.id)
    expect(bodyOf(plan).traceId).toBe(plan.id)
  })

  it('prefers the traceparent trace-id, then the incoming request id, and never echoes either', () => {
    const options = resolveOptions({ generateRequestId: () => 'made-here' })
    const traced = planResponse(new NotFound(), { method: 'GET', headers: { traceparent: TRACEPARENT, 'x-request-id': 'abc' } }, options)
    expect(traced.id).toBe('4bf92f3577b34da6a3ce929d0e0e4736')
    expect(traced.headers['x-request-id']).toBeUndefined()
    const incoming = planResponse(new NotFound(), { method: 'GET', headers: { 'x-request-id': 'abc' } }, options)
    expect(incoming.id).toBe('abc')
    expect(incoming.headers['x-request-id']).toBeUndefined()
    expect(bodyOf(incoming).traceId).toBe('abc')
  })

  it('reads and writes the header named by requestIdHeader, in lower case', () => {
    const options = resolveOptions({ requestIdHeader: 'X-Correlation-ID', generateRequestId: () => 'made-here' })
    const incoming = planResponse(new NotFound(), { method: 'GET', headers: { 'x-correlation-id': 'corr-1', 'x-request-id': 'other' } }, options)
    expect(incoming.id).toBe('corr-1')
    const made = planResponse(new NotFound(), { method: 'GET', headers: { 'x-request-id': 'other' } }, options)
    expect(made.id).toBe('made-here')
    expect(made.headers['x-correlation-id']).toBe('made-here')
    expect(made.headers['x-request-id']).toBeUndefined()
  })

  it('ignores malformed incoming ids and generates one instead', () => {
    const options = resolveOptions({ generateRequestId: () => 'fresh' })
    for (const bad of ['', 'a b', 'x'.repeat(129), 'id\u00e9', '<script>']) {
      const plan = planResponse(new NotFound(), { method: 'GET', headers: { 'x-request-id': bad, traceparent: '00-zz-00-01' } }, options)
      expect(plan.id).toBe('fresh')
    }
  })

  it('gives no id, and no crash, when the generator throws or returns something that is not an id', () => {
    for (const generateRequestId of [
      () => {
        throw new Error('no entropy')
      },
      () => 'not an id',
      () => 42 as unknown as string,
    ]) {
      const onError = vi.fn()
      const plan = planResponse(new NotFound(), GET, resolveOptions({ generateRequestId, onError }))
      expect(plan.status).toBe(404)
      expect(plan.id).toBeUndefined()
      expect(plan.headers['x-request-id']).toBeUndefined()
      expect(bodyOf(plan)).not.toHaveProperty('traceId')
      expect((onError.mock.calls[0] as [HttpError, ErrorContext])[1].id).toBeUndefined()
    }
  })

  it('passes the framework request to the generator and the same id to the hook', () => {
    const frameworkRequest = { n: 7 }
    const onError = vi.fn()
    const options = resolveOptions<{ n: number }>({ generateRequestId: (request) => `req-${request.n}`, onError })
    const plan = planResponse(new NotFound(), GET, options, frameworkRequest)
    expect(plan.id).toBe('req-7')
    expect((onError.mock.calls[0] as [HttpError, ErrorContext])[1]).toMatchObject({ id: 'req-7', request: frameworkRequest })
  })

  it('keeps the id out of the body with traceId: false, and still sends a generated one back', () => {
    const plan = planResponse(new NotFound(), GET, resolveOptions({ traceId: false, generateRequestId: () => 'r1' }))
    expect(bodyOf(plan)).not.toHaveProperty('traceId')
    expect(plan.headers['x-request-id']).toBe('r1')
  })

  it('refuses generateRequestId: true without crypto.randomUUID, and bad options, at resolve time', () => {
    vi.stubGlobal('crypto', undefined)
    expect(() => resolveOptions({ generateRequestId: true })).toThrow(TypeError)
    vi.unstubAllGlobals()
    expect(() => resolveOptions({ generateRequestId: 'yes' as unknown as boolean })).toThrow(TypeError)
    expect(() => resolveOptions({ requestIdHeader: 'x request id' })).toThrow(TypeError)
    expect(() => resolveOptions({ requestIdHeader: '' })).toThrow(TypeError)
    expect(() => resolveOptions({ requestIdHeader: 'Content-Type' })).toThrow(TypeError)
    expect(resolveOptions({ requestIdHeader: 'X-Trace' }).requestIdHeader).toBe('x-trace')
    // Headers with a meaning of their own: an incoming credential would be echoed into the body and the logs, and
    // a generated id sent back in them would replace a challenge, a cookie or a redirect.
    for (const name of ['Authorization', 'cookie', 'set-cookie', 'www-authenticate', 'location', 'allow', 'retry-after',
      'traceparent', 'strict-transport-security', 'proxy-authorization', 'access-control-allow-origin',
      'content-disposition', 'x-forwarded-for', 'sec-websocket-key']) {
      expect(() => resolveOptions({ requestIdHeader: name }), name).toThrow(/must be a header name of its own/)
    }
    for (const name of ['x-correlation-id', 'request-id', 'x-amzn-trace-id', 'cf-ray', 'fly-request-id']) {
      expect(resolveOptions({ requestIdHeader: name }).requestIdHeader).toBe(name)
    }
  })
})
