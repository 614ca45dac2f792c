// Validation libraries' errors, end to end over a real Express 5 socket behind @http-problem/express:
// express-validator and class-validator through core's converters, celebrate and Joi thrown as they are.
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { Joi, Segments, celebrate } from 'celebrate'
import { IsEmail, IsInt, Min, ValidateNested, validate } from 'class-validator'
import type { Express } from 'express'
import { body, query, validationResult } from 'express-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromClassValidatorErrors, fromExpressValidatorErrors, validationProblem } from '@http-problem/core'
import { errorHandler } from '@http-problem/express'

const require = createRequire(import.meta.url)
const express5 = require('express5') as typeof import('express')

class Line {
  qty: unknown
}
IsInt()(Line.prototype, 'qty')
Min(1)(Line.prototype, 'qty')

class Order {
  email: unknown
  lines: unknown
}
IsEmail()(Order.prototype, 'email')
ValidateNested()(Order.prototype, 'lines')

function createApp(): Express {
  const app = express5()
  app.disable('x-powered-by')
  app.use(express5.json())
  app.post('/express-validator', body('email').isEmail(), body('lines.*.qty').isInt({ min: 1 }), query('dry').optional().isBoolean(), (req, res) => {
    const result = validationResult(req)
    if (!result.isEmpty()) throw validationProblem(fromExpressValidatorErrors(result.array()))
    res.status(204).end()
  })
  // celebrate's own errors() middleware is left out: its CelebrateError reaches our handler as it is.
  app.post(
    '/celebrate',
    celebrate({
      [Segments.BODY]: Joi.object({ email: Joi.string().email().required(), lines: Joi.array().items(Joi.object({ qty: Joi.number().integer().min(1) })) }),
      [Segments.QUERY]: Joi.object({ dry: Joi.boolean() }),
    }, { abortEarly: false }),
    (_req, res) => {
      res.status(204).end()
    },
  )
  app.post('/joi', async (req, res) => {
    await Joi.object({ email: Joi.string().email().required() }).validateAsync(req.body, { abortEarly: false })
    res.status(204).end()
  })
  app.post('/class-validator', async (req, res) => {
    const raw = req.body as { email?: unknown; lines?: { qty?: unknown }[] }
    const order = Object.assign(new Order(), { email: raw.email, lines: (raw.lines ?? []).map((line) => Object.assign(new Line(), line)) })
    const errors = await validate(order)
    if (errors.length > 0) throw validationProblem(fromClassValidatorErrors(errors))
    res.status(204).end()
  })
  app.use(errorHandler({ log: false }))
  return app
}

let base = ''
let close: () => Promise<void> = async () => {}
beforeAll(async () => {
  const server = createApp().listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
})
afterAll(() => close())

async function post(path: string, payload: unknown): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) })
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() }
}

const bad = { email: 'nope', lines: [{ qty: 2 }, { qty: 0 }] }

describe('validation libraries behind @http-problem/express', () => {
  it('express-validator: a 422 with one error per failed field, paths as JSON Pointers', async () => {
    const res = await fetch(`${base}/express-validator?dry=maybe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.text()).toBe(
      '{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The request is not valid.","errors":[' +
        '{"detail":"Invalid value","pointer":"#/email"},' +
        '{"detail":"Invalid value","pointer":"#/lines/1/qty"},' +
        '{"detail":"Invalid value","pointer":"#/dry","location":"query"}]}',
    )
  })

  it('celebrate: its error, thrown as it is, becomes a 400 with the query and body issues', async () => {
    const res = await fetch(`${base}/celebrate?dry=maybe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.text()).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request is not valid.","errors":[' +
        '{"detail":"\\"dry\\" must be a boolean","pointer":"#/dry","location":"query"}]}',
    )
    const bodyOnly = await post('/celebrate', bad)
    expect(bodyOnly.status).toBe(400)
    expect(JSON.parse(bodyOnly.body)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [
        { detail: '"email" must be a valid email', pointer: '#/email' },
        { detail: '"lines[1].qty" must be greater than or equal to 1', pointer: '#/lines/1/qty' },
      ],
    })
  })

  it('Joi: a rejected validateAsync() becomes a 400 validation problem', async () => {
    const res = await post('/joi', { email: 'nope' })
    expect([res.status, res.type]).toEqual([400, 'application/problem+json'])
    expect(JSON.parse(res.body)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ detail: '"email" must be a valid email', pointer: '#/email' }],
    })
  })

  it('class-validator: one error per failed constraint, through nested objects and array indices', async () => {
    const res = await post('/class-validator', bad)
    expect([res.status, res.type]).toEqual([422, 'application/problem+json'])
    expect(JSON.parse(res.body)).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The request is not valid.',
      errors: [
        { detail: 'email must be an email', pointer: '#/email' },
        { detail: 'qty must not be less than 1', pointer: '#/lines/1/qty' },
      ],
    })
  })

  it('lets a valid request through', async () => {
    const good = { email: 'ada@example.com', lines: [{ qty: 1 }] }
    for (const path of ['/express-validator', '/celebrate', '/joi', '/class-validator']) {
      expect((await post(path, path === '/joi' ? { email: good.email } : good)).status).toBe(204)
    }
  })
})
