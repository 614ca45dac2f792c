// The header policy of a problem response: which of the error's own headers go out, how Vary is merged with the
// response's, and which headers set earlier must be removed (RFC 9110 §8: they describe a body not being sent).
import { describesBody, readHeaderFields } from '../error/foreign-headers'
import { isToken } from '../error/header-values'
import type { HttpError } from '../error/http-error'
import { read } from '../util/read'
import { CONNECTION_SPECIFIC } from '../options/owned-headers'
import type { ExistingHeaders } from '../negotiate/request'

/** The Content-Security-Policy of a problem in a data format (the HTML format brings its own). */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'"

/**
 * Copies the error's own headers that may go out into `headers`, within a budget.
 */
export function copyErrorHeaders(
  error: HttpError,
  status: number,
  headers: Record<string, string>,
  owned: ReadonlySet<string>,
): void {
  // Headers are checked at construction, but the object is mutable: read it again through the one path every
  // foreign header takes (valid names and values only), then leave out the plan's own and a body's (RFC 9110 §8).
  // Clients refuse header sections over 8-16 KiB (Node's limit is 16 KiB), so an error's own headers share a budget;
  // one that does not fit is left out whole, like an extension member.
  let budget = ERROR_HEADER_BUDGET
  for (const [name, value] of readHeaderFields(read(error, 'headers'))) {
    if (owned.has(name) || describesBody(name, value, status)) continue
    const size = name.length + value.length + 4
    if (size > budget) continue
    budget -= size
    headers[name] = value
  }
}

/** The response's Vary (set earlier) with ours added, each field once; `*` stays `*`. */
export function mergeVary(existing: ExistingHeaders | undefined, ours: string): string {
  const before = existing === undefined ? undefined : readInsensitive(existing, 'vary')
  const text = Array.isArray(before) ? before.join(', ') : typeof before === 'string' ? before : ''
  if (text === '') return ours
  const seen = new Set<string>()
  const merged: string[] = []
  for (const part of `${text}, ${ours}`.split(',')) {
    const name = part.trim()
    if (name === '*') return '*'
    if (!isToken(name) || seen.has(name.toLowerCase())) continue
    seen.add(name.toLowerCase())
    merged.push(name)
  }
  return merged.join(', ')
}

/** Headers set earlier that the problem response must not carry (and does not set itself). */
export function removals(existing: ExistingHeaders | undefined, planned: Readonly<Record<string, string>>, multiplexed: boolean): string[] {
  if (existing === undefined || existing === null) return []
  let names: string[]
  try {
    names = Object.keys(existing)
  } catch {
    return []
  }
  const remove: string[] = []
  for (const name of names) {
    const lower = name.toLowerCase()
    const abandoned = ABANDONED_HEADERS.has(lower) || (multiplexed && CONNECTION_SPECIFIC.includes(lower))
    if (abandoned && !(lower in planned)) remove.push(lower)
  }
  return remove
}

// --- internal ---

/**
 * Representation headers of the response the error abandoned, and framing we set ourselves: they describe a
 * body that is not being sent (RFC 9110 §8), so they must go. Everything else set earlier (CORS, Set-Cookie,
 * rate-limit headers, Vary, which is merged) survives.
 */
const ABANDONED_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-range',
  'content-disposition',
  'content-location',
  'content-digest',
  'repr-digest',
  'digest',
  'etag',
  'last-modified',
  'expires',
  'accept-ranges',
  'transfer-encoding',
  'location',
  'refresh',
  // A Trailer field announces trailers of the abandoned body; ours has none, and Node refuses to send one with
  // Content-Length (ERR_HTTP_TRAILER_INVALID).
  'trailer',
])

/** Bytes an error's own headers may take on the wire, names included. */
const ERROR_HEADER_BUDGET = 8192

/** Reads a header from a record whose key may be in any case (Node's getHeaders() uses lower case). */
function readInsensitive(record: object, lower: string): unknown {
  const direct = read(record, lower)
  if (direct !== undefined) return direct
  try {
    const key = Object.keys(record).find((name) => name.toLowerCase() === lower)
    return key === undefined ? undefined : read(record, key)
  } catch {
    return undefined
  }
}
