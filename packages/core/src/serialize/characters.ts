// Escaping text for a markup format, shared by the HTML and XML renderers. A format states its rules as data (what
// each code point below U+00A0 becomes, and whether noncharacters may stand); one loop applies them, keeping surrogate
// pairs and replacing lone halves. Internal: index.ts does not export it.

/** How one output format treats the characters of a string, built by {@link defineCharacterRules}. */
export interface CharacterRules {
  /** Matches every string the rules change, so that a string without one skips the loop. */
  readonly needsEscape: RegExp
  /** What each code point below U+00A0 becomes, by code; `undefined` keeps it. */
  readonly low: readonly (string | undefined)[]
  /** Whether U+FDD0 to U+FDEF and the last two code points of every supplementary plane become U+FFFD too. */
  readonly noncharacters: boolean
}

/** What a format says about its characters. */
export interface CharacterRulesInit {
  /** Replacements for characters below U+00A0, such as `'&': '&amp;'`. */
  readonly escapes: Readonly<Record<string, string>>
  /** Which other code points below U+00A0 the format carries as they are; the rest become U+FFFD. */
  readonly isAllowed: (code: number) => boolean
  /** Whether noncharacters become U+FFFD; U+FFFE and U+FFFF always do. */
  readonly noncharacters: boolean
}

/**
 * Turns a format's rules into the table {@link replaceCharacters} reads, with the pattern that finds the strings it
 * would change derived from the same table, so the two cannot disagree.
 *
 * @example
 * const XML_TEXT = defineCharacterRules({
 *   escapes: { '&': '&amp;', '<': '&lt;' },
 *   isAllowed: (code) => code >= 0x20,
 *   noncharacters: false,
 * })
 */
export function defineCharacterRules({ escapes, isAllowed, noncharacters }: CharacterRulesInit): CharacterRules {
  const low: (string | undefined)[] = []
  let changed = ''
  for (let code = 0; code < 0xa0; code++) {
    const replacement = escapes[String.fromCharCode(code)] ?? (isAllowed(code) ? undefined : '\uFFFD')
    low.push(replacement)
    if (replacement !== undefined) changed += toClassEscape(code)
  }
  // Surrogates are matched as a group; the loop tells pairs from lone halves.
  changed += '\\uD800-\\uDFFF' + (noncharacters ? '\\uFDD0-\\uFDEF' : '') + '\\uFFFE\\uFFFF'
  return { needsEscape: new RegExp(`[${changed}]`), low, noncharacters }
}

/**
 * `text` with every character replaced as `rules` say. In every format a lone surrogate, U+FFFE and U+FFFF become
 * U+FFFD, and a surrogate pair is kept unless the rules replace noncharacters and it encodes one.
 *
 * @example
 * replaceCharacters('a < b\u0000', XML_TEXT) // 'a &lt; b\uFFFD'
 */
export function replaceCharacters(text: string, rules: CharacterRules): string {
  if (!rules.needsEscape.test(text)) return text
  const { low, noncharacters } = rules
  let out = ''
  let start = 0
  const length = text.length
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    let replacement: string | undefined
    if (code < 0xa0) {
      replacement = low[code]
      if (replacement === undefined) continue
    } else if (code >= 0xd800 && code <= 0xdfff) {
      if (code <= 0xdbff && i + 1 < length) {
        const next = text.charCodeAt(i + 1)
        if (next >= 0xdc00 && next <= 0xdfff) {
          // U+1FFFE, U+1FFFF … U+10FFFF are noncharacters: the high half ends in 0x3F, the low one is DFFE or DFFF.
          if (noncharacters && (code & 0x3f) === 0x3f && next >= 0xdffe) {
            out += text.slice(start, i) + '\uFFFD'
            start = i + 2
          }
          i++
          continue
        }
      }
      replacement = '\uFFFD'
    } else if (code >= 0xfffe || (noncharacters && code >= 0xfdd0 && code <= 0xfdef)) replacement = '\uFFFD'
    else continue
    out += text.slice(start, i) + replacement
    start = i + 1
  }
  return out + text.slice(start)
}

// --- internal ---

function toClassEscape(code: number): string {
  return '\\u' + code.toString(16).toUpperCase().padStart(4, '0')
}
