import { describe, expect, it } from 'vitest'
import {
  HttpError,
  MethodNotAllowed,
  NotFound,
  Unauthorized,
  UnprocessableContent,
  createError,
  fromParsed,
  parseProblem,
  resolveOptions,
  htmlFormat,
  textFormat,
  xmlFormat,
  statuses,
  toResponse,
  type ProblemTypeClass,
} from '../index'

/** What the Node adapters offer: every format, so that these tests see HTML, XML and plain text too. */
const EVERY_FORMAT = { formats: [htmlFormat, xmlFormat, textFormat] }

const exposeAll = resolveOptions({ expose: () => true, traceId: false }, EVERY_FORMAT)

function responseFor(error: unknown, accept = 'application/problem+json'): Response {
  return toResponse(error, new Request('http://x.test/a', { headers: { accept } }), exposeAll)
}

describe('parseProblem', () => {
  it.each(statuses.filter((row) => 'className' in row))('gives back an equal $code error from problem+json', async ({ code }) => {
    const original = createError(code, `detail of ${code}`)
    const parsed = await parseProblem(responseFor(original))
    expect(parsed.constructor).toBe(original.constructor)
    expect(parsed).toBeInstanceOf(HttpError)
    expect({ status: parsed.status, type: parsed.type, title: parsed.title, detail: parsed.detail }).toEqual({
      status: original.status,
      type: original.type,
      title: original.title,
      detail: original.detail,
    })
  })

  it('keeps type, instance and extensions, and the headers the status demands', async () => {
    const original = new UnprocessableContent('Bad input', {
      type: 'https://example.com/probs/validation',
      title: 'Your request is not valid.',
      instance: '/people/1',
      extensions: { errors: [{ detail: 'must be positive', pointer: '#/age' }], count: 1 },
    })
    const parsed = await parseProblem(responseFor(original))
    expect(parsed.type).toBe('https://example.com/probs/validation')
    expect(parsed.title).toBe('Your request is not valid.')
    expect(parsed.instance).toBe('/people/1')
    expect(parsed.extensions).toEqual({ errors: [{ detail: 'must be positive', pointer: '#/age' }], count: 1 })
    const challenge = await parseProblem(responseFor(new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api' } } })))
    expect(challenge.headers).toEqual({ 'www-authenticate': 'Bearer realm="api"' })
    const allow = await parseProblem(responseFor(new MethodNotAllowed({ allow: ['GET'] })))
    expect(allow.headers).toEqual({ allow: 'GET' })
  })

  it('reads problem+xml, with status as a number and extensions as text', async () => {
    const original = new NotFound('No user 42', { instance: '/users/42', extensions: { ids: [1, 2], owner: { name: 'Ada' } } })
    const parsed = await parseProblem(responseFor(original, 'application/problem+xml'))
    expect(parsed.status).toBe(404)
    expect(parsed.detail).toBe('No user 42')
    expect(parsed.instance).toBe('/users/42')
    // RFC 9457 Appendix B: XML cannot tell numbers from text.
    expect(parsed.extensions).toEqual({ ids: ['1', '2'], owner: { name: 'Ada' } })
  })

  it('ignores members whose type is wrong (RFC 9457 §3.1)', async () => {
    const body = JSON.stringify({ type: 42, title: ['x'], status: '404', detail: { a: 1 }, instance: null, extra: true })
    const parsed = await parseProblem(new Response(body, { status: 404, headers: { 'content-type': 'application/problem+json' } }))
    expect(parsed.type).toBe('about:blank')
    expect(parsed.title).toBe('Not Found')
    expect(parsed.status).toBe(404)
    expect(parsed.detail).toBeUndefined()
    expect(parsed.instance).toBeUndefined()
    expect(parsed.extensions).toEqual({ extra: true })
  })

  it('uses the response status, not the advisory status member', async () => {
    const body = JSON.stringify({ status: 500, title: 'Gone' })
    const parsed = await parseProblem(new Response(body, { status: 410, headers: { 'content-type': 'application/problem+json' } }))
    expect(parsed.status).toBe(410)
  })

  it.each([
    ['an HTML page', 'text/html', '<h1>Oops</h1>'],
    ['plain text', 'text/plain', 'Oops'],
    ['broken JSON', 'application/problem+json', '{"title":'],
    ['a JSON array', 'application/json', '[1,2]'],
    ['broken XML', 'application/problem+xml', '<problem xmlns="urn:ietf:rfc:7807"><title>x</problem>'],
    ['XML in another namespace', 'application/problem+xml', '<problem xmlns="urn:other"><title>x</title></problem>'],
  ])('gives the bare status error for %s', async (_, type, body) => {
    const parsed = await parseProblem(new Response(body, { status: 502, headers: { 'content-type': type } }))
    expect(parsed.status).toBe(502)
    expect(parsed.title).toBe('Bad Gateway')
    expect(parsed.detail).toBeUndefined()
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'reads no body for a response whose Content-Type is %s',
    async (type) => {
      const parsed = await parseProblem(new Response('{"detail":"x","balance":1}', { status: 400, headers: { 'content-type': type } }))
      expect([parsed.status, parsed.detail, parsed.extensions]).toEqual([400, undefined, undefined])
    },
  )

  it('does not read past maxBytes', async () => {
    const body = JSON.stringify({ detail: 'x'.repeat(100_000) })
    const declared = new Response(body, { status: 400, headers: { 'content-type': 'application/problem+json' } })
    expect((await parseProblem(declared, { maxBytes: 1024 })).detail).toBeUndefined()
    const streamed = new Response(
      new ReadableStream({
        start(controller) {
          for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"detail":"' : 'x'.repeat(1000)))
          controller.close()
        },
      }),
      { status: 400, headers: { 'content-type': 'application/problem+json' } },
    )
    expect((await parseProblem(streamed, { maxBytes: 1024 })).detail).toBeUndefined()
  })

  it('keeps an unregistered status on the x00 class', async () => {
    const parsed = await parseProblem(new Response(null, { status: 499 }))
    expect(parsed.status).toBe(499)
    expect(parsed.title).toBe('Bad Request')
  })

  it('refuses a response that is not an error', async () => {
    await expect(parseProblem(new Response('ok', { status: 200 }))).rejects.toThrow(TypeError)
  })

  it('rebuilds your own problem types by type URI', async () => {
    class OutOfCredit extends HttpError<403> {
      static readonly type = 'https://example.com/probs/out-of-credit'
      constructor(readonly balance: number) {
        super(403, `Your balance is ${balance}`, { type: OutOfCredit.type, title: 'You do not have enough credit.', extensions: { balance } })
      }
      static fromProblem(problem: Parameters<ProblemTypeClass['fromProblem']>[0]): HttpError {
        const balance = problem.extensions.balance
        return typeof balance === 'number' ? new OutOfCredit(balance) : fromParsed(problem)
      }
    }
    const parsed = await parseProblem(responseFor(new OutOfCredit(30)), { types: [OutOfCredit] })
    expect(parsed).toBeInstanceOf(OutOfCredit)
    expect((parsed as OutOfCredit).balance).toBe(30)
  })
})
