// The server side of the leak run: one adapter, mounted like test/support/adapters.ts, over the BUILT packages
// (packages/*/dist). Started by run.mjs as `node --expose-gc server.mjs <adapter>` with an IPC channel; it reports
// `process.memoryUsage()` after a forced full GC every `--interval` ms, tagged with the responses finished so far,
// and once more when asked for the `warm` sample (after warm-up) or the `final` one (then it exits).
//
// Routes (the path after the prefix varies per request, so every error carries fresh strings):
//   /not-found/<n>     NotFound with a detail (404, detail shown)
//   /hidden/<n>        InternalServerError with a detail and a cause (500, detail hidden)
//   /unauthorized/<n>  an http-errors 401 with a WWW-Authenticate header (adopted by toHttpError)
//   /string/<n>        a thrown string (500, kept as cause)
//   /unmatched/<n>     nothing answers; notFound() throws the 404
import { createServer } from 'node:http'
import { InternalServerError, NotFound } from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import * as koaAdapter from '@http-problem/koa'
import express4 from 'express4'
import express5 from 'express5'
import createHttpError from 'http-errors'
import koa2 from 'koa2'
import koa3 from 'koa3'

const mounts = {
  express4: () => mountExpress(express4),
  express5: () => mountExpress(express5),
  koa2: () => mountKoa(koa2),
  koa3: () => mountKoa(koa3),
}

const name = process.argv[2]
const interval = Number(/--interval=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 1000)
if (!Object.hasOwn(mounts, name)) throw new Error(`unknown adapter ${name}; expected one of ${Object.keys(mounts).join(', ')}`)
if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc')
if (typeof process.send !== 'function') throw new Error('start through run.mjs (needs an IPC channel)')

let finished = 0
let sampler
const listener = mounts[name]()
const server = createServer((req, res) => {
  res.once('finish', countFinished)
  listener(req, res)
})
server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'listening', port: server.address().port })
  sampler = setInterval(() => process.send(sample()), interval)
})

// `warm` and `final` come while no requests are in flight: a short wait lets closing sockets go first.
process.on('message', (message) => {
  if (message?.type !== 'warm' && message?.type !== 'final') return
  setTimeout(() => {
    process.send({ ...sample(), snapshot: message.type })
    if (message.type !== 'final') return
    clearInterval(sampler)
    server.close()
    server.closeAllConnections()
    process.disconnect()
  }, 200)
})

// --- internal ---

function countFinished() {
  finished++
}

// One row per route: the value its handler throws, given the id from the path.
const routes = {
  'not-found': (id) => new NotFound(`No item ${id}`),
  hidden: (id) => new InternalServerError(`Query for ${id} failed on db-7.internal`, { cause: new Error(`ECONNRESET ${id}`) }),
  unauthorized: (id) => createHttpError(401, `Token ${id} expired`, { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } }),
  string: (id) => `plain string ${id}`,
}

function thrown(path) {
  const [, route, id] = path.split('/')
  return (Object.hasOwn(routes, route) ? routes[route] : routes.string)(id)
}

function sample() {
  global.gc()
  const { heapUsed, heapTotal, rss, external, arrayBuffers } = process.memoryUsage()
  return { type: 'sample', t: Date.now(), requests: finished, heapUsed, heapTotal, rss, external, arrayBuffers }
}

const isUnmatched = (path) => path.startsWith('/unmatched')

function mountExpress(express) {
  const app = express()
  app.disable('x-powered-by')
  app.use((req, _res, next) => {
    if (isUnmatched(req.path)) return next()
    next(thrown(req.path))
  })
  app.use(expressAdapter.notFound())
  app.use(expressAdapter.errorHandler())
  return app
}

function mountKoa(Koa) {
  const app = new Koa()
  app.silent = true
  app.on('error', () => {})
  app.use(koaAdapter.errorHandler())
  app.use(async (ctx, next) => {
    if (isUnmatched(ctx.path)) return next()
    throw thrown(ctx.path)
  })
  app.use(koaAdapter.notFound())
  return app.callback()
}
