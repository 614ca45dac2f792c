import { describe, expect, it } from 'vitest'
import * as core from '../index'
import { statuses } from '../status/registry'
import { allClasses, classesByName } from './construct'

const withClass = statuses.filter((row) => 'className' in row)
const exported = core as unknown as Record<string, unknown>

describe('error classes', () => {
  it('exist for exactly the 4xx/5xx rows that name a class, and for nothing else', () => {
    // Problem types (defineProblemType, the IANA ones) are classes too, told apart by their static `type`.
    const isStatusClass = (value: unknown): boolean => typeof value === 'function' && typeof (value as { type?: unknown }).type !== 'string'
    const classNames = Object.keys(exported).filter((name) => isStatusClass(exported[name]) && /^[A-Z]/.test(name))
    const expected = withClass.flatMap((row) => [row.className, ...('aliases' in row ? row.aliases : [])])
    expect(classNames.filter((name) => name !== 'HttpError').sort()).toEqual([...expected].sort())
  })

  it.each(withClass)('$code $className carries its status, name, title and expose default', (row) => {
    const Cls = exported[row.className] as new (init?: object) => core.HttpError
    const init = requiredInit[row.code]
    const error = new Cls(init)
    expect(error.status).toBe(row.code)
    expect(error.statusCode).toBe(row.code)
    expect((Cls as unknown as { status: number }).status).toBe(row.code)
    expect(Cls.name).toBe(row.className)
    // http-errors' rule: append "Error" unless the class name already ends with it.
    expect(error.name).toBe(row.className.endsWith('Error') ? row.className : `${row.className}Error`)
    expect(error.message).toBe(row.phrase)
    expect(error.title).toBe(row.phrase)
    expect(error.type).toBe('about:blank')
    expect(error.detail).toBeUndefined()
    expect(error.expose).toBe(row.code < 500)
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(core.HttpError)
    expect(core.isHttpError(error)).toBe(true)
    expect(String(error.stack).startsWith(`${error.name}: ${row.phrase}`)).toBe(true)
  })

  it('makes RFC 9110 names aliases of the http-errors classes', () => {
    expect(core.ContentTooLarge).toBe(core.PayloadTooLarge)
    expect(core.UnprocessableContent).toBe(core.UnprocessableEntity)
    expect(new core.UnprocessableContent().title).toBe('Unprocessable Content')
  })

  it('lists every class once, in code order, for createError and toHttpError', () => {
    expect(allClasses).toEqual(withClass.map((row) => exported[row.className]))
    expect(new Set(allClasses).size).toBe(withClass.length)
  })

  it('gives createError every class and alias by name, in the order a namespace lists them', () => {
    const names = withClass.flatMap((row) => [row.className, ...('aliases' in row ? row.aliases : [])]).sort()
    expect(Object.keys(classesByName)).toEqual(names)
    for (const name of names) expect(core.createError[name as 'NotFound']).toBe(exported[name])
  })

  it('does not let an error of one class pass as another', () => {
    expect(new core.NotFound()).not.toBeInstanceOf(core.BadRequest)
    expect(new core.BadRequest()).not.toBeInstanceOf(core.NotFound)
  })

  it('lets users extend a class, and instanceof follows the subclass', () => {
    class UserNotFound extends core.NotFound {
      constructor(id: number) {
        super(`No user ${id}`, { extensions: { id } })
      }
    }
    const error = new UserNotFound(7)
    expect(error).toBeInstanceOf(UserNotFound)
    expect(error).toBeInstanceOf(core.NotFound)
    expect(new core.NotFound()).not.toBeInstanceOf(UserNotFound)
    expect(error.status).toBe(404)
    expect(error.detail).toBe('No user 7')
    expect(error.extensions).toEqual({ id: 7 })
  })
})

// The inputs whose headers the RFCs require; everything else constructs with no arguments.
const requiredInit: Record<number, object> = {
  401: { challenge: { scheme: 'Basic', params: { realm: 'x' } } },
  405: { allow: ['GET'] },
  407: { challenge: { scheme: 'Basic', params: { realm: 'x' } } },
  416: { completeLength: 10 },
  426: { upgrade: 'h2c' },
}

describe('expected errors', () => {
  it('are instances of their class with every member, but carry no stack', () => {
    const error = core.NotFound.expected('No user 42')
    expect(error).toBeInstanceOf(core.NotFound)
    expect(error).toBeInstanceOf(core.HttpError)
    expect(error).toBeInstanceOf(Error)
    expect(core.isHttpError(error)).toBe(true)
    expect(error.status).toBe(404)
    expect(error.statusCode).toBe(404)
    expect(error.detail).toBe('No user 42')
    expect(error.message).toBe('No user 42')
    expect(error.title).toBe('Not Found')
    expect(error.name).toBe('NotFoundError')
    expect(error.expose).toBe(true)
    expect(error.headers).toEqual({})
    expect(error.stack).toBeUndefined()
  })

  it('take the same inputs as the constructor, required ones included', () => {
    expect(core.MethodNotAllowed.expected({ allow: ['GET'] }).headers).toEqual({ allow: 'GET' })
    expect(() => (core.MethodNotAllowed.expected as unknown as () => unknown)()).toThrow(TypeError)
    const error = core.NotFound.expected({ instance: '/x', type: 'https://example.com/p', extensions: { a: 1 } })
    expect([error.instance, error.type, error.extensions]).toEqual(['/x', 'https://example.com/p', { a: 1 }])
  })

  it('render exactly like a constructed error', () => {
    const plan = (error: unknown) => core.planResponse(error, { method: 'GET', headers: { accept: '*/*' } })
    const expected = plan(core.NotFound.expected('gone'))
    const constructed = plan(new core.NotFound('gone'))
    expect([expected.status, expected.headers, expected.body]).toEqual([constructed.status, constructed.headers, constructed.body])
  })

  it('keep their cause, as a constructed error does', () => {
    const cause = new Error('db down')
    expect(core.NotFound.expected({ cause }).cause).toBe(cause)
    expect(core.NotFound.expected('x', { cause }).cause).toBe(cause)
    expect(new core.NotFound('x', { cause }).cause).toBe(cause)
  })

  it('keep the stack of a 5xx error', () => {
    expect(String(core.InternalServerError.expected().stack).split('\n').length).toBeGreaterThan(1)
  })

  it('are built by the subclass constructor when a subclass inherits the factory', () => {
    class UserNotFound extends core.NotFound {}
    const error = UserNotFound.expected('x')
    expect(error).toBeInstanceOf(UserNotFound)
    expect(error.stack).toBeDefined()
  })
})

describe('names of your own classes', () => {
  it('are taken from the class, in the http-errors form', () => {
    class PaymentDeclined extends core.HttpError<402> {
      constructor() {
        super(402, 'The card was declined')
      }
    }
    const error = new PaymentDeclined()
    expect(error.name).toBe('PaymentDeclinedError')
    expect(String(error.stack).startsWith('PaymentDeclinedError: The card was declined')).toBe(true)
    error.name = 'Renamed'
    expect(error.name).toBe('Renamed')
  })

  it('keep the built-in name when they extend a built-in class', () => {
    class UserNotFound extends core.NotFound {}
    expect(new UserNotFound().name).toBe('NotFoundError')
  })
})
