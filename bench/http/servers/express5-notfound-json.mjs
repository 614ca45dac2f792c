// Express 5: no route matches, so a catch-all answers with res.status(404).json(), as many apps do by hand.
import express from 'express5'
import { serve } from '../serve.mjs'

const app = express()
app.get('/users/:id', (req, res) => {
  res.json({ id: req.params.id, name: 'Ada' })
})
app.use((req, res) => {
  res.status(404).json({ type: 'about:blank', title: 'Not Found', status: 404 })
})
serve(app)
