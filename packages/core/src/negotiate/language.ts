import {
  EQUALS,
  HYPHEN,
  INVALID_Q,
  MAX_HEADER_LENGTH,
  MAX_RANGES,
  Q_MAX,
  SEMICOLON,
  STAR,
  findElementEnd,
  isAlpha,
  isCutOff,
  isDigit,
  memoizeByHeader,
  parseQvalue,
  skipOws,
  trimOwsEnd,
} from './parse'

/**
 * Builds an RFC 4647 §3.4 "lookup" over `available` language tags that returns the configured tag for the
 * client's best `Accept-Language` range (RFC 9110 §12.5.4), or undefined so the caller uses its default.
 *
 * The returned function never throws and runs in time linear in the header length.
 * - Ranges are tried by q, highest first; equal q keeps header order. `*` selects nothing specific.
 * - Each range is looked up as RFC 4647 §3.4 says: compared case-insensitively with the tags, then
 *   truncated from the right one subtag at a time (a trailing singleton such as `x` goes with it).
 * - When that finds nothing, a second pass accepts the first configured tag with the same primary
 *   language (`zh` → `zh-CN`, `en-US` → `en-GB`) unless the two name different scripts: explicit
 *   (`zh-Hant`) or implied by a Chinese region (TW, HK, MO → Hant; CN, SG, MY → Hans). A range without
 *   script information (`zh`) takes it from an earlier range of the same language, so Chrome's
 *   `zh-TW,zh;q=0.9,en;q=0.8` gets English rather than Simplified Chinese from `['en', 'zh-CN']`.
 * - q=0 excludes a tag when the most specific range that basic-filters it (RFC 4647 §3.3.1) has q=0:
 *   `zh;q=0, *` never yields `zh-CN`, while `zh;q=0, zh-CN` does. `*;q=0` excludes nothing.
 * - Invalid ranges are skipped. Only the first 4096 characters are read (an element cut by the limit is
 *   dropped), at most 64 ranges count, and headers up to 256 characters are memoised (128 entries, FIFO).
 *
 * @example
 * const negotiate = createLanguageNegotiator(['en', 'zh-CN'])
 * negotiate('zh-CN,zh;q=0.9,en;q=0.8') // 'zh-CN'
 * negotiate('zh-Hans-CN') // 'zh-CN'
 * negotiate('fr') // undefined: the caller falls back to its default
 */
export function createLanguageNegotiator(
  available: readonly string[],
): (acceptLanguage: string | null | undefined) => string | undefined {
  const choices = available.slice() // a later change to the caller's array must not change the answers
  const tags = choices.map(parseAvailable)
  const byLowerTag = new Map<string, number>()
  tags.forEach((tag, index) => {
    if (!byLowerTag.has(tag.lower)) byLowerTag.set(tag.lower, index) // the first spelling wins
  })
  const longestTag = tags.reduce((longest, tag) => Math.max(longest, tag.lower.length), 0)

  function choose(header: string): number {
    const ranges = parseRanges(header)
    if (ranges.length === 0) return NONE
    const excluded = findExclusions(ranges, tags)
    // RFC 4647 §2.3: the priority list runs from most to least preferred; sort is stable, so equal q keeps
    // header order as the tie-breaker.
    const ordered = ranges.filter((range) => range.q > 0 && range.lower !== '*').sort((a, b) => b.q - a.q)
    for (let r = 0; r < ordered.length; r++) {
      const range = ordered[r] as LanguageRange
      const found = lookup(range.lower, byLowerTag, longestTag, excluded)
      if (found !== NONE) return found
      const fallback = matchPrimary(range, ordered, r, tags, excluded)
      if (fallback !== NONE) return fallback
    }
    return NONE
  }

  const memoised = memoizeByHeader(choose)
  return (acceptLanguage) => {
    if (typeof acceptLanguage !== 'string' || acceptLanguage.length === 0 || tags.length === 0) return undefined
    const index = memoised(acceptLanguage)
    return index === NONE ? undefined : choices[index]
  }
}

// --- internal ---

const NONE = -1

/**
 * Scripts implied by language + region, for languages commonly written in more than one script and
 * usually tagged without one. Keyed `language-region` in lower case; a Map keeps header text away from
 * `Object.prototype`.
 */
const REGION_SCRIPTS: ReadonlyMap<string, string> = new Map([
  ['zh-tw', 'hant'],
  ['zh-hk', 'hant'],
  ['zh-mo', 'hant'],
  ['zh-cn', 'hans'],
  ['zh-sg', 'hans'],
  ['zh-my', 'hans'],
])

interface LanguageRange {
  /** The range, lower-cased. */
  readonly lower: string
  /** Weight in thousandths. */
  readonly q: number
}

interface AvailableTag {
  readonly lower: string
  readonly primary: string
  readonly script: string
}

function parseAvailable(tag: string): AvailableTag {
  if (typeof tag !== 'string' || tag.length === 0 || rangeEnd(tag, 0, tag.length) !== tag.length) {
    // resolveOptions checked every tag already (checkTag); this guards the negotiator's own invariant.
    throw new TypeError(`Invalid language tag ${JSON.stringify(tag)}`)
  }
  const lower = tag.toLowerCase()
  return { lower, primary: primaryOf(lower), script: scriptOf(lower) }
}

/** Parses `#( language-range [ weight ] )` (RFC 9110 §12.5.4) into at most `MAX_RANGES` ranges. */
function parseRanges(header: string): LanguageRange[] {
  const ranges: LanguageRange[] = []
  const limit = Math.min(header.length, MAX_HEADER_LENGTH)
  let position = 0
  while (position < limit && ranges.length < MAX_RANGES) {
    // Accept-Language has no quoted strings, so a stray `"` must not swallow the following elements.
    const end = findElementEnd(header, position, limit, false)
    if (isCutOff(header, end)) break
    const range = parseRange(header, position, end)
    position = end + 1
    if (range !== undefined) ranges.push(range)
  }
  return ranges
}

/** Parses one `language-range [ weight ]` element, or returns undefined when it is empty or malformed. */
function parseRange(header: string, start: number, end: number): LanguageRange | undefined {
  const first = skipOws(header, start, end)
  const last = trimOwsEnd(header, first, end)
  if (first === last) return undefined
  const isStar = header.charCodeAt(first) === STAR
  const stop = isStar ? first + 1 : rangeEnd(header, first, last)
  if (stop === first) return undefined
  let q = Q_MAX
  // weight = OWS ";" OWS "q=" qvalue, and nothing else may follow the range.
  let i = skipOws(header, stop, last)
  if (i < last) {
    if (header.charCodeAt(i) !== SEMICOLON) return undefined
    i = skipOws(header, i + 1, last)
    const isQ = i + 2 <= last && (header.charCodeAt(i) | 0x20) === 0x71 && header.charCodeAt(i + 1) === EQUALS // `q=` or `Q=`
    if (!isQ) return undefined
    q = parseQvalue(header, i + 2, last)
    if (q === INVALID_Q) return undefined
  }
  return { lower: header.slice(first, stop).toLowerCase(), q }
}

/**
 * Returns the end of a basic language range `1*8ALPHA *("-" 1*8alphanum)` (RFC 4647 §2.1) starting at
 * `start`, or `start` when there is none. A range that stops early leaves its tail to the caller.
 */
function rangeEnd(text: string, start: number, last: number): number {
  let i = start
  let subtag = 0
  let first = true
  let end = start
  for (; i < last; i++) {
    const c = text.charCodeAt(i)
    if (c === HYPHEN) {
      if (subtag === 0) return start
      subtag = 0
      first = false
      continue
    }
    if (!(isAlpha(c) || (!first && isDigit(c)))) break
    if (++subtag > 8) return start
    end = i + 1
  }
  // A trailing hyphen or a hyphen followed by something else leaves an empty subtag: malformed.
  return subtag === 0 ? start : end
}

/**
 * Marks tags whose most specific basic-filtering range (RFC 4647 §3.3.1) has q=0, i.e. "not acceptable"
 * (RFC 9110 §12.4.2). `*` never excludes: lookup cannot select through it anyway.
 */
function findExclusions(ranges: readonly LanguageRange[], tags: readonly AvailableTag[]): readonly boolean[] {
  const excluded: boolean[] = tags.map(() => false)
  if (!ranges.some((range) => range.q === 0 && range.lower !== '*')) return excluded
  tags.forEach((tag, index) => {
    let longest = 0
    let q = Q_MAX
    for (const range of ranges) {
      if (range.lower === '*' || range.lower.length < longest) continue
      if (!filters(range.lower, tag.lower)) continue
      // Equally long matches are the same range spelled twice: the lowest q is the safe reading.
      q = range.lower.length > longest ? range.q : Math.min(q, range.q)
      longest = range.lower.length
    }
    excluded[index] = longest > 0 && q === 0
  })
  return excluded
}

/** RFC 4647 §3.3.1 basic filtering: the range equals the tag or is a prefix of it followed by `-`. */
function filters(range: string, tag: string): boolean {
  if (tag === range) return true
  return tag.length > range.length && tag.charCodeAt(range.length) === HYPHEN && tag.startsWith(range)
}

/**
 * RFC 4647 §3.4 lookup of one range: try it, then truncate from the right until something matches.
 * Truncation moves an end index backwards and only prefixes no longer than the longest available tag are
 * looked up, so a hostile 4000-character range costs one backward scan, not a quadratic series of slices.
 */
function lookup(
  range: string,
  byLowerTag: ReadonlyMap<string, number>,
  longestTag: number,
  excluded: readonly boolean[],
): number {
  let end = range.length
  for (;;) {
    if (end <= longestTag) {
      const index = byLowerTag.get(end === range.length ? range : range.slice(0, end))
      if (index !== undefined && excluded[index] !== true) return index
    }
    // Scan back by hand: a `lastIndexOf` call per subtag costs far more than the few characters it skips.
    let cut = end - 1
    while (cut > 0 && range.charCodeAt(cut) !== HYPHEN) cut--
    if (cut <= 0) return NONE
    end = cut
    // RFC 4647 §3.4: a singleton left at the end (`-x` in `zh-Hant-x-private`) goes with the removed subtag.
    if (end >= 2 && range.charCodeAt(end - 2) === HYPHEN) end -= 2
  }
}

/**
 * Our addition to RFC 4647 lookup: accept the first configured tag with the range's primary language,
 * unless the two are known to be written in different scripts.
 */
function matchPrimary(
  range: LanguageRange,
  ordered: readonly LanguageRange[],
  position: number,
  tags: readonly AvailableTag[],
  excluded: readonly boolean[],
): number {
  const primary = primaryOf(range.lower)
  let script = scriptOf(range.lower)
  // `zh` after `zh-TW` means "some other Chinese", and the user's reading of that is set by `zh-TW`.
  for (let r = 0; script === '' && r < position; r++) {
    const earlier = (ordered[r] as LanguageRange).lower
    if (primaryOf(earlier) === primary) script = scriptOf(earlier)
  }
  for (let index = 0; index < tags.length; index++) {
    const tag = tags[index] as AvailableTag
    if (tag.primary !== primary || excluded[index] === true) continue
    if (script === '' || tag.script === '' || tag.script === script) return index
  }
  return NONE
}

function primaryOf(lower: string): string {
  const hyphen = lower.indexOf('-')
  return hyphen < 0 ? lower : lower.slice(0, hyphen)
}

/**
 * The script of a lower-case tag: its explicit 4-letter script subtag (RFC 5646 §2.2.3), else the one
 * implied by its region through `REGION_SCRIPTS`, else ''. Subtags after a singleton are ignored.
 */
function scriptOf(lower: string): string {
  let region = ''
  let start = lower.indexOf('-') + 1
  // RFC 5646 §2.1: a script comes after at most three extlangs and a region right after it, so six subtags
  // are enough; the bound keeps this O(1) whatever the range's length.
  for (let position = 1; start > 0 && position <= 6; position++) {
    const hyphen = lower.indexOf('-', start)
    const end = hyphen < 0 ? lower.length : hyphen
    const length = end - start
    if (length === 1) break // a singleton starts extensions or private use
    // A 4-character subtag starting with a letter is a script; 4-character variants start with a digit.
    if (length === 4 && isAlpha(lower.charCodeAt(start))) return lower.slice(start, end)
    if (region === '' && (length === 2 || (length === 3 && isDigit(lower.charCodeAt(start))))) {
      region = lower.slice(start, end)
    }
    start = hyphen + 1
  }
  return region === '' ? '' : (REGION_SCRIPTS.get(`${primaryOf(lower)}-${region}`) ?? '')
}
