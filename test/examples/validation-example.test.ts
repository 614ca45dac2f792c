// examples/validation over a real socket: every route answers with the exact RFC 9457 body (validation problems
// with JSON Pointers, the typed out-of-credit problem type), and the response on the wire is core's plan for the
// same error, byte for byte, as in the conformance suite. Its /openapi.json passes an OpenAPI validator, and every
// problem body the app sends is valid against the schema that document gives for it.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { compileErrors, validate } from '@readme/openapi-parser'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import request, { type Response as WireResponse } from 'supertest'
import { describe, expect, it } from 'vitest'
import {
  BadRequest,
  NotFound,
  parseProblem,
  nodeDefaults,
  planResponse,
  resolveOptions,
  validationProblem,
  type JsonObject,
  type RequestView,
  type ValidationIssue,
} from '@http-problem/core'
import { createApp, OutOfCredit, openApiDocument, typeBase, ValidationError } from '@http-problem/example-validation'
import { collect, TRANSPORT_HEADERS } from '../support/wire'

const app = createApp()
// The Express adapter's options: the user's, over the Node adapters' defaults.
const options = resolveOptions({ typeBase }, nodeDefaults)
const VALIDATION = 'https://example.com/probs/validation-error'

interface Call {
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly body?: string
  readonly headers?: Readonly<Record<string, string>>
}

/** Sends the request over a real socket and reads the body as raw bytes, whatever its media type. */
async function send(call: Call): Promise<WireResponse> {
  let req = call.method === 'GET' ? request(app).get(call.path) : request(app).post(call.path)
  for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value)
  if (call.body !== undefined) req = req.set('content-type', 'application/json').send(call.body)
  return req.buffer(true).parse(collect)
}

function text(res: WireResponse): string {
  return (res.body as Buffer).toString('utf8')
}

/** The conformance contract: status, reason phrase, headers (minus transport) and body bytes are core's plan. */
function expectPlan(res: WireResponse, expected: unknown, call: Call): void {
  const view: RequestView = { method: call.method, path: call.path, headers: { ...call.headers } }
  const plan = planResponse(expected, view, options)
  expect(res.status).toBe(plan.status)
  expect((res as unknown as { res: IncomingMessage }).res.statusMessage).toBe(plan.statusText)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(res.headers as IncomingHttpHeaders)) {
    if (!TRANSPORT_HEADERS.has(name) && typeof value === 'string') headers[name] = value
  }
  expect(headers).toEqual(plan.headers)
  expect(res.body).toEqual(Buffer.from(plan.body, 'utf8'))
}

function invalid(errors: ValidationIssue[]) {
  return validationProblem(errors, { type: ValidationError.type, title: ValidationError.title })
}

// --- the schemas the served document gives for each response ------------------------------------------------------

const ajv = new Ajv2020({ allErrors: true, strict: true })
addFormats(ajv)
for (const keyword of ['openapi', 'info', 'paths', 'components']) ajv.addKeyword(keyword)
ajv.addSchema({ ...openApiDocument, $id: 'https://example.com/openapi.json' })

/** Checks a body against the problem schema the document gives for an operation's status (following $refs). */
function expectDocumented(body: string, path: string, method: string, status: number): void {
  const paths = openApiDocument.paths as Record<string, Record<string, { responses: Record<string, JsonObject> }>>
  const response = paths[path]?.[method]?.responses[String(status)]
  expect(response, `${method} ${path} documents ${status}`).toBeDefined()
  const ref = typeof response?.$ref === 'string' ? response.$ref : undefined
  const location = ref === undefined
    ? `/paths/${encodeURIComponent(path.replace(/\//g, '~1'))}/${method}/responses/${status}`
    : ref.slice(1)
  const check = ajv.getSchema(`https://example.com/openapi.json#${location}/content/application~1problem+json/schema`)
  if (check === undefined) throw new Error(`no schema at ${location}`)
  expect(check(JSON.parse(body)), ajv.errorsText(check.errors)).toBe(true)
}

// --- the routes ----------------------------------------------------------------------------------------------------

describe('examples/validation', () => {
  it('lists its routes', async () => {
    const res = await request(app).get('/')
    expect(res.status).toBe(200)
    expect(res.body.routes).toContain('POST /people')
  })

  describe('POST /people, validated with zod', () => {
    it("answers RFC 9457's validation example, pointer for pointer", async () => {
      const call: Call = { method: 'POST', path: '/people', body: '{"name":"Ada","age":-1,"profile":{"color":"pink"}}' }
      const res = await send(call)
      expect(res.status).toBe(422)
      expect(res.headers['content-type']).toBe('application/problem+json')
      expect(text(res)).toBe(
        `{"type":"${VALIDATION}","title":"Your request is not valid.","status":422,"detail":"The request is not valid.",` +
          '"errors":[{"detail":"must be a positive integer","pointer":"#/age"},' +
          '{"detail":"must be \'green\', \'red\' or \'blue\'","pointer":"#/profile/color"}]}',
      )
      expectPlan(
        res,
        invalid([
          { detail: 'must be a positive integer', pointer: '#/age' },
          { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
        ]),
        call,
      )
      expectDocumented(text(res), '/people', 'post', 422)
    })

    it('points at every missing member', async () => {
      const call: Call = { method: 'POST', path: '/people', body: '{"profile":{}}' }
      const res = await send(call)
      expect(JSON.parse(text(res)).errors).toEqual([
        { detail: 'must be a string', pointer: '#/name' },
        { detail: 'must be a positive integer', pointer: '#/age' },
        { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
      ])
      expectDocumented(text(res), '/people', 'post', 422)
    })

    it('points at the whole body when there is none', async () => {
      const call: Call = { method: 'POST', path: '/people' }
      const res = await send(call)
      expectPlan(res, invalid([{ detail: 'must be a JSON object', pointer: '#' }]), call)
    })

    it('answers 400 for a body that is not JSON', async () => {
      const res = await send({ method: 'POST', path: '/people', body: '{"name":' })
      expect(text(res)).toBe('{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request body could not be parsed."}')
      expectDocumented(text(res), '/people', 'post', 400)
    })

    it('creates the person when the body is valid', async () => {
      const res = await send({ method: 'POST', path: '/people', body: '{"name":"Ada","age":36,"profile":{"color":"green"}}' })
      expect(res.status).toBe(201)
    })
  })

  describe('GET /people, its query validated with zod', () => {
    it('marks the problem with location: query', async () => {
      const call: Call = { method: 'GET', path: '/people?limit=500' }
      const res = await send(call)
      expect(text(res)).toBe(
        `{"type":"${VALIDATION}","title":"Your request is not valid.","status":422,"detail":"The request is not valid.",` +
          '"errors":[{"detail":"must be at most 100","pointer":"#/limit","location":"query"}]}',
      )
      expectPlan(res, invalid([{ detail: 'must be at most 100', pointer: '#/limit', location: 'query' }]), call)
      expectDocumented(text(res), '/people', 'get', 422)
    })

    it('answers with the page when the query is valid', async () => {
      const res = await request(app).get('/people?limit=5')
      expect(res.body).toEqual({ people: [], limit: 5 })
    })
  })

  describe('POST /orders, validated with ajv', () => {
    it('points into arrays, at missing properties, and at keys that hold a slash', async () => {
      const call: Call = {
        method: 'POST',
        path: '/orders',
        body: JSON.stringify({ items: [{ sku: 'abc', quantity: 0 }, {}], 'gift/note': 'this note is far too long' }),
      }
      const res = await send(call)
      expect(text(res)).toBe(
        `{"type":"${VALIDATION}","title":"Your request is not valid.","status":422,"detail":"The request is not valid.",` +
          '"errors":[{"detail":"must match pattern \\"^[A-Z]{3}-[0-9]{4}$\\"","pointer":"#/items/0/sku"},' +
          '{"detail":"must be >= 1","pointer":"#/items/0/quantity"},' +
          '{"detail":"must have required property \'sku\'","pointer":"#/items/1/sku"},' +
          '{"detail":"must have required property \'quantity\'","pointer":"#/items/1/quantity"},' +
          '{"detail":"must NOT have more than 20 characters","pointer":"#/gift~1note"}]}',
      )
      expectPlan(
        res,
        invalid([
          { detail: 'must match pattern "^[A-Z]{3}-[0-9]{4}$"', pointer: '#/items/0/sku' },
          { detail: 'must be >= 1', pointer: '#/items/0/quantity' },
          { detail: "must have required property 'sku'", pointer: '#/items/1/sku' },
          { detail: "must have required property 'quantity'", pointer: '#/items/1/quantity' },
          { detail: 'must NOT have more than 20 characters', pointer: '#/gift~1note' },
        ]),
        call,
      )
      expectDocumented(text(res), '/orders', 'post', 422)
    })

    it('points at a missing top-level property', async () => {
      const res = await send({ method: 'POST', path: '/orders', body: '{}' })
      expect(JSON.parse(text(res)).errors).toEqual([{ detail: "must have required property 'items'", pointer: '#/items' }])
    })

    it('creates the order when the body is valid', async () => {
      const res = await send({ method: 'POST', path: '/orders', body: '{"items":[{"sku":"ABC-1234","quantity":2}]}' })
      expect(res.status).toBe(201)
    })
  })

  describe('GET /account/:id, a typed problem type', () => {
    const call: Call = { method: 'GET', path: '/account/12345' }
    const occurrence = () =>
      new OutOfCredit(
        { balance: 30, accounts: ['/account/12345'] },
        { detail: 'Your current balance is 30, but that costs 50.', instance: '/account/12345/msgs/abc' },
      )

    it("answers RFC 9457's out-of-credit example, its relative type resolved against typeBase", async () => {
      const res = await send(call)
      expect(res.status).toBe(403)
      expect(res.headers['content-language']).toBe('en')
      expect(text(res)).toBe(
        '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,' +
          '"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc",' +
          '"balance":30,"accounts":["/account/12345"]}',
      )
      expectPlan(res, occurrence(), call)
      expectDocumented(text(res), '/account/{id}', 'get', 403)
    })

    it('localises the title for zh-CN', async () => {
      const zh: Call = { ...call, headers: { 'accept-language': 'zh-CN' } }
      const res = await send(zh)
      expect(res.headers['content-language']).toBe('zh-CN')
      expect(JSON.parse(text(res)).title).toBe('您的余额不足。')
      expectPlan(res, occurrence(), zh)
      expectDocumented(text(res), '/account/{id}', 'get', 403)
    })

    it('falls back to the English title for a language it lacks', async () => {
      const res = await send({ ...call, headers: { 'accept-language': 'fr' } })
      expect(res.headers['content-language']).toBe('en')
      expect(JSON.parse(text(res)).title).toBe('You do not have enough credit.')
    })

    it('comes back as an OutOfCredit through parseProblem', async () => {
      const res = await send(call)
      const headers = new Headers()
      for (const [name, value] of Object.entries(res.headers as IncomingHttpHeaders)) if (typeof value === 'string') headers.set(name, value)
      const parsed = await parseProblem(new Response(text(res), { status: res.status, headers }), { types: [OutOfCredit], typeBase })
      expect(parsed).toBeInstanceOf(OutOfCredit)
      expect(parsed.extensions).toEqual({ balance: 30, accounts: ['/account/12345'] })
    })

    it('validates the path parameter with ajv, marked with location: path', async () => {
      const bad: Call = { method: 'GET', path: '/account/abc' }
      const res = await send(bad)
      expect(text(res)).toBe(
        `{"type":"${VALIDATION}","title":"Your request is not valid.","status":422,"detail":"The request is not valid.",` +
          '"errors":[{"detail":"must match pattern \\"^[0-9]+$\\"","pointer":"#/id","location":"path"}]}',
      )
      expectPlan(res, invalid([{ detail: 'must match pattern "^[0-9]+$"', pointer: '#/id', location: 'path' }]), bad)
      expectDocumented(text(res), '/account/{id}', 'get', 422)
    })

    it('answers 404 for an unknown account', async () => {
      const missing: Call = { method: 'GET', path: '/account/999' }
      const res = await send(missing)
      expectPlan(res, new NotFound('No account 999.'), missing)
      expectDocumented(text(res), '/account/{id}', 'get', 404)
    })
  })

  it('answers 404 for an unknown route', async () => {
    const call: Call = { method: 'GET', path: '/nowhere' }
    const res = await send(call)
    expect(text(res)).toBe('{"type":"about:blank","title":"Not Found","status":404}')
    expectPlan(res, new NotFound(), call)
  })

  describe('GET /openapi.json', () => {
    it('serves the OpenAPI document, which passes @readme/openapi-parser', async () => {
      const res = await request(app).get('/openapi.json')
      expect(res.status).toBe(200)
      expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument)))
      const result = await validate(res.body)
      if (!result.valid) throw new Error(compileErrors(result))
      expect(result.valid).toBe(true)
      expect(result.warnings).toEqual([])
    })

    it('documents one response per error, sharing components between operations', async () => {
      const res = await request(app).get('/openapi.json')
      const doc = res.body as {
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
        components: { responses: Record<string, unknown>; schemas: Record<string, unknown> }
      }
      expect(Object.keys(doc.components.responses).sort()).toEqual(['BadRequest', 'NotFound', 'OutOfCredit', 'PayloadTooLarge', 'ValidationError'])
      expect(doc.paths['/account/{id}']?.get?.responses['403']).toEqual({ $ref: '#/components/responses/OutOfCredit' })
      expect(doc.paths['/people']?.post?.responses['422']).toEqual({ $ref: '#/components/responses/ValidationError' })
      expect(doc.components.schemas).toHaveProperty('Person')
      expect(doc.components.schemas).toHaveProperty('ProblemDetails')
    })
  })

  it('answers a 400 the document promises, from a body-parser error', async () => {
    // The 400 a bad JSON body gets is core's plan for body-parser's error, byte for byte.
    const call: Call = { method: 'POST', path: '/orders', body: '[' }
    const res = await send(call)
    expect(res.status).toBe(400)
    expectPlan(res, new BadRequest('The request body could not be parsed.'), call)
    expectDocumented(text(res), '/orders', 'post', 400)
  })
})
