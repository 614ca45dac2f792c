// Express 5: no route matches and nothing else is registered, so Express's final handler answers its own 404.
import express from 'express5'
import { serve } from '../serve.mjs'

const app = express()
app.get('/users/:id', (req, res) => {
  res.json({ id: req.params.id, name: 'Ada' })
})
serve(app)
