/**
 * Checked builders for the header values an error demands. Every value that reaches `HttpError.headers` passes
 * through here, so a CR, LF or NUL can never reach the wire (RFC 9110 §5.5).
 */

import { isTchar } from '../util/char-table'

/** An authentication challenge (RFC 9110 §11.3): a scheme with either a token68 or auth-params, never both. */
export type Challenge =
  | { readonly scheme: string; readonly token68: string; readonly params?: undefined }
  | { readonly scheme: string; readonly params?: Readonly<Record<string, string>>; readonly token68?: undefined }

/** `Retry-After` input: a delay in seconds, or the moment the client may retry. */
export type RetryAfter = number | Date

/**
 * Formats one or more challenges as a `WWW-Authenticate` / `Proxy-Authenticate` value (RFC 9110 §11.6.1),
 * quoting every auth-param value and escaping `"` and `\`; throws a TypeError for anything that cannot be sent.
 *
 * @example
 * formatChallenge({ scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } })
 * // 'Bearer realm="api", error="invalid_token"'
 */
export function formatChallenge(challenge: Challenge | readonly Challenge[]): string {
  const list: readonly Challenge[] = isChallengeList(challenge) ? challenge : [challenge]
  if (list.length === 0) throw new TypeError('A challenge list needs at least one challenge (RFC 9110 §11.6.1)')
  return list.map(formatOne).join(', ')
}

/**
 * Formats `Retry-After` (RFC 9110 §10.2.3): whole seconds, rounded up, or an IMF-fixdate.
 *
 * @example
 * formatRetryAfter(30) // '30'
 * formatRetryAfter(new Date(Date.UTC(2026, 0, 2, 3, 4, 5))) // 'Fri, 02 Jan 2026 03:04:05 GMT'
 */
export function formatRetryAfter(value: RetryAfter): string {
  if (value instanceof Date) {
    const time = value.getTime()
    const year = value.getUTCFullYear()
    if (!Number.isFinite(time) || year < 1 || year > 9999) {
      throw new TypeError('retryAfter must be a valid Date between years 1 and 9999')
    }
    // toUTCString() produces the IMF-fixdate layout (RFC 9110 §5.6.7) for four-digit years.
    return value.toUTCString()
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`retryAfter must be a non-negative number of seconds or a Date, got ${describe(value)}`)
  }
  // delay-seconds = 1*DIGIT: no sign, no fraction.
  return String(Math.ceil(value))
}

/**
 * Throws a TypeError unless `name` is a valid field name and `value` a field value that Node and every HTTP
 * version can carry: no control characters except HTAB, nothing above U+00FF, no leading or trailing whitespace.
 *
 * @example
 * assertHeader('cache-control', 'no-store') // ok
 * assertHeader('x-note', 'a\r\nb')          // throws TypeError
 */
export function assertHeader(name: string, value: string): void {
  if (!isToken(name)) throw new TypeError(`Invalid header name ${JSON.stringify(name)}`)
  const problem = fieldValueProblem(value)
  if (problem !== undefined) throw new TypeError(`Invalid value for header "${name}": ${problem}`)
}

/**
 * Tells whether `value` is an RFC 9110 §5.6.2 token (the grammar of methods, schemes and field names).
 *
 * @example
 * isToken('GET') // true
 * isToken('a b') // false
 */
export function isToken(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (!isTchar(c)) return false
  }
  return true
}

/**
 * Returns why `value` cannot be a field value, or undefined when it can (RFC 9110 §5.5).
 *
 * @example
 * fieldValueProblem('ok') // undefined
 * fieldValueProblem('a\nb') // 'contains a control character (U+000A)'
 */
export function fieldValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, got ${describe(value)}`
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      return `contains a control character (U+${c.toString(16).toUpperCase().padStart(4, '0')})`
    }
    if (c > 0xff) return 'contains a character above U+00FF; encode it (for example RFC 8187) first'
  }
  const first = value.charCodeAt(0)
  const last = value.charCodeAt(value.length - 1)
  if (first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09) return 'has leading or trailing whitespace'
  return undefined
}

/**
 * Joins a list of tokens (methods, encodings, protocols) as a list field value, checking each one.
 *
 * @example
 * formatTokenList('allow', ['GET', 'HEAD']) // 'GET, HEAD'
 */
export function formatTokenList(field: string, values: readonly string[], allowSlash = false): string {
  if (!Array.isArray(values)) throw new TypeError(`${field} must be an array of strings`)
  for (const value of values) {
    const ok = allowSlash && typeof value === 'string' ? value.split('/').every(isToken) : isToken(value)
    if (!ok) throw new TypeError(`${field} has an invalid entry ${describe(value)}: expected an HTTP token`)
  }
  // RFC 9110 §5.6.1: list members are separated by a comma and a single space.
  return values.join(', ')
}

/**
 * Formats a list of media types (`type/subtype`, optionally with parameters) for Accept or Accept-Patch.
 *
 * @example
 * formatMediaTypeList('accept', ['application/json']) // 'application/json'
 */
export function formatMediaTypeList(field: string, values: readonly string[]): string {
  if (!Array.isArray(values) || values.length === 0) throw new TypeError(`${field} must be a non-empty array of media types`)
  for (const value of values) {
    const [essence = '', ...params] = typeof value === 'string' ? value.split(';') : ['']
    const [type, subtype, extra] = essence.trim().split('/')
    const paramsOk = params.every((p) => fieldValueProblem(p.trim()) === undefined && !p.includes(','))
    if (!isToken(type) || !isToken(subtype) || extra !== undefined || !paramsOk) {
      throw new TypeError(`${field} has an invalid media type ${describe(value)}`)
    }
  }
  return values.join(', ')
}

/**
 * Formats a `Link` value with `rel="blocked-by"` for 451 (RFC 7725 §4, RFC 8288 §3).
 *
 * @example
 * formatBlockedBy('https://blocker.example/') // '<https://blocker.example/>; rel="blocked-by"'
 */
export function formatBlockedBy(uri: string): string {
  if (typeof uri !== 'string' || uri.length === 0) throw new TypeError('blockedBy must be a non-empty URI string')
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i)
    // A URI-reference has no spaces, controls, angle brackets, quotes or non-ASCII (RFC 3986 §2).
    if (c <= 0x20 || c >= 0x7f || c === 0x3c || c === 0x3e || c === 0x22) {
      throw new TypeError(`blockedBy is not a URI reference: ${describe(uri)}`)
    }
  }
  return `<${uri}>; rel="blocked-by"`
}

/**
 * Formats `Content-Range: bytes *\/N` for a 416 (RFC 9110 §14.4).
 *
 * @example
 * formatUnsatisfiedRange(1000) // 'bytes *\/1000'
 */
export function formatUnsatisfiedRange(completeLength: number): string {
  if (!Number.isSafeInteger(completeLength) || completeLength < 0) {
    throw new TypeError(`completeLength must be a non-negative integer, got ${describe(completeLength)}`)
  }
  return `bytes */${completeLength}`
}

// --- internal ---


// token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
function isToken68(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false
  let i = 0
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i)
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
    if (!alnum && c !== 0x2d && c !== 0x2e && c !== 0x5f && c !== 0x7e && c !== 0x2b && c !== 0x2f) break
  }
  if (i === 0) return false
  for (; i < value.length; i++) if (value.charCodeAt(i) !== 0x3d) return false
  return true
}

function isChallengeList(value: Challenge | readonly Challenge[]): value is readonly Challenge[] {
  return Array.isArray(value)
}

function formatOne(challenge: Challenge): string {
  if (challenge === null || typeof challenge !== 'object') throw new TypeError('A challenge must be an object')
  const { scheme, token68, params } = challenge
  if (!isToken(scheme)) throw new TypeError(`Invalid auth-scheme ${describe(scheme)}: expected an HTTP token`)
  if (token68 !== undefined) {
    if (params !== undefined) throw new TypeError('A challenge has either token68 or params, not both (RFC 9110 §11.3)')
    if (!isToken68(token68)) throw new TypeError(`Invalid token68 ${describe(token68)}`)
    return `${scheme} ${token68}`
  }
  if (params === undefined) return scheme
  const seen = new Set<string>()
  const parts: string[] = []
  for (const [name, value] of Object.entries(params)) {
    if (!isToken(name)) throw new TypeError(`Invalid auth-param name ${describe(name)}`)
    const key = name.toLowerCase()
    // RFC 9110 §11.2: each parameter name only once per challenge.
    if (seen.has(key)) throw new TypeError(`Duplicate auth-param "${name}" (RFC 9110 §11.2)`)
    seen.add(key)
    parts.push(`${name}=${quote(name, value)}`)
  }
  return parts.length === 0 ? scheme : `${scheme} ${parts.join(', ')}`
}

// RFC 9110 §5.6.4 quoted-string; §11.5: realm MUST be quoted, and quoting every value is always allowed.
function quote(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`auth-param "${name}" must be a string, got ${describe(value)}`)
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || c > 0xff) {
      throw new TypeError(`auth-param "${name}" contains a character a quoted-string cannot carry`)
    }
  }
  return `"${value.replace(/["\\]/g, '\\$&')}"`
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'symbol') return 'a symbol'
  if (value === null) return 'null'
  return typeof value === 'object' || typeof value === 'function' ? `a value of type ${typeof value}` : String(value)
}
