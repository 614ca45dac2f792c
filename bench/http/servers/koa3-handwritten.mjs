// Koa 3: a route calls ctx.throw(404), answered by a minimal problem+json middleware written the way a careful
// user would write it without this library.
import { STATUS_CODES } from 'node:http'
import Koa from 'koa3'
import { koaRoute, serve } from '../serve.mjs'

const app = new Koa()
app.use(problemJson)
app.use(koaRoute((ctx, id) => ctx.throw(404, `No user ${id}`)))
serve(app.callback())

async function problemJson(ctx, next) {
  try {
    await next()
  } catch (err) {
    const status = Number.isInteger(err?.status) && err.status >= 400 && err.status <= 599 ? err.status : 500
    const problem = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status }
    // Only client errors explain themselves: a 500's message can leak internals.
    if (status < 500 && typeof err.message === 'string' && err.message !== '') problem.detail = err.message
    ctx.status = status
    ctx.type = 'application/problem+json'
    ctx.body = JSON.stringify(problem)
    ctx.app.emit('error', err, ctx) // keep app.on('error') logging working, as Koa's own handler does
  }
}
