/** Request headers as Node gives them (lower-case keys) or as a fetch `Headers` object. */
export type HeaderSource =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | { get(name: string): string | null }

/** Response headers already set before the error, as Node's `res.getHeaders()` returns them. */
export type ExistingHeaders = Readonly<Record<string, string | number | readonly string[] | undefined>>

/** The small view of a request that rendering needs; adapters build it from their framework's request. */
export interface RequestView {
  /** The request method, e.g. `GET`; `HEAD` gets the same headers and no body. */
  readonly method: string
  /** The request path. Anything from `?` or `#` on is ignored, so a query string never reaches the response. */
  readonly path?: string
  /** Request headers: `accept`, `accept-language`, `traceparent` and `x-request-id` are read. */
  readonly headers?: HeaderSource
  /** Response headers set before the error; the plan says which to remove and merges `Vary`. */
  readonly responseHeaders?: ExistingHeaders
  /**
   * The HTTP version the response goes out on: Node's `req.httpVersion` (`'1.1'`, `'2.0'`) or a protocol name such
   * as `'HTTP/3'`. From major version 2 on, the plan carries no connection-specific header (RFC 9113 §8.2.2);
   * absent or unreadable, HTTP/1.1 is assumed.
   */
  readonly httpVersion?: string
}

/**
 * Reads one request header from either shape, joining repeated Node headers with `, ` (RFC 9110 §5.3);
 * never throws.
 *
 * @example
 * readHeader({ accept: 'text/html' }, 'accept') // 'text/html'
 */
export function readHeader(headers: HeaderSource | undefined, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined
  try {
    if (typeof (headers as { get?: unknown }).get === 'function') {
      const value = (headers as { get(name: string): string | null }).get(name)
      return typeof value === 'string' ? value : undefined
    }
    const value = (headers as Readonly<Record<string, unknown>>)[name]
    if (typeof value === 'string') return value
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').join(', ')
  } catch {
    // A hostile header object: treat the header as absent.
  }
  return undefined
}

/**
 * Extracts a request id from W3C `traceparent` (version 00 layout: its 32-hex trace-id, not all zeros) or a
 * conservative request-id header (1-128 of `A-Z a-z 0-9 . _ : -`), `x-request-id` unless named; anything else is
 * ignored.
 *
 * @example
 * traceIdOf({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }) // '4bf92f3577b34da6a3ce929d0e0e4736'
 */
export function traceIdOf(headers: HeaderSource | undefined, requestIdHeader = 'x-request-id'): string | undefined {
  const traceparent = readHeader(headers, 'traceparent')
  if (traceparent !== undefined) {
    // W3C Trace Context §3.2: version "-" trace-id "-" parent-id "-" flags, lower-case hex. Version 00 is exactly
    // that (§3.2.4: no trailing data); only later versions may append fields. All-zero ids are invalid (§3.2.2).
    const match = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(-.*)?$/.exec(traceparent.trim().slice(0, 512))
    const [, version, id, parent, rest] = match ?? []
    const valid = version !== undefined && version !== 'ff' && !(version === '00' && rest !== undefined)
    if (valid && id !== undefined && !/^0+$/.test(id) && !/^0+$/.test(parent ?? '0')) return id
  }
  const requestId = readHeader(headers, requestIdHeader)
  return isRequestId(requestId) ? requestId : undefined
}

/**
 * Whether a value may serve as a request id: 1-128 of `A-Z a-z 0-9 . _ : -`, safe in a header, a log line and a body.
 *
 * @example
 * isRequestId('req-42') // true
 */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value)
}

/**
 * The path part of a request target: cut at `?` or `#`, limited to 1024 characters, and only when it is an
 * absolute path made of URI characters; anything else gives undefined.
 *
 * @example
 * pathOf('/orders/7?token=secret') // '/orders/7'
 */
export function pathOf(target: string | undefined): string | undefined {
  if (typeof target !== 'string') return undefined
  let end = target.length
  const query = target.indexOf('?')
  const hash = target.indexOf('#')
  if (query !== -1) end = query
  if (hash !== -1 && hash < end) end = hash
  const path = target.slice(0, end)
  // RFC 3986 §3.3 path characters (unreserved, pct-encoded, sub-delims, ':', '@', '/'); no '\' or spaces or controls,
  // and no '%' without two hex digits after it (RFC 3986 §2.1), which would make `instance` an invalid URI reference.
  if (path.length === 0 || path.length > 1024 || path[0] !== '/' || path.startsWith('//')) return undefined
  return /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})+$/.test(path) ? path : undefined
}

/**
 * Whether a response on this HTTP version must leave out connection-specific header fields: HTTP/2 (RFC 9113
 * §8.2.2) and HTTP/3 (RFC 9114 §4.2) treat a response carrying one as malformed. Reads Node's `'2.0'` and protocol
 * names such as `'HTTP/3'`; anything else is HTTP/1.x.
 *
 * @example
 * isMultiplexed('2.0') // true
 * isMultiplexed('1.1') // false
 */
export function isMultiplexed(httpVersion: string | undefined): boolean {
  if (typeof httpVersion !== 'string' || httpVersion === '1.1') return false
  const match = /^(?:HTTP\/)?([0-9]+)/i.exec(httpVersion.slice(0, 16))
  return match !== null && Number(match[1]) >= 2
}
