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

/**
 * Header names with a meaning of their own in HTTP, which a request id must never take: credentials and cookies (an
 * incoming value would be echoed into the body and the logs), challenges, redirects, the methods and retry hints of
 * an error, caching, security policies, tracing and forwarding headers, and whole families by prefix. A request id
 * read from `authorization` would put a bearer token into `traceId`; one sent back in `www-authenticate` would
 * replace the challenge of a 401.
 */
export const MEANINGFUL_HEADERS = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'www-authenticate',
  'authentication-info',
  'location',
  'refresh',
  'allow',
  'retry-after',
  'cache-control',
  'expires',
  'pragma',
  'age',
  'etag',
  'last-modified',
  'date',
  'server',
  'host',
  'link',
  'origin',
  'referer',
  'referrer-policy',
  'strict-transport-security',
  'x-frame-options',
  'permissions-policy',
  'traceparent',
  'tracestate',
  'baggage',
  'forwarded',
  'via',
  'accept',
  'accept-ranges',
  'expect',
  'range',
  'user-agent',
  'alt-svc',
  'clear-site-data',
])

/** Prefixes of header families with meanings of their own (see MEANINGFUL_HEADERS). */
export const MEANINGFUL_PREFIXES = ['access-control-', 'content-', 'proxy-', 'sec-', 'if-', 'accept-', 'x-forwarded-', 'cross-origin-']
