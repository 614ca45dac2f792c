// Express 5: a route throws an http-errors 404, answered by a minimal problem+json error middleware written the
// way a careful user would write it without this library.
import { STATUS_CODES } from 'node:http'
import express from 'express5'
import createError from 'http-errors'
import { serve } from '../serve.mjs'

const app = express()
app.get('/users/:id', (req) => {
  throw createError(404, `No user ${req.params.id}`)
})
app.use(problemJson)
serve(app)

function problemJson(err, req, res, next) {
  if (res.headersSent) return next(err) // too late to answer; Express closes the socket
  const status = Number.isInteger(err?.status) && err.status >= 400 && err.status <= 599 ? err.status : 500
  const problem = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status }
  // Only client errors explain themselves: a 500's message can leak internals.
  if (status < 500 && typeof err.message === 'string' && err.message !== '') problem.detail = err.message
  res.status(status).type('application/problem+json').send(JSON.stringify(problem))
}
