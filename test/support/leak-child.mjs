// The server half of test/security/leak.test.ts, in its own process so that a forced GC is available and the heap holds
// only the server. Started as
//   node --expose-gc --conditions=@http-problem/source --import tsx test/support/leak-child.mjs "<adapter>" [--retain]
// it mounts the adapter from ./adapters.ts (against the packages' src/, like every other test), listens on
// 127.0.0.1 and answers IPC messages:
//   { type: 'measure' }  → { type: 'memory', heapUsed, rss } after full GCs
// `--retain` keeps every thrown value: a deliberate leak, which the test uses to show the bound can see one.
import { createServer } from 'node:http'
import createHttpError from 'http-errors'
import { InternalServerError, NotFound } from '@http-problem/core'
import { adapters } from './adapters.ts'

// One row per route: the value its handler throws, given the id from the path. /unmatched/<id> reaches notFound().
const routes = {
  'not-found': (id) => new NotFound(`No item ${id}`),
  hidden: (id) => new InternalServerError(`Query for ${id} failed on db-7.internal`, { cause: new Error(`ECONNRESET ${id}`) }),
  unauthorized: (id) => createHttpError(401, `Token ${id} expired`, { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } }),
  string: (id) => `plain string ${id}`,
}

const [name, flag] = process.argv.slice(2)
const adapter = adapters.find((candidate) => candidate.name === name)
if (adapter === undefined) throw new Error(`unknown adapter "${name}"`)
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc')
if (typeof process.send !== 'function') throw new Error('start with an IPC channel')

const retained = []
const listener = adapter.mount({
  thrown(path) {
    const [, route, id] = path.split('/')
    const value = (Object.hasOwn(routes, route) ? routes[route] : routes.string)(id)
    if (flag === '--retain') retained.push(value)
    return value
  },
})
const server = createServer(listener)
server.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: server.address().port }))

process.on('message', async (message) => {
  if (message?.type !== 'measure') return
  // Several full GCs with turns of the event loop between them, so finalizers and weak references settle too.
  for (let i = 0; i < 3; i++) {
    globalThis.gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
  const { heapUsed, rss } = process.memoryUsage()
  process.send({ type: 'memory', heapUsed, rss, retained: retained.length })
})
process.on('disconnect', () => {
  server.closeAllConnections()
  server.close()
})
