import type { StatusRow } from './types'

/** The columns of a registry row that error classes and status lines read. */
export type StatusTableRow = Pick<StatusRow, 'code' | 'phrase' | 'className' | 'aliases'>

/**
 * The first columns of the status registry: every registered or reserved HTTP status code from 100 to 599, sorted
 * by code, with its RFC 9110 / IANA phrase and, for 4xx and 5xx, its error class name. This is the one place they
 * are written down. The rest of a row lives in `rules.ts` and `texts.ts`, keyed by code, and `registry.ts` joins
 * the three into `statuses`: split so that `new NotFound()` bundles these few bytes and not every description.
 */
const otherStatusRows = [
  // 1xx Informational
  { code: 100, phrase: 'Continue' },
  { code: 101, phrase: 'Switching Protocols' },
  { code: 102, phrase: 'Processing' },
  { code: 103, phrase: 'Early Hints' },
  { code: 104, phrase: 'Upload Resumption Supported' },

  // 2xx Successful
  { code: 200, phrase: 'OK' },
  { code: 201, phrase: 'Created' },
  { code: 202, phrase: 'Accepted' },
  { code: 203, phrase: 'Non-Authoritative Information' },
  { code: 204, phrase: 'No Content' },
  { code: 205, phrase: 'Reset Content' },
  { code: 206, phrase: 'Partial Content' },
  { code: 207, phrase: 'Multi-Status' },
  { code: 208, phrase: 'Already Reported' },
  { code: 226, phrase: 'IM Used' },

  // 3xx Redirection
  { code: 300, phrase: 'Multiple Choices' },
  { code: 301, phrase: 'Moved Permanently' },
  { code: 302, phrase: 'Found' },
  { code: 303, phrase: 'See Other' },
  { code: 304, phrase: 'Not Modified' },
  { code: 305, phrase: 'Use Proxy' },
  { code: 306, phrase: '(Unused)' },
  { code: 307, phrase: 'Temporary Redirect' },
  { code: 308, phrase: 'Permanent Redirect' },
] as const satisfies readonly StatusTableRow[]

/** The 4xx and 5xx rows: the only ones an error, a problem or a status line of ours reads. */
export const errorStatusRows = [
  // 4xx Client Error
  { code: 400, phrase: 'Bad Request', className: 'BadRequest' },
  { code: 401, phrase: 'Unauthorized', className: 'Unauthorized' },
  { code: 402, phrase: 'Payment Required', className: 'PaymentRequired' },
  { code: 403, phrase: 'Forbidden', className: 'Forbidden' },
  { code: 404, phrase: 'Not Found', className: 'NotFound' },
  { code: 405, phrase: 'Method Not Allowed', className: 'MethodNotAllowed' },
  { code: 406, phrase: 'Not Acceptable', className: 'NotAcceptable' },
  { code: 407, phrase: 'Proxy Authentication Required', className: 'ProxyAuthenticationRequired' },
  { code: 408, phrase: 'Request Timeout', className: 'RequestTimeout' },
  { code: 409, phrase: 'Conflict', className: 'Conflict' },
  { code: 410, phrase: 'Gone', className: 'Gone' },
  { code: 411, phrase: 'Length Required', className: 'LengthRequired' },
  { code: 412, phrase: 'Precondition Failed', className: 'PreconditionFailed' },
  { code: 413, phrase: 'Content Too Large', className: 'PayloadTooLarge', aliases: ['ContentTooLarge'] },
  { code: 414, phrase: 'URI Too Long', className: 'URITooLong' },
  { code: 415, phrase: 'Unsupported Media Type', className: 'UnsupportedMediaType' },
  { code: 416, phrase: 'Range Not Satisfiable', className: 'RangeNotSatisfiable' },
  { code: 417, phrase: 'Expectation Failed', className: 'ExpectationFailed' },
  // The registry lists 418 as "(Unused)". We keep the deployed name because a problem title of "(Unused)"
  // helps nobody, and Node and http-errors users already know the code by that name.
  { code: 418, phrase: 'I\'m a Teapot', className: 'ImATeapot' },
  { code: 421, phrase: 'Misdirected Request', className: 'MisdirectedRequest' },
  { code: 422, phrase: 'Unprocessable Content', className: 'UnprocessableEntity', aliases: ['UnprocessableContent'] },
  { code: 423, phrase: 'Locked', className: 'Locked' },
  { code: 424, phrase: 'Failed Dependency', className: 'FailedDependency' },
  { code: 425, phrase: 'Too Early', className: 'TooEarly' },
  { code: 426, phrase: 'Upgrade Required', className: 'UpgradeRequired' },
  { code: 428, phrase: 'Precondition Required', className: 'PreconditionRequired' },
  { code: 429, phrase: 'Too Many Requests', className: 'TooManyRequests' },
  { code: 431, phrase: 'Request Header Fields Too Large', className: 'RequestHeaderFieldsTooLarge' },
  { code: 451, phrase: 'Unavailable For Legal Reasons', className: 'UnavailableForLegalReasons' },

  // 5xx Server Error
  { code: 500, phrase: 'Internal Server Error', className: 'InternalServerError' },
  { code: 501, phrase: 'Not Implemented', className: 'NotImplemented' },
  { code: 502, phrase: 'Bad Gateway', className: 'BadGateway' },
  { code: 503, phrase: 'Service Unavailable', className: 'ServiceUnavailable' },
  { code: 504, phrase: 'Gateway Timeout', className: 'GatewayTimeout' },
  { code: 505, phrase: 'HTTP Version Not Supported', className: 'HTTPVersionNotSupported' },
  { code: 506, phrase: 'Variant Also Negotiates', className: 'VariantAlsoNegotiates' },
  { code: 507, phrase: 'Insufficient Storage', className: 'InsufficientStorage' },
  { code: 508, phrase: 'Loop Detected', className: 'LoopDetected' },
  // The registry adds "(OBSOLETED)" since RFC 2774 moved to Historic; we strip the annotation from the phrase.
  { code: 510, phrase: 'Not Extended', className: 'NotExtended' },
  { code: 511, phrase: 'Network Authentication Required', className: 'NetworkAuthenticationRequired' },
] as const satisfies readonly StatusTableRow[]

/** Every row, sorted by code: the 1xx-3xx rows, then the error rows (kept apart so that error bundles skip the others). */
export const statusTable = /* @__PURE__ */ concatRows(otherStatusRows, errorStatusRows)

/** Every code of the registry. */
export type TableCode = (typeof statusTable)[number]['code']

/**
 * Finds the table row of a 4xx or 5xx status code in constant time, or `undefined` for any other code. Internal:
 * the public `getStatus` returns the whole row of any code.
 *
 * @example
 * findErrorRow(404)?.phrase // 'Not Found'
 */
export function findErrorRow(code: number): StatusTableRow | undefined {
  return byCode.get(code)
}

// --- internal ---

const byCode: ReadonlyMap<number, StatusTableRow> = /* @__PURE__ */ new Map(
  /* @__PURE__ */ errorStatusRows.map((row) => [row.code, row]),
)

function concatRows<A extends readonly StatusTableRow[], B extends readonly StatusTableRow[]>(a: A, b: B): readonly [...A, ...B] {
  return [...a, ...b]
}
