import { describe, expect, it } from 'vitest'
import {
  BadRequest,
  createError,
  defineProblemType,
  Forbidden,
  fromParsed,
  InternalServerError,
  isProblemCode,
  NotFound,
  openApiProblems,
  parseProblem,
  planResponse,
  problemDetailsSchema,
  resolveOptions,
  htmlFormat,
  textFormat,
  xmlFormat,
  ServiceUnavailable,
  toHttpError,
  toResponse,
} from '../index'

// Every format, as the Node adapters offer, so that each media type shows the code.
const options = resolveOptions({ traceId: false, formats: [htmlFormat, xmlFormat, textFormat] })

function body(thrown: unknown, accept = 'application/problem+json'): string {
  return planResponse(thrown, { method: 'GET', headers: { accept } }, options).body
}

const OutOfCredit = defineProblemType<{ balance: number }>()({
  type: 'https://example.com/probs/out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
  code: 'E_CREDIT',
})

describe('code on construction', () => {
  it('keeps the code given in init and reads it back as error.code', () => {
    expect(new NotFound('No user 42', { code: 'E_USER' }).code).toBe('E_USER')
    expect(new NotFound({ code: 'users:missing.v2' }).code).toBe('users:missing.v2')
    expect(NotFound.expected('No user 42', { code: 'E_USER' }).code).toBe('E_USER')
  })

  it('has no code unless one is given', () => {
    expect(new NotFound('No user 42').code).toBeUndefined()
    expect(Object.keys(new NotFound('x'))).not.toContain('code')
  })

  it.each([['has space'], [''], ['-leading-dash'], ['é'], ['a'.repeat(65)], [42], [null]])(
    'refuses %j as a code with a TypeError',
    (code) => {
      expect(() => new NotFound('x', { code: code as string })).toThrow(TypeError)
      expect(() => NotFound.expected('x', { code: code as string })).toThrow(TypeError)
    },
  )

  it('accepts a code of exactly 64 characters', () => {
    expect(isProblemCode('a'.repeat(64))).toBe(true)
    expect(new NotFound({ code: 'A'.repeat(64) }).code).toBe('A'.repeat(64))
  })

  it('takes the code from createError props, as http-errors copies props', () => {
    const error = createError(404, 'No user 42', { code: 'E_USER' })
    expect(error.code).toBe('E_USER')
    expect(body(error)).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"No user 42","code":"E_USER"}')
  })

  it('never throws from createError for an invalid code, and never sends one', () => {
    const error = createError(404, 'No user 42', { code: 'not a code' })
    expect(body(error)).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"No user 42"}')
  })
})

describe('code on the wire', () => {
  it('sends the code after instance and before the extensions', () => {
    const error = new BadRequest('Bad age', { code: 'E_AGE', instance: '/r/1', extensions: { field: 'age' } })
    expect(body(error)).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad age","instance":"/r/1","code":"E_AGE","field":"age"}',
    )
  })

  it('sends the code of a 5xx whose detail is hidden, since the developer set it like the type', () => {
    const error = new ServiceUnavailable('db pool exhausted at 10.0.0.5', { code: 'E_MAINTENANCE' })
    expect(body(error)).toBe('{"type":"about:blank","title":"Service Unavailable","status":503,"code":"E_MAINTENANCE"}')
  })

  it('sends extensions.code only when exposed, and the error code wins over it', () => {
    expect(body(new InternalServerError({ extensions: { code: 'E_HIDDEN' } }))).toBe(
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    )
    expect(body(new NotFound({ extensions: { code: 'E_EXT' } }))).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"code":"E_EXT"}',
    )
    expect(body(new NotFound({ code: 'E_OWN', extensions: { code: 'E_EXT' } }))).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"code":"E_OWN"}',
    )
  })

  it('leaves out an extensions.code that is not a valid code, as it would refuse the same value as code', () => {
    for (const code of ['bad code<script>', { a: 1 }, 42, '', 'x'.repeat(65)]) {
      expect(body(new NotFound('d', { extensions: { code, other: 1 } }))).toBe(
        '{"type":"about:blank","title":"Not Found","status":404,"detail":"d","other":1}',
      )
    }
  })

  it('never copies the code of a thrown non-HTTP error such as a Node system error', () => {
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/etc/secret'"), {
      code: 'ENOENT',
      errno: -2,
    })
    const wrapped = toHttpError(enoent)
    expect(wrapped.code).toBeUndefined()
    expect(body(enoent)).toBe('{"type":"about:blank","title":"Internal Server Error","status":500}')
    // Nor of an error with a status that a library threw (`send` gives its 404s code ENOENT).
    const sent = Object.assign(new Error('no such file'), { status: 404, expose: true, code: 'ENOENT' })
    expect(toHttpError(sent).code).toBeUndefined()
    expect(body(sent)).not.toContain('ENOENT')
  })

  it('drops a code that became invalid after construction', () => {
    const error = new NotFound('x', { code: 'E_OK' })
    ;(error as { code: unknown }).code = 'line\r\nbreak'
    expect(body(error)).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"x"}')
  })

  it.each([
    ['application/problem+xml', '<code>E_USER</code>'],
    ['text/plain', 'code: "E_USER"\n'],
    ['text/html', '&quot;code&quot;: &quot;E_USER&quot;'],
  ])('shows the code in %s', (accept, fragment) => {
    expect(body(new NotFound('No user 42', { code: 'E_USER' }), accept)).toContain(fragment)
  })
})

describe('code of a problem type', () => {
  it('is the default for its errors, and an occurrence can override it', () => {
    expect(OutOfCredit.code).toBe('E_CREDIT')
    expect(new OutOfCredit({ balance: 3 }).code).toBe('E_CREDIT')
    expect(new OutOfCredit({ balance: 3 }, { code: 'E_CREDIT_CARD' }).code).toBe('E_CREDIT_CARD')
    expect(body(new OutOfCredit({ balance: 3 }))).toBe(
      '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"code":"E_CREDIT","balance":3}',
    )
  })

  it('refuses an invalid code in the definition', () => {
    expect(() => defineProblemType()({ type: 'https://x.test/p', title: 'P', status: 400, code: 'no way' })).toThrow(TypeError)
  })

  it('is described in the OpenAPI schema, with the type code as an example', () => {
    expect(problemDetailsSchema()).toMatchObject({ properties: { code: { type: 'string' } } })
    const problems = openApiProblems([404, OutOfCredit])
    const schema = problems.components.schemas.OutOfCreditProblem as { allOf: [unknown, { properties: Record<string, unknown> }] }
    expect(schema.allOf[1].properties.code).toEqual({ type: 'string', examples: ['E_CREDIT'] })
    const notFound = problems.components.schemas.NotFoundProblem as { allOf: [unknown, { properties: Record<string, unknown> }] }
    expect(notFound.allOf[1].properties).not.toHaveProperty('code')
    const example = (problems.components.responses.OutOfCredit as { content: Record<string, { examples: Record<string, { value: unknown }> }> })
      .content['application/problem+json']?.examples.OutOfCredit?.value
    expect(example).toEqual({
      type: 'https://example.com/probs/out-of-credit',
      title: 'You do not have enough credit.',
      status: 403,
      code: 'E_CREDIT',
    })
  })
})

describe('code read back by a client', () => {
  const request = new Request('http://x.test/a', { headers: { accept: 'application/problem+json' } })

  it('rebuilds error.code from the code member, which stays among the extensions for older clients', async () => {
    const parsed = await parseProblem(toResponse(new NotFound('No user 42', { code: 'E_USER', extensions: { id: 42 } }), request))
    expect(parsed.code).toBe('E_USER')
    expect(parsed.extensions).toEqual({ code: 'E_USER', id: 42 })
  })

  it('rebuilds a problem type with the code it was sent with', async () => {
    const response = toResponse(new OutOfCredit({ balance: 3 }, { code: 'E_CREDIT_CARD' }), request)
    const parsed = await parseProblem(response, { types: [OutOfCredit] })
    expect(parsed).toBeInstanceOf(OutOfCredit)
    expect(parsed.code).toBe('E_CREDIT_CARD')
    expect(parsed.extensions).toEqual({ code: 'E_CREDIT_CARD', balance: 3 })
  })

  it('keeps a malformed code member as an extension, without throwing', () => {
    const error = fromParsed({
      status: 403,
      type: 'about:blank',
      title: undefined,
      detail: undefined,
      instance: undefined,
      extensions: { code: 'has spaces' },
      headers: {},
    })
    expect(error).toBeInstanceOf(Forbidden)
    expect(error.code).toBeUndefined()
    expect(error.extensions).toEqual({ code: 'has spaces' })
  })
})
