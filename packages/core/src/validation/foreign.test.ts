import { Joi, Modes, Segments, celebrate, isCelebrateError, type CelebrateError } from 'celebrate'
import { IsInt, IsString, Min, ValidateNested, validate } from 'class-validator'
import { body, checkExact, cookie, header, oneOf, param, query, validationResult } from 'express-validator'
import JoiStandalone from 'joi'
import { describe, expect, it } from 'vitest'
import {
  fromCelebrateError,
  fromClassValidatorErrors,
  fromExpressValidatorErrors,
  fromJoiError,
  isCelebrateErrorLike,
  isJoiError,
  toHttpError,
  validationProblem,
} from '../index'

/** Runs celebrate's middleware on a fake request and returns the error it passes to `next`. */
async function celebrateError(schema: Parameters<typeof celebrate>[0], req: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve) => {
    void celebrate(schema, { abortEarly: false }, { mode: Modes.FULL })(req as never, {} as never, resolve)
  })
}

describe('fromJoiError', () => {
  it('points each Joi detail at its path, escaping keys as RFC 6901 says', () => {
    const schema = JoiStandalone.object({
      name: JoiStandalone.string().required(),
      items: JoiStandalone.array().items(JoiStandalone.object({ qty: JoiStandalone.number().min(1) })),
    })
    const { error } = schema.validate({ items: [{ qty: 0 }], 'a/b': 1 }, { abortEarly: false })
    expect(error).toBeDefined()
    expect(fromJoiError(error!)).toEqual([
      { detail: '"name" is required', pointer: '#/name' },
      { detail: '"items[0].qty" must be greater than or equal to 1', pointer: '#/items/0/qty' },
      { detail: '"a/b" is not allowed', pointer: '#/a~1b' },
    ])
  })

  it('puts the issues in the request part it is told', () => {
    const { error } = JoiStandalone.object({ page: JoiStandalone.number() }).validate({ page: 'x' })
    expect(fromJoiError(error!, 'query')).toEqual([{ detail: '"page" must be a number', pointer: '#/page', location: 'query' }])
  })

  it('is recognised by isJoiError, and a thrown one becomes a 400 validation problem', () => {
    const { error } = JoiStandalone.object({ name: JoiStandalone.string().required() }).validate({})
    expect(isJoiError(error)).toBe(true)
    expect(isJoiError(new Error('x'))).toBe(false)
    const adopted = toHttpError(error)
    expect(adopted.status).toBe(400)
    expect(adopted.detail).toBe('The request is not valid.')
    expect(adopted.extensions).toEqual({ errors: [{ detail: '"name" is required', pointer: '#/name' }] })
    expect(adopted.cause).toBe(error)
  })
})

describe('fromCelebrateError', () => {
  it('maps each celebrate segment to its request part', async () => {
    const error = await celebrateError(
      {
        [Segments.BODY]: Joi.object({ name: Joi.string().required() }),
        [Segments.QUERY]: Joi.object({ page: Joi.number() }),
        [Segments.PARAMS]: Joi.object({ id: Joi.number() }),
        [Segments.HEADERS]: Joi.object({ 'x-tenant': Joi.string().required() }).unknown(),
        [Segments.COOKIES]: Joi.object({ session: Joi.string().required() }),
      },
      { body: {}, query: { page: 'x' }, params: { id: 'y' }, headers: {}, cookies: {}, method: 'POST' },
    )
    expect(isCelebrateError(error)).toBe(true)
    expect(isCelebrateErrorLike(error)).toBe(true)
    // celebrate's own type is accepted as it is.
    expect(fromCelebrateError(error as CelebrateError)).toEqual([
      { detail: '"x-tenant" is required', pointer: '#/x-tenant', location: 'header' },
      { detail: '"id" must be a number', pointer: '#/id', location: 'path' },
      { detail: '"page" must be a number', pointer: '#/page', location: 'query' },
      { detail: '"session" is required', pointer: '#/session', location: 'cookie' },
      { detail: '"name" is required', pointer: '#/name' },
    ])
    const adopted = toHttpError(error)
    expect(adopted.status).toBe(400)
    expect(adopted.extensions?.errors).toHaveLength(5)
  })
})

describe('fromExpressValidatorErrors', () => {
  it('turns field paths into pointers in their location, and unknown fields into one issue each', async () => {
    const req = { body: { items: [{ name: 5 }], 'a.b': 1 }, query: { page: 'x' }, params: { id: 'y' }, headers: {}, cookies: {} }
    await body('items[0].name').isString().run(req)
    await body('items.*.name').isString().withMessage('needs a name').run(req)
    await query('page').isInt().run(req)
    await param('id').isInt().run(req)
    await header('x-tenant').exists().run(req)
    await cookie('session').exists().run(req)
    await checkExact([body('items')]).run(req)
    expect(fromExpressValidatorErrors(validationResult(req).array())).toEqual([
      { detail: 'Invalid value', pointer: '#/items/0/name' },
      { detail: 'needs a name', pointer: '#/items/0/name' },
      { detail: 'Invalid value', pointer: '#/page', location: 'query' },
      { detail: 'Invalid value', pointer: '#/id', location: 'path' },
      { detail: 'Invalid value', pointer: '#/x-tenant', location: 'header' },
      { detail: 'Invalid value', pointer: '#/session', location: 'cookie' },
      { detail: 'Unknown field(s)', pointer: '#/a.b' },
    ])
  })

  it('lists the nested errors of a oneOf, flat or grouped', async () => {
    const flat = { body: {}, query: {} }
    await oneOf([body('email').isEmail(), body('phone').exists()]).run(flat)
    expect(fromExpressValidatorErrors(validationResult(flat).array())).toEqual([
      { detail: 'Invalid value', pointer: '#/email' },
      { detail: 'Invalid value', pointer: '#/phone' },
    ])
    const grouped = { body: {}, query: {} }
    await oneOf([body('x').exists(), [query('y').exists(), query('z').isInt()]], { errorType: 'grouped' }).run(grouped)
    expect(fromExpressValidatorErrors(validationResult(grouped).array())).toEqual([
      { detail: 'Invalid value', pointer: '#/x' },
      { detail: 'Invalid value', pointer: '#/y', location: 'query' },
      { detail: 'Invalid value', pointer: '#/z', location: 'query' },
    ])
  })

  it('reads bracketed and quoted path segments the way express-validator writes them', () => {
    const paths = ['a[0][1]', "a['b.c'].d", 'a["x]y"]', '[0].name', 'a.', 'a[unclosed']
    expect(paths.map((path) => fromExpressValidatorErrors([{ type: 'field', msg: 'm', path, location: 'body' }])[0]?.pointer)).toEqual([
      '#/a/0/1',
      '#/a/b.c/d',
      '#/a/x%5Dy',
      '#/0/name',
      '#/a',
      '#/a/%5Bunclosed',
    ])
  })
})

describe('fromClassValidatorErrors', () => {
  it('gives one issue per failed constraint, pointing through nested objects and array indices', async () => {
    class Item {
      name: unknown
    }
    IsString()(Item.prototype, 'name')
    class Order {
      id: unknown
      items: unknown
    }
    IsInt()(Order.prototype, 'id')
    Min(1)(Order.prototype, 'id')
    ValidateNested()(Order.prototype, 'items')
    const order = Object.assign(new Order(), { id: 0.5, items: [Object.assign(new Item(), { name: 'ok' }), Object.assign(new Item(), { name: 3 })] })
    const errors = await validate(order)
    expect(fromClassValidatorErrors(errors)).toEqual([
      { detail: 'id must be an integer number', pointer: '#/id' },
      { detail: 'id must not be less than 1', pointer: '#/id' },
      { detail: 'name must be a string', pointer: '#/items/1/name' },
    ])
  })
})

describe('hostile input to the converters', () => {
  const throwing = new Proxy({}, { get: () => { throw new Error('trap') }, ownKeys: () => { throw new Error('trap') } })
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()

  it.each([
    ['a throwing Proxy', throwing],
    ['a revoked Proxy', revoked.proxy],
    ['null', null],
    ['a number', 7],
    ['details that throw', { get details() { throw new Error('x') } }],
    ['an entry whose getters throw', { details: [{ get message() { throw new Error('x') }, get path() { throw new Error('y') } }] }],
  ])('never throws on %s', (_, value) => {
    expect(() => fromJoiError(value as never)).not.toThrow()
    expect(() => fromCelebrateError(value as never)).not.toThrow()
    expect(() => fromExpressValidatorErrors(value as never)).not.toThrow()
    expect(() => fromClassValidatorErrors(value as never)).not.toThrow()
    expect(() => fromExpressValidatorErrors([value] as never)).not.toThrow()
    expect(() => fromClassValidatorErrors([value] as never)).not.toThrow()
    expect(() => toHttpError(value)).not.toThrow()
  })

  it('reads an entry whose getters throw as "is not valid" at the root', () => {
    expect(fromJoiError({ details: [{ get message(): string { throw new Error('x') } }] })).toEqual([{ detail: 'is not valid', pointer: '#' }])
  })

  it('caps a huge input at 100 issues', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ message: `m${i}`, path: [i] }))
    expect(fromJoiError({ details: many })).toHaveLength(100)
    expect(fromExpressValidatorErrors(many.map((m) => ({ type: 'field', msg: m.message, path: 'a', location: 'body' })))).toHaveLength(100)
    expect(fromClassValidatorErrors(many.map((_, i) => ({ property: `p${i}`, constraints: { a: 'x' } })))).toHaveLength(100)
  })

  it('walks a class-validator chain 100 000 deep without recursion, and stops at a cycle', () => {
    let deep: { property: string; children: unknown[]; constraints?: Record<string, string> } = { property: 'leaf', children: [], constraints: { x: 'bad' } }
    for (let i = 0; i < 100_000; i++) deep = { property: 'a', children: [deep] }
    expect(() => fromClassValidatorErrors([deep as never])).not.toThrow()
    const cyclic: { property: string; constraints: Record<string, string>; children: unknown[] } = { property: 'a', constraints: { x: 'bad' }, children: [] }
    cyclic.children.push(cyclic)
    expect(fromClassValidatorErrors([cyclic as never])).toEqual([{ detail: 'bad', pointer: '#/a' }])
  })

  it('walks alternatives nested 100 000 deep without recursion', () => {
    let deep: unknown = { type: 'field', msg: 'm', path: 'a', location: 'body' }
    for (let i = 0; i < 100_000; i++) deep = { type: 'alternative', msg: 'x', nestedErrors: [deep] }
    expect(() => fromExpressValidatorErrors([deep as never])).not.toThrow()
  })

  it('builds a problem the plan renders from converted issues', () => {
    const problem = validationProblem(fromJoiError({ details: [{ message: 'bad', path: ['a'] }] }), { status: 400 })
    expect(problem.extensions).toEqual({ errors: [{ detail: 'bad', pointer: '#/a' }] })
  })
})
