import { statuses } from './registry'
import type { StatusCode, StatusEntry } from './registry'
import type { StatusClass, StatusRow } from './types'

/**
 * Finds the registry row of a status code in constant time, or `undefined` for an unregistered code.
 *
 * @example
 * getStatus(404)?.phrase // 'Not Found'
 * getStatus(499) // undefined
 */
export function getStatus<C extends StatusCode>(code: C): Extract<StatusEntry, { code: C }>
export function getStatus(code: number): StatusRow | undefined
export function getStatus(code: number): StatusRow | undefined {
  return byCode.get(code)
}

/**
 * Tells whether a value is a status code listed in the registry.
 *
 * @example
 * isStatusCode(418) // true
 * isStatusCode(499) // false
 * isStatusCode('404') // false
 */
export function isStatusCode(value: unknown): value is StatusCode {
  return typeof value === 'number' && byCode.has(value)
}

/**
 * Names the class of a status code from its first digit (RFC 9110 §15), or `undefined` outside 100–599.
 *
 * @example
 * statusClass(404) // 'client-error'
 * statusClass(299) // 'successful' (unregistered codes still have a class)
 * statusClass(600) // undefined
 */
export function statusClass(code: number): StatusClass | undefined {
  if (!Number.isInteger(code) || code < 100 || code > 599) return undefined
  return classByDigit[Math.floor(code / 100) - 1]
}

/**
 * Tells whether a value is an integer from 400 to 599, the codes an error response may carry, registered or not.
 *
 * @example
 * isErrorStatus(404) // true
 * isErrorStatus(499) // true
 * isErrorStatus(302) // false
 */
export function isErrorStatus(code: unknown): code is number {
  return typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599
}

// --- internal ---

const classByDigit: readonly StatusClass[] = ['informational', 'successful', 'redirection', 'client-error', 'server-error']

// Built only in bundles that call getStatus: the whole rows carry every description.
const byCode: ReadonlyMap<number, StatusRow> = /* @__PURE__ */ new Map(/* @__PURE__ */ statuses.map((row) => [row.code, row]))
