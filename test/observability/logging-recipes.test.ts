// The recipes of docs/logging.md, run as written with the real libraries over a real socket: pino-http on Express,
// Fastify's built-in logger, a pino child logger on Koa's ctx.state. Each logs one line per 5xx, at error, with the
// request id, the status and the error, and nothing for a notFound() 404 (the recipes skip expected errors).
import type { RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import express5 from 'express5'
import Fastify, { type FastifyRequest } from 'fastify'
import Koa3 from 'koa3'
import { pino, type Logger } from 'pino'
import { pinoHttp } from 'pino-http'
import { describe, expect, it } from 'vitest'
import { BadRequest, type ProblemOptions } from '@http-problem/core'
import { errorHandler as expressErrorHandler, notFound as expressNotFound } from '@http-problem/express'
import { errorHandler as fastifyErrorHandler, notFound as fastifyNotFound } from '@http-problem/fastify'
import { errorHandler as koaErrorHandler, notFound as koaNotFound } from '@http-problem/koa'
import { getWhole } from '../support/wire'
import { closeAfterTest, serve } from '../support/serve'

interface LogLine {
  readonly level: number
  readonly msg?: string
  readonly status?: number
  readonly traceId?: string
  readonly err?: { readonly type?: string; readonly message?: string; readonly stack?: string }
}

/** pino's output, one parsed JSON line per entry. */
function capture(): { readonly stream: Writable; readonly lines: LogLine[] } {
  const lines: LogLine[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as LogLine)
      done()
    },
  })
  return { stream, lines }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20))

/**
 * Each app: /boom throws an Error (a 500), /bad a BadRequest (a 400), /unmatched is answered by notFound(). Sends
 * all three, the 500 twice with ids, and returns the error lines.
 */
async function exercise(port: number, lines: LogLine[]): Promise<LogLine[]> {
  expect((await getWhole(port, '/boom', { 'x-request-id': 'req-a' })).status).toBe(500)
  expect((await getWhole(port, '/boom', { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' })).status).toBe(500)
  expect((await getWhole(port, '/bad', { 'x-request-id': 'req-b' })).status).toBe(400)
  expect((await getWhole(port, '/unmatched', { 'x-request-id': 'req-c' })).status).toBe(404)
  await settle()
  return lines.filter((line) => line.level >= 50)
}

function expectOneLinePer500(errors: LogLine[]): void {
  expect(errors).toHaveLength(2)
  expect(errors.map(({ traceId, status }) => ({ traceId, status }))).toEqual([
    { traceId: 'req-a', status: 500 },
    { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', status: 500 },
  ])
  for (const line of errors) expect(line.err).toMatchObject({ type: 'Error', message: 'boom', stack: expect.stringContaining('Error: boom') })
}

describe('recipe: pino-http on Express', () => {
  it('logs each 5xx once through req.log, with the id, the status and err', async () => {
    const { stream, lines } = capture()
    // --- recipe (docs/logging.md) ---
    const app = express5()
    app.use(pinoHttp({ logger: pino(stream) }))
    app.get('/boom', () => {
      throw new Error('boom')
    })
    app.get('/bad', () => {
      throw new BadRequest('bad input')
    })
    app.use(expressNotFound())
    app.use(
      expressErrorHandler({
        log: false,
        onError: (error, { request, status, expected, id }) => {
          if (expected || status < 500) return
          request.log.error({ err: error.cause ?? error, status, traceId: id }, 'request failed')
        },
      }),
    )
    // --- end of recipe ---
    const port = await serve(app as unknown as RequestListener)
    const errors = await exercise(port, lines)
    expectOneLinePer500(errors)
    // The error lines are the recipe's: pino-http's own line per request stays below error.
    expect(errors.map((line) => line.msg)).toEqual(['request failed', 'request failed'])
  })
})

describe("recipe: Fastify's built-in logger", () => {
  it('logs each 5xx once through request.log, with the id, the status and err', async () => {
    const { stream, lines } = capture()
    // --- recipe (docs/logging.md) ---
    const app = Fastify({ logger: { stream } })
    const options: ProblemOptions<FastifyRequest> = {
      log: false,
      onError: (error, { request, status, expected, id }) => {
        if (expected || status < 500) return
        request.log.error({ err: error.cause ?? error, status, traceId: id }, 'request failed')
      },
    }
    app.setErrorHandler(fastifyErrorHandler(options))
    app.setNotFoundHandler(fastifyNotFound(options))
    app.get('/boom', async () => {
      throw new Error('boom')
    })
    app.get('/bad', async () => {
      throw new BadRequest('bad input')
    })
    // --- end of recipe ---
    await app.listen({ port: 0, host: '127.0.0.1' })
    closeAfterTest(app.server)
    const errors = await exercise((app.server.address() as AddressInfo).port, lines)
    expectOneLinePer500(errors)
  })
})

describe('recipe: a pino child logger on Koa ctx.state', () => {
  it('logs each 5xx once through ctx.state.log, with the id, the status and err', async () => {
    const { stream, lines } = capture()
    const logger = pino(stream)
    // --- recipe (docs/logging.md) ---
    const app = new Koa3()
    // The hook logs: Koa's own 'error' listener would print each stack a second time.
    app.silent = true
    app.use(async (ctx, next) => {
      ctx.state.log = logger.child({ method: ctx.method, url: ctx.url })
      await next()
    })
    app.use(
      koaErrorHandler<Koa3.Context>({
        onError: (error, { request: ctx, status, expected, id }) => {
          if (expected || status < 500) return
          ;(ctx.state.log as Logger).error({ err: error.cause ?? error, status, traceId: id }, 'request failed')
        },
      }),
    )
    app.use(async (ctx, next) => {
      if (ctx.path === '/boom') throw new Error('boom')
      if (ctx.path === '/bad') throw new BadRequest('bad input')
      await next()
    })
    app.use(koaNotFound())
    // --- end of recipe ---
    const errors = await exercise(await serve(app.callback()), lines)
    expectOneLinePer500(errors)
  })
})
