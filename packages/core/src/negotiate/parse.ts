// Shared, allocation-light scanning helpers for the `Accept` and `Accept-Language` parsers.
// Everything here walks char codes forward exactly once per call: no regular expressions, no recursion,
// so the cost is linear in the (bounded) header length whatever the input looks like.

/** Only this many leading characters of a header are read; complete list elements beyond it are ignored. */
export const MAX_HEADER_LENGTH = 4096

/** At most this many well-formed ranges of one header take part in negotiation. */
export const MAX_RANGES = 64

/** Headers up to this length are memoised; longer ones are rare and computed every time. */
export const MAX_CACHED_HEADER_LENGTH = 256

/** A memo holds at most this many headers; the oldest entry is evicted first. */
export const MAX_CACHE_ENTRIES = 128

/** `q` weights are kept in thousandths (0–1000) so that comparisons are exact integers. */
export const Q_MAX = 1000

/** Returned by `parseQvalue` for anything that is not an RFC 9110 §12.4.2 qvalue. */
export const INVALID_Q = -1

export const COMMA = 0x2c
export const SEMICOLON = 0x3b
export const EQUALS = 0x3d
export const DQUOTE = 0x22
export const SLASH = 0x2f
export const HYPHEN = 0x2d
export const STAR = 0x2a

/**
 * Wraps a pure header → result-index function in a small FIFO memo keyed by the raw header string.
 * @example
 * const pick = memoizeByHeader((header) => header.length % 3)
 * pick('text/html') // computed once, then served from the memo
 */
export function memoizeByHeader(compute: (header: string) => number): (header: string) => number {
  const memo = new Map<string, number>()
  return (header) => {
    if (header.length > MAX_CACHED_HEADER_LENGTH) return compute(header)
    const hit = memo.get(header)
    if (hit !== undefined) return hit
    const result = compute(header)
    if (memo.size >= MAX_CACHE_ENTRIES) {
      // Map iterates in insertion order, so its first key is the oldest entry: O(1) eviction.
      const oldest = memo.keys().next()
      if (oldest.done !== true) memo.delete(oldest.value)
    }
    memo.set(header, result)
    return result
  }
}

/**
 * Returns the index of the comma that ends the list element starting at `start`, or `limit` if none.
 * With `quoteAware`, commas inside RFC 9110 §5.6.4 quoted strings (including `\"` escapes) do not count.
 * @example
 * findElementEnd('a;p="x,y", b', 0, 12, true) // 9
 */
export function findElementEnd(text: string, start: number, limit: number, quoteAware: boolean): number {
  let inQuote = false
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i)
    if (inQuote) {
      if (c === 0x5c) i++ // quoted-pair: the next character is taken literally
      else if (c === DQUOTE) inQuote = false
    } else if (c === COMMA) {
      return i
    } else if (c === DQUOTE && quoteAware) {
      inQuote = true
    }
  }
  return limit
}

/**
 * Tells whether an element that ends at `end` is cut off by the length limit and must be dropped,
 * so that e.g. `q=0.5` truncated to `q=0.` never turns into a different preference.
 * @example
 * isCutOff('x'.repeat(5000), 4096) // true
 */
export function isCutOff(text: string, end: number): boolean {
  return end === MAX_HEADER_LENGTH && text.length > MAX_HEADER_LENGTH && text.charCodeAt(end) !== COMMA
}

/**
 * Skips optional whitespace (SP / HTAB, RFC 9110 §5.6.3) forward from `i`, never past `end`.
 * @example
 * skipOws(' \tx', 0, 3) // 2
 */
export function skipOws(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09) break
    i++
  }
  return i
}

/**
 * Moves `end` back over trailing optional whitespace, never before `start`.
 * @example
 * trimOwsEnd('x \t', 0, 3) // 1
 */
export function trimOwsEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const c = text.charCodeAt(end - 1)
    if (c !== 0x20 && c !== 0x09) break
    end--
  }
  return end
}

export { isTchar } from '../util/char-table'

/**
 * Tells whether a char code is an ASCII letter.
 * @example
 * isAlpha(0x41) // true: 'A'
 */
export function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
}

/**
 * Tells whether a char code is an ASCII digit.
 * @example
 * isDigit(0x30) // true: '0'
 */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

/**
 * Compares `text[start, end)` with an already lower-case ASCII string, ignoring ASCII case, without allocating.
 * @example
 * equalsLower('TEXT/html', 0, 4, 'text') // true
 */
export function equalsLower(text: string, start: number, end: number, lower: string): boolean {
  if (end - start !== lower.length) return false
  for (let i = 0; i < lower.length; i++) {
    let c = text.charCodeAt(start + i)
    if (c >= 0x41 && c <= 0x5a) c |= 0x20
    if (c !== lower.charCodeAt(i)) return false
  }
  return true
}

/**
 * Parses an RFC 9110 §12.4.2 qvalue in `text[start, end)` into thousandths, or returns `INVALID_Q`.
 * Grammar: `( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, so `1.0001`, `.5` and `0.5x` are invalid.
 * @example
 * parseQvalue('0.25', 0, 4) // 250
 */
export function parseQvalue(text: string, start: number, end: number): number {
  const length = end - start
  if (length < 1 || length > 5) return INVALID_Q
  const first = text.charCodeAt(start)
  if (first !== 0x30 && first !== 0x31) return INVALID_Q
  if (length === 1) return first === 0x31 ? Q_MAX : 0
  if (text.charCodeAt(start + 1) !== 0x2e) return INVALID_Q
  let value = 0
  let scale = 100
  for (let i = start + 2; i < end; i++) {
    const c = text.charCodeAt(i)
    if (!isDigit(c)) return INVALID_Q
    value += (c - 0x30) * scale
    scale /= 10
  }
  if (first === 0x31) return value === 0 ? Q_MAX : INVALID_Q
  return value
}
