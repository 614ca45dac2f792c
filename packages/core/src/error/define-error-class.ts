import { findTableRow } from '../status/table'
import { brandClass, buildHeaders, builtInClasses, HttpError, type ErrorArgs, type ProblemInit } from './http-error'

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
  /**
   * Creates an expected client error — an unmatched route, a missing record — as cheaply as an object literal: it
   * has the class's prototype (so `instanceof`, `isHttpError` and every member work) but is not built by the
   * `Error` constructor, so it has no `stack`. A 5xx is always constructed normally and keeps its stack.
   */
  expected(...args: ErrorArgs<S>): HttpError<S>
}

/**
 * Creates the error class of a registered 4xx/5xx status, named after the registry row (`NotFound`), with the
 * http-errors style instance name (`NotFoundError`).
 *
 * @example
 * const NotFound = defineErrorClass(404)
 */
export function defineErrorClass<S extends number>(status: S): HttpErrorClass<S> {
  const row = findTableRow(status)
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
  Object.defineProperty(cls, 'expected', { value: expectedFactory(cls, status, row.phrase), writable: true, configurable: true })
  brandClass(cls, status, row.className)
  builtInClasses.add(cls)
  return cls as unknown as HttpErrorClass<S>
}

// --- internal ---

/**
 * A plain constructor whose prototype is the class's: V8 gives its objects one fixed shape, which is what makes
 * them as cheap as a literal. The members are assigned in the same order as HttpError's constructor does.
 */
function expectedFactory(cls: { readonly prototype: object; readonly name: string }, status: number, phrase: string) {
  function Expected(this: Record<string, unknown>, detail: string | undefined, headers: Record<string, string>) {
    this.status = status
    this.statusCode = status
    this.detail = detail
    this.headers = headers
    this.message = detail ?? phrase
  }
  Expected.prototype = cls.prototype
  const Construct = Expected as unknown as new (detail: string | undefined, headers: Record<string, string>) => HttpError
  return function expected(this: unknown, first?: string | ProblemInit, second?: ProblemInit): HttpError {
    // A subclass (yours, or a problem type) inherits this static: build it properly, with its own constructor.
    const target = typeof this === 'function' ? this : cls
    if (status >= 500) return new (target as new (a: unknown, b: unknown) => HttpError)(first, second)
    if (target !== cls) {
      const built = new (target as new (a: unknown, b: unknown) => HttpError)(first, second)
      expectedErrors.add(built)
      return built
    }
    const detail = typeof first === 'string' ? first : undefined
    const init = typeof first === 'object' && first !== null ? first : second
    const error = new Construct(detail, buildHeaders(status, init, cls))
    if (init !== undefined) {
      const writable = error as unknown as Record<string, unknown>
      for (const key of ['expose', 'type', 'title', 'instance', 'extensions'] as const) {
        if (init[key] !== undefined) writable[key] = init[key]
      }
      if (init.cause !== undefined) writable.cause = init.cause
    }
    expectedErrors.add(error)
    return error
  }
}

/** Client errors made by a class's `expected()`: the onError hook reports them as `expected`. */
const expectedErrors = new WeakSet<object>()

/** Whether an error was made by `expected()` (always a 4xx: a 5xx is never expected). */
export function isExpected(error: unknown): boolean {
  return error !== null && typeof error === 'object' && expectedErrors.has(error)
}
