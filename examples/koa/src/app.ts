import Koa from 'koa'
import Router from '@koa/router'
import { bodyParser } from '@koa/bodyparser'
import { InternalServerError, MethodNotAllowed, NotFound, Unauthorized, UnprocessableContent } from '@http-problem/core'
import { errorHandler, notFound } from '@http-problem/koa'

interface Person {
  readonly name?: unknown
  readonly age?: unknown
}

/** The example API, the same routes as examples/express; `server.ts` starts it, and the tests mount it. */
export function createApp(): Koa {
  const app = new Koa()
  const router = new Router()

  router.get('/', (ctx) => {
    ctx.body = { routes: ['GET /users/1', 'GET /users/42', 'GET /me', 'DELETE /reports/1', 'POST /people', 'GET /boom'] }
  })

  router.get('/users/:id', (ctx) => {
    if (ctx.params.id !== '1') throw new NotFound(`No user with id ${ctx.params.id}`)
    ctx.body = { id: 1, name: 'Ada' }
  })

  router.get('/me', (ctx) => {
    if (ctx.get('authorization') !== 'Bearer demo') {
      throw new Unauthorized('Send "Authorization: Bearer demo".', {
        challenge: { scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } },
      })
    }
    ctx.body = { id: 1, name: 'Ada' }
  })

  router.get('/reports/1', (ctx) => {
    ctx.body = { id: 1, title: 'Quarterly numbers' }
  })
  router.all('/reports/1', () => {
    throw new MethodNotAllowed('Reports are read-only.', { allow: ['GET', 'HEAD'] })
  })

  router.post('/people', bodyParser({ enableTypes: ['json'], jsonLimit: '10kb' }), (ctx) => {
    const person = ((ctx.request as { body?: unknown }).body ?? {}) as Person
    const errors: { detail: string; pointer: string }[] = []
    if (typeof person.name !== 'string' || person.name === '') errors.push({ detail: 'must be a non-empty string', pointer: '#/name' })
    if (!Number.isInteger(person.age) || (person.age as number) < 0) errors.push({ detail: 'must be a positive integer', pointer: '#/age' })
    if (errors.length > 0) {
      throw new UnprocessableContent({ type: 'https://example.com/probs/validation-error', title: 'Your request is not valid.', extensions: { errors } })
    }
    ctx.status = 201
    ctx.body = person
  })

  router.get('/boom', async () => {
    // A bug: the message must never reach the client (5xx errors are hidden unless exposed).
    throw new InternalServerError('connect ECONNREFUSED db.internal:5432 (user=app password=hunter2)')
  })

  app.use(errorHandler({ instanceFromPath: true }))
  app.use(router.routes())
  app.use(notFound())
  return app
}
