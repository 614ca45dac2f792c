// The header names the plan owns, shared by the planner and the option checks (a request-id header is none of them).

/** Headers an error may not set through its own `headers`: framing and the headers the plan owns. */
export const PLAN_OWNED = new Set([
  'content-type',
  'content-length',
  'content-language',
  'transfer-encoding',
  // Framing too: it announces trailers, which the problem body never has (and Node throws on it next to
  // Content-Length, ERR_HTTP_TRAILER_INVALID).
  'trailer',
  'connection',
  'vary',
  'x-content-type-options',
  'content-security-policy',
])

/**
 * RFC 9113 §8.2.2 (HTTP/2) and RFC 9114 §4.2 (HTTP/3): a response with a connection-specific field is malformed,
 * and Node's HTTP/2 layer throws on one. On those versions the plan sets none, an error's own ones are dropped and
 * earlier ones removed. `Upgrade` is among them, so a 426 there carries no `Upgrade` (RFC 9113 §8.6: HTTP/2 has no
 * upgrade mechanism); `TE` is request-only, and `HTTP2-Settings` belongs to the HTTP/1.1 upgrade to h2c (RFC 7540
 * §3.2.1). Node refuses all of them but `Connection` and `TE: trailers`.
 */
export const CONNECTION_SPECIFIC = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'http2-settings',
]

/** What an error may not set through its own `headers` on HTTP/2 and HTTP/3. */
export const PLAN_OWNED_MULTIPLEXED = new Set([...PLAN_OWNED, ...CONNECTION_SPECIFIC])
