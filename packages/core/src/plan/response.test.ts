import { describe, it, expect } from 'vitest'
import {
  InternalServerError,
  MethodNotAllowed,
  NotFound,
  planResponse,
  resolveOptions,
  htmlFormat,
  textFormat,
  xmlFormat,
  toResponse,
  type RequestView,
} from '../index'

/** What the Node adapters offer: every format, so that these tests see HTML, XML and plain text too. */
const EVERY_FORMAT = { formats: [htmlFormat, xmlFormat, textFormat] }

const CHROME_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,' +
  'application/signed-exchange;v=b3;q=0.7'

/** The plan that toResponse should be writing for this fetch request. */
function planFor(thrown: unknown, request: Request, options = resolveOptions({}, EVERY_FORMAT)): ReturnType<typeof planResponse> {
  const view: RequestView = { method: request.method, path: new URL(request.url).pathname, headers: request.headers }
  return planResponse(thrown, view, options)
}

function headerEntries(headers: Readonly<Record<string, string>>): Array<[string, string]> {
  // Headers iterates in lexicographic order of the lower-case names.
  return Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The entries of a fetch Headers object (the DOM lib here has no iterable Headers). */
function entriesOf(headers: Headers): Array<[string, string]> {
  const entries: Array<[string, string]> = []
  headers.forEach((value, name) => {
    entries.push([name, value])
  })
  return entries
}

describe('toResponse', () => {
  it.each([
    ['no Accept header', {}],
    ['Accept: application/json', { accept: 'application/json' }],
    ['Accept: application/problem+xml', { accept: 'application/problem+xml' }],
    ['a browser Accept header', { accept: CHROME_ACCEPT }],
    ['Accept: text/plain', { accept: 'text/plain' }],
    ['Accept-Language: zh-CN', { 'accept-language': 'zh-CN' }],
  ])('builds a Response with the status, headers and body of the plan for %s', async (_, headers) => {
    const error = new NotFound('No user 42 😀')
    const request = new Request('https://api.example/users/42', { headers })
    const plan = planFor(error, request)
    const res = toResponse(error, request, resolveOptions({}, EVERY_FORMAT))
    expect(res.status).toBe(plan.status)
    expect(entriesOf(res.headers)).toEqual(headerEntries(plan.headers))
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(bytes).toEqual(new TextEncoder().encode(plan.body))
    expect(bytes.length).toBe(Number(plan.headers['content-length']))
  })

  it('sends the exact problem+json bytes of a 404 by default', async () => {
    const res = toResponse(new NotFound('No user 42'), new Request('https://api.example/users/42'))
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('content-length')).toBe('77')
    expect(await res.text()).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"No user 42"}')
  })

  it('gives the text of the plan body', async () => {
    const request = new Request('https://api.example/x', { headers: { accept: 'text/plain' } })
    const options = resolveOptions({}, EVERY_FORMAT)
    const res = toResponse(new InternalServerError('secret'), request, options)
    expect(await res.text()).toBe(planFor(new InternalServerError('secret'), request).body)
    expect(await toResponse(new InternalServerError('secret'), request, options).text()).toBe('500 Internal Server Error\n')
  })

  it('sends a null body for HEAD, with the headers of GET including Content-Length', async () => {
    const error = new NotFound('No user 42')
    const head = toResponse(error, new Request('https://api.example/users/42', { method: 'HEAD' }))
    const get = toResponse(error, new Request('https://api.example/users/42'))
    expect(head.status).toBe(404)
    expect(head.body).toBeNull()
    expect(entriesOf(head.headers)).toEqual(entriesOf(get.headers))
    expect(head.headers.get('content-length')).toBe('77')
    expect(await head.text()).toBe('')
  })

  it('keeps the headers of the error, such as Allow on a 405', () => {
    const res = toResponse(new MethodNotAllowed({ allow: ['GET', 'HEAD'] }), new Request('https://api.example/x', { method: 'POST' }))
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD')
  })

  it('fills instance from the URL path without the query string when asked to', async () => {
    const options = resolveOptions({ instanceFromPath: true }, EVERY_FORMAT)
    const res = toResponse(new NotFound(), new Request('https://api.example/users/42?token=secret#x'), options)
    expect(await res.text()).toBe('{"type":"about:blank","title":"Not Found","status":404,"instance":"/users/42"}')
  })

  it('reads traceparent from the fetch Headers', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    const res = toResponse(new NotFound(), new Request('https://api.example/x', { headers: { traceparent } }))
    expect(await res.text()).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}',
    )
  })

  it('uses the options it is given', async () => {
    const options = resolveOptions({ mediaTypes: ['text/plain'], cacheControl: false }, EVERY_FORMAT)
    const res = toResponse(new NotFound(), new Request('https://api.example/x'), options)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.headers.has('cache-control')).toBe(false)
    expect(await res.text()).toBe('404 Not Found\n')
  })

  it('answers anything thrown, even a Proxy with throwing traps, with a 500', async () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap') }, ownKeys: () => { throw new Error('trap') } })
    const res = toResponse(hostile, new Request('https://api.example/x'))
    expect(res.status).toBe(500)
    expect(await res.text()).toBe('{"type":"about:blank","title":"Internal Server Error","status":500}')
  })
})
