import { describe, expect, it } from 'vitest'
import { createMediaTypeNegotiator } from './media-type'
import { MAX_CACHE_ENTRIES, memoizeByHeader } from './parse'

const offers = [
  'application/problem+json',
  'application/json',
  'application/problem+xml',
  'text/html',
  'text/plain',
] as const

const PJSON = 'application/problem+json'
const JSON_ = 'application/json'
const PXML = 'application/problem+xml'
const HTML = 'text/html'
const PLAIN = 'text/plain'

const chrome =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7'
const firefox = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

interface Case {
  readonly name: string
  readonly accept: string | null | undefined
  readonly expected: string | undefined
}

const cases: readonly Case[] = [
  // Real clients
  { name: 'Chrome navigation', accept: chrome, expected: HTML },
  { name: 'Firefox navigation', accept: firefox, expected: HTML },
  { name: 'Safari navigation', accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', expected: HTML },
  {
    name: 'older Firefox with image/webp',
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8',
    expected: HTML,
  },
  { name: 'browser fetch() default', accept: '*/*', expected: PJSON },
  { name: '<img> request', accept: 'image/avif,image/webp,*/*;q=0.8', expected: PJSON },
  { name: 'curl', accept: '*/*', expected: PJSON },
  { name: 'HTTPie', accept: 'application/json, */*;q=0.5', expected: JSON_ },
  // */* at q=1 ties every offer with application/json, so server order picks problem+json.
  { name: 'axios', accept: 'application/json, text/plain, */*', expected: PJSON },
  { name: 'Postman', accept: '*/*', expected: PJSON },
  { name: 'jQuery dataType json', accept: 'application/json, text/javascript, */*; q=0.01', expected: JSON_ },
  { name: 'Spring RestTemplate (no suffix wildcards)', accept: 'application/json, application/*+json', expected: JSON_ },
  {
    name: 'Java HttpURLConnection (bare * and q=.2 are malformed)',
    accept: 'text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2',
    expected: HTML,
  },
  // Problem-aware API clients
  { name: 'problem+json asked for', accept: 'application/problem+json', expected: PJSON },
  { name: 'problem+xml asked for', accept: 'application/problem+xml', expected: PXML },
  { name: 'problem+xml preferred over problem+json', accept: 'application/problem+xml, application/problem+json;q=0.9', expected: PXML },
  { name: 'problem+json and json at equal q go to server order', accept: 'application/json, application/problem+json', expected: PJSON },
  // Structured suffixes are not matched
  { name: 'application/json does not select problem+json', accept: 'application/json', expected: JSON_ },
  { name: 'application/xml does not select problem+xml', accept: 'application/xml', expected: undefined },
  // Wildcards and specificity
  { name: 'text/* picks the preferred text offer', accept: 'text/*', expected: HTML },
  { name: 'application/* picks the preferred application offer', accept: 'application/*', expected: PJSON },
  { name: 'exact range beats type wildcard (text/plain)', accept: 'text/*;q=0.3, text/plain;q=0.7', expected: PLAIN },
  { name: 'exact range beats type wildcard (text/html)', accept: 'text/*;q=0.3, text/html;q=0.7, */*;q=0.1', expected: HTML },
  { name: 'type wildcard beats */*', accept: '*/*;q=0.1, text/*;q=0.5', expected: HTML },
  { name: 'equal q goes to server order', accept: 'text/plain, text/html', expected: HTML },
  { name: 'equal q across wildcards goes to server order', accept: '*/*;q=0.1, text/html;q=0.1, application/problem+json;q=0.1', expected: PJSON },
  { name: 'q=0 on an exact type excludes it under */*', accept: '*/*, application/problem+json;q=0', expected: JSON_ },
  { name: 'q=0 on application/* leaves text', accept: 'application/*;q=0, */*', expected: HTML },
  { name: 'q=0 on text/html with */*', accept: 'text/html;q=0, */*', expected: PJSON },
  { name: 'exact q=0 beats a positive type wildcard', accept: 'application/json;q=0, application/*;q=0.5', expected: PJSON },
  { name: '*/*;q=0 accepts nothing', accept: '*/*;q=0', expected: undefined },
  { name: 'image/png only accepts nothing', accept: 'image/png', expected: undefined },
  { name: 'unknown parameterised type only accepts nothing', accept: 'application/signed-exchange;v=b3', expected: undefined },
  { name: 'equally specific duplicates keep the highest q (q=0 first)', accept: 'application/json;q=0, application/json', expected: JSON_ },
  { name: 'equally specific duplicates keep the highest q (q=0 last)', accept: 'application/json, application/json;q=0', expected: JSON_ },
  // Case-insensitivity
  { name: 'upper-case type and subtype', accept: 'TEXT/HTML', expected: HTML },
  { name: 'mixed-case problem+json', accept: 'Application/Problem+JSON', expected: PJSON },
  { name: 'upper-case Q parameter', accept: 'text/html;Q=0.5, application/json;q=0.4', expected: HTML },
  // Parameters
  { name: 'charset parameter is ignored for matching', accept: 'application/json;charset=utf-8', expected: JSON_ },
  { name: 'quoted upper-case Charset is ignored for matching', accept: 'application/json; Charset="UTF-8"', expected: JSON_ },
  { name: 'charset with q still weighs', accept: 'application/json;charset=utf-8;q=0.5, text/html;q=0.4', expected: JSON_ },
  { name: 'a charset range is more specific than the bare range', accept: 'application/json;charset=utf-8;q=0, application/json', expected: undefined },
  { name: 'other parameters never match a parameterless offer', accept: 'text/plain;format=flowed', expected: undefined },
  { name: 'a parameterised range does not shadow a wildcard', accept: 'text/plain;format=flowed, text/*;q=0.2', expected: HTML },
  { name: 'empty parameters are allowed', accept: 'text/html;;q=0.5;, application/json;q=0.4', expected: HTML },
  // Quoted strings
  { name: 'commas inside a quoted string do not split elements', accept: 'text/html;q=0.1, text/plain;note="x, application/json, y"', expected: HTML },
  { name: 'semicolons and escaped quotes inside a quoted string', accept: 'application/json;charset="a;q=0\\";b"', expected: JSON_ },
  { name: 'unterminated quoted string spoils its element', accept: 'text/html;q=0.2, text/plain;x="abc', expected: HTML },
  // Whitespace and empty elements
  { name: 'whitespace around separators', accept: '  text/html ;  q=0.5 ,\tapplication/json\t;q=0.6  ', expected: JSON_ },
  { name: 'empty list elements', accept: ',, ,application/json,,', expected: JSON_ },
  { name: 'whitespace around = is not allowed', accept: 'text/html;q = 0.9, application/json;q=0.1', expected: JSON_ },
  // Missing, empty, malformed
  { name: 'missing header (undefined)', accept: undefined, expected: PJSON },
  { name: 'missing header (null)', accept: null, expected: PJSON },
  { name: 'empty header', accept: '', expected: PJSON },
  { name: 'whitespace-only header', accept: '   ', expected: PJSON },
  { name: 'garbage header', accept: 'garbage', expected: PJSON },
  { name: 'separators only', accept: ';;;,,,', expected: PJSON },
  { name: '*/html is not a media range', accept: '*/html', expected: PJSON },
  { name: 'q=abc spoils its element only', accept: 'application/json;q=abc, text/html;q=0.5', expected: HTML },
  { name: 'q=abc alone leaves no usable range', accept: 'application/json;q=abc', expected: PJSON },
  { name: 'q=1.0001 is invalid', accept: 'text/html;q=1.0001, application/json;q=0.5', expected: JSON_ },
  { name: 'q=.5 is invalid', accept: 'text/html;q=.5, text/plain;q=0.5', expected: PLAIN },
  { name: 'q=1.000 is valid', accept: 'text/plain;q=0.999, text/html;q=1.000', expected: HTML },
  { name: 'q=0.001 is still acceptable', accept: 'application/json;q=0.001', expected: JSON_ },
  { name: 'q=0. means zero', accept: 'application/json;q=0.', expected: undefined },
  { name: 'a repeated q spoils its element', accept: 'text/html;q=0.5;q=0.9, text/plain;q=0.1', expected: PLAIN },
  { name: 'a quoted q spoils its element', accept: 'text/html;q="0.5", text/plain;q=0.1', expected: PLAIN },
  // Unicode
  { name: 'non-ASCII in a type spoils its element', accept: 'téxt/html, application/json;q=0.1', expected: JSON_ },
  { name: 'non-ASCII in a quoted value is tolerated', accept: 'text/html;title="日本語", application/json;q=0.1', expected: JSON_ },
  { name: 'emoji garbage', accept: '🙂/🙂', expected: PJSON },
  // Limits
  { name: 'huge garbage header', accept: 'x'.repeat(5000), expected: PJSON },
  { name: 'huge header keeps complete elements before 4096', accept: `application/json, ${'a'.repeat(5000)}`, expected: JSON_ },
  { name: 'an element cut at 4096 is dropped', accept: `text/plain;q=0.1${' '.repeat(5000)}, text/html`, expected: PJSON },
  { name: 'elements after 4096 are ignored', accept: `text/plain;q=0.1,${' '.repeat(5000)}, text/html`, expected: PLAIN },
  { name: '64 ranges are considered', accept: `${'image/png,'.repeat(63)}text/html`, expected: HTML },
  { name: 'the 65th range is ignored', accept: `${'image/png,'.repeat(64)}text/html`, expected: undefined },
]

describe('createMediaTypeNegotiator', () => {
  const negotiate = createMediaTypeNegotiator(offers)

  it.each(cases)('chooses $expected for $name', ({ accept, expected }) => {
    expect(negotiate(accept)).toBe(expected)
  })

  it('gives the same answer from the cache as on the first call', () => {
    const fresh = createMediaTypeNegotiator(offers)
    for (const { accept, expected } of cases) {
      expect(fresh(accept)).toBe(expected)
      expect(fresh(accept)).toBe(expected)
    }
  })

  it('stays correct after 10 000 distinct headers', () => {
    const fresh = createMediaTypeNegotiator(offers)
    expect(fresh(chrome)).toBe(HTML)
    for (let i = 0; i < 10_000; i++) {
      const q = (i % 1000) / 1000
      expect(fresh(`text/plain;q=${q}, application/json;q=0.5, x/y${i}`)).toBe(q > 0.5 ? PLAIN : JSON_)
    }
    expect(fresh(chrome)).toBe(HTML)
    expect(fresh('*/*;q=0')).toBeUndefined()
  })

  it('never throws and only returns offers for random junk', () => {
    const random = seededRandom(20_240_601)
    const alphabet = ['a', 'z', 'A', '*', '/', ';', ',', '=', '"', '\\', ' ', '\t', 'q', '0', '1', '.', '+', '-', 'é', '🙂', '\u0000', 'text/html', 'application/json', 'q=0.5', '*/*']
    for (let n = 0; n < 5000; n++) {
      const parts: string[] = []
      const length = Math.floor(random() * 60)
      for (let i = 0; i < length; i++) parts.push(alphabet[Math.floor(random() * alphabet.length)] as string)
      const header = parts.join('')
      const result = negotiate(header)
      expect(result === undefined || offers.includes(result as (typeof offers)[number])).toBe(true)
    }
  })

  it('handles very long headers of repeated separators', () => {
    for (const unit of ['"', ';', ',', 'a/b;', 'a/b;x="', '\\', '*/*;q=0.5,']) {
      expect(() => negotiate(unit.repeat(100_000))).not.toThrow()
    }
  })

  it('treats a non-string header like a missing one', () => {
    expect(negotiate(['text/html'] as unknown as string)).toBe(PJSON)
  })

  it('returns the offer as configured', () => {
    expect(createMediaTypeNegotiator(['text/html'])('TEXT/HTML')).toBe('text/html')
  })

  it('keeps its own copy of the offers', () => {
    const mutable = ['text/html', 'application/json']
    const own = createMediaTypeNegotiator(mutable)
    mutable[0] = 'text/plain'
    expect(own(undefined)).toBe('text/html')
  })

  it('returns undefined when there are no offers', () => {
    const none = createMediaTypeNegotiator([])
    expect(none(undefined)).toBeUndefined()
    expect(none('*/*')).toBeUndefined()
  })

  it.each(['Text/HTML', 'text/*', '*/*', 'text', 'text/html; charset=utf-8', '/html', 'text/'])(
    'rejects the invalid offer %j',
    (offer) => {
      expect(() => createMediaTypeNegotiator([offer])).toThrow(TypeError)
    },
  )
})

describe('memoizeByHeader', () => {
  it('evicts the oldest header once full, so memory stays bounded', () => {
    const computed: string[] = []
    const memo = memoizeByHeader((header) => {
      computed.push(header)
      return header.length
    })
    for (let i = 0; i <= MAX_CACHE_ENTRIES; i++) memo(`h${i}`)
    expect(computed).toHaveLength(MAX_CACHE_ENTRIES + 1)
    memo(`h${MAX_CACHE_ENTRIES}`) // newest: still memoised
    expect(computed).toHaveLength(MAX_CACHE_ENTRIES + 1)
    memo('h0') // oldest: evicted, computed again
    expect(computed).toHaveLength(MAX_CACHE_ENTRIES + 2)
  })

  it('does not memoise long headers', () => {
    let calls = 0
    const memo = memoizeByHeader(() => ++calls)
    const long = 'a'.repeat(300)
    memo(long)
    memo(long)
    expect(calls).toBe(2)
  })
})

// --- internal ---

/** mulberry32: a tiny deterministic PRNG so that a failing junk case can be reproduced. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
