// Reading what went over a real socket, for the per-framework suites: raw body bytes through supertest, the headers
// minus the transport's own, and a bare http.get that reports a cut-off response instead of failing on it.
import http, { type IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import type { Response as WireResponse } from 'supertest'
import type { ExistingHeaders, ResponsePlan } from '@http-problem/core'

/** Headers the HTTP layer adds on its own; everything else on the wire must come from the plan or from earlier. */
export const TRANSPORT_HEADERS: ReadonlySet<string> = new Set(['date', 'connection', 'keep-alive'])

/** What Chromium sends when it navigates to a page. */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'

/**
 * A supertest parser that collects the body as raw bytes, whatever the media type, so bodies are compared byte for
 * byte: `request(app).get(path).buffer(true).parse(collect)`.
 */
export function collect(res: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = []
  const stream = res as Readable
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.on('error', (error: Error) => done(error, Buffer.alloc(0)))
  stream.on('end', () => done(null, Buffer.concat(chunks)))
}

/** Node's own response under supertest's, for the reason phrase and the raw header order (its types leave it out). */
export function messageOf(res: WireResponse): http.IncomingMessage {
  return (res as unknown as { res: http.IncomingMessage }).res
}

/** The body `collect` read; superagent skips the parser for HEAD and leaves no Buffer, which reads as empty. */
export function bodyOf(res: WireResponse): Buffer {
  return Buffer.isBuffer(res.body) ? res.body : Buffer.alloc(0)
}

/** Headers as one string each (repeated ones joined with ", "), without the transport's own. */
export function wireHeaders(headers: IncomingHttpHeaders | Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!TRANSPORT_HEADERS.has(name) && value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return out
}

/** The headers the response must carry: earlier ones minus the plan's removals, then the plan's own (docs/headers.md). */
export function expectedHeaders(plan: ResponsePlan, before: ExistingHeaders = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(before)) {
    if (value !== undefined && !plan.remove.includes(name)) out[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return { ...out, ...plan.headers }
}

/** What a raw HTTP client saw: a response (maybe cut off) or a connection error before any response. */
export type Outcome =
  | { readonly kind: 'response'; readonly status: number; readonly body: string; readonly complete: boolean }
  | { readonly kind: 'error'; readonly code: string | undefined }

/** A GET on a connection of its own, read to the end or to the point where it was cut off. */
export function get(url: string): Promise<Outcome> {
  return new Promise((resolve) => {
    // agent: false, so every request opens its own connection and a destroyed socket is never reused.
    const req = http.get(url, { agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('error', () => {}) // an aborted body also ends in 'close', where the outcome is read
      res.on('close', () => resolve({ kind: 'response', status: res.statusCode ?? 0, body, complete: res.complete }))
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code }))
  })
}

/** A whole response as Node's client received it: status, headers and body bytes. */
export interface Received {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: Buffer
}

/**
 * A GET (or `method`) to 127.0.0.1:`port` on a connection of its own, with `headers`, read to the end; fails on no
 * answer within 5 s.
 */
export function getWhole(port: number, path: string, headers: http.OutgoingHttpHeaders = {}, method = 'GET'): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent: false, headers, method }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${method} ${path}`)))
    req.on('error', reject)
    req.end()
  })
}
