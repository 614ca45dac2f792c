// Property-based tests of planResponse: whatever is thrown and whatever the request says, the plan is a valid
// error response. The body is an RFC 9457 document, checked with a real JSON Schema validator (ajv) against
// test/schema/problem-details.schema.json, and the checks below add the stronger guarantees of core.
import { readFileSync } from 'node:fs'
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom'
import Ajv2020 from 'ajv/dist/2020'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BadRequest,
  parseProblem,
  planResponse,
  resolveOptions,
  type HeaderSource,
  type RequestView,
  type ResolvedOptions,
  type ResponsePlan,
} from '@http-problem/core'
import {
  acceptValue,
  binaryString,
  headerText,
  hostileClientError,
  HUGE,
  isUriReference,
  languageValue,
  MARK,
  materialise,
  PROTOTYPE_NAMES,
  prototypeName,
  STACK_FRAME,
  thrownValue,
  validTraceparent,
} from '../support/arbitraries'
import { NODE_DEFAULTS } from '../support/node-defaults'

// --- what is checked ---

const schema = JSON.parse(readFileSync(new URL('../schema/problem-details.schema.json', import.meta.url), 'utf8')) as object
const ajv = new Ajv2020({ allErrors: true, strict: true })
ajv.addFormat('uri-reference', isUriReference)
const validateProblem = ajv.compile(schema)

/** RFC 9110 §5.6.2 token, lower-case (the plan promises lower-case names). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/
/** RFC 9110 §5.5: no CTL but HTAB in a field value; and nothing Node would refuse (above U+00FF). */
const BAD_FIELD_VALUE = /[\0-\x08\n-\x1f\x7f]|[^\0-\xff]/

/** Everything a plan must satisfy whatever the media type; returns nothing, throws on the first violation. */
function checkEnvelope(plan: ResponsePlan, request: RequestView, options: ResolvedOptions): void {
  expect(Number.isInteger(plan.status)).toBe(true)
  expect(plan.status).toBeGreaterThanOrEqual(400)
  expect(plan.status).toBeLessThanOrEqual(599)
  for (const [name, value] of Object.entries(plan.headers)) {
    expect(name).toMatch(HEADER_NAME)
    expect(typeof value).toBe('string')
    expect(value, `header ${name}`).not.toMatch(BAD_FIELD_VALUE)
  }
  for (const name of plan.remove) expect(name).toMatch(HEADER_NAME)
  expect(plan.headers['content-type']).toBeDefined()
  expect(plan.headers['x-content-type-options']).toBe('nosniff')
  const length = plan.headers['content-length']
  expect(length).toMatch(/^(0|[1-9][0-9]*)$/)
  if (methodOf(request) === 'HEAD') expect(plan.body).toBe('')
  else expect(Number(length)).toBe(Buffer.byteLength(plan.body, 'utf8'))
  if (!options.debug) expect(plan.body).not.toContain(STACK_FRAME)
  if (!isExposed(plan, options)) expect(plan.body).not.toContain(MARK)
}

/** The JSON-specific guarantees: schema-valid, our member order and types, nothing hidden that must be. */
function checkJson(plan: ResponsePlan, options: ResolvedOptions): void {
  const doc = JSON.parse(plan.body) as Record<string, unknown>
  if (!validateProblem(doc)) expect.fail(`schema: ${ajv.errorsText(validateProblem.errors)}\n${plan.body.slice(0, 2000)}`)
  // RFC 9457 §3.1.2: the status member is the status actually sent.
  expect(doc.status).toBe(plan.status)
  expect(Object.keys(doc).slice(0, 3)).toEqual(['type', 'title', 'status'])
  expect(doc.title).not.toBe('')
  if (plan.status >= 500 && !isExposed(plan, options)) {
    // A hidden server error says what the status says, and nothing the error carried.
    for (const name of Object.keys(doc)) expect(['type', 'title', 'status', 'instance', 'traceId']).toContain(name)
  }
}

/** Well-formedness for each media type the plan can choose. */
const checkMedia: Readonly<Record<string, (plan: ResponsePlan, options: ResolvedOptions) => void>> = {
  'application/problem+json': checkJson,
  'application/json': checkJson,
  'application/problem+xml; charset=utf-8': (plan) => {
    // XML 1.0 §2.2: only these characters may appear in a document at all.
    expect(plan.body).not.toMatch(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u)
    const doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(plan.body, 'application/xml')
    const root = doc.documentElement
    expect(root?.localName).toBe('problem')
    expect(root?.namespaceURI).toBe('urn:ietf:rfc:7807')
    expect(root?.getElementsByTagName('status')[0]?.textContent).toBe(String(plan.status))
  },
  'text/html; charset=utf-8': (plan) => {
    expect(plan.body.startsWith('<!doctype html>')).toBe(true)
    expect(plan.body.endsWith('</html>')).toBe(true)
    expect(plan.body.toLowerCase()).not.toContain('<script')
    // Every `<` from the document is escaped, so any tag here is the page's own: none may carry a handler.
    expect(plan.body).not.toMatch(/<[^>]*\son[a-z]*\s*=/i)
    expect(plan.headers['content-security-policy']).toContain("default-src 'none'")
  },
  'text/plain; charset=utf-8': (plan) => {
    expect(plan.body.startsWith(`${plan.status} `)).toBe(true)
    expect(plan.body.endsWith('\n')).toBe(true)
  },
}

// --- options ---

/** Handler configurations, by a short name that fast-check prints in a counterexample. */
const optionSets: Readonly<Record<string, ResolvedOptions>> = {
  defaults: resolveOptions({}, NODE_DEFAULTS),
  instanceAndTypeBase: resolveOptions({ instanceFromPath: true, typeBase: 'https://example.com/probs/' }, NODE_DEFAULTS),
  exposeAll: resolveOptions({ expose: () => true, traceId: false, cacheControl: false }, NODE_DEFAULTS),
  debug: resolveOptions({ debug: true }, NODE_DEFAULTS),
  tinyLimits: resolveOptions({ limits: { detailLength: 16, stringLength: 8, depth: 2, members: 3, extensionLength: 64 } }, NODE_DEFAULTS),
  textFirstChinese: resolveOptions({
    mediaTypes: ['text/plain', 'application/problem+json'],
    languages: ['zh-CN', 'en'],
    defaultLanguage: 'zh-CN',
  }, NODE_DEFAULTS),
}

/**
 * Node-style header objects (values may repeat as arrays) and fetch-style objects with a `get`; unless `forced`,
 * also no headers at all and header objects that throw, and `accept` may be missing.
 */
function headerSource(accept: fc.Arbitrary<string>, forced: boolean): fc.Arbitrary<HeaderSource | undefined> {
  const value = (arb: fc.Arbitrary<string>) => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }))
  const plain = fc.record(
    {
      accept: forced ? accept : value(accept),
      'accept-language': value(languageValue),
      traceparent: value(fc.oneof(validTraceparent, headerText)),
      'x-request-id': value(fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,140}$/), headerText)),
    },
    { requiredKeys: forced ? ['accept'] : [] },
  ) as fc.Arbitrary<HeaderSource>
  const fetchLike = plain.map((h): HeaderSource => {
    const headers = {
      get: (name: string): string | null => {
        const v = (h as Record<string, string | string[] | undefined>)[name]
        return Array.isArray(v) ? v.join(', ') : (v ?? null)
      },
      [fc.toStringMethod]: () => `new Headers(${fc.stringify(h)})`,
    }
    return headers
  })
  if (forced) return fc.oneof({ weight: 6, arbitrary: plain }, { weight: 1, arbitrary: fetchLike })
  const hostile = fc.constant({
    get() {
      throw new Error(MARK)
    },
  } as HeaderSource)
  return fc.oneof({ weight: 6, arbitrary: plain }, { weight: 1, arbitrary: fetchLike }, { weight: 1, arbitrary: hostile }, fc.constant(undefined))
}

const method = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE', 'head', 'get', 'BREW', ''), binaryString)
const path = fc.oneof(
  fc.webPath(),
  fc.webPath().map((p) => `${p || '/'}?token=${MARK}`),
  binaryString,
  fc.constant(undefined),
  fc.constant(`/${HUGE}`),
)
const responseHeaders = fc.option(
  fc.dictionary(
    fc.oneof(fc.constantFrom('vary', 'etag', 'Content-Type', 'access-control-allow-origin', 'set-cookie'), binaryString),
    fc.oneof(headerText, fc.integer(), fc.array(headerText, { maxLength: 3 })),
    { maxKeys: 4 },
  ),
  { nil: undefined },
)

function requestWith(accept: fc.Arbitrary<string>, forced = false): fc.Arbitrary<RequestView> {
  return fc
    .record({ method, path, headers: headerSource(accept, forced), responseHeaders }, { requiredKeys: ['method', 'headers'] })
    .map((r) => r as RequestView)
}

const options = fc.constantFrom(...Object.keys(optionSets))

// --- the properties ---

describe('planResponse, for any thrown value and any request', () => {
  it('sends a 400-599 status, clean headers and a schema-valid problem+json body', () => {
    fc.assert(
      fc.property(thrownValue, requestWith(fc.constant('application/problem+json'), true), options, (lazy, request, name) => {
        const resolved = optionSets[name] as ResolvedOptions
        const thrown = materialise(lazy)
        const plan = planResponse(thrown, request, resolved)
        checkEnvelope(plan, request, resolved)
        const contentType = plan.headers['content-type'] as string
        if (methodOf(request) === 'HEAD') {
          // RFC 9110 §9.3.2: the same header fields as GET; check the GET body instead.
          const getRequest = { ...request, method: 'GET' }
          const get = planResponse(thrown, getRequest, resolved)
          expect(plan.headers).toEqual(get.headers)
          checkEnvelope(get, getRequest, resolved)
          checkMedia[contentType]?.(get, resolved)
          return
        }
        expect(contentType).toBe('application/problem+json')
        checkJson(plan, resolved)
      }),
      { numRuns: 2000 },
    )
  })

  it('produces well-formed output in every media type', () => {
    fc.assert(
      fc.property(thrownValue, requestWith(acceptValue), options, (lazy, request, name) => {
        const resolved = optionSets[name] as ResolvedOptions
        const thrown = materialise(lazy)
        const plan = planResponse(thrown, request, resolved)
        checkEnvelope(plan, request, resolved)
        const contentType = plan.headers['content-type'] as string
        const check = checkMedia[contentType]
        if (check === undefined) expect.fail(`unexpected content-type ${contentType}`)
        check(methodOf(request) === 'HEAD' ? planResponse(thrown, { ...request, method: 'GET' }, resolved) : plan, resolved)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('planResponse, for a 4xx error whose extras are hostile (issue 17)', () => {
  // Shared references, cycles through arrays, Maps and Sets, revoked Proxies and throwing traps in the extensions,
  // the validation errors, the cause chain and every other member the renderer reads; names of Object.prototype
  // members wherever a name becomes a key. The status is readable, so it is the status sent.
  it('never throws, keeps the status, and produces a well-formed response in every media type', () => {
    fc.assert(
      fc.property(hostileClientError, requestWith(acceptValue), options, ({ status, error }, request, name) => {
        const resolved = optionSets[name] as ResolvedOptions
        const thrown = materialise(error)
        const plan = planResponse(thrown, request, resolved)
        expect(plan.status).toBe(status)
        checkEnvelope(plan, request, resolved)
        const contentType = plan.headers['content-type'] as string
        const check = checkMedia[contentType]
        if (check === undefined) expect.fail(`unexpected content-type ${contentType}`)
        check(methodOf(request) === 'HEAD' ? planResponse(thrown, { ...request, method: 'GET' }, resolved) : plan, resolved)
      }),
      { numRuns: 400 },
    )
  })
})

describe('parseProblem, for any Content-Type and body (issue 17)', () => {
  const problemType = fc.constantFrom('application/problem+json', 'application/json', 'application/problem+xml')
  const contentType = fc.oneof(
    prototypeName,
    prototypeName.map((name) => `${name}; charset=utf-8`),
    problemType,
    problemType.map((type) => `${type.toUpperCase()} ; charset=utf-8`),
    fc.stringMatching(/^[a-z_+/.-]{0,30}$/),
  )
  const member = fc.oneof(prototypeName, fc.constantFrom('type', 'title', 'status', 'detail', 'instance', 'balance'))
  const body = fc.oneof(
    fc.dictionary(member, fc.oneof(fc.string(), fc.integer(), fc.constant({ polluted: true })), { maxKeys: 4 }).map((members) => JSON.stringify(members)),
    fc.array(fc.tuple(member, fc.string({ unit: fc.constantFrom('a', '1', ' ') })), { maxLength: 4 }).map(
      (members) => `<problem xmlns="urn:ietf:rfc:7807">${members.map(([name, text]) => `<${name}>${text}</${name}>`).join('')}</problem>`,
    ),
    binaryString,
  )

  it('never throws, reads only problem media types, and never reaches Object.prototype', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 400, max: 599 }), contentType, body, async (status, type, text) => {
        const parsed = await parseProblem(new Response(text, { status, headers: { 'content-type': type } }))
        expect(parsed.status).toBe(status)
        const media = type.split(';')[0]?.trim().toLowerCase() ?? ''
        if (!['application/problem+json', 'application/json', 'application/problem+xml'].includes(media)) {
          expect([parsed.detail, parsed.extensions]).toEqual([undefined, undefined])
        }
        for (const name of PROTOTYPE_NAMES) expect(typeof parsed.extensions?.[name]).not.toBe('function')
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
      { numRuns: 300 },
    )
  })
})

describe('the problem details schema', () => {
  it('accepts the RFC 9457 examples and rejects wrongly typed members', () => {
    expect(validateProblem({})).toBe(true)
    expect(
      validateProblem({
        type: 'https://example.com/probs/out-of-credit',
        title: 'You do not have enough credit.',
        detail: 'Your current balance is 30, but that costs 50.',
        instance: '/account/12345/msgs/abc',
        balance: 30,
        accounts: ['/account/12345', '/account/67890'],
      }),
    ).toBe(true)
    for (const bad of [{ status: '404' }, { status: 404.5 }, { status: 600 }, { type: 42 }, { title: null }, { instance: 'a b' }, []]) {
      expect(validateProblem(bad), JSON.stringify(bad)).toBe(false)
    }
  })

  it('checks uri-reference by RFC 3986', () => {
    for (const ok of ['about:blank', 'https://example.com/probs/x?y=1#z', '/a/b', 'out-of-credit', '', '#frag', '//host:80/p', 'urn:ietf:rfc:7807', 'http://[::1]/', '%41']) {
      expect(isUriReference(ok), ok).toBe(true)
    }
    for (const bad of ['a b', 'a:b:c d', '1a:b', 'x\ny', '%4', '%zz', 'https://ü.example/', 'a"b', '<a>', 'a#b#c', 'http://[::1/', '\\a']) {
      expect(isUriReference(bad), bad).toBe(false)
    }
  })
})

/** Printable `type` / `instance` values that are not RFC 3986 URI references as given. */
const NON_URI_REFERENCES = ['\u00e9', 'https://a.example/\u00fc', '<x>', 'a"b', '\u00a0', '\u2028', 'a{b}', '1a:b', '/a[b]', 'a\\b', 'a#b#c']

describe('type and instance are always URI references', () => {
  // RFC 9457 §3.1.1, §3.1.5: core percent-encodes IRIs and drops anything that cannot be a URI reference.
  it('sends only RFC 3986 URI references as type and instance, even for values that are not', () => {
    for (const value of NON_URI_REFERENCES) {
      const plan = planResponse(new BadRequest({ type: value, instance: value }), { method: 'GET' }, optionSets.defaults)
      const doc = JSON.parse(plan.body) as { type?: string; instance?: string }
      if (!validateProblem(doc)) expect.fail(`${JSON.stringify(value)} gives ${plan.body}`)
    }
  })
})

// --- internal ---

function methodOf(request: RequestView): string {
  return typeof request.method === 'string' ? request.method.toUpperCase() : 'GET'
}

/** Whether the options let this error's detail and extensions through (the same rule core applies). */
function isExposed(plan: ResponsePlan, options: ResolvedOptions): boolean {
  try {
    return options.debug || options.expose(plan.error)
  } catch {
    // An `expose` getter that throws: core treats the error as hidden, and so does this check.
    return false
  }
}

