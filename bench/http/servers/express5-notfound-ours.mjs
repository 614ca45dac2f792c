// Express 5: no route matches, so our notFound() passes a 404 to our errorHandler().
import { errorHandler, notFound } from '@http-problem/express'
import express from 'express5'
import { serve } from '../serve.mjs'

const app = express()
app.get('/users/:id', (req, res) => {
  res.json({ id: req.params.id, name: 'Ada' })
})
app.use(notFound())
app.use(errorHandler())
serve(app)
