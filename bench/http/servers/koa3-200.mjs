// Koa 3: the success path, a route answering 200 with a JSON body.
import Koa from 'koa3'
import { koaRoute, serve } from '../serve.mjs'

const app = new Koa()
app.use(
  koaRoute((ctx, id) => {
    ctx.body = { id, name: 'Ada' }
  }),
)
serve(app.callback())
