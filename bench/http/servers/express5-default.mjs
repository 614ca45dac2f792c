// Express 5: a route throws an http-errors 404 and nothing handles it, so Express's final handler answers (an
// HTML page; it also logs the error's stack to stderr). The suite runs every server with NODE_ENV=production.
import express from 'express5'
import createError from 'http-errors'
import { serve } from '../serve.mjs'

const app = express()
app.get('/users/:id', (req) => {
  throw createError(404, `No user ${req.params.id}`)
})
serve(app)
