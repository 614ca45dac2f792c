import type { HttpError as HttpErrorsHttpError } from 'http-errors'
import { describe, expectTypeOf, it } from 'vitest'
import type * as classes from './classes'
import {
  createError,
  HttpError,
  MethodNotAllowed,
  NotFound,
  Unauthorized,
  TooManyRequests,
  RangeNotSatisfiable,
  UpgradeRequired,
  ProxyAuthenticationRequired,
  type ClientErrorStatus,
  type CreateErrorClasses,
  type ErrorStatus,
  PayloadTooLarge,
  type ServerErrorStatus,
  type ProblemInit,
} from '../index'

describe('error types', () => {
  it('gives each class the literal status type', () => {
    expectTypeOf(new NotFound().status).toEqualTypeOf<404>()
    expectTypeOf(new NotFound().statusCode).toEqualTypeOf<404>()
    expectTypeOf(new MethodNotAllowed({ allow: [] }).status).toEqualTypeOf<405>()
  })

  it('requires the inputs whose headers the RFCs require', () => {
    // @ts-expect-error a 405 needs allow
    new MethodNotAllowed()
    // @ts-expect-error a 405 needs allow, even with a detail
    new MethodNotAllowed('nope')
    // @ts-expect-error a 401 needs a challenge
    new Unauthorized()
    // @ts-expect-error a 407 needs a challenge
    new ProxyAuthenticationRequired({})
    // A 416 SHOULD (not MUST) give the complete length: a range unit other than bytes has none.
    new RangeNotSatisfiable()
    new RangeNotSatisfiable({ completeLength: 1024 })
    // @ts-expect-error a 426 needs upgrade
    new UpgradeRequired({ retryAfter: 1 })
    new MethodNotAllowed({ allow: ['GET'] })
    new MethodNotAllowed('Use GET', { allow: ['GET'] })
    new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api' } } })
    new TooManyRequests('Slow down', { retryAfter: 30 })
    new TooManyRequests()
  })

  it('rejects inputs that do not belong to the status, and a challenge with both forms', () => {
    // @ts-expect-error allow belongs to 405
    new NotFound({ allow: ['GET'] })
    // @ts-expect-error token68 and params together
    new Unauthorized({ challenge: { scheme: 'Basic', token68: 'abc', params: { realm: 'x' } } })
  })

  it('types createError by status, like the class', () => {
    expectTypeOf(createError(404)).toEqualTypeOf<NotFound>()
    expectTypeOf(createError(404, 'msg')).toEqualTypeOf<NotFound>()
    expectTypeOf(createError(503, { expose: true })).toEqualTypeOf<HttpError<503>>()
    expectTypeOf(createError('msg')).toEqualTypeOf<HttpError>()
    expectTypeOf(createError[404]).toEqualTypeOf(NotFound)
    expectTypeOf(createError.NotFound).toEqualTypeOf(NotFound)
  })

  it('names every exported class and alias on createError, and nothing else', () => {
    expectTypeOf<Exclude<keyof CreateErrorClasses, ErrorStatus>>().toEqualTypeOf<keyof typeof classes>()
    expectTypeOf(createError.ContentTooLarge).toEqualTypeOf(PayloadTooLarge)
    // @ts-expect-error not a class name
    void createError.NotAClass
    // @ts-expect-error not an error status
    void createError[200]
  })

  it('is assignable where code expects http-errors’ HttpError', () => {
    expectTypeOf(new NotFound()).toExtend<HttpErrorsHttpError>()
    expectTypeOf(new NotFound()).toExtend<HttpErrorsHttpError<404>>()
    expectTypeOf(new MethodNotAllowed({ allow: [] })).toExtend<HttpErrorsHttpError>()
  })

  it('keeps instanceof narrowing to the subclass', () => {
    const value: unknown = new NotFound()
    if (value instanceof NotFound) expectTypeOf(value.status).toEqualTypeOf<404>()
    // TypeScript gives a generic class's type arguments `any` when narrowing, as it does for Map.
    if (value instanceof HttpError) expectTypeOf(value.title).toEqualTypeOf<string>()
  })

  it('has exact client and server status unions', () => {
    expectTypeOf<404>().toExtend<ClientErrorStatus>()
    expectTypeOf<500>().not.toExtend<ClientErrorStatus>()
    expectTypeOf<ServerErrorStatus>().toEqualTypeOf<500 | 501 | 502 | 503 | 504 | 505 | 506 | 507 | 508 | 510 | 511>()
  })
})

describe('code', () => {
  it('is typed string | undefined on every error', () => {
    expectTypeOf(new NotFound('x', { code: 'E_USER' }).code).toEqualTypeOf<string | undefined>()
    expectTypeOf<ProblemInit['code']>().toEqualTypeOf<string | undefined>()
  })
})
