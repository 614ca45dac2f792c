import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { InternalServerError, MethodNotAllowed, NotFound, Unauthorized, nodeDefaults, type ProblemOptions } from '@http-problem/core'
import { errorHandler, notFound } from '@http-problem/fetch'
import { checkPerson, JSON_LIMIT, parsePerson, tooLarge } from './people'

export { createFetchHandler } from './fetch-handler'

/** The example API, the same routes as examples/express; `server.ts` serves it, and the tests mount it. */
export function createApp(): Hono {
  const app = new Hono()

  app.get('/', (c) => c.json({ routes: ['GET /users/1', 'GET /users/42', 'GET /me', 'DELETE /reports/1', 'POST /people', 'GET /boom'] }))

  app.get('/users/:id', (c) => {
    const id = c.req.param('id')
    if (id !== '1') throw new NotFound(`No user with id ${id}`)
    return c.json({ id: 1, name: 'Ada' })
  })

  app.get('/me', (c) => {
    if (c.req.header('authorization') !== 'Bearer demo') {
      throw new Unauthorized('Send "Authorization: Bearer demo".', {
        challenge: { scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } },
      })
    }
    return c.json({ id: 1, name: 'Ada' })
  })

  // Hono answers HEAD with the GET route; every other method falls through to the 405.
  app.get('/reports/1', (c) => c.json({ id: 1, title: 'Quarterly numbers' }))
  app.all('/reports/1', () => {
    throw new MethodNotAllowed('Reports are read-only.', { allow: ['GET', 'HEAD'] })
  })

  app.post(
    '/people',
    // hono/body-limit answers with its own plain-text 413 unless onError throws a problem instead.
    bodyLimit({
      maxSize: JSON_LIMIT,
      onError: () => {
        throw tooLarge()
      },
    }),
    async (c) => {
      const person = parsePerson(c.req.header('content-type'), await c.req.text())
      checkPerson(person)
      return c.json(person, 201)
    },
  )

  app.get('/boom', async () => {
    // A bug: the message must never reach the client (5xx errors are hidden unless exposed).
    throw new InternalServerError('connect ECONNREFUSED db.internal:5432 (user=app password=hunter2)')
  })

  app.onError(errorHandler(options))
  app.notFound(notFound(options))
  return app
}

// --- internal ---

/**
 * The fetch adapter renders JSON and English only unless given more (an edge bundle then carries no HTML page, no
 * Chinese words and no Node framework rules); this app offers what the Node examples do (`nodeDefaults`: the HTML
 * page, XML, plain text, Simplified Chinese). Drop it for the smallest bundle.
 */
const options: ProblemOptions = { ...nodeDefaults, instanceFromPath: true }
