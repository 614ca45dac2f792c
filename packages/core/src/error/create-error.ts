import type * as classes from './classes'
import { classesByName, classesByStatus, constructError } from './construct'
import type { HttpErrorClass } from './define-error-class'
import { assertHeader } from './header-values'
import { HttpError, isHttpError } from './http-error'
import type { ClassNameOf, ErrorStatus, StatusEntry } from '../status/registry'

/** What http-errors' `isHttpError` accepts: an Error with `expose`, and `status` equal to `statusCode`. */
export interface HttpErrorLike extends Error {
  status: number
  statusCode: number
  expose: boolean
  headers?: Record<string, string>
}

/** An argument of `createError`, in any order, as http-errors takes them (a number only first). */
export type CreateErrorArg = number | string | Error | object | null | undefined

/** The call signatures of `createError`: typed by status when the status comes first. */
export interface CreateError {
  <S extends ErrorStatus>(status: S, message?: string, props?: object): HttpError<S>
  <S extends ErrorStatus>(status: S, props: object): HttpError<S>
  <E extends Error>(error: E, props?: object): E & HttpErrorLike
  (...args: CreateErrorArg[]): HttpError
  /** The abstract base class; `new createError.HttpError()` throws, as in http-errors. */
  readonly HttpError: typeof HttpError
  /** http-errors' check: one of ours, or any Error with a boolean `expose` and `status === statusCode`. */
  readonly isHttpError: (value: unknown) => value is HttpErrorLike
}

/**
 * `createError[404]`, `createError.NotFound`, … for every class and alias. Spelled out from the registry rather than
 * `typeof` a module namespace, which a bundled declaration file cannot refer to as a value.
 *
 * @example
 * const Missing: CreateErrorClasses['NotFound'] = createError[404]
 */
export type CreateErrorClasses = { readonly [S in ErrorStatus]: HttpErrorClass<S> } & {
  readonly [S in ErrorStatus as ClassNameOf<S>]: HttpErrorClass<S>
} & { readonly [S in ErrorStatus as AliasOf<S>]: HttpErrorClass<S> }

/**
 * A drop-in replacement for the `http-errors` package: the same call forms (status, message, props, an existing
 * Error, in any order), the same properties, and `createError[404]` / `createError.NotFound` classes.
 *
 * @example
 * const err = createError(404, 'No user 42', { code: 'E_USER' })
 * err instanceof createError.NotFound // true
 */
export const createError: CreateError & CreateErrorClasses = /* @__PURE__ */ Object.assign(
  create as CreateError,
  classesByName as unknown as typeof classes,
  /* @__PURE__ */ Object.fromEntries(classesByStatus) as { readonly [S in ErrorStatus]: HttpErrorClass<S> },
  { HttpError, isHttpError: isHttpErrorLike },
)

// --- internal ---

/** The RFC 9110 names a status's class is also exported under (`ContentTooLarge` for 413), or never. */
type AliasOf<S extends ErrorStatus> =
  Extract<StatusEntry, { code: S }> extends { readonly aliases: readonly (infer A extends string)[] } ? A : never

function create(...args: CreateErrorArg[]): Error {
  let error: Error | undefined
  let message: string | undefined
  let status: unknown = 500
  let props: Readonly<Record<string, unknown>> = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (typeof arg === 'object' && arg instanceof Error) {
      error = arg
      const foreign = arg as Partial<HttpErrorLike>
      status = foreign.status || foreign.statusCode || status
    } else if (typeof arg === 'number' && i === 0) {
      status = arg
    } else if (typeof arg === 'string') {
      message = arg
    } else if (typeof arg === 'object') {
      props = (arg ?? {}) as Readonly<Record<string, unknown>>
    } else {
      throw new TypeError(`argument #${i + 1} unsupported type ${typeof arg}`)
    }
  }
  // Deliberate difference from http-errors: anything but an integer 400-599 becomes 500, since an error
  // response with a 2xx/3xx status (or 404.5) is never what the caller meant.
  const code = typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500

  if (error === undefined) {
    // Where the runtime can (V8 and JSC have Error.captureStackTrace), the stack is captured once, here, cut at
    // createError: it starts at the code that called createError, not inside it, as with `new NotFound()`. Elsewhere
    // the constructor captures it.
    const captureStackTrace = (Error as { captureStackTrace?: (target: object, cut: Function) => void }).captureStackTrace
    error = constructError(code, message, undefined, { lenient: true, noStack: captureStackTrace !== undefined })
    captureStackTrace?.(error, create)
  } else if (!isHttpError(error) || error.status !== code) {
    const adopted = error as HttpErrorLike
    adopted.expose = code < 500
    adopted.status = code
    adopted.statusCode = code
  }
  for (const key of Object.keys(props)) {
    if (key === 'status' || key === 'statusCode') continue
    const value = props[key]
    if (key === 'headers' && value !== null && typeof value === 'object') {
      // Values are copied as given, as http-errors does; numbers and string lists are what Node accepts too.
      for (const [name, headerValue] of Object.entries(value)) {
        const values: readonly unknown[] = Array.isArray(headerValue) ? headerValue : [headerValue]
        for (const item of values) assertHeader(name, typeof item === 'number' && Number.isFinite(item) ? String(item) : (item as string))
      }
    }
    ;(error as unknown as Record<string, unknown>)[key] = value
  }
  return error
}

function isHttpErrorLike(value: unknown): value is HttpErrorLike {
  if (isHttpError(value)) return true
  if (!(value instanceof Error)) return false
  const v = value as Partial<HttpErrorLike>
  return typeof v.expose === 'boolean' && typeof v.statusCode === 'number' && v.status === v.statusCode
}
