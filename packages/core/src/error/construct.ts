import * as classes from './classes'
import type { HttpErrorClass } from './define-error-class'
import { internal, type HttpError, type ProblemInit } from './http-error'

/** Every built-in error class by status (aliases resolve to the same class). */
export const classesByStatus: ReadonlyMap<number, HttpErrorClass<number>> = new Map(
  (Object.values(classes) as readonly unknown[] as readonly HttpErrorClass<number>[]).map((cls) => [cls.status, cls]),
)

/**
 * Constructs the error for any 4xx/5xx status on this package's own behalf: the registered class, or for an
 * unregistered code the `x00` class of its class with the status overridden (RFC 9110 §15: a client treats an
 * unknown code as `x00`; http-errors does the same).
 */
export function constructError(
  status: number,
  detail: string | undefined,
  init: ProblemInit | undefined,
  flags: { readonly lenient: boolean; readonly noStack: boolean },
): HttpError {
  const cls = classesByStatus.get(status) ?? (classesByStatus.get(status >= 500 ? 500 : 400) as HttpErrorClass<number>)
  internal.lenient = flags.lenient
  internal.noStack = flags.noStack
  let error: HttpError
  try {
    error = new (cls as unknown as new (detail: string | undefined, init: ProblemInit | undefined) => HttpError)(detail, init)
  } finally {
    internal.lenient = false
    internal.noStack = false
  }
  if (error.status !== status) {
    const writable = error as { status: number; statusCode: number }
    writable.status = status
    writable.statusCode = status
  }
  return error
}
