// No leaks under load (issue #6), the CI-sized version of bench/leak: each adapter answers 2 000 warm-up and then
// 20 000 measured error requests in a child `node --expose-gc` process (vitest workers cannot force a GC), and the
// heap it retains after a forced GC may grow by less than RETAINED_BOUND over the measured requests. The bound and
// how it was chosen are in bench/leak/README.md.
import { fork, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { adapters } from '../support/adapters'

/** Retained heap growth allowed over the measured requests (2 MiB: about 100 bytes per request). */
const RETAINED_BOUND = 2 * 2 ** 20
const WARMUP_REQUESTS = 2_000
const MEASURED_REQUESTS = 20_000
const CONCURRENCY = 16

/** The routes of test/support/leak-child.mjs, taken in turn, and the status each must answer with. */
const routes = [
  { prefix: '/not-found/', status: 404 },
  { prefix: '/hidden/', status: 500 },
  { prefix: '/unauthorized/', status: 401 },
  { prefix: '/string/', status: 500 },
  { prefix: '/unmatched/', status: 404 },
] as const

const root = fileURLToPath(new URL('../..', import.meta.url))
const childScript = fileURLToPath(new URL('../support/leak-child.mjs', import.meta.url))

describe.each(adapters.map(({ name }) => name))('%s under 22 000 error requests', (name) => {
  let run: LeakRun

  beforeAll(async () => {
    run = await measureLeak(name)
  }, 60_000)

  it('answers every request with the problem response of its route', () => {
    expect(run.tally.mismatches).toEqual([])
    expect(run.tally.problems).toBe(WARMUP_REQUESTS + MEASURED_REQUESTS)
  })

  it('has no socket errors', () => {
    expect(run.tally.socketErrors).toEqual([])
  })

  it('retains less than 2 MiB more heap after the measured requests than after warm-up', () => {
    expect(run.growth, `retained ${Math.round(run.growth / 1024)} KB more`).toBeLessThan(RETAINED_BOUND)
  })
})

describe('the leak check itself', () => {
  // Keeping every thrown value retains 3.7 KB or more a request, so a quarter of the requests is plenty (and quicker).
  it('sees a deliberate leak: an app that keeps every thrown value grows past the bound', async () => {
    const run = await measureLeak('koa 2', { measured: MEASURED_REQUESTS / 4, flags: ['--retain'] })
    expect(run.tally.problems).toBe(WARMUP_REQUESTS + MEASURED_REQUESTS / 4)
    expect(run.growth).toBeGreaterThan(RETAINED_BOUND)
  }, 60_000)
})

// --- helpers -------------------------------------------------------------------------------------------------

interface Tally {
  problems: number
  readonly mismatches: string[]
  readonly socketErrors: string[]
}

interface LeakRun {
  readonly tally: Tally
  /** heapUsed after a forced GC at the end minus the same after warm-up, in bytes. */
  readonly growth: number
}

interface Memory {
  readonly heapUsed: number
  readonly rss: number
}

/** Starts the child server for `name`, sends the warm-up and measured requests, and reads its heap after each. */
async function measureLeak(name: string, { measured = MEASURED_REQUESTS, flags = [] as string[] } = {}): Promise<LeakRun> {
  const child = fork(childScript, [name, ...flags], {
    cwd: root,
    execArgv: ['--expose-gc', '--conditions=@http-problem/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  try {
    const { port } = await nextMessage<{ port: number }>(child, 'listening')
    const tally: Tally = { problems: 0, mismatches: [], socketErrors: [] }
    let next = 0
    const send = async (count: number) => {
      const end = next + count
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < end) await check(agent, port, next++, tally)
        }),
      )
    }
    await send(WARMUP_REQUESTS)
    const warm = await measure(child)
    await send(measured)
    const end = await measure(child)
    return { tally, growth: end.heapUsed - warm.heapUsed }
  } finally {
    agent.destroy()
    child.kill()
  }
}

/** Sends request number `n` and records whether it came back as its route's problem response. */
function check(agent: http.Agent, port: number, n: number, tally: Tally): Promise<void> {
  const { prefix, status } = routes[n % routes.length]!
  const path = `${prefix}${n}`
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => {
        const type = res.headers['content-type'] ?? ''
        if (res.statusCode === status && type === 'application/problem+json' && parseStatus(body) === status) {
          tally.problems++
        } else if (tally.mismatches.length < 5) {
          tally.mismatches.push(`${path}: ${res.statusCode} ${type} ${body.slice(0, 120)}`)
        }
        resolve()
      })
    })
    req.on('error', (error) => {
      if (tally.socketErrors.length < 5) tally.socketErrors.push(`${path}: ${error.message}`)
      resolve()
    })
  })
}

function parseStatus(body: string): unknown {
  try {
    return (JSON.parse(body) as { status?: unknown }).status
  } catch {
    return undefined
  }
}

function measure(child: ChildProcess): Promise<Memory> {
  const memory = nextMessage<Memory>(child, 'memory')
  child.send({ type: 'measure' })
  return memory
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string } & T) => {
      if (message.type !== type) return
      child.off('message', onMessage)
      child.off('exit', onExit)
      resolve(message)
    }
    const onExit = (code: number | null) => reject(new Error(`leak child exited with ${code} while waiting for ${type}`))
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}
