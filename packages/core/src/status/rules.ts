import type { TableCode } from './table'
import type { StatusRow } from './types'

/** The columns of a registry row that say what the specifications require of a status. */
export type StatusRules = Pick<StatusRow, 'rfc' | 'section' | 'body' | 'cache' | 'headers' | 'flags'>

/**
 * The status registry's rules, keyed by code: the defining document and section, what content and caching the
 * status allows, the headers it requires or recommends, and its standing in the IANA registry. Read through
 * `statuses` and `getStatus`; nothing on the error or rendering path imports it.
 */
export const statusRules = {
  // 1xx Informational: interim responses, never any content (RFC 9110 §15.2, §6.4.1).
  100: { rfc: 'RFC 9110', section: '15.2.1', body: 'none', cache: 'default', headers: [] },
  101: { rfc: 'RFC 9110', section: '15.2.2', body: 'none', cache: 'default',
    headers: [{ name: 'Upgrade', level: 'must' }] },
  // The IANA entry still points to RFC 2518; RFC 4918, which obsoletes it, dropped 102.
  102: { rfc: 'RFC 2518', section: '10.1', body: 'none', cache: 'default', flags: ['webdav'], headers: [] },
  103: { rfc: 'RFC 8297', section: '2', body: 'none', cache: 'default', flags: ['experimental'],
    headers: [{ name: 'Link', level: 'may', when: 'to hint at links of the final response, e.g. rel=preload' }] },
  // Temporary registration; the draft registers the code for the whole document, not one section, and the
  // interim response exists to hand over the upload resource's Location.
  104: { rfc: 'draft-ietf-httpbis-resumable-upload', section: '', body: 'none', cache: 'default', flags: ['temporary'],
    headers: [{ name: 'Location', level: 'must' }] },

  // 2xx Successful
  200: { rfc: 'RFC 9110', section: '15.3.1', body: 'allowed', cache: 'heuristic',
    headers: [
      { name: 'ETag', level: 'should', when: 'if available, in a response to GET or HEAD' },
      { name: 'Last-Modified', level: 'should', when: 'if available, in a response to GET or HEAD' },
    ],
  },
  201: { rfc: 'RFC 9110', section: '15.3.2', body: 'allowed', cache: 'default',
    headers: [{ name: 'Location', level: 'may', when: 'if the new resource is not the target URI' }] },
  202: { rfc: 'RFC 9110', section: '15.3.3', body: 'allowed', cache: 'default', headers: [] },
  203: { rfc: 'RFC 9110', section: '15.3.4', body: 'allowed', cache: 'heuristic', headers: [] },
  204: { rfc: 'RFC 9110', section: '15.3.5', body: 'none', cache: 'heuristic', headers: [] },
  // RFC 9110 §15.3.6: a server MUST NOT generate content for 205, but still frames it (e.g. Content-Length: 0).
  205: { rfc: 'RFC 9110', section: '15.3.6', body: 'empty', cache: 'default', headers: [] },
  206: { rfc: 'RFC 9110', section: '15.3.7', body: 'allowed', cache: 'heuristic',
    headers: [
      { name: 'Content-Range', level: 'must', when: 'if a single part is sent' },
      { name: 'Content-Type', level: 'must', when: 'if several parts are sent: multipart/byteranges' },
      { name: 'Date', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'Cache-Control', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'ETag', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'Expires', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'Content-Location', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'Vary', level: 'must', when: 'if a 200 would have sent it' },
    ],
  },
  207: { rfc: 'RFC 4918', section: '11.1', body: 'allowed', cache: 'default', flags: ['webdav'], headers: [] },
  208: { rfc: 'RFC 5842', section: '7.1', body: 'allowed', cache: 'default', flags: ['webdav'], headers: [] },
  // RFC 3229 §10.4.1 says a 226 MAY be stored by a cache, which is no heuristic freshness, so it stays 'default'.
  226: { rfc: 'RFC 3229', section: '10.4.1', body: 'allowed', cache: 'default',
    headers: [{ name: 'ETag', level: 'must' }] },

  // 3xx Redirection: Location names the target (RFC 9110 §10.2.2).
  300: { rfc: 'RFC 9110', section: '15.4.1', body: 'allowed', cache: 'heuristic',
    headers: [{ name: 'Location', level: 'should', when: 'if the server has a preferred choice' }] },
  301: { rfc: 'RFC 9110', section: '15.4.2', body: 'allowed', cache: 'heuristic',
    headers: [{ name: 'Location', level: 'should' }] },
  302: { rfc: 'RFC 9110', section: '15.4.3', body: 'allowed', cache: 'default',
    headers: [{ name: 'Location', level: 'should' }] },
  // RFC 9110 §15.4.4 assumes Location without a MUST; 'should' is the closest level we have.
  303: { rfc: 'RFC 9110', section: '15.4.4', body: 'allowed', cache: 'default',
    headers: [{ name: 'Location', level: 'should' }] },
  304: { rfc: 'RFC 9110', section: '15.4.5', body: 'none', cache: 'default',
    headers: [
      { name: 'Content-Location', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'Date', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'ETag', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'Vary', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'Cache-Control', level: 'must', when: 'if a 200 would have sent it' },
      { name: 'Expires', level: 'must', when: 'if a 200 would have sent it' },
    ],
  },
  305: { rfc: 'RFC 9110', section: '15.4.6', body: 'allowed', cache: 'default', flags: ['deprecated'], headers: [] },
  306: { rfc: 'RFC 9110', section: '15.4.7', body: 'allowed', cache: 'default', flags: ['reserved'], headers: [] },
  307: { rfc: 'RFC 9110', section: '15.4.8', body: 'allowed', cache: 'default',
    headers: [{ name: 'Location', level: 'should' }] },
  308: { rfc: 'RFC 9110', section: '15.4.9', body: 'allowed', cache: 'heuristic',
    headers: [{ name: 'Location', level: 'should' }] },

  // 4xx Client Error
  400: { rfc: 'RFC 9110', section: '15.5.1', body: 'allowed', cache: 'default', headers: [] },
  401: { rfc: 'RFC 9110', section: '15.5.2', body: 'allowed', cache: 'default',
    headers: [{ name: 'WWW-Authenticate', level: 'must' }] },
  402: { rfc: 'RFC 9110', section: '15.5.3', body: 'allowed', cache: 'default', headers: [] },
  403: { rfc: 'RFC 9110', section: '15.5.4', body: 'allowed', cache: 'default', headers: [] },
  404: { rfc: 'RFC 9110', section: '15.5.5', body: 'allowed', cache: 'heuristic', headers: [] },
  405: { rfc: 'RFC 9110', section: '15.5.6', body: 'allowed', cache: 'heuristic',
    headers: [{ name: 'Allow', level: 'must' }] },
  406: { rfc: 'RFC 9110', section: '15.5.7', body: 'allowed', cache: 'default', headers: [] },
  407: { rfc: 'RFC 9110', section: '15.5.8', body: 'allowed', cache: 'default',
    headers: [{ name: 'Proxy-Authenticate', level: 'must' }] },
  408: { rfc: 'RFC 9110', section: '15.5.9', body: 'allowed', cache: 'default', headers: [] },
  409: { rfc: 'RFC 9110', section: '15.5.10', body: 'allowed', cache: 'default', headers: [] },
  410: { rfc: 'RFC 9110', section: '15.5.11', body: 'allowed', cache: 'heuristic', headers: [] },
  411: { rfc: 'RFC 9110', section: '15.5.12', body: 'allowed', cache: 'default', headers: [] },
  412: { rfc: 'RFC 9110', section: '15.5.13', body: 'allowed', cache: 'default', headers: [] },
  413: { rfc: 'RFC 9110', section: '15.5.14', body: 'allowed', cache: 'default',
    headers: [{ name: 'Retry-After', level: 'should', when: 'if the condition is temporary' }] },
  414: { rfc: 'RFC 9110', section: '15.5.15', body: 'allowed', cache: 'heuristic', headers: [] },
  // RFC 9110 §12.5.3: a 415 for any reason other than the content coding MUST NOT carry Accept-Encoding.
  415: { rfc: 'RFC 9110', section: '15.5.16', body: 'allowed', cache: 'default',
    headers: [
      { name: 'Accept-Encoding', level: 'should', when: 'if the content coding was the problem' },
      { name: 'Accept', level: 'may', when: 'if the media type was the problem' },
      { name: 'Accept-Patch', level: 'should', when: 'if the request was PATCH (RFC 5789 §2.2)' },
    ],
  },
  416: { rfc: 'RFC 9110', section: '15.5.17', body: 'allowed', cache: 'default',
    headers: [
      { name: 'Content-Range', level: 'should', when: 'for a byte-range request, as bytes */<complete-length>' },
    ],
  },
  417: { rfc: 'RFC 9110', section: '15.5.18', body: 'allowed', cache: 'default', headers: [] },
  418: { rfc: 'RFC 9110', section: '15.5.19', body: 'allowed', cache: 'default', flags: ['reserved'], headers: [] },
  // RFC 9110 Appendix B.3 removed the heuristic cacheability RFC 7540 gave 421: it is about the connection.
  421: { rfc: 'RFC 9110', section: '15.5.20', body: 'allowed', cache: 'default', headers: [] },
  422: { rfc: 'RFC 9110', section: '15.5.21', body: 'allowed', cache: 'default', headers: [] },
  423: { rfc: 'RFC 4918', section: '11.3', body: 'allowed', cache: 'default', flags: ['webdav'], headers: [] },
  424: { rfc: 'RFC 4918', section: '11.4', body: 'allowed', cache: 'default', flags: ['webdav'], headers: [] },
  // RFC 8470 §5.2: "not cacheable by default", which is what 'default' means here.
  425: { rfc: 'RFC 8470', section: '5.2', body: 'allowed', cache: 'default', headers: [] },
  // The Upgrade MUST can only be honoured over HTTP/1.1: HTTP/2 and HTTP/3 forbid the field (RFC 9113 §8.2.2).
  426: { rfc: 'RFC 9110', section: '15.5.22', body: 'allowed', cache: 'default',
    headers: [{ name: 'Upgrade', level: 'must' }] },
  // RFC 6585 §§3-6: caches MUST NOT store 428, 429, 431 and 511.
  428: { rfc: 'RFC 6585', section: '3', body: 'allowed', cache: 'no-store', headers: [] },
  429: { rfc: 'RFC 6585', section: '4', body: 'allowed', cache: 'no-store',
    headers: [{ name: 'Retry-After', level: 'may' }] },
  431: { rfc: 'RFC 6585', section: '5', body: 'allowed', cache: 'no-store', headers: [] },
  // RFC 7725 §3: "cacheable by default", the older name for heuristically cacheable (RFC 9111 §4.2.2).
  451: { rfc: 'RFC 7725', section: '3', body: 'allowed', cache: 'heuristic',
    headers: [{ name: 'Link', level: 'should', when: 'with rel="blocked-by", naming the entity doing the blocking' }] },

  // 5xx Server Error
  500: { rfc: 'RFC 9110', section: '15.6.1', body: 'allowed', cache: 'default', headers: [] },
  501: { rfc: 'RFC 9110', section: '15.6.2', body: 'allowed', cache: 'heuristic', headers: [] },
  502: { rfc: 'RFC 9110', section: '15.6.3', body: 'allowed', cache: 'default', headers: [] },
  503: { rfc: 'RFC 9110', section: '15.6.4', body: 'allowed', cache: 'default',
    headers: [{ name: 'Retry-After', level: 'may' }] },
  504: { rfc: 'RFC 9110', section: '15.6.5', body: 'allowed', cache: 'default', headers: [] },
  505: { rfc: 'RFC 9110', section: '15.6.6', body: 'allowed', cache: 'default', headers: [] },
  506: { rfc: 'RFC 2295', section: '8.1', body: 'allowed', cache: 'default', flags: ['experimental'], headers: [] },
  507: { rfc: 'RFC 4918', section: '11.5', body: 'allowed', cache: 'default', flags: ['webdav'], headers: [] },
  508: { rfc: 'RFC 5842', section: '7.2', body: 'allowed', cache: 'default', flags: ['webdav'], headers: [] },
  510: { rfc: 'RFC 2774', section: '7', body: 'allowed', cache: 'default', flags: ['historic'], headers: [] },
  511: { rfc: 'RFC 6585', section: '6', body: 'allowed', cache: 'no-store', headers: [] },
} as const satisfies { readonly [C in TableCode]: StatusRules }
