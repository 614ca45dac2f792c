import express from 'express'
import { InternalServerError, MethodNotAllowed, NotFound, Unauthorized, UnprocessableContent } from '@http-problem/core'
import { errorHandler, notFound } from '@http-problem/express'

interface Person {
  readonly name?: unknown
  readonly age?: unknown
}

/** The example API; `server.ts` starts it, and the tests mount it over a real socket. */
export function createApp(): express.Express {
  const app = express()
  app.disable('x-powered-by')

  app.get('/', (_req, res) => {
    res.json({ routes: ['GET /users/1', 'GET /users/42', 'GET /me', 'DELETE /reports/1', 'POST /people', 'GET /boom'] })
  })

  app.get('/users/:id', (req, res) => {
    if (req.params.id !== '1') throw new NotFound(`No user with id ${req.params.id}`)
    res.json({ id: 1, name: 'Ada' })
  })

  app.get('/me', (req, res) => {
    if (req.headers.authorization !== 'Bearer demo') {
      throw new Unauthorized('Send "Authorization: Bearer demo".', {
        challenge: { scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } },
      })
    }
    res.json({ id: 1, name: 'Ada' })
  })

  app
    .route('/reports/1')
    .get((_req, res) => {
      res.json({ id: 1, title: 'Quarterly numbers' })
    })
    .all(() => {
      throw new MethodNotAllowed('Reports are read-only.', { allow: ['GET', 'HEAD'] })
    })

  app.post('/people', express.json({ limit: '10kb' }), async (req, res) => {
    const person = (req.body ?? {}) as Person
    const errors: { detail: string; pointer: string }[] = []
    if (typeof person.name !== 'string' || person.name === '') errors.push({ detail: 'must be a non-empty string', pointer: '#/name' })
    if (!Number.isInteger(person.age) || (person.age as number) < 0) errors.push({ detail: 'must be a positive integer', pointer: '#/age' })
    if (errors.length > 0) {
      throw new UnprocessableContent({ type: 'https://example.com/probs/validation-error', title: 'Your request is not valid.', extensions: { errors } })
    }
    res.status(201).json(person)
  })

  app.get('/boom', async () => {
    // A bug: the message must never reach the client (5xx errors are hidden unless exposed).
    throw new InternalServerError('connect ECONNREFUSED db.internal:5432 (user=app password=hunter2)')
  })

  app.use(notFound())
  app.use(errorHandler({ instanceFromPath: true }))
  return app
}
