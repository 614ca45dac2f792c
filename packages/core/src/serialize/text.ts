import type { JsonValue, ProblemDocument } from '../problem/document'
import type { ProblemFormat } from './formats'
import { STANDARD_MEMBERS } from '../util/standard-members'

/**
 * Renders a problem document as a `text/plain` body: `404 Not Found` on the first line, then the detail,
 * then one `name: value` line per member (`type` unless it is `about:blank`, `instance`, and each
 * extension as JSON), each block after a blank line, ending with `\n`.
 *
 * Each line holds exactly one field, whatever the values contain. In the title, detail, type and instance,
 * every control character and Unicode line or paragraph separator becomes a space and lone surrogates become
 * U+FFFD, so a detail carrying `\r\n` cannot start a line of its own. Extension values are JSON, which
 * already escapes C0 controls and lone surrogates; C1 controls, U+2028 and U+2029 are `\u`-escaped as well
 * so the JSON stays valid and on one line. Extension names that are not plain identifiers (letters, digits,
 * `_`, `-`, `.`) are written as JSON strings, so `name: ` always ends at the first colon.
 *
 * @example
 * renderText({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for GET /x' })
 * // '404 Not Found\n\nNo route for GET /x\n'
 */
export function renderText(doc: ProblemDocument): string {
  let text = String(doc.status) + ' ' + toOneLine(doc.title) + '\n'
  if (doc.detail) text += '\n' + toOneLine(doc.detail) + '\n'

  let members = ''
  // RFC 9457 §4.2.1: about:blank adds nothing beyond the status code, so it is not worth a line.
  if (doc.type !== 'about:blank') members += 'type: ' + toOneLine(doc.type) + '\n'
  if (doc.instance !== undefined) members += 'instance: ' + toOneLine(doc.instance) + '\n'
  for (const name of Object.keys(doc)) {
    const value = doc[name]
    if (value === undefined || STANDARD_MEMBERS.has(name)) continue
    members += (PLAIN_NAME.test(name) ? name : toJsonLine(name)) + ': ' + toJsonLine(value) + '\n'
  }
  return members ? text + '\n' + members : text
}

/**
 * Plain text as a format: pass it in `formats` to offer `text/plain` (the Node adapters do by default).
 *
 * @example
 * import { textFormat } from '@http-problem/core'
 * app.onError(errorHandler({ formats: [textFormat] }))
 */
export const textFormat: ProblemFormat = {
  mediaType: 'text/plain',
  render: (doc) => renderText(doc),
  contentSecurityPolicy: undefined,
}

// --- internal ---

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

// C0 and C1 controls (CR, LF, VT, FF and NEL among them), U+2028/U+2029, and surrogates (the loop keeps pairs).
const NOT_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uD800-\uDFFF]/

// What JSON.stringify leaves raw but some readers still treat as a line break or control.
const JSON_UNSAFE = /[\u007F-\u009F\u2028\u2029]/g

function toJsonLine(value: JsonValue): string {
  // These can only occur inside JSON strings, where a \u escape means the same character.
  return JSON.stringify(value).replace(JSON_UNSAFE, toUnicodeEscape)
}

function toUnicodeEscape(char: string): string {
  return '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0')
}

function toOneLine(text: string): string {
  if (!NOT_ONE_LINE.test(text)) return text
  let out = ''
  let start = 0
  const length = text.length
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    let replacement: string
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) replacement = ' '
    else if (code >= 0xd800 && code <= 0xdfff) {
      if (code <= 0xdbff && i + 1 < length) {
        const next = text.charCodeAt(i + 1)
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++ // a valid pair
          continue
        }
      }
      replacement = '\uFFFD'
    } else continue
    out += text.slice(start, i) + replacement
    start = i + 1
  }
  return out + text.slice(start)
}
