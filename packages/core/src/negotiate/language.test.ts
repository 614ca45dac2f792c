import { describe, expect, it } from 'vitest'
import { createLanguageNegotiator } from './language'

const available = ['en', 'zh-CN'] as const

interface Case {
  readonly name: string
  readonly header: string | null | undefined
  readonly expected: string | undefined
}

const cases: readonly Case[] = [
  // Real browsers
  { name: 'Chrome in Simplified Chinese', header: 'zh-CN,zh;q=0.9,en;q=0.8', expected: 'zh-CN' },
  { name: 'Chrome in Traditional Chinese (Taiwan)', header: 'zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7', expected: 'en' },
  { name: 'Firefox in US English', header: 'en-US,en;q=0.5', expected: 'en' },
  { name: 'Safari in British English', header: 'en-GB', expected: 'en' },
  { name: 'a French browser without English', header: 'fr-FR,fr;q=0.9', expected: undefined },
  { name: 'a French browser with English', header: 'fr-FR,fr;q=0.9,en;q=0.8', expected: 'en' },
  // Chinese variants
  { name: 'exact zh-CN', header: 'zh-CN', expected: 'zh-CN' },
  { name: 'lower-case zh-cn, answered in the configured spelling', header: 'zh-cn', expected: 'zh-CN' },
  { name: 'upper-case ZH-CN', header: 'ZH-CN', expected: 'zh-CN' },
  { name: 'bare zh reaches zh-CN through the primary-language pass', header: 'zh', expected: 'zh-CN' },
  { name: 'zh-Hans-CN truncates and keeps the Simplified script', header: 'zh-Hans-CN', expected: 'zh-CN' },
  { name: 'zh-Hans', header: 'zh-Hans', expected: 'zh-CN' },
  { name: 'zh-SG implies Simplified script', header: 'zh-SG', expected: 'zh-CN' },
  { name: 'explicit Hans beats the region (zh-Hans-TW)', header: 'zh-Hans-TW', expected: 'zh-CN' },
  { name: 'zh-TW does not get Simplified Chinese', header: 'zh-TW', expected: undefined },
  { name: 'zh-HK does not get Simplified Chinese', header: 'zh-HK', expected: undefined },
  { name: 'zh-Hant does not get Simplified Chinese', header: 'zh-Hant', expected: undefined },
  { name: 'explicit Hant beats the region (zh-Hant-CN)', header: 'zh-Hant-CN', expected: undefined },
  { name: 'bare zh after zh-TW inherits the Traditional script', header: 'zh-TW,zh;q=0.9', expected: undefined },
  { name: 'bare zh before zh-TW keeps any script', header: 'zh,zh-TW;q=0.5', expected: 'zh-CN' },
  // RFC 4647 §3.4 truncation
  { name: 'private use is truncated with its singleton', header: 'zh-CN-x-private', expected: 'zh-CN' },
  { name: 'RFC 4647 example zh-Hant-CN-x-private1-private2', header: 'zh-Hant-CN-x-private1-private2', expected: undefined },
  { name: 'zh-Hans-CN-x-private truncates to zh-Hans', header: 'zh-Hans-CN-x-private', expected: 'zh-CN' },
  { name: 'extensions are truncated away', header: 'en-Latn-US-u-ca-gregory', expected: 'en' },
  { name: 'a private-use-only range matches nothing', header: 'x-private', expected: undefined },
  // Priorities
  { name: 'higher q wins regardless of order', header: 'en;q=0.5, zh-CN;q=0.8', expected: 'zh-CN' },
  { name: 'equal q keeps header order (en first)', header: 'en, zh-CN', expected: 'en' },
  { name: 'equal q keeps header order (zh-CN first)', header: 'zh-CN, en', expected: 'zh-CN' },
  { name: 'an unavailable first choice falls through to zh', header: 'de, zh;q=0.5, en;q=0.4', expected: 'zh-CN' },
  // Wildcard and q=0
  { name: '* selects nothing specific', header: '*', expected: undefined },
  { name: '* does not hide later ranges', header: '*, en;q=0.5', expected: 'en' },
  { name: 'zh;q=0 with * never selects zh-CN', header: 'zh;q=0, *', expected: undefined },
  { name: 'zh;q=0 leaves English', header: 'zh;q=0, zh-CN-x-foo;q=0.5, en;q=0.1', expected: 'en' },
  { name: 'a more specific positive range overrides zh;q=0', header: 'zh;q=0, zh-CN', expected: 'zh-CN' },
  { name: 'zh-CN;q=0 blocks the primary-language pass', header: 'zh-CN;q=0, zh', expected: undefined },
  { name: 'en-US;q=0 does not exclude en', header: 'en-US;q=0, en', expected: 'en' },
  { name: '*;q=0 excludes nothing', header: 'en-US, *;q=0', expected: 'en' },
  // Malformed
  { name: 'missing header (undefined)', header: undefined, expected: undefined },
  { name: 'missing header (null)', header: null, expected: undefined },
  { name: 'empty header', header: '', expected: undefined },
  { name: 'underscore is not a range', header: 'zh_CN', expected: undefined },
  { name: 'a digit-led primary subtag is invalid', header: '1en, zh-CN;q=0.1', expected: 'zh-CN' },
  { name: 'a subtag longer than 8 is invalid', header: 'englishes, zh-CN;q=0.1', expected: 'zh-CN' },
  { name: 'empty subtags are invalid', header: 'en-, -en, en--US, zh-CN;q=0.1', expected: 'zh-CN' },
  { name: 'q=abc spoils its element', header: 'zh-CN;q=abc, en;q=0.1', expected: 'en' },
  { name: 'q=1.0001 spoils its element', header: 'zh-CN;q=1.0001, en;q=0.1', expected: 'en' },
  { name: 'parameters other than q spoil the element', header: 'zh-CN;level=1, en;q=0.1', expected: 'en' },
  { name: 'a stray quote does not swallow later elements', header: '"zh, en', expected: 'en' },
  { name: 'upper-case Q is the weight', header: 'en;Q=0.1, zh-CN;q=0.2', expected: 'zh-CN' },
  { name: 'whitespace and empty elements', header: ' ,, zh-CN ; q=0.9 ,\ten;q=0.8 ,', expected: 'zh-CN' },
  { name: 'non-ASCII ranges are skipped', header: '中文, zh-CN;q=0.9', expected: 'zh-CN' },
  { name: 'garbage', header: '!!!;;;,,,', expected: undefined },
  // Limits
  { name: 'huge garbage', header: 'a'.repeat(10_000), expected: undefined },
  { name: 'a 4000-character range truncates down to en', header: `en-${'ab-'.repeat(1300)}x-y`, expected: 'en' },
  { name: 'complete elements before 4096 still count', header: `en,${' '.repeat(5000)}`, expected: 'en' },
  { name: 'ranges after 4096 are ignored', header: `${' '.repeat(5000)}, zh-CN`, expected: undefined },
  { name: '64 ranges are considered', header: `${'fr,'.repeat(63)}en`, expected: 'en' },
  { name: 'the 65th range is ignored', header: `${'fr,'.repeat(64)}en`, expected: undefined },
]

describe('createLanguageNegotiator', () => {
  const negotiate = createLanguageNegotiator(available)

  it.each(cases)('chooses $expected for $name', ({ header, expected }) => {
    expect(negotiate(header)).toBe(expected)
  })

  it('gives the same answer from the cache as on the first call', () => {
    const fresh = createLanguageNegotiator(available)
    for (const { header, expected } of cases) {
      expect(fresh(header)).toBe(expected)
      expect(fresh(header)).toBe(expected)
    }
  })

  it('stays correct after 10 000 distinct headers', () => {
    const fresh = createLanguageNegotiator(available)
    expect(fresh('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN')
    for (let i = 0; i < 10_000; i++) {
      const q = (i % 1000) / 1000
      expect(fresh(`zh-CN;q=${q}, en;q=0.5, x-n${i}`)).toBe(q >= 0.5 ? 'zh-CN' : 'en') // equal q: header order
    }
    expect(fresh('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN')
  })

  it('never throws and only returns available tags for random junk', () => {
    const random = seededRandom(4647)
    const alphabet = ['a', 'Z', 'zh', 'CN', 'en', 'Hant', 'x', '-', '*', ';', ',', '=', 'q', 'q=0', '0', '1', '.', ' ', '"', 'é', '🙂', '\u0000']
    for (let n = 0; n < 5000; n++) {
      const parts: string[] = []
      const length = Math.floor(random() * 40)
      for (let i = 0; i < length; i++) parts.push(alphabet[Math.floor(random() * alphabet.length)] as string)
      const result = negotiate(parts.join(''))
      expect(result === undefined || available.includes(result as (typeof available)[number])).toBe(true)
    }
  })

  it('handles very long headers of repeated separators', () => {
    for (const unit of ['-', ',', ';', 'a-', 'zh-', 'en;q=0.5,', 'abcdefgh-']) {
      expect(() => negotiate(unit.repeat(100_000))).not.toThrow()
    }
  })

  it('prefers configured order among tags of the same language', () => {
    const several = createLanguageNegotiator(['en-GB', 'zh-TW', 'zh-CN'])
    expect(several('zh')).toBe('zh-TW')
    expect(several('zh-HK')).toBe('zh-TW')
    expect(several('zh-Hans')).toBe('zh-CN')
    expect(several('zh-SG')).toBe('zh-CN')
    expect(several('en-US')).toBe('en-GB')
    expect(several('EN-gb')).toBe('en-GB')
  })

  it('matches an available tag that has no script with any script', () => {
    const generic = createLanguageNegotiator(['en', 'zh'])
    expect(generic('zh-TW')).toBe('zh')
    expect(generic('zh-Hans-CN')).toBe('zh')
  })

  it('keeps its own copy of the available tags', () => {
    const mutable = ['en', 'zh-CN']
    const own = createLanguageNegotiator(mutable)
    mutable[1] = 'fr'
    expect(own('zh')).toBe('zh-CN')
  })

  it('returns undefined when nothing is available', () => {
    expect(createLanguageNegotiator([])('en')).toBeUndefined()
  })

  it.each(['', '*', 'en_US', 'en-', 'toolongtag', '1en', 'zh CN'])('rejects the invalid tag %j', (tag) => {
    expect(() => createLanguageNegotiator([tag])).toThrow(TypeError)
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
