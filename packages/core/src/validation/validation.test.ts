import Ajv from 'ajv'
import Ajv2020 from 'ajv/dist/2020'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  BadRequest,
  fromAjvErrors,
  fromStandardSchemaIssues,
  planResponse,
  resolveOptions,
  toJsonPointer,
  UnprocessableContent,
  validationProblem,
  type StandardIssueLike,
} from '../index'

/** RFC 9457 §3's validation example, member for member. */
const RFC_9457_EXAMPLE = {
  type: 'https://example.net/validation-error',
  title: 'Your request is not valid.',
  errors: [
    { detail: 'must be a positive integer', pointer: '#/age' },
    { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
  ],
}

function render(error: unknown, headers: Record<string, string> = {}) {
  return planResponse(error, { method: 'POST', headers }, resolveOptions({ typeBase: 'https://example.net/' }))
}

/** The Standard Schema issues of a value, from the schema's own `~standard` interface (zod and valibot alike). */
async function issuesOf(
  schema: { readonly '~standard': { validate(value: unknown): unknown } },
  value: unknown,
): Promise<readonly StandardIssueLike[]> {
  const result = (await schema['~standard'].validate(value)) as { readonly issues?: readonly StandardIssueLike[] }
  if (result.issues === undefined) throw new Error('expected the value to be invalid')
  return result.issues
}

describe('toJsonPointer', () => {
  it.each([
    [[], '#'],
    [['age'], '#/age'],
    [['profile', 'color'], '#/profile/color'],
    [['items', 0, 'qty'], '#/items/0/qty'],
    [['a~b'], '#/a~0b'],
    [['a/b'], '#/a~1b'],
    [['~1'], '#/~01'],
    [['/~'], '#/~1~0'],
    [[''], '#/'],
    [['', ''], '#//'],
    [[0], '#/0'],
    [[-1, 1.5], '#/-1/1.5'],
    [['名前'], '#/%E5%90%8D%E5%89%8D'],
    [['é'], '#/%C3%A9'],
    [['😀'], '#/%F0%9F%98%80'],
    [['#'], '#/%23'],
    [['%'], '#/%25'],
    [['a b'], '#/a%20b'],
    [['"<>\\^`{|}'], '#/%22%3C%3E%5C%5E%60%7B%7C%7D'],
    [["!$&'()*+,;=:@?-._"], "#/!$&'()*+,;=:@?-._"],
  ] as const)('writes %j as %s', (path, pointer) => {
    expect(toJsonPointer(path)).toBe(pointer)
  })

  it('escapes ~ before / so that the two never mix (RFC 6901 §3)', () => {
    expect(toJsonPointer(['~/'])).toBe('#/~0~1')
    expect(toJsonPointer(['~01'])).toBe('#/~001')
  })

  it('writes a lone surrogate as U+FFFD instead of throwing', () => {
    expect(toJsonPointer(['\uD800'])).toBe('#/%EF%BF%BD')
  })

  it('gives pointers that decode back to the keys', () => {
    const path = ['a/b', '~', 'x y', '#%', '名', '', 3]
    const tokens = toJsonPointer(path)
      .slice(2)
      .split('/')
      .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'))
    expect(tokens).toEqual(path.map(String))
  })
})

describe('validationProblem', () => {
  it('builds a 422 Unprocessable Content by default, as RFC 9457 does', () => {
    const error = validationProblem(RFC_9457_EXAMPLE.errors)
    expect(error).toBeInstanceOf(UnprocessableContent)
    expect(error.status).toBe(422)
    expect(error.type).toBe('about:blank')
    expect(error.extensions).toEqual({ errors: RFC_9457_EXAMPLE.errors })
    expect(render(error).body).toBe(
      '{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The request is not valid.",' +
        '"errors":[{"detail":"must be a positive integer","pointer":"#/age"},' +
        '{"detail":"must be \'green\', \'red\' or \'blue\'","pointer":"#/profile/color"}]}',
    )
  })

  it('builds a 400 Bad Request when asked', () => {
    const error = validationProblem([{ detail: 'is required', pointer: '#/name' }], { status: 400 })
    expect(error).toBeInstanceOf(BadRequest)
    const rendered = render(error)
    expect(rendered.status).toBe(400)
    expect(JSON.parse(rendered.body)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ detail: 'is required', pointer: '#/name' }],
    })
  })

  it("renders RFC 9457's own example: its members, plus status and detail", () => {
    const error = validationProblem(RFC_9457_EXAMPLE.errors, {
      type: 'validation-error',
      title: 'Your request is not valid.',
      instance: '/people/requests/1',
    })
    const rendered = render(error)
    expect(rendered.status).toBe(422)
    expect(rendered.headers['content-type']).toBe('application/problem+json')
    const body = JSON.parse(rendered.body)
    expect(body).toEqual({ ...RFC_9457_EXAMPLE, status: 422, detail: 'The request is not valid.', instance: '/people/requests/1' })
    const { status, detail, instance, ...example } = body
    expect(example).toEqual(RFC_9457_EXAMPLE)
    expect(Object.keys(body)).toEqual(['type', 'title', 'status', 'detail', 'instance', 'errors'])
  })

  it('keeps a detail, a cause and an absolute type of its own', () => {
    const cause = new Error('schema v2')
    const error = validationProblem([], { detail: 'Nothing to check.', type: 'https://example.com/v', cause })
    expect(error.detail).toBe('Nothing to check.')
    expect(error.cause).toBe(cause)
    expect(JSON.parse(render(error).body)).toMatchObject({ type: 'https://example.com/v', detail: 'Nothing to check.', errors: [] })
  })

  it('sends location only for parameters', () => {
    const error = validationProblem([
      { detail: 'must be an integer', pointer: '#/limit', location: 'query' },
      { detail: 'must be a positive integer', pointer: '#/age' },
    ])
    expect(JSON.parse(render(error).body).errors).toEqual([
      { detail: 'must be an integer', pointer: '#/limit', location: 'query' },
      { detail: 'must be a positive integer', pointer: '#/age' },
    ])
  })
})

describe('fromAjvErrors with ajv', () => {
  const ajv = new Ajv({ allErrors: true })
  const validatePerson = ajv.compile({
    type: 'object',
    required: ['name', 'age', 'profile'],
    properties: {
      name: { type: 'string', minLength: 1 },
      age: { type: 'integer', minimum: 0 },
      profile: {
        type: 'object',
        required: ['color'],
        properties: { color: { enum: ['green', 'red', 'blue'] } },
      },
      tags: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } },
      'a/b~c': { type: 'string' },
    },
  })

  function errorsOf(value: unknown) {
    expect(validatePerson(value)).toBe(false)
    return validatePerson.errors ?? []
  }

  it('points a required error at the missing property', () => {
    expect(fromAjvErrors(errorsOf({ name: 'Ada', profile: { color: 'red' } }))).toEqual([
      { detail: "must have required property 'age'", pointer: '#/age' },
    ])
  })

  it('points at nested members and array items', () => {
    const issues = fromAjvErrors(errorsOf({ name: 'Ada', age: -1, profile: {}, tags: [{ id: 1 }, { id: 'x' }, {}] }))
    expect(issues).toEqual([
      { detail: 'must be >= 0', pointer: '#/age' },
      { detail: "must have required property 'color'", pointer: '#/profile/color' },
      { detail: 'must be integer', pointer: '#/tags/1/id' },
      { detail: "must have required property 'id'", pointer: '#/tags/2/id' },
    ])
  })

  it('re-escapes the keys of instancePath for the fragment form', () => {
    const issues = fromAjvErrors(errorsOf({ name: 'Ada', age: 1, profile: { color: 'red' }, 'a/b~c': 5 }))
    expect(validatePerson.errors?.[0]?.instancePath).toBe('/a~1b~0c')
    expect(issues).toEqual([{ detail: 'must be string', pointer: '#/a~1b~0c' }])
  })

  it('keeps a missing property whose name starts with a dot or holds a slash', () => {
    const validate = ajv.compile({ type: 'object', required: ['.env', 'a/b', 'x y'] })
    expect(validate({})).toBe(false)
    expect(fromAjvErrors(validate.errors ?? [])).toEqual([
      { detail: "must have required property '.env'", pointer: '#/.env' },
      { detail: "must have required property 'a/b'", pointer: '#/a~1b' },
      { detail: "must have required property 'x y'", pointer: '#/x%20y' },
    ])
  })

  it('points a dependentRequired (2020-12) or dependencies (draft-07) error at the missing property', () => {
    const expected = [{ detail: 'must have property cvc when property card is present', pointer: '#/cvc' }]
    const validate2020 = new Ajv2020().compile({ type: 'object', dependentRequired: { card: ['cvc'] } })
    expect(validate2020({ card: '4242' })).toBe(false)
    expect(fromAjvErrors(validate2020.errors ?? [])).toEqual(expected)
    const validate07 = new Ajv().compile({ type: 'object', dependencies: { card: ['cvc'] } })
    expect(validate07({ card: '4242' })).toBe(false)
    expect(fromAjvErrors(validate07.errors ?? [])).toEqual(expected)
  })

  it('points at the whole body for an error at the root', () => {
    expect(fromAjvErrors(errorsOf('not an object'))).toEqual([{ detail: 'must be object', pointer: '#' }])
  })

  it('adds the location of query, path and header parameters', () => {
    const validateQuery = ajv.compile({
      type: 'object',
      required: ['limit'],
      properties: { limit: { type: 'string', pattern: '^[0-9]+$' }, sort: { enum: ['asc', 'desc'] } },
    })
    expect(validateQuery({ sort: 'up' })).toBe(false)
    expect(fromAjvErrors(validateQuery.errors ?? [], 'query')).toEqual([
      { detail: "must have required property 'limit'", pointer: '#/limit', location: 'query' },
      { detail: 'must be equal to one of the allowed values', pointer: '#/sort', location: 'query' },
    ])
    expect(fromAjvErrors([{ instancePath: '/id', message: 'must match format "uuid"' }], 'path')).toEqual([
      { detail: 'must match format "uuid"', pointer: '#/id', location: 'path' },
    ])
    expect(fromAjvErrors([{ instancePath: '/x-api-version', message: 'must be <= 3' }], 'header')).toEqual([
      { detail: 'must be <= 3', pointer: '#/x-api-version', location: 'header' },
    ])
    expect(fromAjvErrors([{ instancePath: '/a' }], 'body')).toEqual([{ detail: 'is not valid', pointer: '#/a' }])
  })

  it('renders a complete 422 from ajv errors', () => {
    const error = validationProblem(fromAjvErrors(errorsOf({ name: '', age: 1.5, profile: { color: 'pink' } })))
    expect(JSON.parse(render(error).body).errors).toEqual([
      { detail: 'must NOT have fewer than 1 characters', pointer: '#/name' },
      { detail: 'must be integer', pointer: '#/age' },
      { detail: 'must be equal to one of the allowed values', pointer: '#/profile/color' },
    ])
  })
})

describe('fromStandardSchemaIssues with zod 4', () => {
  const Person = z.object({
    name: z.string().min(1, 'must not be empty'),
    age: z.number().int('must be an integer').nonnegative('must be a positive integer'),
    profile: z.object({ color: z.enum(['green', 'red', 'blue'], "must be 'green', 'red' or 'blue'") }),
    tags: z.array(z.object({ id: z.number('must be a number') })).optional(),
    links: z.record(z.string(), z.url('must be a URL')).optional(),
  })

  it('turns the issue paths into pointers', async () => {
    const issues = await issuesOf(Person, { name: 'Ada', age: -1, profile: { color: 'pink' } })
    expect(fromStandardSchemaIssues(issues)).toEqual([
      { detail: 'must be a positive integer', pointer: '#/age' },
      { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
    ])
  })

  it('points into nested arrays', async () => {
    const issues = await issuesOf(Person, { name: 'Ada', age: 1, profile: { color: 'red' }, tags: [{ id: 1 }, { id: 'two' }] })
    expect(fromStandardSchemaIssues(issues)).toEqual([{ detail: 'must be a number', pointer: '#/tags/1/id' }])
  })

  it('escapes keys that hold / and ~', async () => {
    const issues = await issuesOf(Person, {
      name: 'Ada',
      age: 1,
      profile: { color: 'red' },
      links: { 'docs/api': 'nope', '~home': 'https://example.com/' },
    })
    expect(fromStandardSchemaIssues(issues)).toEqual([{ detail: 'must be a URL', pointer: '#/links/docs~1api' }])
    const Keys = z.object({ 'a/b': z.string('must be a string'), '~c': z.string('must be a string') })
    expect(fromStandardSchemaIssues(await issuesOf(Keys, {}))).toEqual([
      { detail: 'must be a string', pointer: '#/a~1b' },
      { detail: 'must be a string', pointer: '#/~0c' },
    ])
  })

  it('points at the root for a body that is not an object', async () => {
    const issues = await issuesOf(z.object({}, 'must be an object'), 'text')
    expect(fromStandardSchemaIssues(issues)).toEqual([{ detail: 'must be an object', pointer: '#' }])
  })

  it('marks query parameters with their location', async () => {
    const Query = z.object({ limit: z.coerce.number().int('must be an integer').max(100, 'must be at most 100') })
    const issues = await issuesOf(Query, { limit: '500' })
    expect(fromStandardSchemaIssues(issues, 'query')).toEqual([
      { detail: 'must be at most 100', pointer: '#/limit', location: 'query' },
    ])
  })

  it("renders RFC 9457's example from a zod schema", async () => {
    const issues = await issuesOf(Person, { name: 'Ada', age: -5, profile: { color: 'pink' } })
    const error = validationProblem(fromStandardSchemaIssues(issues), { type: 'validation-error', title: 'Your request is not valid.' })
    const { status, detail, ...example } = JSON.parse(render(error).body)
    expect(example).toEqual(RFC_9457_EXAMPLE)
  })
})

describe('fromStandardSchemaIssues with valibot', () => {
  const Person = v.object({
    name: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
    age: v.pipe(v.number(), v.integer('must be an integer'), v.minValue(0, 'must be a positive integer')),
    profile: v.object({ color: v.picklist(['green', 'red', 'blue'], "must be 'green', 'red' or 'blue'") }),
    tags: v.optional(v.array(v.object({ id: v.number('must be a number') }))),
    'a/b': v.optional(v.string('must be a string')),
  })

  it('turns the path segments ({ key }) into pointers', async () => {
    const issues = await issuesOf(Person, { name: 'Ada', age: -1, profile: { color: 'pink' } })
    expect(issues[0]?.path?.[0]).toMatchObject({ key: 'age' })
    expect(fromStandardSchemaIssues(issues)).toEqual([
      { detail: 'must be a positive integer', pointer: '#/age' },
      { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
    ])
  })

  it('points into nested arrays and escapes keys that hold /', async () => {
    const issues = await issuesOf(Person, { name: '', age: 1, profile: { color: 'red' }, tags: [{ id: 'x' }], 'a/b': 3 })
    expect(fromStandardSchemaIssues(issues)).toEqual([
      { detail: 'must not be empty', pointer: '#/name' },
      { detail: 'must be a number', pointer: '#/tags/0/id' },
      { detail: 'must be a string', pointer: '#/a~1b' },
    ])
  })

  it('points at a missing property', async () => {
    const issues = await issuesOf(Person, { name: 'Ada', age: 1 })
    expect(fromStandardSchemaIssues(issues).map((item) => item.pointer)).toEqual(['#/profile'])
  })

  it('marks header parameters with their location', async () => {
    const Headers = v.object({ 'x-api-version': v.picklist(['1', '2'], 'must be 1 or 2') })
    const issues = await issuesOf(Headers, { 'x-api-version': '9' })
    expect(fromStandardSchemaIssues(issues, 'header')).toEqual([
      { detail: 'must be 1 or 2', pointer: '#/x-api-version', location: 'header' },
    ])
  })

  it('gives the same problem as zod for the same mistakes', async () => {
    const zod = z.object({ age: z.number().nonnegative('must be a positive integer') })
    const valibot = v.object({ age: v.pipe(v.number(), v.minValue(0, 'must be a positive integer')) })
    const body = { age: -1 }
    expect(render(validationProblem(fromStandardSchemaIssues(await issuesOf(valibot, body)))).body).toBe(
      render(validationProblem(fromStandardSchemaIssues(await issuesOf(zod, body)))).body,
    )
  })
})

describe('fromStandardSchemaIssues with hand-made issues', () => {
  it('reads plain keys, { key } segments and symbols, and an absent path as the root', () => {
    expect(
      fromStandardSchemaIssues([
        { message: 'a', path: ['items', { key: 2 }, Symbol('sym')] },
        { message: 'b' },
        { message: 'c', path: [] },
      ]),
    ).toEqual([
      { detail: 'a', pointer: '#/items/2/sym' },
      { detail: 'b', pointer: '#' },
      { detail: 'c', pointer: '#' },
    ])
  })
})
