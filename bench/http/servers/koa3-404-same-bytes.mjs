// Koa 3: no route matches, and a last hand-written middleware answers with the bytes our notFound() sends (the same
// status, body and headers), through Koa's own API and with no library. Against Koa's own 404 it measures what those
// bytes cost; against our notFound() it measures what our code costs on top of them.
import Koa from 'koa3'
import { koaRoute, serve } from '../serve.mjs'

const BODY = '{"type":"about:blank","title":"Not Found","status":404}'
const HEADERS = {
  'content-language': 'en',
  vary: 'Accept, Accept-Language',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
}

const app = new Koa()
app.use(
  koaRoute((ctx, id) => {
    ctx.body = { id, name: 'Ada' }
  }),
)
app.use(async function sameBytes404(ctx, next) {
  await next()
  if (ctx.body !== undefined && ctx.body !== null) return
  ctx.status = 404
  ctx.set(HEADERS)
  ctx.set('content-type', 'application/problem+json')
  ctx.body = BODY
})
serve(app.callback())
