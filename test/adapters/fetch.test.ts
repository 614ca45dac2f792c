// @http-problem/fetch on Hono 4, both in-process through app.request() and over a real socket through
// @hono/node-server, and withProblems() around a plain fetch handler: every response is exactly the Response core's
// toResponse() builds for the same error and request (status, headers, body bytes).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import createHttpError from 'http-errors'
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import {
  builtInLocales,
  nodeFrameworkErrors,
  zhCN,
  Conflict,
  isHttpError,
  NotFound,
  planResponse,
  resolveOptions,
  htmlFormat,
  statuses,
  xmlFormat,
  toResponse,
  Unauthorized,
  type HttpError,
  type ProblemOptions,
  type RequestView,
  type ResolvedOptions,
} from '@http-problem/core'
import { errorHandler, notFound, withProblems, type FetchHandler } from '@http-problem/fetch'
import { BROWSER_ACCEPT, TRANSPORT_HEADERS, wireHeaders } from '../support/wire'

const defaults = resolveOptions()

const ORIGIN = 'http://localhost'

// --- helpers -------------------------------------------------------------------------------------------------

/** A Response read out completely: status, headers as a record, body as bytes (null when there is none). */
interface Read {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: Buffer | null
}

async function read(response: Response): Promise<Read> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (!TRANSPORT_HEADERS.has(name)) headers[name] = value
  })
  return {
    status: response.status,
    headers,
    body: response.body === null ? null : Buffer.from(await response.arrayBuffer()),
  }
}

/** The Response core builds for `error` and `request`, read out the same way. */
async function expected(error: unknown, request: Request, options: ResolvedOptions = defaults): Promise<Read> {
  return read(toResponse(error, request, options))
}

/** Asserts that `response` is byte for byte what toResponse() builds for the same error and request. */
async function expectToResponse(response: Response, error: unknown, request: Request, options?: ResolvedOptions): Promise<Read> {
  const actual = await read(response)
  expect(actual).toEqual(await expected(error, request, options))
  return actual
}

function problemOf(body: Buffer | null): Record<string, unknown> {
  return JSON.parse((body ?? Buffer.alloc(0)).toString('utf8')) as Record<string, unknown>
}

/** A Hono app with the pair installed and the given routes. */
function build(routes: (app: Hono) => void, options?: ProblemOptions): Hono {
  const app = new Hono()
  routes(app)
  app.onError(errorHandler(options))
  app.notFound(notFound(options))
  return app
}

// The adapter prints every 5xx with console.error (test/observability/logging.test.ts checks that); here it would only be noise.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
})

const servers: ServerType[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          ;(server as http.Server).closeAllConnections()
          server.close(() => resolve())
        }),
    ),
  )
})

/** Serves `app` with @hono/node-server on an ephemeral loopback port and returns the base URL. */
async function listen(app: Hono): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve(`http://127.0.0.1:${info.port}`)
    })
    servers.push(server)
  })
}

/** What went over the socket: status, reason phrase, headers (minus transport ones) and the exact body bytes. */
interface Wire extends Read {
  readonly statusText: string
  readonly body: Buffer
}

function send(url: string, method = 'GET', headers: Record<string, string> = {}, body?: string): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: wireHeaders(res.headers),
          body: Buffer.concat(chunks),
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Asserts the socket carried exactly core's plan for `error` and `view`: status, headers, body bytes. */
function expectWire(wire: Wire, error: unknown, view: RequestView, options: ResolvedOptions = defaults): void {
  const plan = planResponse(error, view, options)
  expect(wire.status).toBe(plan.status)
  expect(wire.headers).toEqual(plan.headers)
  expect(wire.headers['content-type']).toBe(plan.headers['content-type'])
  expect(wire.body).toEqual(Buffer.from(plan.body, 'utf8'))
}

// --- Hono, in-process ------------------------------------------------------------------------------------------

describe('Hono 4 through app.request()', () => {
  it('answers a thrown error of ours with exactly the Response toResponse() builds', async () => {
    const thrown = new NotFound('No user 42')
    const app = build((app) => {
      app.get('/users/:id', () => {
        throw thrown
      })
    })
    const actual = await expectToResponse(await app.request('/users/42'), thrown, new Request(`${ORIGIN}/users/42`))
    expect(actual.headers['content-type']).toBe('application/problem+json')
    expect(problemOf(actual.body)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' })
  })

  it('answers a rejected promise from an async handler behind middleware', async () => {
    const thrown = new Conflict('Version 3 is stale', { extensions: { current: 4 } })
    const app = build((app) => {
      app.use(async (_c, next) => {
        await next()
      })
      app.put('/docs/1', async () => {
        await Promise.resolve()
        throw thrown
      })
    })
    const init = { method: 'PUT', headers: { accept: 'application/json' } }
    const actual = await expectToResponse(await app.request('/docs/1', init), thrown, new Request(`${ORIGIN}/docs/1`, init))
    expect(actual.headers['content-type']).toBe('application/json')
    expect(problemOf(actual.body)).toMatchObject({ status: 409, current: 4 })
  })

  it('adopts an http-errors error with its headers, and a Hono HTTPException with its status and message', async () => {
    const tooMany = createHttpError(429, 'Slow down', { headers: { 'Retry-After': '30' } })
    const teapot = new HTTPException(418, { message: 'Short and stout' })
    const app = build((app) => {
      app.get('/search', () => {
        throw tooMany
      })
      app.get('/tea', () => {
        throw teapot
      })
    })
    const search = await expectToResponse(await app.request('/search'), tooMany, new Request(`${ORIGIN}/search`))
    expect(search.headers['retry-after']).toBe('30')
    const tea = await expectToResponse(await app.request('/tea'), teapot, new Request(`${ORIGIN}/tea`))
    expect(problemOf(tea.body)).toEqual({ type: 'about:blank', title: "I'm a Teapot", status: 418, detail: 'Short and stout' })
  })

  it('hides the message of a plain Error behind a 500', async () => {
    const thrown = new Error('connect ECONNREFUSED db.internal:5432 password=hunter2')
    const app = build((app) => {
      app.get('/boom', async () => {
        throw thrown
      })
    })
    const actual = await expectToResponse(await app.request('/boom'), thrown, new Request(`${ORIGIN}/boom`))
    expect(problemOf(actual.body)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
    expect(actual.body?.toString('utf8')).not.toContain('hunter2')
  })

  it('answers every method on an unmatched path with a 404 problem from notFound()', async () => {
    const app = build(() => {})
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
      const response = await app.request('/nowhere?x=1', { method })
      await expectToResponse(response, new NotFound(), new Request(`${ORIGIN}/nowhere?x=1`, { method }))
    }
  })

  it("answers HEAD with GET's headers, including Content-Length, and a null body", async () => {
    const app = build((app) => {
      app.get('/users/:id', () => {
        throw new NotFound('No user 42')
      })
    })
    for (const path of ['/users/42', '/nowhere']) {
      const error = path === '/nowhere' ? new NotFound() : new NotFound('No user 42')
      const head = await app.request(path, { method: 'HEAD' })
      const actual = await expectToResponse(head, error, new Request(`${ORIGIN}${path}`, { method: 'HEAD' }))
      expect(actual.body).toBeNull()
      const get = await read(toResponse(error, new Request(`${ORIGIN}${path}`), defaults))
      expect(actual.headers).toEqual(get.headers)
      expect(actual.headers['content-length']).toBe(String(get.body?.length))
    }
  })

  it('answers a browser with problem+json by default, and with the HTML page once htmlFormat is given', async () => {
    const routes = (app: Hono): void => {
      app.get('/users/:id', (c) => {
        throw new NotFound(`No user ${c.req.param('id')}`)
      })
    }
    const html = { headers: { accept: BROWSER_ACCEPT } }
    const lean = await expectToResponse(await build(routes).request('/users/42', html), new NotFound('No user 42'), new Request(`${ORIGIN}/users/42`, html))
    expect(lean.headers['content-type']).toBe('application/problem+json')
    expect(lean.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
    for (const accept of ['application/problem+xml', 'text/plain']) {
      expect((await build(routes).request('/users/42', { headers: { accept } })).headers.get('content-type')).toBe('application/problem+json')
    }

    const options = { formats: [htmlFormat] }
    const page = await expectToResponse(
      await build(routes, options).request('/users/42', html),
      new NotFound('No user 42'),
      new Request(`${ORIGIN}/users/42`, html),
      resolveOptions(options),
    )
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body?.toString('utf8')).toContain(statuses.find((row) => row.code === 404)?.description)
  })

  it('answers zh-CN with the Chinese title once given zhCN, and in English by default, with Vary: Accept', async () => {
    const routes = (app: Hono): void => {
      app.get('/users/:id', (c) => {
        throw new NotFound(`No user ${c.req.param('id')}`)
      })
    }
    const zh = { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } }
    const withChinese = { locales: { 'zh-CN': zhCN } }
    const chinese = await expectToResponse(
      await build(routes, withChinese).request('/users/42', zh),
      new NotFound('No user 42'),
      new Request(`${ORIGIN}/users/42`, zh),
      resolveOptions(withChinese),
    )
    expect(chinese.headers['content-language']).toBe('zh-CN')
    expect(chinese.headers.vary).toBe('Accept, Accept-Language')
    expect(problemOf(chinese.body).title).toBe(builtInLocales['zh-CN'].titles?.[404])
    const english = await read(await build(routes).request('/users/42', zh))
    expect(english.headers['content-language']).toBe('en')
    expect(english.headers.vary).toBe('Accept')
    expect(problemOf(english.body).title).toBe('Not Found')
  })

  it('reads Node framework errors generically by default, and by their rules when given nodeFrameworkErrors', async () => {
    const joi = (): Error =>
      Object.assign(new Error('"age" must be a number'), {
        isJoi: true,
        name: 'ValidationError',
        details: [{ message: '"age" must be a number', path: ['age'], type: 'number.base' }],
      })
    const routes = (app: Hono): void => {
      app.post('/users', () => {
        throw joi()
      })
    }
    const lean = await read(await build(routes).request('/users', { method: 'POST' }))
    expect(lean.status).toBe(500)
    const node = await read(await build(routes, { foreignErrors: [nodeFrameworkErrors] }).request('/users', { method: 'POST' }))
    expect(node.status).toBe(400)
    expect(problemOf(node.body)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ detail: '"age" must be a number', pointer: '#/age' }],
    })
  })

  it('renders with its options and calls onError once per error', async () => {
    const onError = vi.fn()
    const options: ProblemOptions = { instanceFromPath: true, typeBase: 'https://example.com/probs/', onError }
    const thrown = new Conflict('Out of stock', { type: 'out-of-stock' })
    const app = build((app) => {
      app.post('/orders', () => {
        throw thrown
      })
    }, options)
    const actual = await expectToResponse(
      await app.request('/orders?token=secret', { method: 'POST' }),
      thrown,
      new Request(`${ORIGIN}/orders?token=secret`, { method: 'POST' }),
      resolveOptions({ instanceFromPath: true, typeBase: 'https://example.com/probs/' }),
    )
    expect(problemOf(actual.body)).toMatchObject({ type: 'https://example.com/probs/out-of-stock', instance: '/orders' })
    await app.request('/nowhere')
    expect(onError).toHaveBeenCalledTimes(2)
    const [first, view] = onError.mock.calls[0] as [HttpError, RequestView]
    expect(first).toBe(thrown)
    expect(view).toMatchObject({ method: 'POST', path: '/orders' })
    expect(onError.mock.calls[1]?.[0]).toBeInstanceOf(NotFound)
  })

  it('rejects invalid options when the handlers are created, not per request', () => {
    expect(() => errorHandler({ languages: ['xx'] })).toThrow(TypeError)
    expect(() => notFound({ languages: ['xx'] })).toThrow(TypeError)
    expect(() => withProblems(() => new Response(), { languages: ['xx'] })).toThrow(TypeError)
  })

  it('never sees a thrown string, which Hono rethrows; withProblems(app.fetch) answers it', async () => {
    const app = build((app) => {
      app.get('/string', () => {
        throw 'secret string'
      })
    })
    // Hono calls onError only for Error instances and rethrows anything else out of app.fetch (here synchronously).
    await expect(Promise.resolve().then(() => app.request('/string'))).rejects.toBe('secret string')
    const fetch = withProblems(app.fetch)
    const request = new Request(`${ORIGIN}/string`)
    const actual = await expectToResponse(await fetch(request), 'secret string', request)
    expect(problemOf(actual.body)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
  })

  // Regression: with a single handler and no middleware, Hono returns onError's Response as it is, without copying
  // c.res's headers onto it, so the handler has to carry them over itself.
  it('keeps headers set with c.header() in the only handler, which Hono does not copy over', async () => {
    const app = build((app) => {
      app.get('/r', (c) => {
        c.header('x-request-id', 'abc-123')
        c.header('set-cookie', 'a=1')
        c.header('set-cookie', 'b=2', { append: true })
        c.header('etag', '"v1"')
        c.header('vary', 'Origin')
        throw new Conflict('Edited meanwhile')
      })
    })
    const response = await app.request('/r')
    const before = { 'x-request-id': 'abc-123', 'set-cookie': ['a=1', 'b=2'], etag: '"v1"', vary: 'Origin' }
    const plan = planResponse(new Conflict('Edited meanwhile'), { method: 'GET', path: '/r', responseHeaders: before })
    expect(response.headers.get('x-request-id')).toBe('abc-123')
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(response.headers.get('etag')).toBeNull()
    expect(response.headers.get('vary')).toBe(plan.headers.vary)
    expect(Object.fromEntries([...response.headers].filter(([name]) => name in plan.headers))).toEqual(plan.headers)
    expect(await response.text()).toBe(plan.body)
  })
})

// --- Hono with hono/cors in front ------------------------------------------------------------------------------

describe('Hono with hono/cors in front', () => {
  const app = (): Hono =>
    build((app) => {
      app.use('*', cors({ origin: ['https://app.example'], credentials: true, exposeHeaders: ['WWW-Authenticate'] }))
      app.get('/me', () => {
        throw new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api' } } })
      })
    })

  it('keeps the CORS headers on a thrown 401', async () => {
    const response = await app().request('/me', { headers: { origin: 'https://app.example' } })
    const actual = await read(response)
    expect(actual.status).toBe(401)
    expect(actual.headers['access-control-allow-origin']).toBe('https://app.example')
    expect(actual.headers['access-control-allow-credentials']).toBe('true')
    expect(actual.headers['access-control-expose-headers']).toBe('WWW-Authenticate')
    expect(actual.headers['www-authenticate']).toBe('Bearer realm="api"')
    expect(actual.headers['content-type']).toBe('application/problem+json')
    // hono/cors appends Origin to Vary after the handler, so Vary lists it last. One language: no Accept-Language.
    expect(actual.headers.vary).toBe('Accept, Origin')
  })

  it('keeps headers set with c.header() before the throw, drops the abandoned representation headers', async () => {
    const app = build((app) => {
      app.use('*', cors({ origin: ['https://app.example'] }))
      app.get('/r', (c) => {
        c.header('x-request-id', 'abc-123')
        c.header('etag', '"v1"')
        c.header('content-language', 'de')
        throw new Conflict('Edited meanwhile')
      })
    })
    const response = await app.request('/r', { headers: { origin: 'https://app.example' } })
    const actual = await read(response)
    const plan = planResponse(new Conflict('Edited meanwhile'), { method: 'GET', path: '/r' })
    expect(actual.status).toBe(409)
    expect(actual.headers['x-request-id']).toBe('abc-123')
    expect(actual.headers['access-control-allow-origin']).toBe('https://app.example')
    expect(actual.headers.etag).toBeUndefined()
    expect(actual.headers['content-language']).toBe('en')
    expect(actual.headers['content-type']).toBe('application/problem+json')
    expect(actual.body?.toString('utf8')).toBe(plan.body)
  })

  it('keeps them over a real socket too', async () => {
    const wire = await send(`${await listen(app())}/me`, 'GET', { origin: 'https://app.example' })
    expect(wire.status).toBe(401)
    expect(wire.headers['access-control-allow-origin']).toBe('https://app.example')
    expect(wire.headers['www-authenticate']).toBe('Bearer realm="api"')
  })
})

// --- Hono over a real socket -----------------------------------------------------------------------------------

describe('Hono 4 served by @hono/node-server', () => {
  const app = (): Hono =>
    build((app) => {
      app.get('/users/:id', (c) => {
        throw new NotFound(`No user ${c.req.param('id')}`)
      })
      app.get('/boom', async () => {
        throw new Error('password=hunter2')
      })
    })

  const cases: readonly [string, string, string, Record<string, string>, unknown][] = [
    ['a thrown 404', 'GET', '/users/42', {}, new NotFound('No user 42')],
    ['a thrown 404 as HTML', 'GET', '/users/42', { accept: BROWSER_ACCEPT }, new NotFound('No user 42')],
    ['a thrown 404 as problem+xml', 'GET', '/users/42', { accept: 'application/problem+xml' }, new NotFound('No user 42')],
    ['a thrown 404 in Chinese', 'GET', '/users/42', { 'accept-language': 'zh-CN' }, new NotFound('No user 42')],
    ['a hidden 500', 'GET', '/boom', {}, new Error('password=hunter2')],
    ['an unmatched path', 'GET', '/nowhere?x=1', {}, new NotFound()],
    ['an unmatched POST', 'POST', '/nowhere', {}, new NotFound()],
    ['HEAD of a route that throws', 'HEAD', '/users/42', {}, new NotFound('No user 42')],
    ['HEAD of an unmatched path', 'HEAD', '/nowhere', {}, new NotFound()],
  ]

  it.each(cases)('sends exactly the plan for %s, and the same as app.request()', async (_name, method, path, headers, error) => {
    const instance = app()
    const wire = await send(`${await listen(instance)}${path}`, method, headers)
    expectWire(wire, error, { method, path, headers })
    const inProcess = await read(await instance.request(path, { method, headers }))
    expect(wire.headers).toEqual(inProcess.headers)
    expect(wire.body).toEqual(inProcess.body ?? Buffer.alloc(0))
  })

  it("sends GET's Content-Length for HEAD and no body bytes", async () => {
    const url = await listen(app())
    const head = await send(`${url}/nowhere`, 'HEAD')
    const get = await send(`${url}/nowhere`, 'GET')
    expect(head.headers).toEqual(get.headers)
    expect(head.headers['content-length']).toBe(String(get.body.length))
    expect(head.body).toHaveLength(0)
  })
})

// --- withProblems() around a plain fetch handler ---------------------------------------------------------------

describe('withProblems()', () => {
  it('passes a successful Response through untouched', async () => {
    const ok = new Response('hello', { status: 200, headers: { 'content-type': 'text/plain' } })
    const handler = withProblems(() => ok)
    expect(await handler(new Request(`${ORIGIN}/`))).toBe(ok)
  })

  it('answers a synchronous throw with exactly the Response toResponse() builds', async () => {
    const thrown = new NotFound('No user 42')
    const handler = withProblems(
      () => {
        throw thrown
      },
      { formats: [xmlFormat] },
    )
    const request = new Request(`${ORIGIN}/users/42`, { headers: { accept: 'application/problem+xml' } })
    const actual = await expectToResponse(await handler(request), thrown, request, resolveOptions({ formats: [xmlFormat] }))
    expect(actual.headers['content-type']).toBe('application/problem+xml; charset=utf-8')
  })

  it('answers a rejected promise', async () => {
    const thrown = new Unauthorized({ challenge: { scheme: 'Bearer' } })
    const handler = withProblems(async () => {
      await Promise.resolve()
      throw thrown
    })
    const request = new Request(`${ORIGIN}/me`)
    const actual = await expectToResponse(await handler(request), thrown, request)
    expect(actual.headers['www-authenticate']).toBe('Bearer')
  })

  it('turns a thrown string into a 500 that keeps it as the cause and does not send it', async () => {
    const onError = vi.fn()
    const handler = withProblems(
      () => {
        throw 'secret string'
      },
      { onError },
    )
    const request = new Request(`${ORIGIN}/string`)
    const actual = await expectToResponse(await handler(request), 'secret string', request)
    expect(problemOf(actual.body)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
    expect(actual.body?.toString('utf8')).not.toContain('secret')
    expect(onError).toHaveBeenCalledTimes(1)
    const [error] = onError.mock.calls[0] as [HttpError]
    expect(isHttpError(error)).toBe(true)
    expect(error.cause).toBe('secret string')
  })

  it('answers a rejection with null or undefined as a 500', async () => {
    for (const reason of [null, undefined]) {
      const handler = withProblems(() => Promise.reject(reason))
      const request = new Request(`${ORIGIN}/falsy`)
      const actual = await expectToResponse(await handler(request), reason, request)
      expect(actual.status).toBe(500)
    }
  })

  it("answers HEAD with a null body and GET's Content-Length", async () => {
    const handler = withProblems(() => {
      throw new NotFound('No user 42')
    })
    const head = await read(await handler(new Request(`${ORIGIN}/users/42`, { method: 'HEAD' })))
    const get = await read(await handler(new Request(`${ORIGIN}/users/42`)))
    expect(head.body).toBeNull()
    expect(head.headers).toEqual(get.headers)
    expect(head.headers['content-length']).toBe(String(get.body?.length))
  })

  it('passes the extra arguments (env, ctx) through to the handler, typed', async () => {
    interface Env {
      readonly GREETING: string
    }
    interface Ctx {
      waitUntil(promise: Promise<unknown>): void
    }
    const seen: unknown[] = []
    const handler = withProblems(async (request: Request, env: Env, ctx: Ctx) => {
      seen.push(env, ctx)
      if (new URL(request.url).pathname !== '/') throw new NotFound()
      return new Response(env.GREETING)
    })
    expectTypeOf(handler).toEqualTypeOf<FetchHandler<[Env, Ctx]>>()
    expectTypeOf(handler).parameters.toEqualTypeOf<[Request, Env, Ctx]>()
    const env = { GREETING: 'hi' }
    const ctx = { waitUntil: vi.fn() }
    const ok = await handler(new Request(`${ORIGIN}/`), env, ctx)
    expect(await ok.text()).toBe('hi')
    const missing = await handler(new Request(`${ORIGIN}/x`), env, ctx)
    expect(missing.status).toBe(404)
    expect(seen).toEqual([env, ctx, env, ctx])
  })

  it('renders with its options', async () => {
    const options: ProblemOptions = { instanceFromPath: true, cacheControl: 'private, no-cache' }
    const handler = withProblems(() => {
      throw new NotFound('No user 42')
    }, options)
    const request = new Request(`${ORIGIN}/users/42?token=secret`)
    const actual = await expectToResponse(await handler(request), new NotFound('No user 42'), request, resolveOptions(options))
    expect(actual.headers['cache-control']).toBe('private, no-cache')
    expect(problemOf(actual.body).instance).toBe('/users/42')
  })

  it('serves the same bytes over @hono/node-server as in-process', async () => {
    const handler = withProblems((request: Request) => {
      if (new URL(request.url).pathname === '/') return new Response('home')
      throw new NotFound('Nothing here')
    })
    const url = await new Promise<string>((resolve) => {
      servers.push(serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`)))
    })
    const wire = await send(`${url}/x`)
    expectWire(wire, new NotFound('Nothing here'), { method: 'GET', path: '/x' })
  })
})
