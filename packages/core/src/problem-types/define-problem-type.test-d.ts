import { describe, expectTypeOf, it } from 'vitest'
import {
  DateNotAcceptable,
  defineProblemType,
  DigestMismatchedValues,
  Forbidden,
  HttpError,
  openApiProblems,
  parseProblem,
  type ProblemTypeError,
} from '../index'

const OutOfCredit = defineProblemType<{ balance: number; accounts: string[] }>()({
  type: 'https://example.com/probs/out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
})

const NoExtensions = defineProblemType()({ type: 'https://example.com/probs/gone-fishing', title: 'Gone fishing', status: 409 })

const TokenExpired = defineProblemType<{ expiredAt: string }>()({
  type: 'token-expired',
  title: 'Your token has expired.',
  status: 401,
})

const Optional = defineProblemType<{ hint?: string }>()({ type: 'optional', title: 'Optional', status: 400 })

describe('problem type types', () => {
  it('types the extension members of an occurrence', () => {
    new OutOfCredit({ balance: 30, accounts: ['/account/12345'] })
    new OutOfCredit({ balance: 30, accounts: [] }, { detail: 'Your balance is 30.', instance: '/account/12345/msgs/abc' })
    // @ts-expect-error accounts is missing
    new OutOfCredit({ balance: 30 })
    // @ts-expect-error balance must be a number
    new OutOfCredit({ balance: '30', accounts: [] })
    // @ts-expect-error an unknown extension member
    new OutOfCredit({ balance: 30, accounts: [], currency: 'EUR' })
    // @ts-expect-error the extensions are not optional when the type has required members
    new OutOfCredit()
  })

  it('refuses unknown init fields and the members the type owns', () => {
    // @ts-expect-error an unknown init field
    new OutOfCredit({ balance: 30, accounts: [] }, { balanse: 30 })
    // @ts-expect-error the title belongs to the type, not the occurrence
    new OutOfCredit({ balance: 30, accounts: [] }, { title: 'Other' })
    // @ts-expect-error so does the type URI
    new OutOfCredit({ balance: 30, accounts: [] }, { type: 'https://example.com/other' })
    // @ts-expect-error allow belongs to 405, not 403
    new OutOfCredit({ balance: 30, accounts: [] }, { allow: ['GET'] })
  })

  it('keeps the status a literal type and the class a subclass of its status', () => {
    const error = new OutOfCredit({ balance: 30, accounts: [] })
    expectTypeOf(error.status).toEqualTypeOf<403>()
    expectTypeOf(OutOfCredit.status).toEqualTypeOf<403>()
    expectTypeOf(error).toMatchTypeOf<HttpError<403>>()
    expectTypeOf(error).toMatchTypeOf<Forbidden>()
    expectTypeOf(error).toEqualTypeOf<ProblemTypeError<403, { balance: number; accounts: string[] }>>()
  })

  it('types extensions.balance as a number', () => {
    const error = new OutOfCredit({ balance: 30, accounts: [] })
    expectTypeOf(error.extensions.balance).toEqualTypeOf<number>()
    expectTypeOf(error.extensions.accounts).toEqualTypeOf<string[]>()
  })

  it('takes no extensions first for a type without extension members', () => {
    new NoExtensions()
    new NoExtensions(undefined, { detail: 'Back on Monday.' })
    new NoExtensions({}, { detail: 'Back on Monday.' })
    new DateNotAcceptable()
    // @ts-expect-error an init passed first would be sent as extension members
    new NoExtensions({ detail: 'Back on Monday.' })
    // @ts-expect-error the IANA date type defines no members either
    new DateNotAcceptable({ skew: 90 })
    expectTypeOf(new NoExtensions().status).toEqualTypeOf<409>()
  })

  it('makes extensions optional when every member is', () => {
    new Optional()
    new Optional({ hint: 'try again' })
    // @ts-expect-error hint is a string
    new Optional({ hint: 1 })
  })

  it('requires the challenge of a 401 type, like Unauthorized', () => {
    new TokenExpired({ expiredAt: '2026-01-01' }, { challenge: { scheme: 'Bearer', params: { realm: 'api' } } })
    // @ts-expect-error a 401 needs a challenge
    new TokenExpired({ expiredAt: '2026-01-01' })
    // @ts-expect-error a 401 needs a challenge, even with a detail
    new TokenExpired({ expiredAt: '2026-01-01' }, { detail: 'expired' })
  })

  it('types the IANA digest members with their draft spelling', () => {
    new DigestMismatchedValues({ mismatched_digests: [{ algorithm: 'sha-256', provided_digest: ':AA==:', header: 'Repr-Digest' }] })
    new DigestMismatchedValues()
    // @ts-expect-error the server's own digest is not a member (it would be an oracle)
    new DigestMismatchedValues({ mismatched_digests: [{ algorithm: 'sha-256', provided_digest: ':AA==:', header: 'Repr-Digest', expected: ':BB==:' }] })
  })

  it('fits where a problem type class is expected', () => {
    expectTypeOf(parseProblem).toBeCallableWith(new Response(), { types: [OutOfCredit, NoExtensions, TokenExpired, DateNotAcceptable] })
    expectTypeOf(openApiProblems).toBeCallableWith([403, 404, OutOfCredit, TokenExpired, DateNotAcceptable])
  })
})
