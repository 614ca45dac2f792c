import {
  COMMA,
  EQUALS,
  DQUOTE,
  INVALID_Q,
  MAX_HEADER_LENGTH,
  MAX_RANGES,
  Q_MAX,
  SEMICOLON,
  SLASH,
  STAR,
  equalsLower,
  findElementEnd,
  isCutOff,
  isTchar,
  memoizeByHeader,
  parseQvalue,
  skipOws,
} from './parse'

/**
 * Builds a function that picks, from `offers` (server preference order, lower-case `type/subtype` strings
 * without parameters), the one the client's `Accept` header prefers (RFC 9110 §12.5.1).
 *
 * The returned function never throws and runs in time linear in the header length. It returns
 * `offers[0]` when the header is missing, empty or has no well-formed media range, and `undefined` when
 * the header is well-formed enough but accepts none of the offers (only `image/png`, or the full wildcard
 * with `q=0`).
 * - Only the first 4096 characters are read; a list element cut by that limit is dropped, complete ones
 *   before it still count. At most the first 64 well-formed ranges are considered.
 * - For each offer the most specific matching range decides its q (`type/subtype` beats `type/*` beats the
 *   full wildcard); the highest q wins and ties go to the earlier offer. q=0 means "not acceptable".
 * - A `charset` parameter is ignored for matching (bodies are always UTF-8, and JSON defines no charset);
 *   a range with any other parameter (`text/plain;format=flowed`) matches none of the parameterless offers.
 * - No structured-suffix matching: `application/json` does not select `application/problem+json`.
 * - Results for headers up to 256 characters are memoised per negotiator (at most 128 headers, FIFO).
 *
 * @example
 * const negotiate = createMediaTypeNegotiator(['application/problem+json', 'text/html'])
 * negotiate('text/html,application/xhtml+xml,application/xml;q=0.9') // 'text/html'
 * negotiate('application/json') // undefined: no structured-suffix matching
 * negotiate(undefined) // 'application/problem+json'
 * negotiate('image/png') // undefined
 */
export function createMediaTypeNegotiator(
  offers: readonly string[],
): (accept: string | null | undefined) => string | undefined {
  const choices = offers.slice() // a later change to the caller's array must not change the answers
  const list = choices.map(parseOffer)
  const count = list.length
  // Scratch state reused by every call: negotiation is synchronous, so calls never interleave.
  const bestSpecificity = new Int8Array(count)
  const bestQ = new Int16Array(count)
  const range: MediaRange = {
    empty: true,
    typeStart: 0,
    typeEnd: 0,
    subtypeStart: 0,
    subtypeEnd: 0,
    specificity: 0,
    q: 0,
    params: false,
  }

  function choose(accept: string): number {
    bestSpecificity.fill(0)
    bestQ.fill(0)
    const limit = Math.min(accept.length, MAX_HEADER_LENGTH)
    let ranges = 0
    let position = 0
    while (position < limit && ranges < MAX_RANGES) {
      let end = parseMediaRange(accept, position, limit, range)
      const valid = end >= 0
      // RFC 9110 §5.6.1: a malformed element is skipped up to the next comma outside a quoted string.
      if (!valid) end = findElementEnd(accept, position, limit, true)
      if (isCutOff(accept, end)) break
      position = end + 1
      if (!valid || range.empty) continue
      ranges++
      if (range.params) continue // matches no parameterless offer, but still makes the header meaningful
      for (let k = 0; k < count; k++) {
        if (!matches(accept, range, list[k] as Offer)) continue
        // RFC 9110 §12.5.1: the most specific matching range sets the offer's q. Ranges that are equally
        // specific keep the highest q, because the order of the header's elements carries no meaning.
        const current = bestSpecificity[k] as number
        if (range.specificity > current) {
          bestSpecificity[k] = range.specificity
          bestQ[k] = range.q
        } else if (range.specificity === current && range.q > (bestQ[k] as number)) {
          bestQ[k] = range.q
        }
      }
    }
    // No usable range at all: behave as if the header were absent, i.e. `*/*` (RFC 9110 §12.5.1).
    if (ranges === 0) return count > 0 ? 0 : NONE
    let chosen = NONE
    let chosenQ = 0 // RFC 9110 §12.4.2: q=0 means "not acceptable", so it can never be chosen
    for (let k = 0; k < count; k++) {
      const q = bestQ[k] as number
      if (q > chosenQ) {
        chosen = k
        chosenQ = q
      }
    }
    return chosen
  }

  const memoised = memoizeByHeader(choose)
  return (accept) => {
    if (typeof accept !== 'string' || accept.length === 0) return choices[0]
    const index = memoised(accept)
    return index === NONE ? undefined : choices[index]
  }
}

// --- internal ---

const NONE = -1

// Specificity ranks: */* < type/* < type/subtype, each doubled so that a `charset` parameter adds one.
const ANY = 2
const TYPE_WILDCARD = 4
const EXACT = 6

interface Offer {
  readonly type: string
  readonly subtype: string
}

/** The media range being parsed, as positions into the header so that nothing is sliced or lower-cased. */
interface MediaRange {
  /** The list element held no media range (`,,`), which RFC 9110 §5.6.1 allows and ignores. */
  empty: boolean
  typeStart: number
  typeEnd: number
  subtypeStart: number
  subtypeEnd: number
  specificity: number
  /** Weight in thousandths. */
  q: number
  /** Carries a parameter other than `q` and `charset`. */
  params: boolean
}

function parseOffer(offer: string): Offer {
  const slash = offer.indexOf('/')
  const type = offer.slice(0, slash)
  const subtype = offer.slice(slash + 1)
  if (slash < 1 || !isLowerToken(type) || !isLowerToken(subtype) || type === '*' || subtype === '*') {
    // resolveOptions offers only its own media types; this guards the negotiator's own invariant.
    throw new TypeError(`Invalid media type offer ${JSON.stringify(offer)}`)
  }
  return { type, subtype }
}

function isLowerToken(value: string): boolean {
  if (value.length === 0) return false
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (!isTchar(c) || (c >= 0x41 && c <= 0x5a)) return false
  }
  return true
}

function matches(header: string, range: MediaRange, offer: Offer): boolean {
  if (range.specificity < TYPE_WILDCARD) return true
  if (!equalsLower(header, range.typeStart, range.typeEnd, offer.type)) return false
  if (range.specificity < EXACT) return true
  return equalsLower(header, range.subtypeStart, range.subtypeEnd, offer.subtype)
}

/**
 * Parses one `media-range [ weight ]` list element (RFC 9110 §12.5.1, parameters per §5.6.6) starting at
 * `start` into `out`, and returns the index of the comma that ends it (or `limit`), or -1 if it is malformed.
 * One forward pass; only malformed elements are scanned a second time, by the caller.
 */
function parseMediaRange(header: string, start: number, limit: number, out: MediaRange): number {
  let i = skipOws(header, start, limit)
  if (i === limit || header.charCodeAt(i) === COMMA) {
    out.empty = true
    return i
  }
  const typeStart = i
  while (i < limit && isTchar(header.charCodeAt(i))) i++
  const typeEnd = i
  if (typeEnd === typeStart || i === limit || header.charCodeAt(i) !== SLASH) return -1
  const subtypeStart = ++i
  while (i < limit && isTchar(header.charCodeAt(i))) i++
  const subtypeEnd = i
  if (subtypeEnd === subtypeStart) return -1

  const anyType = typeEnd - typeStart === 1 && header.charCodeAt(typeStart) === STAR
  const anySubtype = subtypeEnd - subtypeStart === 1 && header.charCodeAt(subtypeStart) === STAR
  if (anyType && !anySubtype) return -1 // `*/html` is not a media range

  let q = Q_MAX
  let hasQ = false
  let charset = false
  let params = false
  // parameters = *( OWS ";" OWS [ parameter ] ), parameter = name "=" ( token / quoted-string )
  for (;;) {
    i = skipOws(header, i, limit)
    if (i === limit) break
    let c = header.charCodeAt(i)
    if (c === COMMA) break
    if (c !== SEMICOLON) return -1
    i = skipOws(header, i + 1, limit)
    if (i === limit) break
    c = header.charCodeAt(i)
    if (c === SEMICOLON || c === COMMA) continue // an empty parameter is allowed
    const nameStart = i
    while (i < limit && isTchar(header.charCodeAt(i))) i++
    const nameEnd = i
    if (nameEnd === nameStart || i === limit || header.charCodeAt(i) !== EQUALS) return -1
    const valueStart = ++i
    const quoted = i < limit && header.charCodeAt(i) === DQUOTE
    if (quoted) {
      i = skipQuotedString(header, i, limit)
      if (i < 0) return -1
    } else {
      while (i < limit && isTchar(header.charCodeAt(i))) i++
      if (i === valueStart) return -1
    }
    if (equalsLower(header, nameStart, nameEnd, 'q')) {
      // RFC 9110 §12.4.2: any parameter named q is the weight; a bad or repeated weight spoils the element.
      if (quoted || hasQ) return -1
      q = parseQvalue(header, valueStart, i)
      if (q === INVALID_Q) return -1
      hasQ = true
    } else if (equalsLower(header, nameStart, nameEnd, 'charset')) {
      charset = true
    } else {
      params = true
    }
  }

  const base = anyType ? ANY : anySubtype ? TYPE_WILDCARD : EXACT
  out.empty = false
  out.typeStart = typeStart
  out.typeEnd = typeEnd
  out.subtypeStart = subtypeStart
  out.subtypeEnd = subtypeEnd
  // RFC 9110 §12.5.1: a range with parameters is more specific than the same range without them.
  out.specificity = charset ? base + 1 : base
  out.q = q
  out.params = params
  return i
}

/** Returns the index just past the quoted string opening at `i` (RFC 9110 §5.6.4), or -1 if it is malformed. */
function skipQuotedString(header: string, i: number, limit: number): number {
  for (i++; i < limit; i++) {
    const c = header.charCodeAt(i)
    if (c === DQUOTE) return i + 1
    if (c === 0x5c) {
      i++
      if (i === limit) return -1
      const escaped = header.charCodeAt(i)
      if (escaped < 0x20 ? escaped !== 0x09 : escaped === 0x7f) return -1
    } else if (c < 0x20 ? c !== 0x09 : c === 0x7f) {
      return -1 // control characters are not qdtext; obs-text (>= 0x80) is tolerated
    }
  }
  return -1
}
