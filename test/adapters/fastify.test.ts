// @http-problem/fastify against real Fastify 5 apps over a real socket (and through app.inject): what goes on the
// wire is exactly the plan @http-problem/core computes for the same error and request (status, reason phrase,
// headers, body bytes), for our own errors, for foreign ones, and for the errors Fastify itself raises (schema
// validation, content-type parsing, body limits, unmatched routes).
import type { IncomingHttpHeaders } from 'node:http'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import fastifyCors from '@fastify/cors'
import createHttpError from 'http-errors'
import request, { type Response as WireResponse } from 'supertest'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  BadRequest,
  builtInLocales,
  Conflict,
  fromAjvErrors,
  isHttpError,
  NotFound,
  planResponse,
  resolveOptions,
  Unauthorized,
  validationProblem,
  type AjvErrorLike,
  type ExistingHeaders,
  type HttpError,
  type ProblemOptions,
  type RequestView,
  type ResolvedOptions,
  type ResponsePlan,
} from '@http-problem/core'
import { errorHandler, notFound, problemDetails } from '@http-problem/fastify'
import { BROWSER_ACCEPT, bodyOf, collect, get, messageOf, TRANSPORT_HEADERS, wireHeaders } from '../support/wire'
import { NODE_DEFAULTS } from '../support/node-defaults'

const defaults = resolveOptions({}, NODE_DEFAULTS)

// --- helpers -------------------------------------------------------------------------------------------------

/** What Fastify's onError hook saw: the raw error, before our handler, and the headers set on the reply so far. */
interface Caught {
  readonly error: unknown
  readonly responseHeaders: ExistingHeaders
}

const open: FastifyInstance[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()))
})

/**
 * A Fastify app with the plugin registered (or nothing, with `install: false`), a hook that records every raw
 * error that reaches the error handler, and the given routes.
 */
async function build(
  routes: (app: FastifyInstance) => void | Promise<void>,
  options: ProblemOptions = {},
  fastifyOptions: FastifyServerOptions = {},
): Promise<{ app: FastifyInstance; caught: Caught[] }> {
  const app = Fastify(fastifyOptions)
  open.push(app)
  const caught: Caught[] = []
  app.addHook('onError', (_request, reply, error, done) => {
    caught.push({ error, responseHeaders: { ...reply.raw.getHeaders(), ...reply.getHeaders() } })
    done()
  })
  await app.register(problemDetails, options)
  await routes(app)
  return { app, caught }
}

/** Listens on an ephemeral port on the loopback interface and returns the base URL. */
async function serve(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' })
}

/** The headers the response must carry: earlier ones minus the plan's removals, then the plan's own (docs/headers.md). */
function expectedHeaders(plan: ResponsePlan, before: ExistingHeaders = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(before)) {
    // Unlike support/wire.ts's: Fastify sets `connection: close` on the reply before a body error, which is no plan header.
    if (value !== undefined && !TRANSPORT_HEADERS.has(name) && !plan.remove.includes(name)) out[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return { ...out, ...plan.headers }
}

/** Asserts status, reason phrase, the exact header set, the header order and the exact body bytes against core's plan. */
function expectPlan(res: WireResponse, plan: ResponsePlan, before?: ExistingHeaders): void {
  expect(res.status).toBe(plan.status)
  expect(messageOf(res).statusMessage).toBe(plan.statusText)
  expect(wireHeaders(res.headers as IncomingHttpHeaders)).toEqual(expectedHeaders(plan, before))
  expect(bodyOf(res)).toEqual(Buffer.from(plan.body, 'utf8'))
  // Content-Type is exactly the planned one: Fastify appends "; charset=utf-8" to a string payload, never to a Buffer.
  expect(res.headers['content-type']).toBe(plan.headers['content-type'])
}

/** Plans `error` for `view` the way the adapter should have, and asserts the response is exactly that plan. */
function expectProblem(res: WireResponse, error: unknown, view: RequestView, options: ResolvedOptions = defaults): ResponsePlan {
  const plan = planResponse(error, view, options)
  expectPlan(res, plan, view.responseHeaders)
  return plan
}

/** The one raw error Fastify passed on, planned with the reply headers set before it. */
function expectCaught(res: WireResponse, caught: readonly Caught[], view: RequestView, options?: ResolvedOptions): ResponsePlan {
  expect(caught).toHaveLength(1)
  const [{ error, responseHeaders }] = caught as [Caught]
  return expectProblem(res, error, { ...view, responseHeaders }, options)
}

function problemOf(res: WireResponse | { rawPayload: Buffer }): Record<string, unknown> {
  const bytes = 'rawPayload' in res ? res.rawPayload : bodyOf(res)
  return JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
}

// --- thrown errors ---------------------------------------------------------------------------------------------

describe('thrown errors', () => {
  it('answers a thrown error of ours with exactly the plan core computes, in the plan header order', async () => {
    const thrown = new NotFound('No user 42')
    const { app } = await build((app) => {
      app.get('/users/:id', () => {
        throw thrown
      })
    })
    const res = await request(await serve(app)).get('/users/42').buffer(true).parse(collect)
    const plan = expectProblem(res, thrown, { method: 'GET', path: '/users/42' })
    expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' })
    expect(res.headers['content-type']).toBe('application/problem+json')
    const rawNames = messageOf(res).rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase())
    expect(rawNames.filter((name) => !TRANSPORT_HEADERS.has(name))).toEqual(Object.keys(plan.headers))
  })

  it('answers a rejected promise from an async handler', async () => {
    const thrown = new Conflict('Version 3 is stale', { extensions: { current: 4 } })
    const { app } = await build((app) => {
      app.put('/docs/1', async () => {
        await Promise.resolve()
        throw thrown
      })
    })
    const res = await request(await serve(app)).put('/docs/1').set('accept', 'application/json').buffer(true).parse(collect)
    expectProblem(res, thrown, { method: 'PUT', path: '/docs/1', headers: { accept: 'application/json' } })
    expect(res.headers['content-type']).toBe('application/json')
    expect(problemOf(res)).toMatchObject({ status: 409, current: 4 })
  })

  it('adopts an http-errors error with its status, detail and headers', async () => {
    const thrown = createHttpError(429, 'Slow down', { headers: { 'Retry-After': '30' } })
    const { app } = await build((app) => {
      app.get('/search', async () => {
        throw thrown
      })
    })
    const res = await request(await serve(app)).get('/search').buffer(true).parse(collect)
    expectProblem(res, thrown, { method: 'GET', path: '/search' })
    expect(res.headers['retry-after']).toBe('30')
    expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down' })
  })

  it('turns a thrown string into a 500 that keeps it as the cause and does not send it', async () => {
    const onError = vi.fn()
    const { app } = await build(
      (app) => {
        app.get('/string', () => {
          throw 'secret string'
        })
        app.get('/async-string', async () => {
          await Promise.resolve()
          throw 'secret string'
        })
      },
      { onError },
    )
    const url = await serve(app)
    for (const path of ['/string', '/async-string']) {
      const res = await request(url).get(path).buffer(true).parse(collect)
      expectProblem(res, 'secret string', { method: 'GET', path })
      expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
      expect(bodyOf(res).toString('utf8')).not.toContain('secret')
    }
    expect(onError).toHaveBeenCalledTimes(2)
    expect((onError.mock.calls[0]?.[0] as HttpError).cause).toBe('secret string')
  })

  it('hides the message of a plain Error behind a 500', async () => {
    const thrown = new Error('connect ECONNREFUSED db.internal:5432 password=hunter2')
    const { app } = await build((app) => {
      app.get('/boom', async () => {
        throw thrown
      })
    })
    const res = await request(await serve(app)).get('/boom').buffer(true).parse(collect)
    expectProblem(res, thrown, { method: 'GET', path: '/boom' })
    expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
    expect(bodyOf(res).toString('utf8')).not.toContain('hunter2')
  })

  it('answers an error from a hook like one from a handler', async () => {
    const thrown = new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api' } } })
    const { app } = await build((app) => {
      app.addHook('preHandler', async () => {
        throw thrown
      })
      app.get('/me', async () => ({ id: 1 }))
    })
    const res = await request(await serve(app)).get('/me').buffer(true).parse(collect)
    expectProblem(res, thrown, { method: 'GET', path: '/me' })
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"')
  })

  it('sends the same bytes through app.inject as over the socket', async () => {
    const thrown = new NotFound('No user 42')
    const { app } = await build((app) => {
      app.get('/users/:id', () => {
        throw thrown
      })
    })
    const injected = await app.inject({ method: 'GET', url: '/users/42', headers: { 'accept-language': 'zh-CN' } })
    const plan = planResponse(thrown, { method: 'GET', path: '/users/42', headers: { 'accept-language': 'zh-CN' } }, defaults)
    expect(injected.statusCode).toBe(plan.status)
    expect(injected.statusMessage).toBe(plan.statusText)
    expect(wireHeaders(injected.headers)).toEqual(plan.headers)
    expect(injected.rawPayload).toEqual(Buffer.from(plan.body, 'utf8'))

    const wire = await request(await serve(app)).get('/users/42').set('accept-language', 'zh-CN').buffer(true).parse(collect)
    expect(bodyOf(wire)).toEqual(injected.rawPayload)
    expect(wireHeaders(wire.headers as IncomingHttpHeaders)).toEqual(wireHeaders(injected.headers))
  })
})

// --- the plugin and the two handlers -------------------------------------------------------------------------

describe('problemDetails plugin, errorHandler() and notFound()', () => {
  const routes = (app: FastifyInstance): void => {
    app.get('/users/:id', async (req) => {
      throw new NotFound(`No user ${(req.params as { id: string }).id}`)
    })
  }

  it('gives the same responses as setErrorHandler(errorHandler()) with setNotFoundHandler(notFound())', async () => {
    const options: ProblemOptions = { instanceFromPath: true, typeBase: 'https://example.com/probs/' }
    const viaPlugin = Fastify()
    open.push(viaPlugin)
    await viaPlugin.register(problemDetails, options)
    routes(viaPlugin)

    const viaHandlers = Fastify()
    open.push(viaHandlers)
    viaHandlers.setErrorHandler(errorHandler(options))
    viaHandlers.setNotFoundHandler(notFound(options))
    routes(viaHandlers)

    const [a, b] = await Promise.all([serve(viaPlugin), serve(viaHandlers)])
    for (const [method, path] of [
      ['GET', '/users/42'],
      ['HEAD', '/users/42'],
      ['GET', '/nowhere?x=1'],
      ['POST', '/nowhere'],
      ['HEAD', '/nowhere'],
    ] as const) {
      const [ra, rb] = await Promise.all(
        [a, b].map((url) => request(url)[method.toLowerCase() as 'get'](path).set('accept', BROWSER_ACCEPT).buffer(true).parse(collect)),
      )
      expect(ra?.status).toBe(rb?.status)
      expect(wireHeaders(ra?.headers as IncomingHttpHeaders)).toEqual(wireHeaders(rb?.headers as IncomingHttpHeaders))
      expect(bodyOf(ra as WireResponse)).toEqual(bodyOf(rb as WireResponse))
    }
    const res = await request(a).get('/nowhere?x=1').buffer(true).parse(collect)
    expectProblem(res, new NotFound(), { method: 'GET', path: '/nowhere?x=1' }, resolveOptions(options, NODE_DEFAULTS))
    expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/nowhere' })
  })

  it('covers routes registered in encapsulated child plugins, because fastify-plugin skips encapsulation', async () => {
    const app = Fastify()
    open.push(app)
    await app.register(problemDetails, { instanceFromPath: true })
    await app.register(
      async (child) => {
        child.get('/items/:id', async () => {
          throw new NotFound('No item 7')
        })
      },
      { prefix: '/v1' },
    )
    const url = await serve(app)
    const res = await request(url).get('/v1/items/7').buffer(true).parse(collect)
    expectProblem(res, new NotFound('No item 7'), { method: 'GET', path: '/v1/items/7' }, resolveOptions({ instanceFromPath: true }, NODE_DEFAULTS))
    const missing = await request(url).get('/v1/nothing').buffer(true).parse(collect)
    expectProblem(missing, new NotFound(), { method: 'GET', path: '/v1/nothing' }, resolveOptions({ instanceFromPath: true }, NODE_DEFAULTS))
  })

  it("lets a child plugin's own error handler win inside its scope", async () => {
    const app = Fastify()
    open.push(app)
    await app.register(problemDetails)
    await app.register(async (child) => {
      child.setErrorHandler(async (_error, _request, reply) => reply.code(418).send({ own: true }))
      child.get('/own', async () => {
        throw new BadRequest('ignored')
      })
    })
    const res = await request(await serve(app)).get('/own')
    expect(res.status).toBe(418)
    expect(res.body).toEqual({ own: true })
  })

  it("ignores Fastify's registration options (prefix, logLevel) and uses ours", async () => {
    const app = Fastify()
    open.push(app)
    await app.register(problemDetails, { instanceFromPath: true, logLevel: 'silent', prefix: '/api' } as ProblemOptions)
    const res = await request(await serve(app)).get('/nowhere').buffer(true).parse(collect)
    expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/nowhere' })
  })

  it('rejects invalid options when the app starts or the handler is created, not per request', async () => {
    expect(() => errorHandler({ languages: ['xx'] })).toThrow(TypeError)
    expect(() => notFound({ languages: ['xx'] })).toThrow(TypeError)
    const app = Fastify()
    open.push(app)
    await expect(app.register(problemDetails, { languages: ['xx'] })).rejects.toThrow(TypeError)
  })

  it('calls onError once per error with the normalised error and the request view', async () => {
    const onError = vi.fn()
    const thrown = new Error('database down')
    const { app } = await build(
      (app) => {
        app.get('/boom', async () => {
          throw thrown
        })
      },
      { onError },
    )
    const url = await serve(app)
    await request(url).get('/boom?x=1').set('accept', 'application/json')
    await request(url).post('/nowhere')
    expect(onError).toHaveBeenCalledTimes(2)
    const [first, firstView] = onError.mock.calls[0] as [HttpError, RequestView]
    expect(isHttpError(first)).toBe(true)
    expect(first.status).toBe(500)
    expect(first.cause).toBe(thrown)
    expect(firstView).toMatchObject({ method: 'GET', path: '/boom?x=1', headers: { accept: 'application/json' } })
    const [second, secondView] = onError.mock.calls[1] as [HttpError, RequestView]
    expect(second).toBeInstanceOf(NotFound)
    expect(secondView).toMatchObject({ method: 'POST', path: '/nowhere' })
  })
})

// --- schema validation -----------------------------------------------------------------------------------------

describe('schema validation', () => {
  const personSchema = {
    type: 'object',
    required: ['name', 'x/y~z'],
    properties: {
      name: { type: 'string', minLength: 1 },
      age: { type: 'integer', minimum: 0 },
      address: { type: 'object', required: ['city'], properties: { city: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' } } },
      items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer', minimum: 1 } } } },
      'a/b~c': { type: 'integer', minimum: 1 },
      'x/y~z': { type: 'string' },
    },
  } as const

  const people = (app: FastifyInstance): void => {
    app.post('/people', { schema: { body: personSchema } }, async (req, reply) => reply.code(201).send(req.body))
  }

  it('answers a body failing several rules with a 400 whose errors carry JSON Pointers (allErrors)', async () => {
    const { app, caught } = await build(people, {}, { ajv: { customOptions: { allErrors: true } } })
    const body = { age: -1, address: { zip: 'abc' }, items: [{ qty: 0 }, { qty: 2 }], 'a/b~c': 0 }
    const res = await request(await serve(app)).post('/people').send(body).buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'POST', path: '/people' })
    expect(res.headers['content-type']).toBe('application/problem+json')
    const problem = problemOf(res)
    expect(problem).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The request did not match the schema.' })
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { detail: "must have required property 'name'", pointer: '#/name' },
        { detail: "must have required property 'x/y~z'", pointer: '#/x~1y~0z' },
        { detail: 'must be >= 0', pointer: '#/age' },
        { detail: "must have required property 'city'", pointer: '#/address/city' },
        { detail: 'must match pattern "^[0-9]{5}$"', pointer: '#/address/zip' },
        { detail: 'must be >= 1', pointer: '#/items/0/qty' },
        { detail: 'must be >= 1', pointer: '#/a~1b~0c' },
      ]),
    )
    expect(problem.errors).toHaveLength(7)
    // Body-level issues carry no `location` (RFC 9457's example shape); the raw request body is never echoed.
    for (const issue of problem.errors as Record<string, unknown>[]) expect(issue).not.toHaveProperty('location')
    expect(bodyOf(res).toString('utf8')).not.toContain('abc')
  })

  it("reports the first failure only under Fastify's default ajv settings", async () => {
    const { app, caught } = await build(people)
    const res = await request(await serve(app)).post('/people').send({ name: 'Ada', 'x/y~z': 'ok', items: [{ qty: 2 }, { qty: 0 }] }).buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'POST', path: '/people' })
    expect(problemOf(res).errors).toEqual([{ detail: 'must be >= 1', pointer: '#/items/1/qty' }])
  })

  it('still runs the handler for a valid body', async () => {
    const { app } = await build(people)
    const res = await request(await serve(app)).post('/people').send({ name: 'Ada', 'x/y~z': 'ok' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ name: 'Ada', 'x/y~z': 'ok' })
  })

  it('becomes a 422 validation problem through mapError, as the README shows', async () => {
    const options: ProblemOptions = {
      mapError: (thrown) => {
        const { validation } = thrown as { validation?: AjvErrorLike[] }
        return Array.isArray(validation) ? validationProblem(fromAjvErrors(validation)) : undefined
      },
    }
    const { app } = await build(people, options)
    const res = await request(await serve(app)).post('/people').send({ 'x/y~z': 'ok' }).buffer(true).parse(collect)
    expect(res.status).toBe(422)
    expect(messageOf(res).statusMessage).toBe('Unprocessable Content')
    expect(problemOf(res)).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The request is not valid.',
      errors: [{ detail: "must have required property 'name'", pointer: '#/name' }],
    })
  })

  it('marks querystring failures with location "query"', async () => {
    const { app, caught } = await build((app) => {
      app.get(
        '/search',
        { schema: { querystring: { type: 'object', required: ['q'], properties: { q: { type: 'string' }, limit: { type: 'integer', maximum: 50 } } } } },
        async () => [],
      )
    })
    const res = await request(await serve(app)).get('/search?q=x&limit=99').buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'GET', path: '/search?q=x&limit=99' })
    expect(problemOf(res)).toMatchObject({ status: 400, errors: [{ detail: 'must be <= 50', pointer: '#/limit', location: 'query' }] })
  })

  it('marks path parameter failures with location "path"', async () => {
    const { app, caught } = await build((app) => {
      app.get('/users/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } } }, async () => ({}))
    })
    const res = await request(await serve(app)).get('/users/abc').buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'GET', path: '/users/abc' })
    expect(problemOf(res)).toMatchObject({ status: 400, errors: [{ detail: 'must be integer', pointer: '#/id', location: 'path' }] })
  })

  it('marks header failures with location "header"', async () => {
    const { app, caught } = await build((app) => {
      app.get('/tenant', { schema: { headers: { type: 'object', required: ['x-tenant'] } } }, async () => ({}))
    })
    const res = await request(await serve(app)).get('/tenant').buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'GET', path: '/tenant' })
    expect(problemOf(res)).toMatchObject({
      status: 400,
      errors: [{ detail: "must have required property 'x-tenant'", pointer: '#/x-tenant', location: 'header' }],
    })
  })
})

// --- Fastify's own body errors ---------------------------------------------------------------------------------

describe("Fastify's content-type parser and body limit", () => {
  const echo = (app: FastifyInstance): void => {
    app.post('/echo', async (req) => req.body)
  }

  it('answers an unsupported Content-Type with 415 and a fixed detail that does not quote it', async () => {
    const { app, caught } = await build(echo)
    const res = await request(await serve(app)).post('/echo').set('content-type', 'application/x-secret-type').send('<a/>').buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'POST', path: '/echo' })
    expect(problemOf(res)).toEqual({
      type: 'about:blank',
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'The media type of the request body is not supported.',
    })
    expect(bodyOf(res).toString('utf8')).not.toContain('secret')
  })

  it('answers a body over bodyLimit with 413 and the RFC 9110 reason phrase', async () => {
    const { app, caught } = await build(echo, {}, { bodyLimit: 64 })
    const res = await request(await serve(app)).post('/echo').send({ data: 'x'.repeat(200) }).buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'POST', path: '/echo' })
    expect(messageOf(res).statusMessage).toBe('Content Too Large')
    expect(problemOf(res)).toEqual({
      type: 'about:blank',
      title: 'Content Too Large',
      status: 413,
      detail: 'The request body is larger than this server accepts.',
    })
  })

  it('answers malformed JSON with 400 and a fixed detail that never quotes the body', async () => {
    const { app, caught } = await build(echo)
    const res = await request(await serve(app))
      .post('/echo')
      .set('content-type', 'application/json')
      .send('{"password": hunter2}')
      .buffer(true)
      .parse(collect)
    expectCaught(res, caught, { method: 'POST', path: '/echo' })
    expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The request body could not be parsed.' })
    expect(bodyOf(res).toString('utf8')).not.toContain('hunter2')
  })

  it('answers an empty JSON body with the same 400', async () => {
    const { app, caught } = await build(echo)
    const res = await request(await serve(app)).post('/echo').set('content-type', 'application/json').send('').buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'POST', path: '/echo' })
    expect(problemOf(res)).toMatchObject({ status: 400, detail: 'The request body could not be parsed.' })
  })
})

// --- not found and HEAD ----------------------------------------------------------------------------------------

describe('unmatched routes and HEAD', () => {
  it('answers every method on an unmatched path with a 404 problem', async () => {
    const { app } = await build(() => {})
    const url = await serve(app)
    for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
      const res = await request(url)[method]('/nowhere').buffer(true).parse(collect)
      expectProblem(res, new NotFound(), { method: method.toUpperCase(), path: '/nowhere' })
    }
  })

  it("answers HEAD on an unmatched path with GET's headers, including Content-Length, and no body", async () => {
    const { app } = await build(() => {})
    const url = await serve(app)
    const res = await request(url).head('/nowhere').buffer(true).parse(collect)
    const plan = expectProblem(res, new NotFound(), { method: 'HEAD', path: '/nowhere' })
    const getPlan = planResponse(new NotFound(), { method: 'GET', path: '/nowhere' }, defaults)
    expect(plan.headers).toEqual(getPlan.headers)
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(getPlan.body)))
    expect(bodyOf(res)).toHaveLength(0)
    const injected = await app.inject({ method: 'HEAD', url: '/nowhere' })
    expect(injected.headers['content-length']).toBe(String(Buffer.byteLength(getPlan.body)))
    expect(injected.rawPayload).toHaveLength(0)
  })

  it('answers HEAD on a GET route that throws with the same headers and no body', async () => {
    const { app } = await build((app) => {
      app.get('/users/:id', async () => {
        throw new NotFound('No user 42')
      })
    })
    // Fastify answers HEAD through an automatic route whose onSend hook sets Content-Length from the payload.
    const res = await request(await serve(app)).head('/users/42').buffer(true).parse(collect)
    expectProblem(res, new NotFound('No user 42'), { method: 'HEAD', path: '/users/42' })
    const getPlan = planResponse(new NotFound('No user 42'), { method: 'GET', path: '/users/42' }, defaults)
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(getPlan.body)))
    expect(bodyOf(res)).toHaveLength(0)
    const injected = await app.inject({ method: 'HEAD', url: '/users/42' })
    expect(injected.headers['content-length']).toBe(String(Buffer.byteLength(getPlan.body)))
    expect(injected.rawPayload).toHaveLength(0)
  })

  it('answers HEAD on an explicit HEAD route that throws the same way', async () => {
    const { app } = await build((app) => {
      app.route({
        method: ['GET', 'HEAD'],
        url: '/files/:name',
        exposeHeadRoute: false,
        handler: async () => {
          throw new NotFound('No such file')
        },
      })
    })
    const res = await request(await serve(app)).head('/files/a.txt').buffer(true).parse(collect)
    expectProblem(res, new NotFound('No such file'), { method: 'HEAD', path: '/files/a.txt' })
    expect(bodyOf(res)).toHaveLength(0)
  })

  it('negotiates HTML for a browser and the Chinese title for zh-CN', async () => {
    const { app } = await build(() => {})
    const url = await serve(app)
    const html = await request(url).get('/nowhere').set('accept', BROWSER_ACCEPT).buffer(true).parse(collect)
    expectProblem(html, new NotFound(), { method: 'GET', path: '/nowhere', headers: { accept: BROWSER_ACCEPT } })
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8')
    const zh = await request(url).get('/nowhere').set('accept-language', 'zh-CN').buffer(true).parse(collect)
    expectProblem(zh, new NotFound(), { method: 'GET', path: '/nowhere', headers: { 'accept-language': 'zh-CN' } })
    expect(problemOf(zh).title).toBe(builtInLocales['zh-CN'].titles?.[404])
  })
})

// --- headers set before the error ------------------------------------------------------------------------------

describe('headers set before the error', () => {
  it('keeps @fastify/cors headers on a thrown 401 and merges Vary', async () => {
    const thrown = new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api' } } })
    const { app, caught } = await build(async (app) => {
      // A list of origins, not one fixed string: only then does the answer depend on Origin and carry Vary.
      await app.register(fastifyCors, { origin: ['https://app.example'], credentials: true, exposedHeaders: ['WWW-Authenticate'] })
      app.get('/me', async () => {
        throw thrown
      })
    })
    const res = await request(await serve(app)).get('/me').set('origin', 'https://app.example').buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'GET', path: '/me' })
    expect(res.status).toBe(401)
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example')
    expect(res.headers['access-control-allow-credentials']).toBe('true')
    expect(res.headers['access-control-expose-headers']).toBe('WWW-Authenticate')
    expect(res.headers.vary).toBe('Origin, Accept, Accept-Language')
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"')
  })

  it('drops the representation headers of the abandoned body and keeps the rest', async () => {
    const { app, caught } = await build((app) => {
      app.get('/report.csv', async (_req, reply) => {
        reply.header('content-type', 'text/csv').header('etag', '"v1"').header('content-disposition', 'attachment').header('x-request-id', 'r-1')
        reply.raw.setHeader('set-cookie', 'seen=1')
        throw new Conflict('Report is being rebuilt')
      })
    })
    const res = await request(await serve(app)).get('/report.csv').buffer(true).parse(collect)
    expectCaught(res, caught, { method: 'GET', path: '/report.csv' })
    expect(res.headers).not.toHaveProperty('etag')
    expect(res.headers).not.toHaveProperty('content-disposition')
    expect(res.headers['content-type']).toBe('application/problem+json')
    expect(res.headers['x-request-id']).toBe('r-1')
    expect(res.headers['set-cookie']).toEqual(['seen=1'])
  })
})

// --- when the response has already started ---------------------------------------------------------------------

describe('when the response has already started', () => {
  it('cuts the connection, reports the error once and keeps serving', async () => {
    const onError = vi.fn()
    const thrown = new Error('stream failed')
    const { app } = await build(
      (app) => {
        app.get('/stream', async (_req, reply) => {
          reply.raw.writeHead(200, { 'content-type': 'text/plain' })
          reply.raw.write('partial ')
          await new Promise((resolve) => setTimeout(resolve, 10))
          throw thrown
        })
        app.get('/ok', async () => ({ ok: true }))
      },
      { onError },
    )
    const url = await serve(app)
    const outcome = await get(`${url}/stream`)
    expect(outcome).toMatchObject({ kind: 'response', status: 200, complete: false })
    if (outcome.kind === 'response') expect(outcome.body).not.toContain('Internal Server Error')
    expect(onError).toHaveBeenCalledTimes(1)
    expect((onError.mock.calls[0]?.[0] as HttpError).cause).toBe(thrown)
    const next = await get(`${url}/ok`)
    expect(next).toEqual({ kind: 'response', status: 200, body: '{"ok":true}', complete: true })
  })
})

// --- byte equality with core's plan, case by case --------------------------------------------------------------

describe('byte equality with planResponse', () => {
  const cases: readonly [string, () => unknown, Record<string, string>][] = [
    ['a 404 as problem+json', () => new NotFound('No user 42'), {}],
    ['a 404 as problem+xml', () => new NotFound('No user 42'), { accept: 'application/problem+xml' }],
    ['a 404 as HTML', () => new NotFound('No user 42'), { accept: BROWSER_ACCEPT }],
    ['a 404 as text', () => new NotFound('No user 42'), { accept: 'text/plain' }],
    ['a 401 in Chinese', () => new Unauthorized({ challenge: { scheme: 'Basic' } }), { 'accept-language': 'zh-CN' }],
    ['a 500 with a trace id', () => new Error('x'), { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }],
  ]

  it.each(cases)('sends exactly the plan for %s', async (_name, make, headers) => {
    const thrown = make()
    const { app } = await build((app) => {
      app.get('/case', () => {
        throw thrown
      })
    })
    const res = await request(await serve(app)).get('/case').set(headers).buffer(true).parse(collect)
    expectProblem(res, thrown, { method: 'GET', path: '/case', headers })
  })
})

describe('Fastify errors raised before routing, with frameworkErrors', () => {
  it('answers a URL Fastify cannot decode with a problem whose detail does not quote the URL', async () => {
    const app = Fastify({ frameworkErrors: errorHandler() })
    await app.register(problemDetails)
    app.get('/a/:id', async () => 'ok')
    const res = await app.inject({ method: 'GET', url: '/a/%zz%3Cscript%3E' })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toBe('application/problem+json')
    expect(res.body).toBe('{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request URL could not be decoded."}')
    await app.close()
  })
})
