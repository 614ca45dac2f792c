// Koa 3: no route matches, so our notFound() throws a 404 for our errorHandler().
import { errorHandler, notFound } from '@http-problem/koa'
import Koa from 'koa3'
import { koaRoute, serve } from '../serve.mjs'

const app = new Koa()
app.use(errorHandler())
app.use(
  koaRoute((ctx, id) => {
    ctx.body = { id, name: 'Ada' }
  }),
)
app.use(notFound())
serve(app.callback())
