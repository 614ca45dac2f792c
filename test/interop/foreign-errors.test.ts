// Errors from other frameworks, thrown by the real packages, reach our handlers over a real socket and keep their
// meaning: Hono's auth middlewares (HTTPException with a prepared Response), h3's HTTPError, NestJS's HttpException
// family. Adoption happens in core's toHttpError(); the adapters are the unchanged public ones.
import 'reflect-metadata'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { serve, type ServerType } from '@hono/node-server'
import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  InternalServerErrorException,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common'
import Fastify from 'fastify'
import { HTTPError } from 'h3'
import { Hono } from 'hono'
import { basicAuth } from 'hono/basic-auth'
import { bearerAuth } from 'hono/bearer-auth'
import { validator } from 'hono/validator'
import { HTTPException } from 'hono/http-exception'
import { afterEach, describe, expect, it } from 'vitest'
import { errorHandler as expressErrorHandler } from '@http-problem/express'
import { problemDetails } from '@http-problem/fastify'
import { errorHandler as honoErrorHandler } from '@http-problem/fetch'
import type { Express } from 'express'

const require = createRequire(import.meta.url)
const express5 = require('express5') as typeof import('express')

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

interface Wire {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string
}

async function fetchWire(url: string, init: RequestInit = {}): Promise<Wire> {
  const res = await fetch(url, init)
  const headers: Record<string, string> = {}
  res.headers.forEach((value, name) => {
    headers[name] = value
  })
  return { status: res.status, headers, body: await res.text() }
}

async function serveHono(app: Hono): Promise<string> {
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve(`http://127.0.0.1:${info.port}`)
    })
    closers.push(
      () =>
        new Promise((done) => {
          ;(server as http.Server).closeAllConnections()
          server.close(() => done())
        }),
    )
  })
}

async function serveExpress(app: Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  closers.push(
    () =>
      new Promise((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** An Express 5 app whose one route throws `error()`, behind `@http-problem/express`. */
function throwingExpress(error: () => unknown): Express {
  const app = express5()
  app.disable('x-powered-by')
  app.get('/', () => {
    throw error()
  })
  app.use(expressErrorHandler({ log: false }))
  return app
}

/** A Fastify 5 app whose one route throws `error()`, behind `@http-problem/fastify`. */
async function throwingFastify(error: () => unknown): Promise<string> {
  const app = Fastify()
  await app.register(problemDetails, { log: false })
  app.get('/', async () => {
    throw error()
  })
  closers.push(() => app.close())
  return app.listen({ port: 0, host: '127.0.0.1' })
}

describe('Hono HTTPException with a prepared Response, behind @http-problem/fetch', () => {
  async function authApp(): Promise<string> {
    const app = new Hono()
    app.onError(honoErrorHandler({ log: false }))
    app.use('/basic/*', basicAuth({ username: 'ada', password: 'lovelace', realm: 'staff area' }))
    app.use('/bearer/*', bearerAuth({ token: 'sesame', realm: 'api' }))
    app.get('/basic/x', (c) => c.text('in'))
    app.get('/bearer/x', (c) => c.text('in'))
    app.get('/framed', () => {
      throw new HTTPException(401, {
        res: new Response('{"no":"way"}', {
          status: 401,
          headers: {
            'WWW-Authenticate': 'Bearer realm="api"',
            'Content-Type': 'application/json',
            'Content-Language': 'fr',
            'Content-Encoding': 'gzip',
            ETag: '"abc"',
            'Set-Cookie': 'a=1',
            'X-Request-Cost': '7',
          },
        }),
      })
    })
    app.get('/range', () => {
      throw new HTTPException(416, { res: new Response(null, { status: 416, headers: { 'Content-Range': 'bytes */1234' } }) })
    })
    return serveHono(app)
  }

  it('answers basicAuth with a 401 problem that carries its WWW-Authenticate challenge', async () => {
    const base = await authApp()
    const wire = await fetchWire(`${base}/basic/x`)
    expect(wire.status).toBe(401)
    expect(wire.headers['www-authenticate']).toBe('Basic realm="staff area"')
    expect(wire.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(wire.body)).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401 })
  })

  it('answers bearerAuth with a 401 problem that carries its Bearer challenge, missing or wrong token', async () => {
    const base = await authApp()
    const missing = await fetchWire(`${base}/bearer/x`)
    expect(missing.status).toBe(401)
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="api"')
    expect(JSON.parse(missing.body)).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401 })
    const wrong = await fetchWire(`${base}/bearer/x`, { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.headers['www-authenticate']).toBe('Bearer error="invalid_token"')
    const malformed = await fetchWire(`${base}/bearer/x`, { headers: { authorization: 'Bearer' } })
    expect(malformed.status).toBe(400)
    expect(malformed.headers['www-authenticate']).toBe('Bearer error="invalid_request"')
    expect(JSON.parse(malformed.body)).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400 })
    const good = await fetchWire(`${base}/bearer/x`, { headers: { authorization: 'Bearer sesame' } })
    expect([good.status, good.body]).toEqual([200, 'in'])
  })

  it("keeps the prepared Response's other fields but none that describe its body, and no Set-Cookie", async () => {
    const base = await authApp()
    const wire = await fetchWire(`${base}/framed`)
    expect(wire.status).toBe(401)
    expect(wire.headers['www-authenticate']).toBe('Bearer realm="api"')
    expect(wire.headers['x-request-cost']).toBe('7')
    expect(wire.headers['content-type']).toBe('application/problem+json')
    expect(wire.headers['content-length']).toBe(String(Buffer.byteLength(wire.body)))
    expect(wire.headers['content-language']).toBe('en') // the problem document's language, not the Response's 'fr'
    for (const name of ['content-encoding', 'etag', 'set-cookie']) expect(wire.headers).not.toHaveProperty(name)
    expect(JSON.parse(wire.body)).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401 })
  })

  it('keeps the unsatisfied-range Content-Range of a 416', async () => {
    const base = await authApp()
    const wire = await fetchWire(`${base}/range`)
    expect(wire.status).toBe(416)
    expect(wire.headers['content-range']).toBe('bytes */1234')
  })
})

describe("h3's HTTPError, thrown in Express behind @http-problem/express", () => {
  it('keeps status, message as detail, headers and data as the data member', async () => {
    const base = await serveExpress(
      throwingExpress(
        () =>
          new HTTPError({
            status: 429,
            statusText: 'Slow Down',
            message: 'You sent 11 requests this minute.',
            headers: { 'Retry-After': '60', 'Content-Type': 'text/plain' },
            data: { limit: 10 },
          }),
      ),
    )
    const wire = await fetchWire(base)
    expect(wire.status).toBe(429)
    expect(wire.headers['retry-after']).toBe('60')
    expect(wire.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(wire.body)).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'You sent 11 requests this minute.',
      data: { limit: 10 },
    })
  })

  it('uses statusText as the detail when there is no message, never as the title', async () => {
    const base = await serveExpress(throwingExpress(() => HTTPError.status(404, 'No Such Pet')))
    expect(JSON.parse((await fetchWire(base)).body)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No Such Pet' })
  })

  it("leaves out the text h3 makes up when given neither message nor statusText", async () => {
    const base = await serveExpress(throwingExpress(() => new HTTPError({ status: 409 })))
    expect(JSON.parse((await fetchWire(base)).body)).toEqual({ type: 'about:blank', title: 'Conflict', status: 409 })
  })

  it('hides message and data of a 5xx, and of an error h3 marks unhandled', async () => {
    const base5xx = await serveExpress(throwingExpress(() => new HTTPError({ status: 503, message: 'db at 10.0.0.5 down', data: { host: '10.0.0.5' } })))
    expect(JSON.parse((await fetchWire(base5xx)).body)).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503 })
    const unhandled = await serveExpress(
      throwingExpress(() => new HTTPError({ status: 400, message: 'internal path /srv/x', unhandled: true, data: { x: 1 } })),
    )
    expect(JSON.parse((await fetchWire(unhandled)).body)).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400 })
  })
})

describe('NestJS HttpException and subclasses, through Express and Fastify', () => {
  const cases: [string, () => unknown, number, Record<string, unknown>][] = [
    ['a subclass with a message', () => new NotFoundException('No pet 7'), 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No pet 7' }],
    ['a subclass without one (Nest fills in the phrase)', () => new ForbiddenException(), 403, { type: 'about:blank', title: 'Forbidden', status: 403 }],
    ['HttpException with a string', () => new HttpException('Gone fishing', HttpStatus.CONFLICT), 409, { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Gone fishing' }],
    [
      'an errorCode kept as the code member',
      () => new BadRequestException('Card declined', { errorCode: 'card.declined' }),
      400,
      { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Card declined', code: 'card.declined' },
    ],
    [
      'a code in the response object',
      () => new HttpException({ message: 'Over quota', code: 'QUOTA_EXCEEDED', statusCode: 403 }, 403),
      403,
      { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Over quota', code: 'QUOTA_EXCEEDED' },
    ],
    [
      'a code that is not a machine code, dropped',
      () => new HttpException({ message: 'Over quota', code: 'has spaces <b>' }, 403),
      403,
      { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Over quota' },
    ],
    [
      'a ValidationPipe-style message list, as a validation problem',
      () => new BadRequestException(['name must be a string', 'age must not be less than 0']),
      400,
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request is not valid.',
        errors: [
          { detail: 'name must be a string', pointer: '#' },
          { detail: 'age must not be less than 0', pointer: '#' },
        ],
      },
    ],
    [
      'a 422 message list',
      () => new UnprocessableEntityException(['email must be an email']),
      422,
      { type: 'about:blank', title: 'Unprocessable Content', status: 422, detail: 'The request is not valid.', errors: [{ detail: 'email must be an email', pointer: '#' }] },
    ],
    ['a 500, whose message stays hidden', () => new InternalServerErrorException('pool exhausted at db-3'), 500, { type: 'about:blank', title: 'Internal Server Error', status: 500 }],
    ['a 503, whose message stays hidden', () => new ServiceUnavailableException('maintenance'), 503, { type: 'about:blank', title: 'Service Unavailable', status: 503 }],
  ]

  it.each(cases)('Express: %s', async (_, error, status, body) => {
    const base = await serveExpress(throwingExpress(error))
    const wire = await fetchWire(base)
    expect(wire.status).toBe(status)
    expect(wire.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(wire.body)).toEqual(body)
  })

  it.each(cases)('Fastify: %s', async (_, error, status, body) => {
    const base = await throwingFastify(error)
    const wire = await fetchWire(base)
    expect(wire.status).toBe(status)
    expect(wire.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(wire.body)).toEqual(body)
  })
})

describe('Hono and malformed JSON request bodies (docs/validation-and-openapi.md)', () => {
  async function jsonApp(): Promise<string> {
    const app = new Hono()
    app.onError(honoErrorHandler({ log: false }))
    // c.req.json() is JSON.parse over the body text: its SyntaxError cannot be told from any other JSON.parse's.
    app.post('/bare', async (c) => c.json(await c.req.json()))
    // validator('json') turns a body that does not parse into HTTPException(400): the recommended setup.
    app.post(
      '/validated',
      validator('json', (value, c) => {
        const name = (value as { name?: unknown }).name
        if (typeof name !== 'string') return c.json({ never: 'sent' }, 500)
        return { name }
      }),
      (c) => c.json(c.req.valid('json')),
    )
    return serveHono(app)
  }
  const malformed = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"password":"hunter2",' }

  it('answers a bare c.req.json() on a malformed body with a hidden 500: a SyntaxError is not taken to be the client\'s', async () => {
    const wire = await fetchWire(`${await jsonApp()}/bare`, malformed)
    expect(wire.status).toBe(500)
    expect(wire.body).toBe('{"type":"about:blank","title":"Internal Server Error","status":500}')
  })

  it("answers validator('json') on a malformed body with a 400 problem that does not quote the body", async () => {
    const base = await jsonApp()
    const wire = await fetchWire(`${base}/validated`, malformed)
    expect(wire.status).toBe(400)
    expect(wire.headers['content-type']).toBe('application/problem+json')
    expect(wire.body).toBe('{"type":"about:blank","title":"Bad Request","status":400,"detail":"Malformed JSON in request body"}')
    const ok = await fetchWire(`${base}/validated`, { ...malformed, body: '{"name":"Ada"}' })
    expect([ok.status, ok.body]).toEqual([200, '{"name":"Ada"}'])
  })
})
