// Express 5: a route throws our NotFound, answered by @http-problem/express's errorHandler().
import { NotFound } from '@http-problem/core'
import { errorHandler } from '@http-problem/express'
import express from 'express5'
import { serve } from '../serve.mjs'

const app = express()
app.get('/users/:id', (req) => {
  throw new NotFound(`No user ${req.params.id}`)
})
app.use(errorHandler())
serve(app)
