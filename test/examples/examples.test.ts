// The example apps under examples/ implement one API on five hosts (Express, Koa, Fastify, Hono, plain node:http,
// plus the Hono example's framework-free fetch handler); the NestJS example shares some of its routes. Served over real sockets, every error they answer must be
// the same: status, headers (minus the transport's own) and body bytes. The one planned difference is validation:
// Fastify checks POST /people with its JSON Schema and answers with its own 400 shape, so it is checked on its own.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp as createExpressExample } from '@http-problem/example-express'
import { createApp as createFastifyExample } from '@http-problem/example-fastify'
import { createApp as createHonoExample, createFetchHandler } from '@http-problem/example-hono'
import { createApp as createKoaExample } from '@http-problem/example-koa'
import { createApp as createNestExample } from '@http-problem/example-nest'
import { createApp as createNodeExample } from '@http-problem/example-node'
import { compileErrors, validate } from '@readme/openapi-parser'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { BROWSER_ACCEPT, wireHeaders } from '../support/wire'

type Name = 'express' | 'koa' | 'fastify' | 'hono' | 'fetch' | 'node'

/** What went over the socket. */
interface Wire {
  readonly status: number
  readonly statusText: string
  readonly headers: Record<string, string>
  readonly body: Buffer
}

interface Served {
  readonly url: string
  readonly close: () => Promise<void>
}

const served = new Map<Name, Served>()

beforeAll(async () => {
  const koa = createKoaExample()
  koa.silent = true // Koa's default logger would print the 500 and the parser's SyntaxError
  const fastify = createFastifyExample()
  const entries: [Name, () => Promise<Served>][] = [
    ['express', () => listenNode(http.createServer(createExpressExample()))],
    ['koa', () => listenNode(http.createServer(koa.callback()))],
    [
      'fastify',
      async () => ({ url: await fastify.listen({ port: 0, host: '127.0.0.1' }), close: () => fastify.close() }),
    ],
    ['hono', () => listenFetch(createHonoExample().fetch)],
    ['fetch', () => listenFetch(createFetchHandler())],
    ['node', () => listenNode(http.createServer(createNodeExample()))],
  ]
  for (const [name, start] of entries) served.set(name, await start())
})

afterAll(async () => {
  await Promise.all([...served.values()].map((server) => server.close()))
})

const json = { 'content-type': 'application/json' }

interface ExampleRequest {
  readonly label: string
  readonly method: string
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/** Requests every example answers with the same error, byte for byte. */
const sameEverywhere: readonly ExampleRequest[] = [
  { label: 'GET /users/42', method: 'GET', path: '/users/42' },
  { label: 'GET /me without credentials', method: 'GET', path: '/me' },
  { label: 'GET /me with a wrong token', method: 'GET', path: '/me', headers: { authorization: 'Bearer nope' } },
  { label: 'DELETE /reports/1', method: 'DELETE', path: '/reports/1' },
  { label: 'PUT /reports/1', method: 'PUT', path: '/reports/1', headers: json, body: '{}' },
  { label: 'GET /boom', method: 'GET', path: '/boom' },
  { label: 'GET /nowhere', method: 'GET', path: '/nowhere?x=1' },
  { label: 'POST /nowhere', method: 'POST', path: '/nowhere' },
  { label: 'HEAD /nowhere', method: 'HEAD', path: '/nowhere' },
  { label: 'HEAD /users/42', method: 'HEAD', path: '/users/42' },
  { label: 'GET /users/42 from a browser', method: 'GET', path: '/users/42', headers: { accept: BROWSER_ACCEPT } },
  { label: 'GET /nowhere from a browser', method: 'GET', path: '/nowhere', headers: { accept: BROWSER_ACCEPT } },
  { label: 'GET /users/42 in zh-CN', method: 'GET', path: '/users/42', headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } },
  { label: 'GET /me in zh-CN', method: 'GET', path: '/me', headers: { 'accept-language': 'zh-CN' } },
  { label: 'GET /nowhere as problem+xml', method: 'GET', path: '/nowhere', headers: { accept: 'application/problem+xml' } },
  { label: 'GET /boom as text', method: 'GET', path: '/boom', headers: { accept: 'text/plain' } },
  {
    label: 'GET /users/42 with a traceparent',
    method: 'GET',
    path: '/users/42',
    headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  },
  { label: 'POST /people with malformed JSON', method: 'POST', path: '/people', headers: json, body: '{"age":' },
  { label: 'POST /people over the size limit', method: 'POST', path: '/people', headers: json, body: JSON.stringify({ name: 'x'.repeat(11_000) }) },
]

/** The validation requests: the hand-written checks (everyone but Fastify) give one 422 shape. */
const validation: readonly ExampleRequest[] = [
  { label: 'POST /people with {"age":-1}', method: 'POST', path: '/people', headers: json, body: '{"age":-1}' },
  { label: 'POST /people with {"name":"","age":1.5}', method: 'POST', path: '/people', headers: json, body: '{"name":"","age":1.5}' },
  { label: 'POST /people as text/plain', method: 'POST', path: '/people', headers: { 'content-type': 'text/plain' }, body: 'Ada' },
]

/** @hono/node-server writes Node's own reason phrase (the Response's statusText is not used). */
const NODE_PHRASES: ReadonlySet<Name> = new Set(['hono', 'fetch'])

describe('every example answers the errors of the Express example identically', () => {
  it.each(sameEverywhere)('$label', async (req) => {
    const express = await send('express', req)
    expect(express.status).toBeGreaterThanOrEqual(400)
    for (const name of ['koa', 'fastify', 'hono', 'fetch', 'node'] as const) {
      const other = await send(name, req)
      expect({ name, status: other.status }).toEqual({ name, status: express.status })
      expect({ name, headers: other.headers }).toEqual({ name, headers: express.headers })
      expect({ name, body: other.body.toString('utf8') }).toEqual({ name, body: express.body.toString('utf8') })
      expect(other.body.equals(express.body)).toBe(true)
      const phrase = NODE_PHRASES.has(name) ? http.STATUS_CODES[other.status] : express.statusText
      expect({ name, statusText: other.statusText }).toEqual({ name, statusText: phrase })
    }
  })

  it('hides the secret of /boom everywhere', async () => {
    for (const name of served.keys()) {
      const wire = await send(name, { label: '', method: 'GET', path: '/boom' })
      expect(wire.body.toString('utf8')).not.toContain('hunter2')
      expect(JSON.parse(wire.body.toString('utf8'))).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/boom' })
    }
  })

  it('still serves the successful routes everywhere', async () => {
    for (const name of served.keys()) {
      const user = await send(name, { label: '', method: 'GET', path: '/users/1' })
      expect({ name, status: user.status, body: JSON.parse(user.body.toString('utf8')) }).toEqual({ name, status: 200, body: { id: 1, name: 'Ada' } })
      const me = await send(name, { label: '', method: 'GET', path: '/me', headers: { authorization: 'Bearer demo' } })
      expect({ name, status: me.status }).toEqual({ name, status: 200 })
      const created = await send(name, { label: '', method: 'POST', path: '/people', headers: json, body: '{"name":"Ada","age":36}' })
      expect({ name, status: created.status, body: JSON.parse(created.body.toString('utf8')) }).toEqual({
        name,
        status: 201,
        body: { name: 'Ada', age: 36 },
      })
    }
  })
})

describe('validation of POST /people', () => {
  it.each(validation)('gives one 422 shape for $label in every hand-written example', async (req) => {
    const express = await send('express', req)
    expect(express.status).toBe(422)
    for (const name of ['koa', 'hono', 'fetch', 'node'] as const) {
      const other = await send(name, req)
      expect({ name, status: other.status }).toEqual({ name, status: 422 })
      expect({ name, headers: other.headers }).toEqual({ name, headers: express.headers })
      expect(other.body.equals(express.body)).toBe(true)
    }
  })

  it('lists each failing member with a JSON Pointer in the hand-written examples', async () => {
    const wire = await send('node', validation[0] as ExampleRequest)
    expect(JSON.parse(wire.body.toString('utf8'))).toEqual({
      type: 'https://example.com/probs/validation-error',
      title: 'Your request is not valid.',
      status: 422,
      instance: '/people',
      errors: [
        { detail: 'must be a non-empty string', pointer: '#/name' },
        { detail: 'must be a positive integer', pointer: '#/age' },
      ],
    })
  })

  // Fastify validates with its JSON Schema before the handler runs: a 400 whose errors come from ajv (the first
  // failure, under Fastify's default ajv settings). It is the only example with that shape.
  const fastifyCases: readonly [ExampleRequest, readonly { detail: string; pointer: string }[]][] = [
    [validation[0] as ExampleRequest, [{ detail: "must have required property 'name'", pointer: '#/name' }]],
    [validation[1] as ExampleRequest, [{ detail: 'must NOT have fewer than 1 characters', pointer: '#/name' }]],
    [validation[2] as ExampleRequest, [{ detail: 'must be object', pointer: '#' }]],
  ]

  it.each(fastifyCases)('gives the Fastify schema shape for %#', async (req, errors) => {
    const wire = await send('fastify', req)
    expect(wire.status).toBe(400)
    expect(wire.statusText).toBe('Bad Request')
    expect(wire.headers['content-type']).toBe('application/problem+json')
    expect(wire.headers['content-length']).toBe(String(wire.body.length))
    expect(JSON.parse(wire.body.toString('utf8'))).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request did not match the schema.',
      instance: '/people',
      errors,
    })
    // Apart from the document, its headers are those of any other 400 problem from the same app.
    const malformed = await send('fastify', { label: '', method: 'POST', path: '/people', headers: json, body: '{"age":' })
    const { 'content-length': _a, ...rest } = wire.headers
    const { 'content-length': _b, ...malformedRest } = malformed.headers
    expect(rest).toEqual(malformedRest)
  })

  it('answers an unparsable media type with 415 in the Fastify example', async () => {
    const wire = await send('fastify', { label: '', method: 'POST', path: '/people', headers: { 'content-type': 'application/xml' }, body: '<person/>' })
    expect(wire.status).toBe(415)
    expect(JSON.parse(wire.body.toString('utf8'))).toEqual({
      type: 'about:blank',
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'The media type of the request body is not supported.',
      instance: '/people',
    })
  })
})

// examples/nest serves an API of its own (Nest's exceptions, a ValidationPipe, Swagger); where it shares routes with
// the other examples (a 404 problem, a hidden 500, an unmatched route) it sends the Express example's bytes.
describe.each(['express', 'fastify'] as const)("the NestJS example on Nest's %s platform", (platform) => {
  let nest: Served

  beforeAll(async () => {
    const app = await createNestExample(platform, { logger: false })
    await app.listen(0, '127.0.0.1')
    nest = { url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`, close: () => app.close() }
  })
  afterAll(() => nest.close())

  const shared = sameEverywhere.filter((req) => /^(GET|HEAD|POST) \/(users\/42|boom|nowhere)\b/.test(req.label))

  it('shares routes with the other examples', () => expect(shared.length).toBeGreaterThanOrEqual(12))

  it.each(shared)('$label: the bytes of the Express example', async (req) => {
    const express = await send('express', req)
    const other = await sendTo(nest.url, req)
    expect({ status: other.status, statusText: other.statusText, headers: other.headers }).toEqual({
      status: express.status,
      statusText: express.statusText,
      headers: express.headers,
    })
    expect(other.body.toString('utf8')).toBe(express.body.toString('utf8'))
  })

  it("answers Nest's ForbiddenException with its errorCode as code", async () => {
    const wire = await sendTo(nest.url, { label: '', method: 'GET', path: '/projects/7' })
    expect(wire.status).toBe(403)
    expect(JSON.parse(wire.body.toString('utf8'))).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'You cannot see project 7',
      instance: '/projects/7',
      code: 'project.forbidden',
    })
  })

  it('answers a failed ValidationPipe with one errors entry per constraint, with pointers', async () => {
    const body = JSON.stringify({ email: 'x', age: -1, address: { city: 'A' }, admin: true })
    const wire = await sendTo(nest.url, { label: '', method: 'POST', path: '/people', headers: json, body })
    expect(wire.status).toBe(400)
    expect(JSON.parse(wire.body.toString('utf8'))).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([
        { detail: 'property admin should not exist', pointer: '#/admin' },
        { detail: 'email must be an email', pointer: '#/email' },
        { detail: 'age must not be less than 0', pointer: '#/age' },
        { detail: 'city must be longer than or equal to 2 characters', pointer: '#/address/city' },
      ]),
    })
  })

  it('serves an OpenAPI 3.1 document that passes the parser, whose schemas match the problems it sends', async () => {
    const wire = await sendTo(nest.url, { label: '', method: 'GET', path: '/openapi.json' })
    const document = JSON.parse(wire.body.toString('utf8')) as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>> }
    const result = await validate(structuredClone(document) as never)
    if (!result.valid) throw new Error(compileErrors(result))
    const ajv = new Ajv2020({ strict: false })
    addFormats(ajv)
    const cases = [
      ['/users/42', '/users/{id}', 'get', 404],
      ['/projects/7', '/projects/{id}', 'get', 403],
      ['/boom', '/boom', 'get', 500],
    ] as const
    for (const [url, path, method, status] of cases) {
      const problem = await sendTo(nest.url, { label: '', method: 'GET', path: url })
      expect(problem.status).toBe(status)
      const schema = document.paths[path]?.[method]?.responses[String(status)]?.content['application/problem+json']?.schema as object
      expect(ajv.validate(schema, JSON.parse(problem.body.toString('utf8'))), `${url}: ${JSON.stringify(ajv.errors)}`).toBe(true)
    }
  })
})

// --- internal ---

function send(name: Name, req: ExampleRequest): Promise<Wire> {
  const server = served.get(name)
  if (server === undefined) throw new Error(`${name} is not served`)
  return sendTo(server.url, req)
}

function sendTo(url: string, { method, path, headers = {}, body }: ExampleRequest): Promise<Wire> {
  return new Promise((resolve, reject) => {
    // agent: false, so every request has its own connection and no example sees another's leftovers.
    const req = http.request(`${url}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: wireHeaders(res.headers), body: Buffer.concat(chunks) })
      })
    })
    // A server may answer a too-large body before reading it and close the connection while the client still writes.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)))
    req.end(body)
  })
}

async function listenNode(server: http.Server): Promise<Served> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeNode(server) }
}

async function listenFetch(fetch: (request: Request) => Response | Promise<Response>): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => closeNode(server as http.Server) })
    })
  })
}

function closeNode(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
}
