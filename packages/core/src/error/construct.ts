import { errorStatusRows, type StatusTableRow } from '../status/table'
import {
  BadGateway, BadRequest, Conflict, ExpectationFailed, FailedDependency, Forbidden, GatewayTimeout, Gone,
  HTTPVersionNotSupported, ImATeapot, InsufficientStorage, InternalServerError, LengthRequired, Locked, LoopDetected,
  MethodNotAllowed, MisdirectedRequest, NetworkAuthenticationRequired, NotAcceptable, NotExtended, NotFound,
  NotImplemented, PayloadTooLarge, PaymentRequired, PreconditionFailed, PreconditionRequired,
  ProxyAuthenticationRequired, RangeNotSatisfiable, RequestHeaderFieldsTooLarge, RequestTimeout, ServiceUnavailable,
  TooEarly, TooManyRequests, URITooLong, Unauthorized, UnavailableForLegalReasons, UnprocessableEntity,
  UnsupportedMediaType, UpgradeRequired, VariantAlsoNegotiates,
} from './classes'
import type { HttpErrorClass } from './define-error-class'
import { BUILD, type BuildFlags, type BuildInit, type HttpError, type ProblemInit } from './http-error'

/**
 * Every built-in class once (an alias is the same class). Named one by one, not `import * as classes`: the namespace
 * object a library build makes of that is a side effect no bundler can drop, and it would pull every class into a
 * bundle that only throws `NotFound`. classes.test.ts checks that this list and the exports agree.
 */
export const allClasses: readonly unknown[] = [
  BadRequest, Unauthorized, PaymentRequired, Forbidden, NotFound, MethodNotAllowed, NotAcceptable,
  ProxyAuthenticationRequired, RequestTimeout, Conflict, Gone, LengthRequired, PreconditionFailed, PayloadTooLarge,
  URITooLong, UnsupportedMediaType, RangeNotSatisfiable, ExpectationFailed, ImATeapot, MisdirectedRequest,
  UnprocessableEntity, Locked, FailedDependency, TooEarly, UpgradeRequired, PreconditionRequired, TooManyRequests,
  RequestHeaderFieldsTooLarge, UnavailableForLegalReasons, InternalServerError, NotImplemented, BadGateway,
  ServiceUnavailable, GatewayTimeout, HTTPVersionNotSupported, VariantAlsoNegotiates, InsufficientStorage,
  LoopDetected, NotExtended, NetworkAuthenticationRequired,
]

/** Every built-in error class by status (aliases resolve to the same class). */
export const classesByStatus: ReadonlyMap<number, HttpErrorClass<number>> = /* @__PURE__ */ indexByStatus()

/** Every built-in error class by name and alias, in alphabetical order (the order a module namespace lists them). */
export const classesByName: Readonly<Record<string, HttpErrorClass<number>>> = /* @__PURE__ */ indexByName()

/**
 * Constructs the error for any 4xx/5xx status on this package's own behalf: the registered class, or for an
 * unregistered code the `x00` class of its class with the status overridden (RFC 9110 §15: a client treats an
 * unknown code as `x00`; http-errors does the same).
 */
export function constructError(
  status: number,
  detail: string | undefined,
  init: ProblemInit | undefined,
  flags: BuildFlags,
): HttpError {
  const cls = classesByStatus.get(status) ?? (classesByStatus.get(status >= 500 ? 500 : 400) as HttpErrorClass<number>)
  const built: BuildInit = { ...init, [BUILD]: flags }
  const error = new (cls as unknown as new (detail: string | undefined, init: ProblemInit) => HttpError)(detail, built)
  if (error.status !== status) {
    const writable = error as { status: number; statusCode: number }
    writable.status = status
    writable.statusCode = status
  }
  return error
}

// --- internal ---

function indexByStatus(): ReadonlyMap<number, HttpErrorClass<number>> {
  const list = allClasses as readonly HttpErrorClass<number>[]
  return new Map(list.map((cls) => [cls.status, cls]))
}

function indexByName(): Readonly<Record<string, HttpErrorClass<number>>> {
  const entries: [string, HttpErrorClass<number>][] = []
  const rows: readonly StatusTableRow[] = errorStatusRows
  for (const row of rows) {
    const cls = classesByStatus.get(row.code)
    if (cls === undefined) continue
    for (const name of [row.className, ...(row.aliases ?? [])]) if (name !== undefined) entries.push([name, cls])
  }
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)))
}
