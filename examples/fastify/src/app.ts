import Fastify, { type FastifyInstance } from 'fastify'
import { InternalServerError, MethodNotAllowed, NotFound, Unauthorized } from '@http-problem/core'
import { problemDetails } from '@http-problem/fastify'

/**
 * POST /people's body, checked by Fastify before the handler runs. A failure becomes a 400 problem whose `errors`
 * list the failing members as JSON Pointers; the Express example checks the same rules by hand (and answers 422).
 */
const personSchema = {
  type: 'object',
  required: ['name', 'age'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    age: { type: 'integer', minimum: 0 },
  },
} as const

/** The example API, the same routes as examples/express; `server.ts` starts it, and the tests mount it. */
export function createApp(): FastifyInstance {
  const app = Fastify()

  // One plugin: the error handler and the not-found handler for the whole app (fastify-plugin skips encapsulation).
  void app.register(problemDetails, { instanceFromPath: true })

  app.get('/', async () => ({
    routes: ['GET /users/1', 'GET /users/42', 'GET /me', 'DELETE /reports/1', 'POST /people', 'GET /boom'],
  }))

  app.get<{ Params: { id: string } }>('/users/:id', async (req) => {
    if (req.params.id !== '1') throw new NotFound(`No user with id ${req.params.id}`)
    return { id: 1, name: 'Ada' }
  })

  app.get('/me', async (req) => {
    if (req.headers.authorization !== 'Bearer demo') {
      throw new Unauthorized('Send "Authorization: Bearer demo".', {
        challenge: { scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } },
      })
    }
    return { id: 1, name: 'Ada' }
  })

  // GET also answers HEAD (Fastify's exposeHeadRoutes); every other method gets the 405.
  app.get('/reports/1', async () => ({ id: 1, title: 'Quarterly numbers' }))
  app.route({
    method: ['DELETE', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
    url: '/reports/1',
    handler: async () => {
      throw new MethodNotAllowed('Reports are read-only.', { allow: ['GET', 'HEAD'] })
    },
  })

  // Malformed JSON → 400, over 10 KiB → 413, a type Fastify cannot parse → 415, a schema failure → 400 with errors[].
  app.post('/people', { bodyLimit: 10 * 1024, schema: { body: personSchema } }, async (req, reply) => {
    return reply.code(201).send(req.body)
  })

  app.get('/boom', async () => {
    // A bug: the message must never reach the client (5xx errors are hidden unless exposed).
    throw new InternalServerError('connect ECONNREFUSED db.internal:5432 (user=app password=hunter2)')
  })

  return app
}
