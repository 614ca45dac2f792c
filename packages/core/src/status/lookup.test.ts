import { describe, expect, it } from 'vitest'
import { getStatus, isErrorStatus, isStatusCode, statusClass } from './lookup'
import { statuses } from './registry'

const registered = new Set<number>(statuses.map((row) => row.code))
const unregistered = Array.from({ length: 500 }, (_, i) => 100 + i).filter((code) => !registered.has(code))

describe('getStatus', () => {
  it.each(statuses)('returns the registry row itself for $code', (row) => {
    expect(getStatus(row.code)).toBe(row)
  })

  it('returns undefined for every unregistered code from 100 to 599', () => {
    expect(unregistered).toHaveLength(500 - statuses.length)
    for (const code of unregistered) expect(getStatus(code)).toBeUndefined()
  })

  it.each([0, -404, 404.5, 600, 1000, Number.NaN, Number.POSITIVE_INFINITY])('returns undefined for %s', (code) => {
    expect(getStatus(code)).toBeUndefined()
  })
})

describe('isStatusCode', () => {
  it.each(statuses)('accepts the registered code $code', ({ code }) => {
    expect(isStatusCode(code)).toBe(true)
  })

  it('rejects every unregistered code from 100 to 599', () => {
    for (const code of unregistered) expect(isStatusCode(code)).toBe(false)
  })

  it.each([['404'], [404.0001], [new Number(404)], [null], [undefined], [{ code: 404 }], [404n]])('rejects %s', (value) => {
    expect(isStatusCode(value)).toBe(false)
  })
})

describe('statusClass', () => {
  it.each(statuses)('names the class of $code after its first digit', ({ code }) => {
    const expected = ['informational', 'successful', 'redirection', 'client-error', 'server-error'][Math.floor(code / 100) - 1]
    expect(statusClass(code)).toBe(expected)
  })

  it.each([
    [100, 'informational'],
    [199, 'informational'],
    [299, 'successful'],
    [399, 'redirection'],
    [499, 'client-error'],
    [509, 'server-error'],
    [599, 'server-error'],
  ])('classifies the unregistered or edge code %i as %s', (code, expected) => {
    expect(statusClass(code)).toBe(expected)
  })

  it.each([0, 99, 600, 999, -200, 200.5, Number.NaN, Number.POSITIVE_INFINITY])('has no class for %s', (code) => {
    expect(statusClass(code)).toBeUndefined()
  })
})

describe('isErrorStatus', () => {
  it('accepts every integer from 400 to 599, registered or not', () => {
    for (let code = 400; code <= 599; code++) expect(isErrorStatus(code)).toBe(true)
  })

  it.each(statuses.filter(({ code }) => code < 400))('rejects the non-error code $code', ({ code }) => {
    expect(isErrorStatus(code)).toBe(false)
  })

  it.each([[399], [600], [404.5], [Number.NaN], ['404'], [null], [undefined], [{ status: 404 }]])('rejects %s', (value) => {
    expect(isErrorStatus(value)).toBe(false)
  })
})
