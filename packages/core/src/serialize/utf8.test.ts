import { describe, it, expect } from 'vitest'
import { utf8Length } from './utf8'

// Buffer.byteLength writes a lone surrogate as U+FFFD (three bytes), exactly as TextEncoder and res.end() do,
// so it is the reference for what Content-Length must say.
const reference = (text: string): number => Buffer.byteLength(text, 'utf8')

describe('utf8Length', () => {
  it.each([
    ['the empty string', '', 0],
    ['ASCII', 'Not Found', 9],
    ['ASCII controls and DEL', '\u0000\t\n\u007f', 4],
    ['Latin-1 letters (two bytes each)', 'café ñ ß', 11],
    ['the last two-byte code point', '\u07ff', 2],
    ['the first three-byte code point', '\u0800', 3],
    ['CJK (three bytes each)', '未找到', 9],
    ['U+FFFF', '\uffff', 3],
    ['an emoji surrogate pair (four bytes)', '😀', 4],
    ['the highest code point', '\u{10ffff}', 4],
    ['a flag made of two surrogate pairs', '🇨🇳', 8],
    ['a lone high surrogate', '\ud800', 3],
    ['a lone low surrogate', '\udc00', 3],
    ['a high surrogate at the very end', 'ab\ud83d', 5],
    ['a high surrogate followed by ASCII', '\ud83dx', 4],
    ['two high surrogates in a row', '\ud83d\ud83d', 6],
    ['a low surrogate before a high one (not a pair)', '\ude00\ud83d', 6],
    ['a pair after a lone high surrogate', '\ud83d\ud83d\ude00', 7],
  ])('counts %s as %i bytes, like Buffer.byteLength', (_, text, bytes) => {
    expect(utf8Length(text)).toBe(bytes)
    expect(utf8Length(text)).toBe(reference(text))
  })

  it('counts a mixed problem document body exactly', () => {
    const body = '{"type":"about:blank","title":"未找到","status":404,"detail":"Café 😀 \ud800 done"}'
    expect(utf8Length(body)).toBe(reference(body))
  })

  it('agrees with Buffer.byteLength on 2000 random strings drawn from every UTF-16 range', () => {
    const random = mulberry32(0x9457)
    // Ranges chosen so that every byte-length class and every surrogate case turns up often.
    const ranges: ReadonlyArray<readonly [number, number]> = [
      [0x00, 0x7f],
      [0x80, 0x7ff],
      [0x800, 0xd7ff],
      [0xd800, 0xdbff],
      [0xdc00, 0xdfff],
      [0xe000, 0xffff],
    ]
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(random() * 24)
      let text = ''
      for (let i = 0; i < length; i++) {
        const [low, high] = ranges[Math.floor(random() * ranges.length)] as readonly [number, number]
        text += String.fromCharCode(low + Math.floor(random() * (high - low + 1)))
      }
      if (utf8Length(text) !== reference(text)) {
        // Name the failing string, so a regression is reproducible from the message alone.
        expect.fail(`utf8Length(${JSON.stringify(text)}) = ${utf8Length(text)}, Buffer.byteLength = ${reference(text)}`)
      }
    }
  })

  it('matches what TextEncoder produces for a long string with pairs split across every position', () => {
    const text = 'a😀'.repeat(500) + '\ud83d' + '未'.repeat(300)
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
  })
})

// --- internal ---

/** A small seeded PRNG, so the random loop is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
