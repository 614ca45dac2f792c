// The golden file format (see README.md beside this file): what a plan puts on the wire, as one text file.
//
//   # remove: etag, last-modified\r\n        only when the plan removes headers; not part of the wire
//   HTTP/1.1 404 Not Found\r\n
//   content-type: application/problem+json\r\n
//   …one line per plan header, in plan order…
//   \r\n
//   <body bytes, verbatim>
import { getStatus, type ResponsePlan } from '@http-problem/core'

/** The parts of a plan that reach the wire, as read back from a golden file. */
export interface WireResponse {
  readonly status: number
  /** The status line's reason phrase (the registry phrase; empty for an unregistered code). */
  readonly phrase: string
  /** Header names to remove before writing, from the `# remove:` line. */
  readonly remove: readonly string[]
  /** Headers in file order, names as written. */
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>
  readonly body: string
}

/** Line break of the head: HTTP/1.1 uses CRLF (RFC 9112 §2.1). */
export const CRLF = '\r\n'

/** Prefix of the one pseudo-line a golden file may hold before the status line. */
export const REMOVE_PREFIX = '# remove: '

/**
 * Formats a plan as a golden file: optional `# remove:` line, status line with the registry phrase, the plan
 * headers in plan order, an empty line, then the body exactly.
 *
 * @example
 * formatWire(planResponse(new NotFound(), { method: 'GET' }, options))
 * // 'HTTP/1.1 404 Not Found\r\ncontent-type: application/problem+json\r\n…\r\n\r\n{"type":"about:blank",…}'
 */
export function formatWire(plan: Pick<ResponsePlan, 'status' | 'headers' | 'remove' | 'body'>): string {
  let head = ''
  if (plan.remove.length > 0) head += REMOVE_PREFIX + plan.remove.join(', ') + CRLF
  head += `HTTP/1.1 ${plan.status} ${getStatus(plan.status)?.phrase ?? ''}`.trimEnd() + CRLF
  for (const [name, value] of Object.entries(plan.headers)) head += `${name}: ${value}${CRLF}`
  return head + CRLF + plan.body
}

/**
 * Reads a golden file back into its parts, for suites that compare a real response with it; throws on a file
 * that does not follow the format.
 *
 * @example
 * const expected = parseWire(readFileSync('test/golden/404-curl.http', 'utf8'))
 * expect(res.status).toBe(expected.status)
 */
export function parseWire(text: string): WireResponse {
  const end = text.indexOf(CRLF + CRLF)
  if (end === -1) throw new Error('golden file has no empty line between head and body')
  const lines = text.slice(0, end).split(CRLF)
  let remove: string[] = []
  if (lines[0]?.startsWith(REMOVE_PREFIX)) {
    remove = (lines.shift() as string).slice(REMOVE_PREFIX.length).split(', ')
  }
  const statusLine = /^HTTP\/1\.1 ([1-5][0-9]{2})(?: (.*))?$/.exec(lines.shift() ?? '')
  if (statusLine === null) throw new Error('golden file does not start with an HTTP/1.1 status line')
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(': ')
    if (colon <= 0) throw new Error(`golden file has a malformed header line ${JSON.stringify(line)}`)
    return [line.slice(0, colon), line.slice(colon + 2)]
  })
  return {
    status: Number(statusLine[1]),
    phrase: statusLine[2] ?? '',
    remove,
    headers,
    body: text.slice(end + 2 * CRLF.length),
  }
}
