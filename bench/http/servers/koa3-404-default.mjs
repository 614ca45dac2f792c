// Koa 3: no route matches and nothing sets a body, so Koa answers its own 404.
import Koa from 'koa3'
import { koaRoute, serve } from '../serve.mjs'

const app = new Koa()
app.use(
  koaRoute((ctx, id) => {
    ctx.body = { id, name: 'Ada' }
  }),
)
serve(app.callback())
