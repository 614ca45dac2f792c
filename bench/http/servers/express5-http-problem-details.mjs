// Express 5: a route throws an http-errors 404, answered by express-http-problem-details with its documented
// setup. Its default mapper turns any error with a numeric `status` into a problem document. The package declares
// a peer range of express ^4.16.4; it only calls res.setHeader() and res.json(), which Express 5 keeps.
import express from 'express5'
import { HttpProblemResponse } from 'express-http-problem-details'
import createError from 'http-errors'
import { DefaultMappingStrategy, MapperRegistry } from 'http-problem-details-mapper'
import { serve } from '../serve.mjs'

const strategy = new DefaultMappingStrategy(new MapperRegistry())
const app = express()
app.get('/users/:id', (req) => {
  throw createError(404, `No user ${req.params.id}`)
})
app.use(HttpProblemResponse({ strategy }))
serve(app)
