import { describe, expect, it } from 'vitest'
import {
  BadRequest,
  DateNotAcceptable,
  defineProblemType,
  DigestInvalidValues,
  DigestMismatchedValues,
  DigestUnsupportedAlgorithms,
  Forbidden,
  HttpError,
  ianaProblemTypes,
  InternalServerError,
  isHttpError,
  NotFound,
  OhttpKeyNotAcceptable,
  parseProblem,
  planResponse,
  nodeDefaults,
  resolveOptions,
  toProblem,
  Unauthorized,
  type RequestView,
  type ResolvedOptions,
} from '../index'

const typeBase = 'https://example.com/probs/'
// The Node adapters' defaults: Simplified Chinese is offered.
const options = resolveOptions({ typeBase }, nodeDefaults)

const OutOfCredit = defineProblemType<{ balance: number; accounts: string[] }>()({
  type: 'out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
  titles: { 'zh-CN': '您的余额不足。' },
})

const Maintenance = defineProblemType<{ until?: string }>()({
  type: 'https://example.com/probs/maintenance',
  title: 'Down for maintenance',
  status: 503,
})

function occurrence(): InstanceType<typeof OutOfCredit> {
  return new OutOfCredit(
    { balance: 30, accounts: ['/account/12345', '/account/67890'] },
    { detail: 'Your current balance is 30, but that costs 50.', instance: '/account/12345/msgs/abc' },
  )
}

function plan(error: unknown, request: Partial<RequestView> = {}, resolved: ResolvedOptions = options) {
  return planResponse(error, { method: 'GET', ...request }, resolved)
}

describe('defineProblemType', () => {
  it('makes a class whose instances are errors of its status', () => {
    const error = occurrence()
    expect(error).toBeInstanceOf(OutOfCredit)
    expect(error).toBeInstanceOf(Forbidden)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toBeInstanceOf(Error)
    expect(isHttpError(error)).toBe(true)
    expect(error).not.toBeInstanceOf(NotFound)
    expect(new Forbidden()).not.toBeInstanceOf(OutOfCredit)
  })

  it('carries the type, title, status, extensions, detail and instance', () => {
    const error = occurrence()
    expect(error.type).toBe('out-of-credit')
    expect(error.title).toBe('You do not have enough credit.')
    expect(error.status).toBe(403)
    expect(error.statusCode).toBe(403)
    expect(error.extensions).toEqual({ balance: 30, accounts: ['/account/12345', '/account/67890'] })
    expect(error.detail).toBe('Your current balance is 30, but that costs 50.')
    expect(error.message).toBe('Your current balance is 30, but that costs 50.')
    expect(error.instance).toBe('/account/12345/msgs/abc')
    expect(error.expose).toBe(true)
  })

  it('names the class after the last segment of its type, or as told', () => {
    expect(OutOfCredit.name).toBe('OutOfCredit')
    expect(occurrence().name).toBe('OutOfCreditError')
    expect(DateNotAcceptable.name).toBe('DateNotAcceptable')
    const Named = defineProblemType()({ type: 'urn:example:x', title: 'X', status: 400, name: 'Custom' })
    expect(Named.name).toBe('Custom')
    expect(() => defineProblemType()({ type: 'urn:example:x', title: 'X', status: 400, name: 'not a name' })).toThrow(TypeError)
  })

  it('exposes the definition on the class', () => {
    expect(OutOfCredit.type).toBe('out-of-credit')
    expect(OutOfCredit.title).toBe('You do not have enough credit.')
    expect(OutOfCredit.status).toBe(403)
    expect(OutOfCredit.titles).toEqual({ 'zh-CN': '您的余额不足。' })
    expect(OutOfCredit.extensionSchema).toBeUndefined()
  })

  it('resolves a relative type against typeBase when rendered', () => {
    const rendered = plan(occurrence())
    expect(rendered.status).toBe(403)
    expect(rendered.headers['content-type']).toBe('application/problem+json')
    expect(rendered.body).toBe(
      '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,' +
        '"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc",' +
        '"balance":30,"accounts":["/account/12345","/account/67890"]}',
    )
  })

  it('sends a relative type as it is when no typeBase is configured', () => {
    expect(JSON.parse(plan(occurrence(), {}, resolveOptions()).body).type).toBe('out-of-credit')
  })

  it('keeps an absolute type as it is, whatever the typeBase', () => {
    const rendered = JSON.parse(plan(new Maintenance({ until: '2026-01-01T00:00:00Z' }, { expose: true })).body)
    expect(rendered.type).toBe('https://example.com/probs/maintenance')
    const iana = JSON.parse(plan(new DateNotAcceptable()).body)
    expect(iana.type).toBe('https://iana.org/assignments/http-problem-types#date')
  })

  it('localises the title: zh-CN gets the zh title with Content-Language zh-CN', () => {
    const rendered = plan(occurrence(), { headers: { 'accept-language': 'zh-CN' } })
    expect(JSON.parse(rendered.body).title).toBe('您的余额不足。')
    expect(rendered.headers['content-language']).toBe('zh-CN')
    expect(rendered.headers.vary).toBe('Accept, Accept-Language')
  })

  it('falls back to the English title with Content-Language en for a language the type lacks', () => {
    for (const headers of [{ 'accept-language': 'fr-FR' }, {}, { 'accept-language': 'en' }]) {
      const rendered = plan(occurrence(), { headers })
      expect(JSON.parse(rendered.body).title).toBe('You do not have enough credit.')
      expect(rendered.headers['content-language']).toBe('en')
    }
    const untranslated = plan(new Maintenance(undefined, { expose: true }), { headers: { 'accept-language': 'zh-CN' } })
    expect(JSON.parse(untranslated.body).title).toBe('Down for maintenance')
    expect(untranslated.headers['content-language']).toBe('en')
  })

  it('gives an English request the English title when the default language is another', () => {
    const chineseFirst = resolveOptions({ typeBase, defaultLanguage: 'zh-CN' }, nodeDefaults)
    const english = plan(occurrence(), { headers: { 'accept-language': 'en' } }, chineseFirst)
    expect(JSON.parse(english.body).title).toBe('You do not have enough credit.')
    expect(english.headers['content-language']).toBe('en')
    const other = plan(occurrence(), { headers: { 'accept-language': 'fr' } }, chineseFirst)
    expect(JSON.parse(other.body).title).toBe('您的余额不足。')
    expect(other.headers['content-language']).toBe('zh-CN')
  })

  it('lets the handler options override the titles of a type', () => {
    const overridden = resolveOptions({ typeBase, problemTypes: { 'out-of-credit': { title: { 'zh-CN': '余额不够' } } } }, nodeDefaults)
    const rendered = plan(occurrence(), { headers: { 'accept-language': 'zh-CN' } }, overridden)
    expect(JSON.parse(rendered.body).title).toBe('余额不够')
  })

  it('round-trips through fromProblem and parseProblem with the same typeBase', async () => {
    const rendered = plan(occurrence())
    const response = new Response(rendered.body, { status: rendered.status, headers: rendered.headers })
    const parsed = await parseProblem(response, { types: [OutOfCredit], typeBase })
    expect(parsed).toBeInstanceOf(OutOfCredit)
    expect(parsed).toBeInstanceOf(Forbidden)
    const typed = parsed as InstanceType<typeof OutOfCredit>
    expect(typed.extensions).toEqual({ balance: 30, accounts: ['/account/12345', '/account/67890'] })
    expect(typed.detail).toBe('Your current balance is 30, but that costs 50.')
    expect(typed.instance).toBe('/account/12345/msgs/abc')
    expect(typed.type).toBe('out-of-credit')
    // Rendered again, it is the same document.
    expect(plan(typed).body).toBe(rendered.body)
  })

  it('matches a relative type by the end of the path when the client does not know the typeBase', async () => {
    const rendered = plan(occurrence())
    const parsed = await parseProblem(new Response(rendered.body, { status: 403, headers: rendered.headers }), {
      types: [OutOfCredit],
    })
    expect(parsed).toBeInstanceOf(OutOfCredit)
    // Rebuilt as the class, the error carries the type as the class declares it, as with a matching typeBase.
    expect(parsed.type).toBe('out-of-credit')
  })

  it('does not match a relative type resolved against another typeBase than the client states', async () => {
    const rendered = plan(occurrence())
    const parsed = await parseProblem(new Response(rendered.body, { status: 403, headers: rendered.headers }), {
      types: [OutOfCredit],
      typeBase: 'https://elsewhere.example/probs/',
    })
    expect(parsed).not.toBeInstanceOf(OutOfCredit)
    expect(parsed).toBeInstanceOf(Forbidden)
  })

  it('rebuilds the IANA types from their absolute URIs', async () => {
    const error = new DigestUnsupportedAlgorithms({ unsupported_algorithms: [{ algorithm: 'md5', header: 'Repr-Digest' }] })
    const rendered = plan(error)
    const parsed = await parseProblem(new Response(rendered.body, { status: 400, headers: rendered.headers }), {
      types: ianaProblemTypes,
    })
    expect(parsed).toBeInstanceOf(DigestUnsupportedAlgorithms)
    expect(parsed.extensions).toEqual({ unsupported_algorithms: [{ algorithm: 'md5', header: 'Repr-Digest' }] })
  })

  it('requires the challenge of a 401 problem type, and sends it', () => {
    const TokenExpired = defineProblemType<{ expiredAt: string }>()({
      type: 'token-expired',
      title: 'Your token has expired.',
      status: 401,
    })
    const construct = TokenExpired as unknown as new (extensions?: unknown, init?: unknown) => unknown
    expect(() => new construct({ expiredAt: '2026-01-01' })).toThrow(/challenge/)
    expect(() => new construct({ expiredAt: '2026-01-01' }, { detail: 'x' })).toThrow(TypeError)
    const error = new TokenExpired(
      { expiredAt: '2026-01-01' },
      { challenge: { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } } },
    )
    expect(error).toBeInstanceOf(Unauthorized)
    const rendered = plan(error)
    expect(rendered.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"')
    expect(JSON.parse(rendered.body)).toEqual({
      type: 'https://example.com/probs/token-expired',
      title: 'Your token has expired.',
      status: 401,
      expiredAt: '2026-01-01',
    })
  })

  it('rebuilds a 401 problem type from a response leniently, keeping its challenge', async () => {
    const TokenExpired = defineProblemType()({ type: 'https://example.com/probs/token-expired', title: 'Expired', status: 401 })
    const withChallenge = new Response('{"type":"https://example.com/probs/token-expired","status":401}', {
      status: 401,
      headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer realm="api"' },
    })
    const parsed = await parseProblem(withChallenge, { types: [TokenExpired] })
    expect(parsed).toBeInstanceOf(TokenExpired)
    expect(parsed.headers['www-authenticate']).toBe('Bearer realm="api"')
    const without = new Response('{"type":"https://example.com/probs/token-expired"}', {
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
    })
    expect(await parseProblem(without, { types: [TokenExpired] })).toBeInstanceOf(TokenExpired)
  })

  it.each([['about:blank'], [''], [undefined], [42]])('refuses the type %j', (type) => {
    expect(() => defineProblemType()({ type: type as string, title: 'T', status: 400 })).toThrow(TypeError)
  })

  it('refuses titles keyed by something other than a language tag, or that are not strings', () => {
    expect(() => defineProblemType()({ type: 'urn:x', title: 'T', status: 400, titles: { 中文: 'T' } })).toThrow(/"中文"/)
    expect(() => defineProblemType()({ type: 'urn:x', title: 'T', status: 400, titles: { fr: 42 as unknown as string } })).toThrow(TypeError)
  })

  it('refuses an empty title and a status without a class', () => {
    expect(() => defineProblemType()({ type: 'urn:x', title: '', status: 400 })).toThrow(/title/)
    expect(() => defineProblemType()({ type: 'urn:x', title: 'T', status: 499 as 400 })).toThrow(/499/)
  })

  it('sends detail and extensions of a 4xx, and hides those of a 5xx, by default', () => {
    expect(JSON.parse(plan(new Maintenance({ until: 'soon' }, { detail: 'db migration' })).body)).toEqual({
      type: 'https://example.com/probs/maintenance',
      title: 'Down for maintenance',
      status: 503,
    })
    expect(JSON.parse(plan(occurrence()).body)).toHaveProperty('balance', 30)
  })

  it('follows the expose option of the definition, and of the occurrence over it', () => {
    const Hidden = defineProblemType<{ secret: string }>()({ type: 'hidden', title: 'Hidden', status: 400, expose: false })
    const Shown = defineProblemType<{ eta: number }>()({ type: 'shown', title: 'Shown', status: 503, expose: true })
    expect(new Hidden({ secret: 's' }).expose).toBe(false)
    expect(JSON.parse(plan(new Hidden({ secret: 's' }, { detail: 'd' })).body)).toEqual({
      type: 'https://example.com/probs/hidden',
      title: 'Hidden',
      status: 400,
    })
    expect(JSON.parse(plan(new Shown({ eta: 5 }, { detail: 'back soon', retryAfter: 5 })).body)).toEqual({
      type: 'https://example.com/probs/shown',
      title: 'Shown',
      status: 503,
      detail: 'back soon',
      eta: 5,
    })
    expect(plan(new Shown({ eta: 5 }, { retryAfter: 5 })).headers['retry-after']).toBe('5')
    expect(JSON.parse(plan(new Hidden({ secret: 's' }, { expose: true })).body)).toHaveProperty('secret', 's')
    expect(JSON.parse(plan(new Shown({ eta: 5 }, { expose: false })).body)).not.toHaveProperty('eta')
  })

  it('never lets an extension replace a standard member', () => {
    const Sneaky = defineProblemType<{ title: string; status: number; extra: boolean }>()({ type: 'sneaky', title: 'Real', status: 400 })
    expect(toProblem(new Sneaky({ title: 'Fake', status: 200, extra: true }), { method: 'GET' }, options)).toEqual({
      type: 'https://example.com/probs/sneaky',
      title: 'Real',
      status: 400,
      extra: true,
    })
  })

  it('keeps the cause for logs only', () => {
    const cause = new Error('ledger timeout')
    const error = new OutOfCredit({ balance: 0, accounts: [] }, { cause })
    expect(error.cause).toBe(cause)
    expect(plan(error).body).not.toContain('ledger')
  })
})

describe('the IANA problem types', () => {
  const registry = [
    { cls: DateNotAcceptable, fragment: 'date', title: 'Date Not Acceptable' },
    { cls: OhttpKeyNotAcceptable, fragment: 'ohttp-key', title: 'Oblivious HTTP key configuration not acceptable' },
    { cls: DigestUnsupportedAlgorithms, fragment: 'digest-unsupported-algorithms', title: 'Unsupported Hashing Algorithms' },
    { cls: DigestInvalidValues, fragment: 'digest-invalid-values', title: 'Invalid Digest Values' },
    { cls: DigestMismatchedValues, fragment: 'digest-mismatched-values', title: 'Mismatched Digest Values' },
  ]

  it.each(registry)('defines #$fragment with its registered title "$title" and status 400', ({ cls, fragment, title }) => {
    expect(cls.type).toBe(`https://iana.org/assignments/http-problem-types#${fragment}`)
    expect(cls.title).toBe(title)
    expect(cls.status).toBe(400)
    const error = new (cls as unknown as new () => HttpError)()
    expect(error).toBeInstanceOf(BadRequest)
    expect(JSON.parse(plan(error).body)).toEqual({ type: cls.type, title, status: 400 })
  })

  it('lists every one of them, in registry order', () => {
    expect(ianaProblemTypes.map((cls) => cls.type)).toEqual(registry.map(({ cls }) => cls.type))
  })

  it('has a Chinese title for each, and renders it for zh-CN', () => {
    for (const cls of ianaProblemTypes) {
      const rendered = plan(new (cls as unknown as new () => HttpError)(), { headers: { 'accept-language': 'zh-CN' } })
      expect(JSON.parse(rendered.body).title).toBe(cls.titles['zh-CN'])
      expect(rendered.headers['content-language']).toBe('zh-CN')
    }
  })

  it('sends the digest members as the draft spells them', () => {
    const error = new DigestMismatchedValues({
      mismatched_digests: [{ algorithm: 'sha-256', provided_digest: ':RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:', header: 'Repr-Digest' }],
    })
    expect(plan(error).body).toBe(
      '{"type":"https://iana.org/assignments/http-problem-types#digest-mismatched-values","title":"Mismatched Digest Values",' +
        '"status":400,"mismatched_digests":[{"algorithm":"sha-256","provided_digest":":RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:",' +
        '"header":"Repr-Digest"}]}',
    )
  })

  it('can carry the Want- fields that advertise the supported algorithms', () => {
    const error = new DigestUnsupportedAlgorithms(
      { unsupported_algorithms: [{ algorithm: 'md5', header: 'Repr-Digest' }] },
      { headers: { 'Want-Repr-Digest': 'sha-512=10, md5=0' } },
    )
    expect(plan(error).headers['want-repr-digest']).toBe('sha-512=10, md5=0')
  })

  it('keeps 5xx classes apart from these 400 types', () => {
    expect(new DateNotAcceptable()).not.toBeInstanceOf(InternalServerError)
  })
})
