import { STATUS_CODES } from 'node:http'
import { describe, expect, it } from 'vitest'
import { statuses } from './registry'
import type { StatusRow } from './types'

// The check: every registered or reserved code from 100 to 599 in the IANA registry (RFC 9110 Table 8 and the
// codes other RFCs registered), written out by hand so that a lost or invented row fails.
const expectedCodes = [
  100, 101, 102, 103, 104,
  200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
  300, 301, 302, 303, 304, 305, 306, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
  421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]

// The names http-errors users already type, plus the RFC 9110 names where the phrase changed.
const expectedClasses: Record<number, { className: string; aliases?: string[] }> = {
  400: { className: 'BadRequest' },
  401: { className: 'Unauthorized' },
  402: { className: 'PaymentRequired' },
  403: { className: 'Forbidden' },
  404: { className: 'NotFound' },
  405: { className: 'MethodNotAllowed' },
  406: { className: 'NotAcceptable' },
  407: { className: 'ProxyAuthenticationRequired' },
  408: { className: 'RequestTimeout' },
  409: { className: 'Conflict' },
  410: { className: 'Gone' },
  411: { className: 'LengthRequired' },
  412: { className: 'PreconditionFailed' },
  413: { className: 'PayloadTooLarge', aliases: ['ContentTooLarge'] },
  414: { className: 'URITooLong' },
  415: { className: 'UnsupportedMediaType' },
  416: { className: 'RangeNotSatisfiable' },
  417: { className: 'ExpectationFailed' },
  418: { className: 'ImATeapot' },
  421: { className: 'MisdirectedRequest' },
  422: { className: 'UnprocessableEntity', aliases: ['UnprocessableContent'] },
  423: { className: 'Locked' },
  424: { className: 'FailedDependency' },
  425: { className: 'TooEarly' },
  426: { className: 'UpgradeRequired' },
  428: { className: 'PreconditionRequired' },
  429: { className: 'TooManyRequests' },
  431: { className: 'RequestHeaderFieldsTooLarge' },
  451: { className: 'UnavailableForLegalReasons' },
  500: { className: 'InternalServerError' },
  501: { className: 'NotImplemented' },
  502: { className: 'BadGateway' },
  503: { className: 'ServiceUnavailable' },
  504: { className: 'GatewayTimeout' },
  505: { className: 'HTTPVersionNotSupported' },
  506: { className: 'VariantAlsoNegotiates' },
  507: { className: 'InsufficientStorage' },
  508: { className: 'LoopDetected' },
  510: { className: 'NotExtended' },
  511: { className: 'NetworkAuthenticationRequired' },
}

// RFC 9110 §15.1 and each code's section; RFC 7725 §3 for 451.
const heuristicallyCacheable = [200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501]
// RFC 6585 §§3-6: caches MUST NOT store these.
const neverStored = [428, 429, 431, 511]

const expectedFlags: Record<number, string[]> = {
  102: ['webdav'], 207: ['webdav'], 208: ['webdav'], 423: ['webdav'], 424: ['webdav'], 507: ['webdav'], 508: ['webdav'],
  103: ['experimental'], 506: ['experimental'],
  104: ['temporary'],
  305: ['deprecated'],
  306: ['reserved'], 418: ['reserved'],
  510: ['historic'],
}

// Header rules with level 'must' and no condition: a response with this code is wrong without the field.
const unconditionalMusts: Record<number, string[]> = {
  101: ['Upgrade'],
  104: ['Location'],
  226: ['ETag'],
  401: ['WWW-Authenticate'],
  405: ['Allow'],
  407: ['Proxy-Authenticate'],
  426: ['Upgrade'],
}

// Where our phrase differs from Node's http.STATUS_CODES (Node 20), and why. `undefined` means "not listed".
const expectedNodeDifferences: Record<number, { ours: string | undefined; node: string | undefined }> = {
  104: { ours: 'Upload Resumption Supported', node: undefined }, // temporary registration, newer than Node's table
  306: { ours: '(Unused)', node: undefined }, // reserved; Node leaves it out
  413: { ours: 'Content Too Large', node: 'Payload Too Large' }, // renamed by RFC 9110
  422: { ours: 'Unprocessable Content', node: 'Unprocessable Entity' }, // renamed by RFC 9110
  509: { ours: undefined, node: 'Bandwidth Limit Exceeded' }, // never registered
}

const rows: readonly StatusRow[] = statuses
const identifier = /^[A-Z][A-Za-z0-9]*$/
const fieldName = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/ // RFC 9110 §5.1: field-name = token
const han = /\p{Script=Han}/u

describe('status registry', () => {
  it('lists its rows sorted by code with no code twice', () => {
    const codes = rows.map((row) => row.code)
    expect(codes).toEqual([...new Set(codes)].sort((a, b) => a - b))
  })

  it('lists exactly the 64 registered or reserved codes from 100 to 599', () => {
    expect(expectedCodes).toHaveLength(64)
    expect(rows.map((row) => row.code)).toEqual(expectedCodes)
  })

  it.each(rows)('gives $code a three-digit integer code', ({ code }) => {
    expect(Number.isInteger(code) && code >= 100 && code <= 599).toBe(true)
  })

  it('gives every 4xx and 5xx code its http-errors class name and aliases, and no other code a class', () => {
    const actual = Object.fromEntries(
      rows
        .filter((row) => row.className !== undefined || row.aliases !== undefined)
        .map((row) => [row.code, row.aliases ? { className: row.className, aliases: [...row.aliases] } : { className: row.className }]),
    )
    expect(actual).toEqual(expectedClasses)
    expect(Object.keys(actual).map(Number)).toEqual(rows.filter((row) => row.code >= 400).map((row) => row.code))
  })

  it('uses class names and aliases that are PascalCase identifiers, unique across the table', () => {
    const names = rows.flatMap((row) => [row.className ?? [], ...(row.aliases ?? [])].flat())
    expect(names).toHaveLength(40 + 2)
    for (const name of names) expect(name).toMatch(identifier)
    expect(new Set(names).size).toBe(names.length)
  })

  it.each(rows)('gives $code the content rule of RFC 9110 §6.4.1 and §15.3.6', ({ code, body }) => {
    const expected = code < 200 || code === 204 || code === 304 ? 'none' : code === 205 ? 'empty' : 'allowed'
    expect(body).toBe(expected)
  })

  it('marks as heuristically cacheable exactly the codes their RFCs define so', () => {
    expect(rows.filter((row) => row.cache === 'heuristic').map((row) => row.code)).toEqual(heuristicallyCacheable)
  })

  it('marks as never stored exactly the codes RFC 6585 keeps out of caches', () => {
    expect(rows.filter((row) => row.cache === 'no-store').map((row) => row.code)).toEqual(neverStored)
  })

  it('keeps 421 and 425 out of heuristic caching', () => {
    expect(rows.find((row) => row.code === 421)?.cache).toBe('default')
    expect(rows.find((row) => row.code === 425)?.cache).toBe('default')
  })

  it('flags WebDAV, experimental, temporary, deprecated, reserved and historic codes', () => {
    const actual = Object.fromEntries(rows.filter((row) => row.flags !== undefined).map((row) => [row.code, [...(row.flags ?? [])]]))
    expect(actual).toEqual(expectedFlags)
  })

  it('requires, without condition, exactly the headers a response is wrong without', () => {
    const actual = Object.fromEntries(
      rows
        .map((row) => [row.code, row.headers.filter((h) => h.level === 'must' && h.when === undefined).map((h) => h.name)] as const)
        .filter(([, names]) => names.length > 0),
    )
    expect(actual).toEqual(unconditionalMusts)
  })

  it.each([
    [101, 'Upgrade', 'must'],
    [206, 'Content-Range', 'must'],
    [401, 'WWW-Authenticate', 'must'],
    [405, 'Allow', 'must'],
    [407, 'Proxy-Authenticate', 'must'],
    [413, 'Retry-After', 'should'],
    [415, 'Accept-Encoding', 'should'],
    [415, 'Accept', 'may'],
    [415, 'Accept-Patch', 'should'],
    [416, 'Content-Range', 'should'],
    [426, 'Upgrade', 'must'],
    [429, 'Retry-After', 'may'],
    [451, 'Link', 'should'],
    [503, 'Retry-After', 'may'],
    [226, 'ETag', 'must'],
    [304, 'ETag', 'must'],
  ])('asks a %i response for %s at level %s', (code, name, level) => {
    const rule = rows.find((row) => row.code === code)?.headers.find((h) => h.name === name)
    expect(rule?.level).toBe(level)
  })

  it.each([301, 302, 303, 307, 308])('asks a %i redirect for Location', (code) => {
    expect(rows.find((row) => row.code === code)?.headers).toContainEqual({ name: 'Location', level: 'should' })
  })

  it.each(rows)('names each header of $code once, as a valid field name, with a non-empty condition if any', ({ headers }) => {
    const names = headers.map((h) => h.name.toLowerCase())
    expect(new Set(names).size).toBe(names.length)
    for (const rule of headers) {
      expect(rule.name).toMatch(fieldName)
      if (rule.when !== undefined) expect(rule.when.trim()).not.toBe('')
    }
  })

  it.each([
    [413, 'Content Too Large'],
    [422, 'Unprocessable Content'],
    [510, 'Not Extended'],
    [104, 'Upload Resumption Supported'],
    [418, "I'm a Teapot"],
    [306, '(Unused)'],
    [305, 'Use Proxy'],
  ])('uses the RFC 9110 / IANA phrase for %i: %s', (code, phrase) => {
    expect(rows.find((row) => row.code === code)?.phrase).toBe(phrase)
  })

  it.each(rows)('gives $code a phrase that is a valid HTTP/1.1 reason phrase with no registry annotation', ({ code, phrase }) => {
    // RFC 9112 §4: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ); we stay within printable ASCII.
    expect(phrase).toMatch(/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/)
    if (code !== 306) expect(phrase).not.toMatch(/[()]/)
  })

  it.each(rows)('cites the defining document and section of $code', ({ rfc, section }) => {
    if (rfc.startsWith('draft-')) {
      expect(rfc).toMatch(/^draft-[a-z0-9-]+[a-z]$/)
      expect(section).toBe('')
    } else {
      expect(rfc).toMatch(/^RFC \d{4}$/)
      expect(section).toMatch(/^\d+(?:\.\d+)*$/)
    }
  })

  it.each(rows)('describes $code in one English sentence and gives a Chinese title and sentence', ({ description, zh }) => {
    for (const text of [description, zh.title, zh.description]) {
      expect(text.trim()).toBe(text)
      expect(text).not.toMatch(/[\r\n]/)
      expect(text).not.toMatch(/[<>]/)
    }
    expect(description).toMatch(/^[A-Z].{20,158}\.$/)
    expect(description).not.toMatch(/\.\s/)
    expect(zh.title).toMatch(han)
    expect(zh.description).toMatch(han)
    expect(zh.description).toMatch(/。$/)
    expect(zh.description.length).toBeLessThanOrEqual(160)
  })

  it('gives every code its own English description and Chinese title', () => {
    expect(new Set(rows.map((row) => row.description)).size).toBe(rows.length)
    expect(new Set(rows.map((row) => row.zh.title)).size).toBe(rows.length)
  })

  it("differs from Node's http.STATUS_CODES only where RFC 9110 or the registry moved on", () => {
    const ours = new Map(rows.map((row) => [row.code, row.phrase]))
    const codes = [...new Set([...ours.keys(), ...Object.keys(STATUS_CODES).map(Number)])].sort((a, b) => a - b)
    const differences = Object.fromEntries(
      codes
        .filter((code) => ours.get(code) !== STATUS_CODES[code])
        .map((code) => [code, { ours: ours.get(code), node: STATUS_CODES[code] }]),
    )
    expect(differences).toEqual(expectedNodeDifferences)
  })
})
