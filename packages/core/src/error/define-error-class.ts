import { findErrorRow } from '../status/table'
import {
  brandClass, builtInClasses, causeOf, HttpError, initOf, lowerStackLimit, messageOf, setMembers, V8Error,
  type BuildInit, type ErrorArgs, type ProblemInit,
} from './http-error'

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
   * Creates an expected client error — an unmatched route, a missing record — about 80× more cheaply than `new`:
   * it inherits from the class's prototype (so `instanceof`, `isHttpError` and every member work) but is not built by
   * the `Error` constructor, so it has no `stack`. A 5xx is always constructed normally and keeps its stack.
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
  const row = findErrorRow(status)
  if (row?.className === undefined) throw new TypeError(`Status ${status} has no error class in the registry`)
  const phrase = row.phrase
  // The class extends Error itself, not HttpError, and its prototype is then put under HttpError.prototype: V8 walks
  // every constructor frame of a `new` before it records the stack (then skips them), and each one costs about a
  // fifth of a bare Error(). One constructor here, doing what HttpError's does (see bench/README.md).
  const cls = class extends Error {
    // A rest parameter, not two named ones: V8 copies a frame's formal parameters when it walks it for the stack,
    // which made every construction ~0.13 µs slower (bench/README.md). Optimised code does not allocate the array.
    constructor(...args: unknown[]) {
      const first = args[0]
      const init = initOf(first, args[1])
      const limit = lowerStackLimit(status, init)
      try {
        super(messageOf(first, init, phrase), causeOf(init))
      } finally {
        // Even when a getter of the init throws: a lowered limit left behind would empty every later stack.
        if (limit !== undefined) V8Error.stackTraceLimit = limit
      }
      setMembers(this as unknown as HttpError, status, first, init, new.target)
    }
  }
  Object.setPrototypeOf(cls.prototype, HttpError.prototype)
  Object.defineProperties(cls, {
    name: { value: row.className },
    status: { value: status, enumerable: true },
    expected: { value: expectedFactory(cls, status, phrase), writable: true, configurable: true },
    // Statics are not inherited from HttpError (the class's own prototype is Error, for super()): the cross-copy check.
    [Symbol.hasInstance]: { value: HttpError[Symbol.hasInstance], writable: true, configurable: true },
  })
  brandClass(cls, status, row.className)
  builtInClasses.add(cls)
  return cls as unknown as HttpErrorClass<S>
}

// --- internal ---

/**
 * What `expected()` makes: a plain constructor whose prototype sits under the class's, so V8 gives its objects one
 * fixed shape, and which marks them as expected on that prototype, for no cost per error.
 */
function expectedFactory(cls: { readonly prototype: object; readonly name: string }, status: number, phrase: string) {
  function Expected(this: HttpError, first: unknown, init: BuildInit | undefined) {
    setMembers(this, status, first, init, cls)
    ;(this as { message: string }).message = messageOf(first, init, phrase)
    // Error() is not called here, so nothing else keeps the cause.
    if (init?.cause !== undefined) (this as { cause?: unknown }).cause = init.cause
  }
  Expected.prototype = Object.create(cls.prototype, { [EXPECTED]: { value: true } }) as object
  const Construct = Expected as unknown as new (first: unknown, init: BuildInit | undefined) => HttpError
  return function expected(this: unknown, first?: string | ProblemInit, second?: ProblemInit): HttpError {
    // A subclass (yours, or a problem type) inherits this static: build it properly, with its own constructor.
    const target = typeof this === 'function' ? this : cls
    if (status >= 500) return new (target as new (a: unknown, b: unknown) => HttpError)(first, second)
    if (target === cls) return new Construct(first, initOf(first, second))
    const built = new (target as new (a: unknown, b: unknown) => HttpError)(first, second)
    // A subclass that freezes its errors cannot be marked: reported as not expected, never a throw.
    if (Object.isExtensible(built)) Object.defineProperty(built, EXPECTED, { value: true })
    return built
  }
}

/** Marks the client errors made by a class's `expected()`: the onError hook reports them as `expected`. */
const EXPECTED = Symbol('http-problem expected')

/** Whether an error was made by `expected()` (always a 4xx: a 5xx is never expected). */
export function isExpected(error: unknown): boolean {
  try {
    return error !== null && typeof error === 'object' && (error as { [EXPECTED]?: unknown })[EXPECTED] === true
  } catch {
    // A Proxy whose get trap throws was not made by expected().
    return false
  }
}
