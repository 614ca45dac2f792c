// Errors are never silent: each adapter logs an unexpected error (5xx) the way its framework would without it, once,
// over a real socket with the real framework, and `log: false` turns that off. What is captured is what the app
// writes: console.error for Express, node and Hono (vitest replaces the console's stream, so that is where stderr
// output goes), the pino JSON lines of Fastify's own logger, and Koa's default 'error' listener.
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { format } from 'node:util'
import Fastify, { type FastifyInstance } from 'fastify'
import Koa2 from 'koa2'
import Koa3 from 'koa3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BadRequest, type ProblemOptions } from '@http-problem/core'
import { errorHandler as fastifyErrorHandler, notFound as fastifyNotFound } from '@http-problem/fastify'
import { errorHandler as koaErrorHandler, notFound as koaNotFound } from '@http-problem/koa'
import { adapters, type AppSetup } from '../support/adapters'
import { getWhole } from '../support/wire'
import { closeAfterTest, serve } from '../support/serve'

afterEach(() => {
  vi.restoreAllMocks()
})

/** What the route of a test app throws, by path; /unmatched… is answered by notFound(). */
const boom = new Error('boom')
function thrown(path: string): unknown {
  if (path === '/bad') return new BadRequest('bad input')
  if (path === '/string') return 'a thrown string'
  return boom
}

/** Every console.error call while the test runs, formatted as the console would print it. */
function captureConsole(): string[] {
  const lines: string[] = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(format(...args))
  })
  return lines
}

/** Gives the errors a moment to be logged after the response (Koa emits after answering). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20))

// --- Express, node and Hono: stderr through console.error ----------------------------------------------------------

const printing = adapters.filter(({ name }) => /^(express|node|hono)/.test(name))

describe.each(printing)('$name', ({ name, mount }) => {
  /** The app with its default logging; Express's env is set to `env` (vitest's NODE_ENV makes it `test`). */
  async function start(options?: ProblemOptions, env = 'development'): Promise<number> {
    const setup: AppSetup = { thrown, logs: true, ...(options === undefined ? {} : { options }) }
    const listener = mount(setup)
    if (name.startsWith('express')) (listener as unknown as { set(name: string, value: string): void }).set('env', env)
    return serve(listener)
  }

  it('logs an unexpected error once, with its stack', async () => {
    const lines = captureConsole()
    const port = await start()
    expect((await getWhole(port, '/boom')).status).toBe(500)
    await settle()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('Error: boom')
    expect(lines[0]).toContain(String(boom.stack).split('\n')[1])
  })

  it('logs a thrown string once, as it is', async () => {
    const lines = captureConsole()
    const port = await start()
    expect((await getWhole(port, '/string')).status).toBe(500)
    await settle()
    expect(lines).toEqual(['a thrown string'])
  })

  it('logs no client error and no unmatched route', async () => {
    const lines = captureConsole()
    const port = await start()
    expect((await getWhole(port, '/bad')).status).toBe(400)
    expect((await getWhole(port, '/unmatched')).status).toBe(404)
    await settle()
    expect(lines).toEqual([])
  })

  it('logs nothing with log: false', async () => {
    const lines = captureConsole()
    const port = await start({ log: false })
    expect((await getWhole(port, '/boom')).status).toBe(500)
    expect((await getWhole(port, '/string')).status).toBe(500)
    await settle()
    expect(lines).toEqual([])
  })

  if (name.startsWith('express')) {
    it("logs nothing when the app's env is test, as Express's final handler", async () => {
      const lines = captureConsole()
      const port = await start(undefined, 'test')
      expect((await getWhole(port, '/boom')).status).toBe(500)
      await settle()
      expect(lines).toEqual([])
    })
  }
})

// --- Fastify: its own pino logger ----------------------------------------------------------------------------------

interface LogLine {
  readonly level: number
  readonly msg?: string
  readonly reqId?: string
  readonly err?: { readonly message?: string; readonly stack?: string }
  readonly req?: { readonly url?: string }
}

describe('fastify 5', () => {
  /** A Fastify app logging JSON lines at info into `lines`, with our handlers unless `own` is set. */
  async function start(lines: LogLine[], options?: ProblemOptions, own = false): Promise<number> {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as LogLine)
        done()
      },
    })
    const app: FastifyInstance = Fastify({ logger: { level: 'info', stream } })
    if (!own) {
      app.setErrorHandler(fastifyErrorHandler(options))
      app.setNotFoundHandler(fastifyNotFound(options))
    }
    app.get('/boom', async () => {
      throw boom
    })
    app.get('/bad', async () => {
      throw new BadRequest('bad input')
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    closeAfterTest(app.server)
    return (app.server.address() as AddressInfo).port
  }
  /** Lines about an error: Fastify's own request logging ("incoming request", …) left out. */
  const errorLines = (lines: LogLine[]): LogLine[] => lines.filter((line) => line.err !== undefined)

  it('logs an unexpected error once at error, with the reqId and the error', async () => {
    const lines: LogLine[] = []
    const port = await start(lines)
    expect((await getWhole(port, '/boom')).status).toBe(500)
    await settle()
    const logged = errorLines(lines)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({ level: 50, msg: 'boom', err: { message: 'boom', stack: boom.stack }, req: { url: '/boom' } })
    expect(logged[0]?.reqId).toMatch(/^req-/)
    expect(lines.filter((line) => line.level >= 50)).toHaveLength(1)
  })

  it('logs a client error once at info, as Fastify does', async () => {
    for (const own of [false, true]) {
      const lines: LogLine[] = []
      const port = await start(lines, undefined, own)
      expect((await getWhole(port, '/bad')).status).toBe(400)
      await settle()
      const logged = errorLines(lines)
      expect(logged).toHaveLength(1)
      expect(logged[0]).toMatchObject({ level: 30, msg: 'bad input', err: { message: 'bad input' } })
      expect(logged[0]?.reqId).toMatch(/^req-/)
    }
  })

  it('logs an unmatched route at info, in the words of Fastify', async () => {
    const received: string[][] = []
    for (const own of [false, true]) {
      const lines: LogLine[] = []
      const port = await start(lines, undefined, own)
      expect((await getWhole(port, '/unmatched?q=1')).status).toBe(404)
      await settle()
      expect(lines.filter((line) => line.level > 30 || line.err !== undefined)).toEqual([])
      received.push(lines.filter((line) => line.msg?.includes('not found')).map((line) => `${line.level} ${line.msg}`))
    }
    expect(received[0]).toEqual(['30 Route GET:/unmatched?q=1 not found'])
    expect(received[0]).toEqual(received[1])
  })

  it('logs no error with log: false', async () => {
    const lines: LogLine[] = []
    const port = await start(lines, { log: false })
    expect((await getWhole(port, '/boom')).status).toBe(500)
    expect((await getWhole(port, '/bad')).status).toBe(400)
    expect((await getWhole(port, '/unmatched')).status).toBe(404)
    await settle()
    expect(errorLines(lines)).toEqual([])
    expect(lines.filter((line) => line.level > 30 || line.msg?.includes('not found'))).toEqual([])
  })
})

// --- Koa: the app's 'error' event, printed by Koa's default listener ------------------------------------------------

describe.each([
  ['koa 2', Koa2],
  ['koa 3', Koa3],
] as const)('%s', (_name, Koa) => {
  async function start(options?: ProblemOptions): Promise<number> {
    const app = new Koa()
    app.use(koaErrorHandler(options))
    app.use(async (ctx, next) => {
      if (ctx.path.startsWith('/unmatched')) return next()
      throw thrown(ctx.path)
    })
    app.use(koaNotFound())
    return serve(app.callback())
  }

  it("prints an unexpected error once, through Koa's default listener", async () => {
    const lines = captureConsole()
    const port = await start()
    expect((await getWhole(port, '/boom')).status).toBe(500)
    await settle()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(String(boom.stack).split('\n')[0])
  })

  it('prints no client error and no unmatched route', async () => {
    const lines = captureConsole()
    const port = await start()
    expect((await getWhole(port, '/bad')).status).toBe(400)
    expect((await getWhole(port, '/unmatched')).status).toBe(404)
    await settle()
    expect(lines).toEqual([])
  })
})
