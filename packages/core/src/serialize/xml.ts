import { defineCharacterRules, replaceCharacters } from './characters'
import type { JsonValue, ProblemDocument } from '../problem/document'
import type { ProblemFormat } from './formats'

/**
 * Serialises a problem document as an `application/problem+xml` body (RFC 9457 Appendix B).
 *
 * Members become children of `<problem xmlns="urn:ietf:rfc:7807">` in the document's key order: objects
 * as nested elements, arrays as one `<i>` child per item, strings as text, booleans as `true`/`false`,
 * numbers as `JSON.stringify` writes them and `null` as an empty element. Characters that XML 1.0 §2.2
 * does not allow (C0 controls other than TAB/LF/CR, lone surrogates, U+FFFE, U+FFFF) become U+FFFD, and
 * CR is written as `&#xD;` so that parsers do not fold it into LF. Members, at any depth, whose names are
 * not XML element names (the NCName form of XML 1.0 §2.3, so no colon) or that start with `xml` in any
 * case (reserved by XML 1.0 §2.3) are skipped, because XML has no way to write them. The output is one
 * line after the declaration, without a trailing newline.
 *
 * @example
 * renderXml({ type: 'about:blank', title: 'Not Found', status: 404 })
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Not Found</title><status>404</status></problem>'
 */
export function renderXml(doc: ProblemDocument): string {
  let body = ''
  for (const name of Object.keys(doc)) body += writeMember(name, doc[name])
  return XML_PREFIX + body + '</problem>'
}

/**
 * RFC 9457 Appendix B's XML as a format: pass it in `formats` to offer `application/problem+xml` (the Node adapters
 * do by default).
 *
 * @example
 * import { xmlFormat } from '@http-problem/core'
 * export default { fetch: withProblems(handler, { formats: [xmlFormat] }) }
 */
export const xmlFormat: ProblemFormat = {
  mediaType: 'application/problem+xml',
  render: (doc) => renderXml(doc),
  contentSecurityPolicy: undefined,
}

// --- internal ---

// RFC 9457 Appendix B: every element lives in this one namespace, so it is declared once as the default.
const XML_PREFIX = '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807">'

// XML 1.0 (Fifth Edition) §2.3 NameStartChar and NameChar, without ':' so that every name is an NCName
// (Namespaces in XML 1.0 §3) and cannot be read as a prefix.
const NAME_START_CHARS =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}'
// NameChar is NameStartChar and these.
const XML_NAME = /* @__PURE__ */ namePattern('\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040')
const RESERVED_NAME = /^xml/i

// Everything escapeText() has to change: markup characters, CR, and code points outside XML 1.0 §2.2 Char, which
// become U+FFFD (C0 controls other than TAB, LF and CR, lone surrogates, U+FFFE and U+FFFF).
const XML_TEXT = /* @__PURE__ */ defineCharacterRules({
  escapes: {
    '&': '&amp;',
    '<': '&lt;',
    // Escaping every '>' also covers the ']]>' sequence that XML 1.0 §2.4 forbids in text.
    '>': '&gt;',
    // XML 1.0 §2.11 turns a literal CR into LF; the character reference survives parsing.
    '\r': '&#xD;',
  },
  isAllowed: (code) => code >= 0x20 || code === 0x09 || code === 0x0a,
  noncharacters: false,
})

function writeMember(name: string, value: JsonValue | undefined): string {
  // JSON.stringify drops undefined members too.
  if (value === undefined || !isElementName(name)) return ''
  return writeElement(name, value)
}

function writeElement(name: string, value: JsonValue | undefined): string {
  if (value === null || value === undefined) return `<${name}/>`
  switch (typeof value) {
    case 'string':
      return `<${name}>${escapeText(value)}</${name}>`
    case 'number':
      // JSON writes non-finite numbers as null; finite ones print the same via String() and JSON.stringify().
      return Number.isFinite(value) ? `<${name}>${String(value)}</${name}>` : `<${name}/>`
    case 'boolean':
      return value ? `<${name}>true</${name}>` : `<${name}>false</${name}>`
  }
  let content = ''
  if (isArray(value)) {
    // RFC 9457 Appendix B: an array is an element whose children are all named `i`, one per item.
    for (const item of value) content += writeElement('i', item)
  } else {
    for (const key of Object.keys(value)) content += writeMember(key, value[key])
  }
  return `<${name}>${content}</${name}>`
}

function isArray(value: object): value is readonly JsonValue[] {
  return Array.isArray(value)
}

function isElementName(name: string): boolean {
  return XML_NAME.test(name) && !RESERVED_NAME.test(name)
}

function escapeText(text: string): string {
  return replaceCharacters(text, XML_TEXT)
}

/** The pattern of an XML name, built in a function so that a bundle without the XML renderer drops it. */
function namePattern(moreNameChars: string): RegExp {
  return new RegExp(`^[${NAME_START_CHARS}][${NAME_START_CHARS}${moreNameChars}]*$`, 'u')
}
