import { describe, expectTypeOf, it } from 'vitest'
import { getStatus, isErrorStatus, isStatusCode } from './lookup'
import type {
  ClassNameOf,
  ClientErrorStatus,
  ErrorStatus,
  InformationalStatus,
  RedirectionStatus,
  ServerErrorStatus,
  StatusCode,
  SuccessfulStatus,
} from './registry'
import type { StatusRow } from './types'

type ErrorClassCodes =
  | 400 | 401 | 402 | 403 | 404 | 405 | 406 | 407 | 408 | 409 | 410 | 411 | 412 | 413 | 414 | 415 | 416 | 417 | 418
  | 421 | 422 | 423 | 424 | 425 | 426 | 428 | 429 | 431 | 451
  | 500 | 501 | 502 | 503 | 504 | 505 | 506 | 507 | 508 | 510 | 511

describe('status code unions', () => {
  it('puts 404 in ClientErrorStatus and leaves 500 and 306 out', () => {
    expectTypeOf<404>().toExtend<ClientErrorStatus>()
    expectTypeOf<500>().not.toExtend<ClientErrorStatus>()
    expectTypeOf<306>().not.toExtend<ClientErrorStatus>()
    expectTypeOf<306>().toExtend<RedirectionStatus>()
  })

  it('makes ServerErrorStatus exactly the eleven registered 5xx codes', () => {
    expectTypeOf<ServerErrorStatus>().toEqualTypeOf<500 | 501 | 502 | 503 | 504 | 505 | 506 | 507 | 508 | 510 | 511>()
  })

  it('keeps unregistered codes out of every union', () => {
    expectTypeOf<509>().not.toExtend<StatusCode>()
    expectTypeOf<499>().not.toExtend<ErrorStatus>()
    expectTypeOf<number>().not.toExtend<StatusCode>()
  })

  it('splits StatusCode into the five classes with nothing left over', () => {
    expectTypeOf<
      InformationalStatus | SuccessfulStatus | RedirectionStatus | ClientErrorStatus | ServerErrorStatus
    >().toEqualTypeOf<StatusCode>()
    expectTypeOf<InformationalStatus>().toEqualTypeOf<100 | 101 | 102 | 103 | 104>()
  })

  it('gives a class to the 40 error codes, which are all the 4xx and 5xx codes', () => {
    // Every registered 4xx and 5xx code has a class: one union serves both meanings.
    expectTypeOf<ErrorStatus>().toEqualTypeOf<ErrorClassCodes>()
  })

  it('maps a code to its class name', () => {
    expectTypeOf<ClassNameOf<404>>().toEqualTypeOf<'NotFound'>()
    expectTypeOf<ClassNameOf<413>>().toEqualTypeOf<'PayloadTooLarge'>()
    expectTypeOf<ClassNameOf<500 | 503>>().toEqualTypeOf<'InternalServerError' | 'ServiceUnavailable'>()
  })
})

describe('lookup types', () => {
  it('returns the exact row for a literal code and a possibly missing row for any number', () => {
    expectTypeOf(getStatus(404).phrase).toEqualTypeOf<'Not Found'>()
    expectTypeOf(getStatus(405).headers[0].name).toEqualTypeOf<'Allow'>()
    expectTypeOf(getStatus(Number('404'))).toEqualTypeOf<StatusRow | undefined>()
  })

  it('narrows unknown values with the type guards', () => {
    const value: unknown = 404
    if (isStatusCode(value)) expectTypeOf(value).toEqualTypeOf<StatusCode>()
    if (isErrorStatus(value)) expectTypeOf(value).toEqualTypeOf<number>()
  })
})
