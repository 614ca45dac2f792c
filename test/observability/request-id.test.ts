// Request ids over a real socket in every adapter: the id is the traceparent's trace-id, else the request-id header,
// else a generated one; it is the body's traceId, the onError hook's context.id and part of the default log line,
// and it is sent back in the request-id header only when it was generated here.
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { format } from 'node:util'
import Fastify from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BadRequest, type ErrorContext, type HttpError, type ProblemOptions } from '@http-problem/core'
import { errorHandler as fastifyErrorHandler, notFound as fastifyNotFound } from '@http-problem/fastify'
import { adapters as frameworkAdapters, type AppSetup } from '../support/adapters'
import { nestAdapters } from '../support/nest-adapters'
import { getWhole, type Received } from '../support/wire'
import { closeAfterTest, serve } from '../support/serve'

/** Every adapter, and Nest's filter on both of Nest's platforms. */
const adapters = [...frameworkAdapters, ...nestAdapters]

afterEach(() => {
  vi.restoreAllMocks()
})

const boom = new Error('boom')
const thrown = (path: string): unknown => (path === '/bad' ? new BadRequest('bad input') : boom)
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20))
const json = (res: Received): Record<string, unknown> => JSON.parse(res.body.toString('utf8')) as Record<string, unknown>

/**
 * Every console.error call, formatted as the console prints it, and every line written to process.stderr (where
 * Nest's ConsoleLogger prints errors), without colours. Neither reaches the terminal.
 */
function capture(): { readonly console: string[]; readonly stderr: string[] } {
  const lines: string[] = []
  const stderr: string[] = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(format(...args)))
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(...String(chunk).replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((line) => line !== ''))
    return true
  })
  return { console: lines, stderr }
}

describe.each(adapters)('$name', ({ name, mount }) => {
  /** The app with its default logging (Express's env set to development) and a hook recording each context. */
  async function start(options: ProblemOptions): Promise<{ port: number; contexts: ErrorContext[] }> {
    const contexts: ErrorContext[] = []
    const setup: AppSetup = {
      thrown,
      logs: true,
      options: { ...options, onError: (_error: HttpError, context: ErrorContext) => void contexts.push(context) },
    }
    const listener = mount(setup)
    if (name.startsWith('express')) (listener as unknown as { set(name: string, value: string): void }).set('env', 'development')
    return { port: await serve(listener), contexts }
  }

  it('generates an id and puts it in the body, the header, the hook and the log line', async () => {
    const { console: lines, stderr } = capture()
    let n = 0
    const { port, contexts } = await start({ generateRequestId: () => `gen-${++n}` })
    const failed = await getWhole(port, '/boom')
    const unmatched = await getWhole(port, '/unmatched')
    await settle()
    expect(failed.status).toBe(500)
    expect(failed.headers['x-request-id']).toBe('gen-1')
    expect(json(failed).traceId).toBe('gen-1')
    expect(unmatched.status).toBe(404)
    expect(unmatched.headers['x-request-id']).toBe('gen-2')
    expect(json(unmatched).traceId).toBe('gen-2')
    expect(contexts.map((context) => context.id)).toEqual(['gen-1', 'gen-2'])
    // Koa's default 'error' listener prints the error's stack and nothing else (docs/adapters.md); the mount
    // silences it. Fastify's pino line is checked below.
    if (/^(express|node|hono)/.test(name)) {
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^\[gen-1\] /)
      expect(lines[0]).toContain('boom')
    }
    // Nest's ConsoleLogger writes the message line, then the stack, to stderr; the message carries the id.
    if (name.startsWith('nest')) {
      const messages = stderr.filter((line) => line.includes('ProblemDetails'))
      expect(messages).toHaveLength(1)
      expect(messages[0]).toMatch(/\[ProblemDetails\] .*\[gen-1\] boom/)
    }
  })

  it('uses an incoming x-request-id, and never echoes it', async () => {
    const { console: lines } = capture()
    const { port, contexts } = await start({ generateRequestId: () => 'never' })
    const res = await getWhole(port, '/boom', { 'x-request-id': 'client-7' })
    await settle()
    expect(res.headers['x-request-id']).toBeUndefined()
    expect(json(res).traceId).toBe('client-7')
    expect(contexts.map((context) => context.id)).toEqual(['client-7'])
    if (/^(express|node|hono)/.test(name)) expect(lines[0]).toMatch(/^\[client-7\] /)
  })

  it("prefers a traceparent's trace-id over x-request-id, and never echoes it", async () => {
    capture()
    const { port, contexts } = await start({ generateRequestId: true })
    const res = await getWhole(port, '/bad', { traceparent: TRACEPARENT, 'x-request-id': 'client-7' })
    expect(res.status).toBe(400)
    expect(res.headers['x-request-id']).toBeUndefined()
    expect(json(res).traceId).toBe(TRACE_ID)
    expect(contexts.map((context) => context.id)).toEqual([TRACE_ID])
  })

  it('reads and sends back the header named by requestIdHeader', async () => {
    capture()
    const { port, contexts } = await start({ requestIdHeader: 'X-Correlation-Id', generateRequestId: () => 'made-here' })
    const incoming = await getWhole(port, '/bad', { 'x-correlation-id': 'corr-1', 'x-request-id': 'ignored' })
    expect(json(incoming).traceId).toBe('corr-1')
    expect(incoming.headers['x-correlation-id']).toBeUndefined()
    const generated = await getWhole(port, '/bad', { 'x-request-id': 'ignored' })
    expect(json(generated).traceId).toBe('made-here')
    expect(generated.headers['x-correlation-id']).toBe('made-here')
    expect(generated.headers['x-request-id']).toBeUndefined()
    expect(contexts.map((context) => context.id)).toEqual(['corr-1', 'made-here'])
  })

  it('ignores malformed incoming ids', async () => {
    capture()
    const { port, contexts } = await start({ generateRequestId: () => 'fresh' })
    for (const bad of ['<script>', 'a'.repeat(129), 'two words', 'x/y']) {
      const res = await getWhole(port, '/bad', { 'x-request-id': bad, traceparent: bad })
      expect(json(res).traceId).toBe('fresh')
      expect(res.headers['x-request-id']).toBe('fresh')
    }
    expect(contexts.map((context) => context.id)).toEqual(['fresh', 'fresh', 'fresh', 'fresh'])
  })

  it('answers as usual, without an id, when the generator throws', async () => {
    const { console: lines } = capture()
    const { port, contexts } = await start({
      generateRequestId: () => {
        throw new Error('no entropy')
      },
    })
    const res = await getWhole(port, '/boom')
    await settle()
    expect(res.status).toBe(500)
    expect(res.headers['x-request-id']).toBeUndefined()
    expect(json(res)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
    expect(contexts.map((context) => context.id)).toEqual([undefined])
    if (/^(express|node|hono)/.test(name)) expect(lines[0]).not.toMatch(/^\[/)
  })
})

describe("fastify 5's log line", () => {
  it('carries the id as traceId next to the reqId', async () => {
    const lines: Record<string, unknown>[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>)
        done()
      },
    })
    const app = Fastify({ logger: { level: 'info', stream } })
    const options = { generateRequestId: () => 'gen-f' }
    app.setErrorHandler(fastifyErrorHandler(options))
    app.setNotFoundHandler(fastifyNotFound(options))
    app.get('/boom', async () => {
      throw boom
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    closeAfterTest(app.server)
    const port = (app.server.address() as AddressInfo).port
    expect((await getWhole(port, '/boom', { 'x-request-id': 'client-9' })).status).toBe(500)
    expect((await getWhole(port, '/boom')).headers['x-request-id']).toBe('gen-f')
    await settle()
    const errors = lines.filter((line) => line.level === 50)
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatchObject({ traceId: 'client-9', msg: 'boom', err: { message: 'boom' } })
    expect(errors[1]).toMatchObject({ traceId: 'gen-f' })
    expect(errors[0]?.reqId).toMatch(/^req-/)
  })
})
