// Express 5: the success path, a route answering 200 with res.json().
import express from 'express5'
import { serve } from '../serve.mjs'

const app = express()
app.get('/users/:id', (req, res) => {
  res.json({ id: req.params.id, name: 'Ada' })
})
serve(app)
