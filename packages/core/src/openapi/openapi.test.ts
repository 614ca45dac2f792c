import { compileErrors, validate } from '@readme/openapi-parser'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import {
  BadRequest,
  defineProblemType,
  DigestMismatchedValues,
  Forbidden,
  HttpError,
  MethodNotAllowed,
  NotFound,
  openApiProblems,
  planResponse,
  problemDetailsSchema,
  resolveOptions,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  validationProblem,
  type JsonObject,
  type OperationError,
} from '../index'

const typeBase = 'https://example.com/probs/'

const OutOfCredit = defineProblemType<{ balance: number; accounts: string[] }>()({
  type: 'out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
  titles: { 'zh-CN': '您的余额不足。' },
  extensionSchema: {
    type: 'object',
    properties: {
      balance: { type: 'number', description: 'The current balance.', examples: [30] },
      accounts: { type: 'array', items: { type: 'string', format: 'uri-reference' }, examples: [['/account/12345']] },
    },
    required: ['balance', 'accounts'],
  },
})

const AccountFrozen = defineProblemType<{ frozenSince?: string }>()({
  type: 'https://example.com/probs/account-frozen',
  title: 'This account is frozen.',
  status: 403,
  extensionSchema: { type: 'object', properties: { frozenSince: { type: 'string', format: 'date-time' } } },
})

/** The errors of GET /accounts/{id}: every status once, and three errors that share 403. */
const accountErrors: readonly OperationError[] = [400, 401, 404, 405, 422, 429, 503, OutOfCredit, 403, AccountFrozen]
/** The errors of POST /uploads: a registered IANA type that shares 400 with Bad Request. */
const uploadErrors: readonly OperationError[] = [400, DigestMismatchedValues, 422, 503]

/** One real occurrence of each error, as the handler would render it. */
const occurrences: ReadonlyMap<OperationError, HttpError> = new Map<OperationError, HttpError>([
  [400, new BadRequest('The body is not JSON.')],
  [401, new Unauthorized('Sign in first.', { challenge: { scheme: 'Bearer', params: { realm: 'api' } } })],
  [403, new Forbidden('Not your account.')],
  [404, new NotFound('No account 42.', { instance: '/accounts/42' })],
  [405, new MethodNotAllowed({ allow: ['GET', 'HEAD'] })],
  [422, validationProblem([{ detail: 'must be a positive integer', pointer: '#/age' }])],
  [429, new TooManyRequests('Slow down.', { retryAfter: 30 })],
  [503, new ServiceUnavailable({ retryAfter: 120 })],
  [OutOfCredit, new OutOfCredit({ balance: 30, accounts: ['/account/12345'] }, { detail: 'That costs 50.' })],
  [AccountFrozen, new AccountFrozen({ frozenSince: '2026-01-01T00:00:00Z' })],
  [
    DigestMismatchedValues,
    new DigestMismatchedValues({
      mismatched_digests: [{ algorithm: 'sha-256', provided_digest: ':RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:', header: 'Repr-Digest' }],
    }),
  ],
])

const DOCUMENT_ID = 'https://example.com/openapi.json'

/** A complete OpenAPI 3.1 document for two operations, their error responses made by openApiProblems(). */
function buildDocument(): JsonObject {
  const account = openApiProblems(accountErrors, { typeBase })
  const upload = openApiProblems(uploadErrors, { typeBase })
  return {
    openapi: '3.1.0',
    info: { title: 'Accounts', version: '1.0.0' },
    paths: {
      '/accounts/{id}': {
        get: {
          operationId: 'getAccount',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The account.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Account' } } },
            },
            ...account.responses,
          },
        },
      },
      '/uploads': {
        post: {
          operationId: 'upload',
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: { '201': { description: 'Stored.' }, ...upload.responses },
        },
      },
    },
    components: {
      schemas: {
        Account: { type: 'object', properties: { id: { type: 'string' }, balance: { type: 'number' } } },
        ...account.components.schemas,
        ...upload.components.schemas,
      },
      responses: { ...account.components.responses, ...upload.components.responses },
    },
  }
}

/** ajv for JSON Schema 2020-12 (OpenAPI 3.1's dialect) that resolves `#/components/...` inside the document. */
function createAjv(document: JsonObject): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  addFormats(ajv)
  // The document is not a schema: its top-level members are only containers that $refs point into.
  for (const keyword of ['openapi', 'info', 'paths', 'components']) ajv.addKeyword(keyword)
  ajv.addSchema({ ...document, $id: DOCUMENT_ID })
  return ajv
}

/** A JSON Pointer into the document, as the fragment of a URI (RFC 6901 §6). */
function pointer(...tokens: string[]): string {
  return `${DOCUMENT_ID}#${tokens.map((token) => `/${encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('')}`
}

function get(document: JsonObject, ...tokens: string[]): JsonObject {
  return tokens.reduce<JsonObject>((node, token) => node[token] as JsonObject, document)
}

/** Where the response of `status` for an operation is, following a $ref to components.responses. */
function responseLocation(document: JsonObject, path: string, method: string, status: string): string[] {
  const response = get(document, 'paths', path, method, 'responses', status)
  const ref = response.$ref
  return typeof ref === 'string' ? ref.slice(2).split('/') : ['paths', path, method, 'responses', status]
}

const document = buildDocument()
const ajv = createAjv(document)

describe('openApiProblems in a complete OpenAPI 3.1 document', () => {
  it('passes @readme/openapi-parser', async () => {
    const result = await validate(structuredClone(document) as never)
    if (!result.valid) throw new Error(compileErrors(result))
    expect(result.valid).toBe(true)
    expect(result.specification).toBe('OpenAPI')
    expect(result.warnings).toEqual([])
  })

  it('is checked for real: the parser rejects a response without its description', async () => {
    const broken = structuredClone(document) as { components: { responses: Record<string, Record<string, unknown>> } }
    delete broken.components.responses.NotFound?.description
    const result = await validate(broken as never)
    expect(result.valid).toBe(false)
  })

  it('adds one components.responses entry per error, named after the class', () => {
    expect(Object.keys(get(document, 'components', 'responses')).sort()).toEqual(
      [
        'BadRequest',
        'Unauthorized',
        'NotFound',
        'MethodNotAllowed',
        'UnprocessableEntity',
        'TooManyRequests',
        'ServiceUnavailable',
        'OutOfCredit',
        'Forbidden',
        'AccountFrozen',
        'DigestMismatchedValues',
      ].sort(),
    )
    expect(get(document, 'components', 'schemas')).toHaveProperty('ProblemDetails', problemDetailsSchema())
    expect(get(document, 'components', 'schemas')).toHaveProperty('OutOfCreditProblem')
  })

  it('refers to the component when one error has the status, and lists all in oneOf when several share it', () => {
    const responses = get(document, 'paths', '/accounts/{id}', 'get', 'responses')
    expect(Object.keys(responses)).toEqual(['200', '400', '401', '403', '404', '405', '422', '429', '503'])
    expect(responses['404']).toEqual({ $ref: '#/components/responses/NotFound' })
    const forbidden = responses['403'] as JsonObject
    expect(forbidden.description).toBe('Forbidden')
    const content = get(forbidden, 'content', 'application/problem+json')
    expect(content.schema).toEqual({
      oneOf: [
        { $ref: '#/components/schemas/OutOfCreditProblem' },
        { $ref: '#/components/schemas/ForbiddenProblem' },
        { $ref: '#/components/schemas/AccountFrozenProblem' },
      ],
    })
    expect(Object.keys(content.examples as JsonObject)).toEqual(['OutOfCredit', 'Forbidden', 'AccountFrozen'])
    const uploads = get(document, 'paths', '/uploads', 'post', 'responses')
    expect(get(uploads, '400', 'content', 'application/problem+json', 'schema')).toEqual({
      oneOf: [{ $ref: '#/components/schemas/BadRequestProblem' }, { $ref: '#/components/schemas/DigestMismatchedValuesProblem' }],
    })
  })

  it('documents the headers each status carries, required where the RFC requires them', () => {
    const responses = get(document, 'components', 'responses')
    expect(get(responses, 'Unauthorized', 'headers')).toEqual({ 'WWW-Authenticate': { required: true, schema: { type: 'string' } } })
    expect(get(responses, 'MethodNotAllowed', 'headers')).toEqual({ Allow: { required: true, schema: { type: 'string' } } })
    expect(get(responses, 'TooManyRequests', 'headers')).toEqual({ 'Retry-After': { required: false, schema: { type: 'string' } } })
    expect(get(responses, 'NotFound')).not.toHaveProperty('headers')
  })

  it('resolves relative types against typeBase and keeps absolute ones', () => {
    const schemas = get(document, 'components', 'schemas')
    const typeOf = (name: string) => get(schemas, name, 'allOf')[1] as JsonObject
    expect(get(typeOf('OutOfCreditProblem'), 'properties', 'type')).toEqual({ const: 'https://example.com/probs/out-of-credit' })
    expect(get(typeOf('AccountFrozenProblem'), 'properties', 'type')).toEqual({ const: 'https://example.com/probs/account-frozen' })
    expect(get(typeOf('DigestMismatchedValuesProblem'), 'properties', 'type')).toEqual({
      const: 'https://iana.org/assignments/http-problem-types#digest-mismatched-values',
    })
    expect(get(typeOf('NotFoundProblem'), 'properties', 'type')).toEqual({ const: 'about:blank' })
    const relative = openApiProblems([OutOfCredit]).components.schemas.OutOfCreditProblem as JsonObject
    expect(get((relative.allOf as JsonObject[])[1] as JsonObject, 'properties', 'type')).toEqual({ const: 'out-of-credit' })
  })

  it("describes a type's extension members and requires its type URI", () => {
    const schema = (get(document, 'components', 'schemas', 'OutOfCreditProblem').allOf as JsonObject[])[1] as JsonObject
    expect(schema.required).toEqual(['type', 'balance', 'accounts'])
    expect(get(schema, 'properties', 'balance')).toEqual({ type: 'number', description: 'The current balance.', examples: [30] })
  })

  it('lists an error given twice once', () => {
    const once = openApiProblems([404, OutOfCredit], { typeBase: 'https://example.com/probs/' })
    expect(openApiProblems([404, OutOfCredit, 404, OutOfCredit], { typeBase: 'https://example.com/probs/' })).toEqual(once)
  })

  it('refuses two different errors of one name, which would share their components', () => {
    const Missing = defineProblemType()({ type: 'https://example.com/probs/not-found', title: 'Gone missing', status: 404, name: 'NotFound' })
    expect(() => openApiProblems([404, Missing])).toThrow(/two different errors are named NotFound/)
    const Relative = defineProblemType()({ type: 'frozen', title: 'Frozen', status: 403, name: 'Frozen' })
    expect(() => openApiProblems([Relative, { ...Relative, type: 'https://other.example/frozen', name: 'Frozen' }])).toThrow(TypeError)
  })

  it('documents other media types when asked', () => {
    const problems = openApiProblems([404], { mediaTypes: ['application/problem+json', 'application/problem+xml'] })
    expect(Object.keys(get(problems.components.responses, 'NotFound', 'content'))).toEqual([
      'application/problem+json',
      'application/problem+xml',
    ])
  })
})

describe('the generated schemas', () => {
  it('are valid JSON Schema 2020-12', () => {
    const schemas = get(document, 'components', 'schemas')
    for (const name of Object.keys(schemas)) {
      expect(ajv.getSchema(pointer('components', 'schemas', name)), name).toBeTypeOf('function')
    }
    expect(ajv.validateSchema(problemDetailsSchema())).toBe(true)
  })

  it('accept every example the document gives', () => {
    const locations: string[][] = [
      ...Object.keys(get(document, 'components', 'responses')).map((name) => ['components', 'responses', name]),
      ['paths', '/accounts/{id}', 'get', 'responses', '403'],
      ['paths', '/uploads', 'post', 'responses', '400'],
    ]
    let checked = 0
    for (const location of locations) {
      const media = get(document, ...location, 'content', 'application/problem+json')
      const check = ajv.getSchema(pointer(...location, 'content', 'application/problem+json', 'schema'))
      if (check === undefined) throw new Error(`no schema at ${location.join('/')}`)
      for (const [name, example] of Object.entries(media.examples as Record<string, { value: unknown }>)) {
        expect(check(example.value), `${location.join('/')} example ${name}: ${ajv.errorsText(check.errors)}`).toBe(true)
        checked++
      }
    }
    expect(checked).toBe(16)
  })

  it('give examples with the extension members of their types', () => {
    expect(get(document, 'components', 'responses', 'OutOfCredit', 'content', 'application/problem+json', 'examples')).toEqual({
      OutOfCredit: {
        value: {
          type: 'https://example.com/probs/out-of-credit',
          title: 'You do not have enough credit.',
          status: 403,
          balance: 30,
          accounts: ['/account/12345'],
        },
      },
    })
  })

  describe('accept the bodies planResponse really sends', () => {
    const options = resolveOptions({ typeBase, instanceFromPath: true })
    const operations = [
      { path: '/accounts/{id}', method: 'get', errors: accountErrors },
      { path: '/uploads', method: 'post', errors: uploadErrors },
    ]
    const cases = operations.flatMap(({ path, method, errors }) =>
      errors.flatMap((error) =>
        ['en', 'zh-CN'].map((language) => ({ path, method, error, language, name: typeof error === 'number' ? String(error) : error.name })),
      ),
    )

    it.each(cases)('$method $path: $name in $language', ({ path, method, error, language }) => {
      const thrown = occurrences.get(error)
      if (thrown === undefined) throw new Error('no occurrence')
      const plan = planResponse(thrown, { method: method.toUpperCase(), path: '/accounts/42', headers: { 'accept-language': language } }, options)
      const status = String(plan.status)
      expect(plan.headers['content-type']).toBe('application/problem+json')
      const location = responseLocation(document, path, method, status)
      const check = ajv.getSchema(pointer(...location, 'content', 'application/problem+json', 'schema'))
      if (check === undefined) throw new Error(`no schema for ${status}`)
      const body: unknown = JSON.parse(plan.body)
      expect(check(body), `${plan.body}: ${ajv.errorsText(check.errors)}`).toBe(true)
      // The headers the document marks as required are on the plan.
      const headers = (get(document, ...location).headers ?? {}) as Record<string, { required: boolean }>
      for (const [name, header] of Object.entries(headers)) {
        if (header.required) expect(plan.headers[name.toLowerCase()], name).toBeTypeOf('string')
      }
    })
  })

  it('match exactly one schema of a shared status, whichever error was thrown', () => {
    const check = ajv.getSchema(pointer('paths', '/accounts/{id}', 'get', 'responses', '403', 'content', 'application/problem+json', 'schema'))
    if (check === undefined) throw new Error('no schema')
    for (const error of [new Forbidden(), new OutOfCredit({ balance: 1, accounts: [] }), new AccountFrozen()]) {
      expect(check(JSON.parse(planResponse(error, { method: 'GET' }, resolveOptions({ typeBase })).body))).toBe(true)
    }
    // A body without `type` is about:blank: a Forbidden, not one of the types.
    expect(check({ title: 'Forbidden', status: 403 })).toBe(true)
  })

  it('reject bodies that are not what the status promises', () => {
    const notFound = ajv.getSchema(pointer('components', 'schemas', 'NotFoundProblem'))
    const outOfCredit = ajv.getSchema(pointer('components', 'schemas', 'OutOfCreditProblem'))
    if (notFound === undefined || outOfCredit === undefined) throw new Error('no schema')
    expect(notFound({ type: 'about:blank', title: 'Not Found', status: 410 })).toBe(false)
    expect(notFound({ type: 'about:blank', title: 'Not Found', status: '404' })).toBe(false)
    expect(notFound({ type: 'https://example.com/probs/other', status: 404 })).toBe(false)
    expect(outOfCredit({ type: 'https://example.com/probs/out-of-credit', status: 403, balance: '30', accounts: [] })).toBe(false)
    expect(outOfCredit({ type: 'https://example.com/probs/out-of-credit', status: 403 })).toBe(false)
    expect(outOfCredit({ status: 403, balance: 30, accounts: [] })).toBe(false)
  })
})

describe('problemDetailsSchema', () => {
  const check = new Ajv2020({ strict: true })
  addFormats(check)
  const isProblem = check.compile(problemDetailsSchema())

  it('follows RFC 9457 Appendix A: every member optional, extensions allowed', () => {
    expect(isProblem({})).toBe(true)
    expect(isProblem({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x', instance: '/a/b', balance: 30 })).toBe(true)
    expect(isProblem({ type: 'https://example.com/probs/out-of-credit', instance: 'urn:uuid:1' })).toBe(true)
  })

  it('types the standard members', () => {
    expect(isProblem({ status: '404' })).toBe(false)
    expect(isProblem({ status: 99 })).toBe(false)
    expect(isProblem({ status: 600 })).toBe(false)
    expect(isProblem({ status: 404.5 })).toBe(false)
    expect(isProblem({ title: 1 })).toBe(false)
    expect(isProblem({ type: 'not a uri reference' })).toBe(false)
    expect(isProblem([])).toBe(false)
  })

  it('returns a fresh object each time', () => {
    const first = problemDetailsSchema() as { properties: Record<string, unknown> }
    first.properties.type = null
    expect(problemDetailsSchema()).toHaveProperty('properties.type.format', 'uri-reference')
  })
})
