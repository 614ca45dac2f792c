// Koa 3: a route throws our NotFound, answered by @http-problem/koa's errorHandler().
import { NotFound } from '@http-problem/core'
import { errorHandler } from '@http-problem/koa'
import Koa from 'koa3'
import { koaRoute, serve } from '../serve.mjs'

const app = new Koa()
app.use(errorHandler())
app.use(
  koaRoute((ctx, id) => {
    throw new NotFound(`No user ${id}`)
  }),
)
serve(app.callback())
