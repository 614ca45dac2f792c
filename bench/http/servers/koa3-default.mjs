// Koa 3: a route calls ctx.throw(404) and nothing catches it, so Koa's ctx.onerror answers (plain text).
import Koa from 'koa3'
import { koaRoute, serve } from '../serve.mjs'

const app = new Koa()
app.use(koaRoute((ctx, id) => ctx.throw(404, `No user ${id}`)))
serve(app.callback())
