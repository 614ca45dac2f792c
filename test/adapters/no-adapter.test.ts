// Works with no adapter at all: our errors thrown inside plain Express and Koa apps, answered by the framework's
// own error handling (finalhandler for Express, ctx.onerror for Koa), checked over a real socket.
import { createRequire } from 'node:module'
import type { RequestHandler } from 'express'
import request from 'supertest'
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import {
  createError,
  InternalServerError,
  MethodNotAllowed,
  NotFound,
  TooManyRequests,
  Unauthorized,
  type HttpError,
} from '@http-problem/core'

// The npm aliases (express4, koa2, …) have no type declarations of their own; loading them through require lets
// the @types of the real package names describe them without a shared .d.ts shim.
const require = createRequire(import.meta.url)
const express5 = require('express5') as typeof import('express')
const express4 = require('express4') as typeof import('express')
const Koa3 = require('koa3') as typeof import('koa')
const Koa2 = require('koa2') as typeof import('koa')

interface WireCase {
  readonly label: string
  readonly make: () => HttpError
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** The status phrase finalhandler prints in production. */
  readonly phrase: string
  /** The error's message, which Koa sends because a 4xx is exposed. */
  readonly message: string
}

const headerCases: readonly WireCase[] = [
  {
    label: 'a MethodNotAllowed',
    make: () => new MethodNotAllowed({ allow: ['GET', 'HEAD'] }),
    status: 405,
    headers: { allow: 'GET, HEAD' },
    phrase: 'Method Not Allowed',
    message: 'Method Not Allowed',
  },
  {
    label: 'an Unauthorized',
    make: () => new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } } }),
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' },
    phrase: 'Unauthorized',
    message: 'Unauthorized',
  },
  {
    label: 'a TooManyRequests',
    make: () => new TooManyRequests('Slow down', { retryAfter: 30 }),
    status: 429,
    headers: { 'retry-after': '30' },
    phrase: 'Too Many Requests',
    message: 'Slow down',
  },
  {
    label: 'a NotFound',
    make: () => new NotFound(),
    status: 404,
    headers: {},
    phrase: 'Not Found',
    message: 'Not Found',
  },
]

const SECRET = 'db password is hunter2'

// --- Express -------------------------------------------------------------------------------------------------

type Throwing = 'throws synchronously' | 'passes it to next()' | 'rejects from an async handler'

const throwers: Readonly<Record<Throwing, (make: () => Error, seen: (err: Error) => void) => RequestHandler>> = {
  'throws synchronously': (make, seen) => () => {
    const err = make()
    seen(err)
    throw err
  },
  'passes it to next()': (make, seen) => (_req, _res, next) => {
    const err = make()
    seen(err)
    next(err)
  },
  'rejects from an async handler': (make, seen) => async () => {
    await Promise.resolve()
    const err = make()
    seen(err)
    throw err
  },
}

const expressVersions = [
  // Express 5 logs the error itself, Express 4 its stack.
  { name: 'Express 5', express: express5, ways: Object.keys(throwers) as Throwing[], logged: (err: Error) => err },
  // Express 4 does not look at the promise a handler returns, so an async rejection never reaches finalhandler.
  {
    name: 'Express 4',
    express: express4,
    ways: ['throws synchronously', 'passes it to next()'] as Throwing[],
    logged: (err: Error): unknown => err.stack,
  },
]

it('loads the router of Express 5 with the CommonJS build of its dependencies', () => {
  // Express 5's router calls is-promise on every handler's return value; if the test runner forces the 'import'
  // condition onto require() (vitest passes ssr.resolve.conditions to Node as --conditions), it gets the ESM
  // namespace instead of the function and every route fails before our error is even seen.
  const express5Require = createRequire(require.resolve('express5'))
  const routerRequire = createRequire(express5Require.resolve('router'))
  expect(typeof routerRequire('is-promise')).toBe('function')
})

describe.each(expressVersions)('$name with its default finalhandler in production', ({ express, ways, logged }) => {
  let consoleError: MockInstance<typeof console.error>
  beforeEach(() => {
    // Express logs every error it finalizes to console.error outside the 'test' env; capture it instead.
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => {
    consoleError.mockRestore()
  })

  function appThat(way: Throwing, make: () => Error): { app: ReturnType<typeof express>; thrown: () => Error } {
    let thrown: Error | undefined
    const app = express()
    app.set('env', 'production')
    app.get('/boom', throwers[way](make, (err) => (thrown = err)))
    return {
      app,
      thrown: () => {
        if (thrown === undefined) throw new Error('the route never ran')
        return thrown
      },
    }
  }

  const headerRuns = ways.flatMap((way) => headerCases.map((c) => ({ ...c, way })))

  it.each(headerRuns)('answers $label with $status and its headers when the handler $way', async (c) => {
    const { app, thrown } = appThat(c.way, c.make)
    const res = await request(app).get('/boom')
    expect(res.status).toBe(c.status)
    for (const [name, value] of Object.entries(c.headers)) expect(res.headers[name]).toBe(value)
    // finalhandler's production page names the status instead of printing the stack.
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.text).toContain(`<pre>${c.phrase}</pre>`)
    await vi.waitFor(() => expect(consoleError).toHaveBeenCalledOnce())
    expect(consoleError).toHaveBeenCalledWith(logged(thrown()))
  })

  it.each(ways)('keeps the message of an InternalServerError out of the body when the handler %s', async (way) => {
    const { app, thrown } = appThat(way, () => new InternalServerError(SECRET))
    const res = await request(app).get('/boom')
    expect(res.status).toBe(500)
    expect(res.text).toContain('<pre>Internal Server Error</pre>')
    expect(res.text).not.toContain('hunter2')
    // The secret still reaches the server's log, where it belongs.
    await vi.waitFor(() => expect(consoleError).toHaveBeenCalledOnce())
    expect(consoleError).toHaveBeenCalledWith(logged(thrown()))
    expect(thrown().message).toBe(SECRET)
  })
})

// --- Koa -----------------------------------------------------------------------------------------------------

describe.each([
  { name: 'Koa 3', Koa: Koa3 },
  { name: 'Koa 2', Koa: Koa2 },
])('$name with its default ctx.onerror', ({ Koa }) => {
  function appThat(make: () => Error): { server: ReturnType<InstanceType<typeof Koa>['callback']>; events: unknown[] } {
    const app = new Koa()
    const events: unknown[] = []
    // Listening to 'error' replaces Koa's default logger, so the run stays quiet and we see what Koa reports.
    app.on('error', (err: unknown) => events.push(err))
    app.use(async () => {
      await Promise.resolve()
      throw make()
    })
    return { server: app.callback(), events }
  }

  it.each(headerCases)('answers $label with $status, its headers and its message as the body', async (c) => {
    const error = c.make()
    const { server, events } = appThat(() => error)
    const res = await request(server).get('/boom')
    expect(res.status).toBe(c.status)
    for (const [name, value] of Object.entries(c.headers)) expect(res.headers[name]).toBe(value)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    // Koa sends the message of an error whose expose is true, which ours is for every 4xx.
    expect(res.text).toBe(c.message)
    expect(events).toHaveLength(1)
    expect(events[0]).toBe(error)
    // Koa writes err.status = statusCode back; our status is a plain writable field, so that assignment is harmless.
    expect(error.status).toBe(c.status)
  })

  it('answers an InternalServerError with the bare phrase and reports the original error', async () => {
    const error = new InternalServerError(SECRET)
    const { server, events } = appThat(() => error)
    const res = await request(server).get('/boom')
    expect(res.status).toBe(500)
    expect(res.text).toBe('Internal Server Error')
    expect(events).toHaveLength(1)
    expect(events[0]).toBe(error)
    expect(error.status).toBe(500)
  })

  it('accepts createError(404, message) in ctx.throw like an http-errors error', async () => {
    const app = new Koa()
    const events: unknown[] = []
    app.on('error', (err: unknown) => events.push(err))
    const error = createError(404, 'nope')
    app.use((ctx) => {
      ctx.throw(error)
    })
    const res = await request(app.callback()).get('/missing')
    expect(res.status).toBe(404)
    expect(res.text).toBe('nope')
    // Koa's http-errors hands our error back unchanged in identity, still one of ours.
    expect(events).toHaveLength(1)
    expect(events[0]).toBe(error)
    expect(error).toBeInstanceOf(NotFound)
  })
})
