import { getStatus } from '../status/lookup'
import { brandClass, builtInClasses, HttpError, type ErrorArgs } from './http-error'

/**
 * The type of an error class for status `S`: constructed with `(detail?, init?)` or `(init?)`, where init is
 * required when the RFC requires a header for `S`.
 *
 * @example
 * const Missing: HttpErrorClass<404> = NotFound
 * throw new Missing('No user 42')
 */
export interface HttpErrorClass<S extends number> {
  new (...args: ErrorArgs<S>): HttpError<S>
  readonly prototype: HttpError<S>
  /** The status code every instance carries. */
  readonly status: S
}

/**
 * Creates the error class of a registered 4xx/5xx status, named after the registry row (`NotFound`), with the
 * http-errors style instance name (`NotFoundError`).
 *
 * @example
 * const NotFound = defineErrorClass(404)
 */
export function defineErrorClass<S extends number>(status: S): HttpErrorClass<S> {
  const row = getStatus(status)
  if (row?.className === undefined) throw new TypeError(`Status ${status} has no error class in the registry`)
  // The constructor of HttpError is protected; the generated class is its public face.
  const Base = HttpError as unknown as new (status: S, first: unknown, second: unknown) => HttpError<S>
  // Two plain parameters rather than a rest parameter: construction is on the hot path of every failing request.
  const cls = class extends Base {
    constructor(first?: unknown, second?: unknown) {
      super(status, first, second)
    }
  }
  Object.defineProperty(cls, 'name', { value: row.className })
  Object.defineProperty(cls, 'status', { value: status, enumerable: true })
  brandClass(cls, status, row.className)
  builtInClasses.add(cls)
  return cls as unknown as HttpErrorClass<S>
}
