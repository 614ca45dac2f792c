// @http-problem/express against real Express 4 and Express 5 apps: what goes on the wire is exactly the plan
// @http-problem/core computes for the same error and request (status, reason phrase, headers, body bytes),
// whatever the app's settings, for our own errors and for the errors Express's own stack raises.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Express, NextFunction, Request, Response } from 'express'
import createHttpError from 'http-errors'
import request, { type Response as WireResponse } from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  builtInLocales,
  Conflict,
  InternalServerError,
  isHttpError,
  MethodNotAllowed,
  NotFound,
  planResponse,
  resolveOptions,
  Unauthorized,
  UnprocessableContent,
  type ExistingHeaders,
  type HttpError,
  type ProblemOptions,
  type ErrorContext,
  type RequestView,
  type ResolvedOptions,
  type ResponsePlan,
} from '@http-problem/core'
import { errorHandler, notFound, wrapAsync } from '@http-problem/express'
import { createApp } from '@http-problem/example-express'
import { BROWSER_ACCEPT, bodyOf, collect, expectedHeaders, get, messageOf, TRANSPORT_HEADERS, wireHeaders } from '../support/wire'
import { NODE_DEFAULTS } from '../support/node-defaults'

// The npm aliases have no type declarations of their own; loading them through require lets @types/express
// describe both (the parts used here are the same in 4 and 5).
const require = createRequire(import.meta.url)
type ExpressModule = typeof import('express')
const express4 = require('express4') as ExpressModule
const express5 = require('express5') as ExpressModule
const cors = require('cors') as typeof import('cors')

const defaults = resolveOptions({}, NODE_DEFAULTS)

// --- helpers -------------------------------------------------------------------------------------------------

/** What the error-handling chain saw: the raw error and the response headers set before it. */
interface Caught {
  readonly error: unknown
  readonly responseHeaders: ExistingHeaders
}

/**
 * An app with x-powered-by off (so only the plan's headers are on the wire), the given routes, `notFound()`, a
 * pass-through middleware that records what reached the error handler, and `errorHandler(options)`.
 */
function build(
  express: ExpressModule,
  routes: (app: Express) => void,
  options?: ProblemOptions,
  configure?: (app: Express) => void,
): { app: Express; caught: Caught[] } {
  const app = express()
  app.disable('x-powered-by')
  configure?.(app)
  routes(app)
  const caught: Caught[] = []
  app.use(notFound())
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    caught.push({ error, responseHeaders: { ...res.getHeaders() } })
    next(error)
  })
  app.use(errorHandler(options))
  return { app, caught }
}

/** Asserts status, reason phrase, the exact header set and the exact body bytes against core's plan. */
function expectPlan(res: WireResponse, plan: ResponsePlan, before?: ExistingHeaders): void {
  expect(res.status).toBe(plan.status)
  expect(messageOf(res).statusMessage).toBe(plan.statusText)
  expect(wireHeaders(res.headers as IncomingHttpHeaders)).toEqual(expectedHeaders(plan, before))
  expect(bodyOf(res)).toEqual(Buffer.from(plan.body, 'utf8'))
}

/** Plans `error` for `view` the way the adapter should have, and asserts the response is exactly that plan. */
function expectProblem(
  res: WireResponse,
  error: unknown,
  view: RequestView,
  options: ResolvedOptions = defaults,
): ResponsePlan {
  const plan = planResponse(error, view, options)
  expectPlan(res, plan, view.responseHeaders)
  return plan
}

/** The one error that reached the error handler, planned with the response headers set before it. */
function expectCaught(res: WireResponse, caught: readonly Caught[], view: RequestView, options?: ResolvedOptions): ResponsePlan {
  expect(caught).toHaveLength(1)
  const [{ error, responseHeaders }] = caught as [Caught]
  return expectProblem(res, error, { ...view, responseHeaders }, options)
}

function problemOf(res: WireResponse): Record<string, unknown> {
  return JSON.parse(bodyOf(res).toString('utf8')) as Record<string, unknown>
}

async function listen(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

// --- the adapter, on both majors -----------------------------------------------------------------------------

const majors: readonly [string, ExpressModule, { readonly nativeAsync: boolean }][] = [
  ['express 4', express4, { nativeAsync: false }],
  ['express 5', express5, { nativeAsync: true }],
]

describe.each(majors)('%s', (_name, express, { nativeAsync }) => {
  describe('catching errors', () => {
    it('answers a synchronous throw with exactly the plan core computes', async () => {
      const thrown = new NotFound('No user 42')
      const { app } = build(express, (app) => {
        app.get('/users/:id', () => {
          throw thrown
        })
      })
      const res = await request(app).get('/users/42').buffer(true).parse(collect)
      const plan = expectProblem(res, thrown, { method: 'GET', path: '/users/42' })
      expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' })
      // Headers go out in the plan's order (the transport headers Node adds are not the plan's).
      const rawNames = messageOf(res).rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase())
      expect(rawNames.filter((name) => !TRANSPORT_HEADERS.has(name))).toEqual(Object.keys(plan.headers))
    })

    it('answers an error passed to next() like a thrown one', async () => {
      const thrown = new Conflict('Version 3 is stale', { extensions: { current: 4 } })
      const { app } = build(express, (app) => {
        app.put('/docs/1', (_req, _res, next) => next(thrown))
      })
      const res = await request(app).put('/docs/1').set('accept', 'application/json').buffer(true).parse(collect)
      expectProblem(res, thrown, { method: 'PUT', path: '/docs/1', headers: { accept: 'application/json' } })
      expect(res.headers['content-type']).toBe('application/json')
    })

    it('adopts an http-errors error passed to next() with its status, detail and headers', async () => {
      const thrown = createHttpError(429, 'Slow down', { headers: { 'Retry-After': '30' } })
      const { app } = build(express, (app) => {
        app.get('/search', (_req, _res, next) => next(thrown))
      })
      const res = await request(app).get('/search').buffer(true).parse(collect)
      expectProblem(res, thrown, { method: 'GET', path: '/search' })
      expect(res.headers['retry-after']).toBe('30')
      expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down' })
    })

    it('hides the message of a plain Error behind a 500', async () => {
      const thrown = new Error('connect ECONNREFUSED db.internal:5432 password=hunter2')
      const { app } = build(express, (app) => {
        app.get('/boom', () => {
          throw thrown
        })
      })
      const res = await request(app).get('/boom').buffer(true).parse(collect)
      expectProblem(res, thrown, { method: 'GET', path: '/boom' })
      expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
      expect(bodyOf(res).toString('utf8')).not.toContain('hunter2')
    })

    if (nativeAsync) {
      // Only Express 5 catches rejected promises by itself; Express 4 has its own test below.
      it('answers a rejected promise from an async handler by itself', async () => {
        const thrown = new NotFound('No user 42')
        const { app } = build(express, (app) => {
          app.get('/users/:id', async () => {
            await Promise.resolve()
            throw thrown
          })
        })
        const res = await request(app).get('/users/42').buffer(true).parse(collect)
        expectProblem(res, thrown, { method: 'GET', path: '/users/42' })
      })
    }

    it('answers a rejected promise through wrapAsync()', async () => {
      const thrown = new NotFound('No user 42')
      const { app } = build(express, (app) => {
        app.get(
          '/users/:id',
          wrapAsync(async (req: Request, res: Response) => {
            await Promise.resolve()
            if (req.params.id === '42') throw thrown
            res.json({ id: req.params.id })
          }),
        )
      })
      const res = await request(app).get('/users/42').buffer(true).parse(collect)
      expectProblem(res, thrown, { method: 'GET', path: '/users/42' })
    })

    it('passes a synchronous throw inside wrapAsync() on as well', async () => {
      const thrown = new NotFound('No user 42')
      const { app } = build(express, (app) => {
        app.get(
          '/users/:id',
          wrapAsync(() => {
            throw thrown
          }),
        )
      })
      const res = await request(app).get('/users/42').buffer(true).parse(collect)
      expectProblem(res, thrown, { method: 'GET', path: '/users/42' })
    })

    it('turns a rejection with a falsy reason into a hidden 500 through wrapAsync()', async () => {
      const { app, caught } = build(express, (app) => {
        app.get('/falsy', wrapAsync(() => Promise.reject(null)))
      })
      const res = await request(app).get('/falsy').buffer(true).parse(collect)
      expectCaught(res, caught, { method: 'GET', path: '/falsy' })
      expect(caught[0]?.error).toBeInstanceOf(Error)
      expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
    })

    if (!nativeAsync) {
      // Only Express 4 ignores rejected promises; Express 5 has its own test above.
      it('never sees a rejected promise from an async handler without wrapAsync()', async () => {
        // Express 4 ignores what a handler returns: the rejection goes unhandled and the request is left open. The
        // test waits for the rejection itself (no timeout involved), checks that nothing answered, then ends the
        // response itself so the request completes. Our listener also tells Vitest the rejection is expected.
        const thrown = new NotFound('No user 42')
        const onError = vi.fn()
        let pending: Response | undefined
        let listener: ((reason: unknown) => void) | undefined
        const rejected = new Promise<unknown>((resolve) => {
          listener = (reason) => {
            if (reason === thrown) resolve(reason)
          }
          process.on('unhandledRejection', listener)
        })
        try {
          const { app } = build(
            express,
            (app) => {
              app.get('/users/:id', async (_req, res) => {
                pending = res
                throw thrown
              })
            },
            { onError },
          )
          const answer = request(app).get('/users/42').buffer(true).parse(collect).then((res) => res)
          expect(await rejected).toBe(thrown)
          expect(onError).not.toHaveBeenCalled()
          expect(pending?.headersSent).toBe(false)
          pending?.end('nobody answered')
          const res = await answer
          expect(res.status).toBe(200)
          expect(bodyOf(res).toString('utf8')).toBe('nobody answered')
        } finally {
          if (listener !== undefined) process.off('unhandledRejection', listener)
        }
      })
    }
  })

  describe('bytes independent of app settings', () => {
    // json spaces / replacer / escape would change res.json(), etag would add an ETag to res.send(), env changes
    // finalhandler's output: the adapter uses none of them.
    const settings: readonly [string, (app: Express) => void][] = [
      ['the default settings', () => {}],
      ["etag 'strong'", (app) => app.set('etag', 'strong')],
      ['etag true', (app) => app.set('etag', true)],
      ['json spaces 2', (app) => app.set('json spaces', 2)],
      ['a json replacer', (app) => app.set('json replacer', (_key: string, value: unknown) => (typeof value === 'number' ? String(value) : value))],
      ['json escape', (app) => app.set('json escape', true)],
      ["env 'development'", (app) => app.set('env', 'development')],
      ["env 'production'", (app) => app.set('env', 'production')],
    ]
    const makeError = (): HttpError => new Conflict('Version <3> & <4> differ', { extensions: { current: 4, ids: [1, 2] } })
    const baseline = planResponse(makeError(), { method: 'GET', path: '/docs/1' }, defaults)

    it.each(settings)('sends the same bytes with %s', async (_label, configure) => {
      const { app } = build(
        express,
        (app) => {
          app.get('/docs/1', () => {
            throw makeError()
          })
        },
        undefined,
        configure,
      )
      const res = await request(app).get('/docs/1').buffer(true).parse(collect)
      expectPlan(res, baseline)
    })

    it('keeps x-powered-by like any header set before the error, with the body unchanged', async () => {
      // Express sets X-Powered-By when the request starts, so to the plan it is an earlier header: it is not a
      // representation header, so it survives (docs/headers.md).
      const { app } = build(
        express,
        (app) => {
          app.get('/docs/1', () => {
            throw makeError()
          })
        },
        undefined,
        (app) => app.enable('x-powered-by'),
      )
      const res = await request(app).get('/docs/1').buffer(true).parse(collect)
      expectProblem(res, makeError(), { method: 'GET', path: '/docs/1', responseHeaders: { 'x-powered-by': 'Express' } })
      expect(res.headers['x-powered-by']).toBe('Express')
      expect(bodyOf(res)).toEqual(Buffer.from(baseline.body, 'utf8'))
    })
  })

  describe("errors from Express's own stack", () => {
    it('answers malformed JSON with a fixed detail that never quotes the request body', async () => {
      const { app, caught } = build(express, (app) => {
        app.post('/login', express.json(), (_req, res) => {
          res.end('ok')
        })
      })
      const res = await request(app)
        .post('/login')
        .set('content-type', 'application/json')
        .send('{"user":"ada","password":"hunter2",')
        .buffer(true)
        .parse(collect)
      expectCaught(res, caught, { method: 'POST', path: '/login' })
      expect(problemOf(res)).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request body could not be parsed.',
      })
      expect(bodyOf(res).toString('utf8')).not.toContain('hunter2')
      expect(bodyOf(res).toString('utf8')).not.toContain('password')
    })

    it('answers a body over the limit with 413', async () => {
      const { app, caught } = build(express, (app) => {
        app.post('/notes', express.json({ limit: '1kb' }), (_req, res) => {
          res.end('ok')
        })
      })
      const res = await request(app)
        .post('/notes')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ text: 'x'.repeat(2048) }))
        .buffer(true)
        .parse(collect)
      expectCaught(res, caught, { method: 'POST', path: '/notes' })
      expect(problemOf(res)).toMatchObject({ status: 413, title: 'Content Too Large', detail: 'The request body is larger than this server accepts.' })
    })

    // express.json() accepts any `utf-*` charset (UTF-7 included), so UTF-7 is shown with express.urlencoded().
    it.each([
      ['express.urlencoded()', 'application/x-www-form-urlencoded; charset=utf-7', 'a=1'],
      ['express.json()', 'application/json; charset=iso-8859-1', '{"a":1}'],
    ])('answers an unsupported charset for %s with 415', async (_label, contentType, body) => {
      const { app, caught } = build(express, (app) => {
        app.post('/form', express.urlencoded({ extended: false }), express.json(), (_req, res) => {
          res.end('ok')
        })
      })
      const res = await request(app).post('/form').set('content-type', contentType).send(body).buffer(true).parse(collect)
      expectCaught(res, caught, { method: 'POST', path: '/form' })
      expect(problemOf(res)).toMatchObject({ status: 415, detail: 'The charset of the request body is not supported.' })
    })

    it('answers an unknown Content-Encoding with 415', async () => {
      const { app, caught } = build(express, (app) => {
        app.post('/notes', express.json(), (_req, res) => {
          res.end('ok')
        })
      })
      const res = await request(app)
        .post('/notes')
        .set('content-type', 'application/json')
        .set('content-encoding', 'bogus')
        .send('{"a":1}')
        .buffer(true)
        .parse(collect)
      expectCaught(res, caught, { method: 'POST', path: '/notes' })
      expect(problemOf(res)).toMatchObject({ status: 415, detail: 'The content encoding of the request body is not supported.' })
    })

    describe('express.static', () => {
      let root: string
      beforeAll(() => {
        root = mkdtempSync(join(tmpdir(), 'http-problem-static-'))
        writeFileSync(join(root, 'hello.txt'), 'hello, world\n')
      })
      afterAll(() => rmSync(root, { recursive: true, force: true }))

      const staticApp = (): { app: Express; caught: Caught[] } =>
        build(express, (app) => {
          app.use('/static', express.static(root, { fallthrough: false }))
        })

      it('still serves a real file', async () => {
        const { app, caught } = staticApp()
        const res = await request(app).get('/static/hello.txt').buffer(true).parse(collect)
        expect(res.status).toBe(200)
        expect(res.headers['content-type']).toMatch(/^text\/plain; charset=utf-8$/i) // send 0.x writes UTF-8
        expect(bodyOf(res).toString('utf8')).toBe('hello, world\n')
        expect(caught).toHaveLength(0)
      })

      it.each([
        ['a malformed URI', '/static/%', 400],
        ['an encoded path traversal', '/static/%2e%2e/%2e%2e/etc/passwd', 403],
        ['a missing file', '/static/missing.txt', 404],
      ])('answers %s with a problem', async (_label, path, status) => {
        const { app, caught } = staticApp()
        const res = await request(app).get(path).buffer(true).parse(collect)
        expect(res.status).toBe(status)
        expect(res.headers['content-type']).toBe('application/problem+json')
        expectCaught(res, caught, { method: 'GET', path })
        // send marks file-system errors as not exposed: the server's directory never reaches the client.
        expect(bodyOf(res).toString('utf8')).not.toContain(root)
      })

      it('answers an unsatisfiable range with 416 and drops the headers send set for the file', async () => {
        const { app, caught } = staticApp()
        const res = await request(app).get('/static/hello.txt').set('range', 'bytes=100-200').buffer(true).parse(collect)
        expectCaught(res, caught, { method: 'GET', path: '/static/hello.txt' })
        expect(res.status).toBe(416)
        expect(res.headers['content-range']).toBe('bytes */13')
        // send had set these for the file; they describe a body that is not being sent.
        expect(caught[0]?.responseHeaders).toHaveProperty('etag')
        expect(res.headers).not.toHaveProperty('etag')
        expect(res.headers).not.toHaveProperty('last-modified')
        expect(res.headers).not.toHaveProperty('accept-ranges')
        expect(res.headers['cache-control']).toBe('no-store')
      })
    })
  })

  describe('when the response has already started', () => {
    const streaming = (onError: (error: HttpError, view: RequestView) => void): { app: Express; thrown: Error[] } => {
      const thrown: Error[] = []
      const { app } = build(
        express,
        (app) => {
          app.get('/ok', (_req, res) => {
            res.end('ok')
          })
          // The error comes once the first chunk is on its way: too late for a problem response.
          app.get('/next', (_req, res, next) => {
            res.setHeader('content-type', 'text/plain; charset=utf-8')
            res.write('partial ', () => {
              const error = new Error('disk failed')
              thrown.push(error)
              next(error)
            })
          })
          app.get('/throw', (_req, res) => {
            res.setHeader('content-type', 'text/plain; charset=utf-8')
            res.write('partial ')
            const error = new Error('disk failed')
            thrown.push(error)
            throw error
          })
        },
        { onError },
      )
      return { app, thrown }
    }

    it.each(['/next', '/throw'])('closes the connection for %s, reports the error once and keeps serving', async (path) => {
      const onError = vi.fn()
      const { app, thrown } = streaming(onError)
      const server = await listen(app)
      try {
        const outcome = await get(server.url + path)
        // Express's final handler destroys the socket: the client sees a truncated body (or, if even the first
        // chunk was lost, a hang-up), never a complete response and never problem bytes appended to it.
        if (outcome.kind === 'response') {
          expect(outcome.status).toBe(200)
          expect(outcome.complete).toBe(false)
          expect('partial '.startsWith(outcome.body)).toBe(true)
        } else {
          expect(outcome.code).toBe('ECONNRESET')
        }

        expect(onError).toHaveBeenCalledTimes(1)
        const [error, view] = onError.mock.calls[0] as [HttpError, RequestView]
        expect(isHttpError(error)).toBe(true)
        expect(error.status).toBe(500)
        expect(error.cause).toBe(thrown[0])
        expect(view).toMatchObject({ method: 'GET', path })

        expect(await get(server.url + '/ok')).toEqual({ kind: 'response', status: 200, body: 'ok', complete: true })
      } finally {
        await server.close()
      }
    })
  })

  describe('notFound()', () => {
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const

    it.each(methods)('answers an unmatched %s with a 404 problem', async (method) => {
      const { app } = build(express, (app) => {
        app.all('/users/1', (_req, res) => {
          res.end('ok')
        })
      })
      const res = await request(app)[method.toLowerCase() as Lowercase<typeof method>]('/nowhere').buffer(true).parse(collect)
      expectProblem(res, new NotFound(), { method, path: '/nowhere' })
      expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404 })
    })

    it('lets Express answer OPTIONS for a path with routes, with Allow', async () => {
      const { app } = build(express, (app) => {
        app.get('/users/1', (_req, res) => {
          res.end('ok')
        })
        app.put('/users/1', (_req, res) => {
          res.end('ok')
        })
      })
      const res = await request(app).options('/users/1')
      expect(res.status).toBe(200)
      // Express 4 writes 'GET,HEAD,PUT', Express 5 'GET, HEAD, PUT'.
      expect(String(res.headers.allow).split(/,\s*/)).toEqual(['GET', 'HEAD', 'PUT'])
    })

    it('leaves CORS preflights to cors() in front of it', async () => {
      const { app } = build(express, (app) => {
        app.use(cors({ origin: 'https://app.example' }))
        app.put('/users/1', (_req, res) => {
          res.end('ok')
        })
      })
      const res = await request(app)
        .options('/users/1')
        .set('origin', 'https://app.example')
        .set('access-control-request-method', 'PUT')
      expect(res.status).toBe(204)
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example')
    })

    it('answers HEAD with the headers and Content-Length of GET and no body', async () => {
      const { app } = build(express, () => {})
      const [get, head] = await Promise.all([
        request(app).get('/nowhere').buffer(true).parse(collect),
        request(app).head('/nowhere').buffer(true).parse(collect),
      ])
      expectProblem(head, new NotFound(), { method: 'HEAD', path: '/nowhere' })
      expect(wireHeaders(head.headers as IncomingHttpHeaders)).toEqual(wireHeaders(get.headers as IncomingHttpHeaders))
      expect(head.headers['content-length']).toBe(String(bodyOf(get).length))
      expect(bodyOf(head)).toHaveLength(0)
    })
  })

  describe('headers set before the error', () => {
    it('keeps CORS headers and merges Vary, and drops the representation headers of the abandoned body', async () => {
      const { app, caught } = build(express, (app) => {
        app.use(cors({ origin: 'https://app.example', exposedHeaders: ['WWW-Authenticate'] }))
        app.get('/reports.csv', (_req, res) => {
          res.setHeader('Content-Type', 'text/csv')
          res.setHeader('ETag', '"v1"')
          res.setHeader('Content-Disposition', 'attachment; filename="reports.csv"')
          throw new Unauthorized('Sign in first.', { challenge: { scheme: 'Bearer', params: { realm: 'api' } } })
        })
      })
      const res = await request(app).get('/reports.csv').set('origin', 'https://app.example').buffer(true).parse(collect)
      expectCaught(res, caught, { method: 'GET', path: '/reports.csv' })
      expect(res.status).toBe(401)
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example')
      expect(res.headers['access-control-expose-headers']).toBe('WWW-Authenticate')
      expect(res.headers.vary).toBe('Origin, Accept, Accept-Language')
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"')
      expect(res.headers['content-type']).toBe('application/problem+json')
      expect(res.headers).not.toHaveProperty('etag')
      expect(res.headers).not.toHaveProperty('content-disposition')
    })
  })

  describe('options', () => {
    it('rejects invalid options when the handler is created, not per request', () => {
      expect(() => errorHandler({ languages: ['xx'] })).toThrow(TypeError)
      expect(() => errorHandler({ languages: ['xx'] })).toThrow(/"xx"/)
    })

    it('reads the options once, however many requests follow', async () => {
      let reads = 0
      const options: ProblemOptions = {
        get cacheControl() {
          reads++
          return 'no-cache'
        },
      }
      const { app } = build(express, () => {}, options)
      const afterCreation = reads
      expect(afterCreation).toBeGreaterThan(0)
      for (let i = 0; i < 3; i++) {
        const res = await request(app).get(`/nowhere/${i}`)
        expect(res.headers['cache-control']).toBe('no-cache')
      }
      expect(reads).toBe(afterCreation)
    })

    it('calls onError once per error with the normalised error and the request view', async () => {
      const thrown = new Error('database down')
      const onError = vi.fn()
      const { app } = build(
        express,
        (app) => {
          app.get('/boom', () => {
            throw thrown
          })
        },
        { onError },
      )
      await request(app).get('/boom?x=1').set('accept', 'application/json')
      await request(app).post('/nowhere')
      expect(onError).toHaveBeenCalledTimes(2)

      const [first, firstContext] = onError.mock.calls[0] as [HttpError, ErrorContext]
      expect(isHttpError(first)).toBe(true)
      expect(first.status).toBe(500)
      expect(first.cause).toBe(thrown)
      expect(firstContext.view.method).toBe('GET')
      expect(firstContext.view.path).toBe('/boom?x=1')
      expect(firstContext.view.headers).toMatchObject({ accept: 'application/json' })
      expect(firstContext.view.responseHeaders).toEqual({})
      expect(firstContext).toMatchObject({ status: 500, expected: false })
      expect((firstContext.request as { originalUrl: string }).originalUrl).toBe('/boom?x=1')

      const [second, secondContext] = onError.mock.calls[1] as [HttpError, ErrorContext]
      expect(second).toBeInstanceOf(NotFound)
      expect(secondContext.view).toMatchObject({ method: 'POST', path: '/nowhere' })
      expect(secondContext).toMatchObject({ status: 404, expected: true })
    })

    it('renders with the options it was given', async () => {
      const options: ProblemOptions = { typeBase: 'https://example.com/probs/', instanceFromPath: true }
      const thrown = new Conflict('Out of stock', { type: 'out-of-stock' })
      const { app } = build(
        express,
        (app) => {
          app.post('/orders', () => {
            throw thrown
          })
        },
        options,
      )
      const res = await request(app).post('/orders?token=secret').buffer(true).parse(collect)
      expectProblem(res, thrown, { method: 'POST', path: '/orders?token=secret' }, resolveOptions(options, NODE_DEFAULTS))
      expect(problemOf(res)).toMatchObject({ type: 'https://example.com/probs/out-of-stock', instance: '/orders' })
    })
  })

  describe('negotiation', () => {
    const usersApp = (): Express =>
      build(express, (app) => {
        app.get('/users/:id', (req) => {
          throw new NotFound(`No user ${req.params.id}`)
        })
      }).app

    it('sends an HTML page with its Content-Security-Policy to a browser', async () => {
      const res = await request(usersApp()).get('/users/42').set('accept', BROWSER_ACCEPT).buffer(true).parse(collect)
      expectProblem(res, new NotFound('No user 42'), { method: 'GET', path: '/users/42', headers: { accept: BROWSER_ACCEPT } })
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/)
      expect(bodyOf(res).toString('utf8')).toContain('No user 42')
    })

    it('sends the Chinese title for Accept-Language: zh-CN', async () => {
      const headers = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' }
      const res = await request(usersApp()).get('/users/42').set(headers).buffer(true).parse(collect)
      expectProblem(res, new NotFound('No user 42'), { method: 'GET', path: '/users/42', headers })
      expect(res.headers['content-language']).toBe('zh-CN')
      expect(problemOf(res).title).toBe(builtInLocales['zh-CN'].titles?.[404])
    })

    it('answers HEAD of an error route with the GET headers and no body', async () => {
      const res = await request(usersApp()).head('/users/42').buffer(true).parse(collect)
      const plan = expectProblem(res, new NotFound('No user 42'), { method: 'HEAD', path: '/users/42' })
      const getPlan = planResponse(new NotFound('No user 42'), { method: 'GET', path: '/users/42' }, defaults)
      expect(plan.headers).toEqual(getPlan.headers)
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(getPlan.body)))
      expect(bodyOf(res)).toHaveLength(0)
    })
  })
})

// --- the example app (Express 5, as examples/express depends on it) ------------------------------------------

describe('examples/express', () => {
  const app = createApp()
  const options = resolveOptions({ instanceFromPath: true }, NODE_DEFAULTS)

  it('answers GET /users/42 with a 404 and its detail', async () => {
    const res = await request(app).get('/users/42').buffer(true).parse(collect)
    expectProblem(res, new NotFound('No user with id 42'), { method: 'GET', path: '/users/42' }, options)
    expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user with id 42', instance: '/users/42' })
  })

  it('still answers GET /users/1', async () => {
    const res = await request(app).get('/users/1')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ id: 1, name: 'Ada' })
  })

  it('answers GET /me without credentials with a 401 and WWW-Authenticate', async () => {
    const res = await request(app).get('/me').buffer(true).parse(collect)
    const error = new Unauthorized('Send "Authorization: Bearer demo".', {
      challenge: { scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } },
    })
    expectProblem(res, error, { method: 'GET', path: '/me' }, options)
    expect(res.headers['www-authenticate']).toBe('Bearer realm="example", error="invalid_token"')
  })

  it('answers DELETE /reports/1 with a 405 and Allow', async () => {
    const res = await request(app).delete('/reports/1').buffer(true).parse(collect)
    const error = new MethodNotAllowed('Reports are read-only.', { allow: ['GET', 'HEAD'] })
    expectProblem(res, error, { method: 'DELETE', path: '/reports/1' }, options)
    expect(res.headers.allow).toBe('GET, HEAD')
  })

  it('answers an invalid POST /people with a 422 listing errors[]', async () => {
    const res = await request(app).post('/people').send({ age: -1 }).buffer(true).parse(collect)
    const errors = [
      { detail: 'must be a non-empty string', pointer: '#/name' },
      { detail: 'must be a positive integer', pointer: '#/age' },
    ]
    const error = new UnprocessableContent({
      type: 'https://example.com/probs/validation-error',
      title: 'Your request is not valid.',
      extensions: { errors },
    })
    expectProblem(res, error, { method: 'POST', path: '/people' }, options)
    expect(problemOf(res)).toMatchObject({ status: 422, errors })
  })

  it('answers malformed JSON with a 400 from the body parser', async () => {
    const res = await request(app).post('/people').set('content-type', 'application/json').send('{"age":').buffer(true).parse(collect)
    expect(res.status).toBe(400)
    expect(problemOf(res)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request body could not be parsed.',
      instance: '/people',
    })
  })

  it('hides the message of GET /boom', async () => {
    const res = await request(app).get('/boom').buffer(true).parse(collect)
    const error = new InternalServerError('connect ECONNREFUSED db.internal:5432 (user=app password=hunter2)')
    expectProblem(res, error, { method: 'GET', path: '/boom' }, options)
    expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/boom' })
    expect(bodyOf(res).toString('utf8')).not.toContain('hunter2')
  })

  it('sends HTML to a browser', async () => {
    const res = await request(app).get('/users/42').set('accept', BROWSER_ACCEPT).buffer(true).parse(collect)
    expectProblem(res, new NotFound('No user with id 42'), { method: 'GET', path: '/users/42', headers: { accept: BROWSER_ACCEPT } }, options)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
  })

  it('answers an unmatched path with a 404 problem', async () => {
    const res = await request(app).get('/nowhere').buffer(true).parse(collect)
    expectProblem(res, new NotFound(), { method: 'GET', path: '/nowhere' }, options)
    expect(problemOf(res)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/nowhere' })
  })
})
