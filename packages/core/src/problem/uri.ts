import { charTable } from '../util/char-table'

/**
 * Makes a `type` or `instance` value safe to send as an RFC 3986 URI reference (RFC 9457 §3.1.1, §3.1.5):
 * non-ASCII characters (an IRI) are percent-encoded as UTF-8 (RFC 3987 §3.1), a `%` not followed by two hex
 * digits becomes `%25`, and anything that still cannot be a URI reference — spaces, controls, `<>"{}|\^` and
 * backquote, lone surrogates, a second `#`, brackets outside the host, a colon in a relative first segment, more
 * than 2048 characters — gives undefined, so the member is left out.
 *
 * @example
 * toUriReference('https://example.com/probs/ü') // 'https://example.com/probs/%C3%BC'
 * toUriReference('a b')                         // undefined
 */
export function toUriReference(value: unknown): string | undefined {
  if (value === 'about:blank') return value
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return undefined
  let out = ''
  let plain = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 0x80) {
      if (URI_CHAR[c] === 1) continue
      if (c === 0x25 && isHex(value.charCodeAt(i + 1)) && isHex(value.charCodeAt(i + 2))) continue
      if (c !== 0x25) return undefined
      out += `${value.slice(plain, i)}%25`
      plain = i + 1
      continue
    }
    // A non-ASCII code point: percent-encode its UTF-8 bytes; a lone surrogate cannot be encoded.
    const wide = c >= 0xd800 && c <= 0xdbff ? 2 : 1
    const char = value.slice(i, i + wide)
    if ((c >= 0xd800 && c <= 0xdfff && (wide === 1 || !isLowSurrogate(value.charCodeAt(i + 1))))) return undefined
    out += value.slice(plain, i) + encodeURIComponent(char)
    i += wide - 1
    plain = i + 1
  }
  const uri = plain === 0 ? value : out + value.slice(plain)
  return uri.length <= MAX_LENGTH && hasValidShape(uri) ? uri : undefined
}

// --- internal ---

const MAX_LENGTH = 2048

// RFC 3986 §2: unreserved, gen-delims and sub-delims ('%' is handled on its own).
const URI_CHAR = /* @__PURE__ */ charTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=")

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

/** The parts of RFC 3986 §3 / §4.2 a character-level check cannot see. */
function hasValidShape(uri: string): boolean {
  const hash = uri.indexOf('#')
  if (hash !== -1 && uri.indexOf('#', hash + 1) !== -1) return false
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(uri)
  let rest = scheme === null ? uri : uri.slice(scheme[0].length)
  if (scheme === null) {
    // RFC 3986 §4.2: a relative reference's first segment cannot contain a colon (it would read as a scheme).
    const firstEnd = firstOf(rest, '/?#')
    if (rest.slice(0, firstEnd).includes(':')) return false
  }
  if (rest.startsWith('//')) {
    const end = firstOf(rest.slice(2), '/?#') + 2
    const authority = rest.slice(2, end)
    const open = authority.indexOf('[')
    // Brackets only around an IP literal host: "[" right after any userinfo, "]" before any port.
    if (open !== -1 || authority.includes(']')) {
      const close = authority.indexOf(']')
      const at = authority.lastIndexOf('@', open === -1 ? undefined : open)
      if (open !== at + 1 || close < open || authority.indexOf('[', open + 1) !== -1 || authority.indexOf(']', close + 1) !== -1) {
        return false
      }
      const port = authority.slice(close + 1)
      if (port !== '' && !/^:[0-9]*$/.test(port)) return false
    }
    rest = rest.slice(end)
  }
  return !rest.includes('[') && !rest.includes(']')
}

function firstOf(text: string, stops: string): number {
  for (let i = 0; i < text.length; i++) if (stops.includes(text[i] as string)) return i
  return text.length
}
