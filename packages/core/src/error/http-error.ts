import { findErrorRow } from '../status/table'
import { assertHeader } from './header-values'
import { headersFromInputs, type StatusInputsOf } from './status-inputs'

/** The members every error accepts at construction, besides the headers its status demands. */
export interface ProblemInit {
  /** RFC 9457 `type`: a URI reference that identifies the problem type; `about:blank` when omitted. */
  readonly type?: string
  /** RFC 9457 `title`; defaults to the status phrase (the right title for `about:blank`). */
  readonly title?: string
  /** RFC 9457 `instance`: a URI reference for this occurrence. */
  readonly instance?: string
  /**
   * A machine-readable code for this error (`'E_USER'`), sent as the `code` member: letters, digits and `_ . : -`,
   * at most 64 characters, starting with a letter or digit. Sent even when `detail` is hidden (see docs/rendering.md).
   */
  readonly code?: string
  /** Extension members for the problem document; they never replace a standard member. */
  readonly extensions?: Readonly<Record<string, unknown>>
  /** The underlying error, kept for logs; never sent unless debug output is enabled. */
  readonly cause?: unknown
  /** Whether `detail` may be sent to the client; defaults to true for 4xx and false for 5xx. */
  readonly expose?: boolean
  /** Extra response headers; names and values are checked like every other header. */
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Set to false to skip capturing a stack trace for an expected client error (a 404 from a scanner, say),
   * which makes construction several times cheaper. Ignored for 5xx errors, which always keep their stack.
   */
  readonly captureStack?: boolean
}

/** Everything the constructor of an error with status `S` accepts. */
export type ErrorInit<S extends number> = ProblemInit & StatusInputsOf<S>

/** The constructor arguments for status `S`: `(detail?, init?)` or `(init?)`, with init required where the RFC is. */
export type ErrorArgs<S extends number> = {} extends StatusInputsOf<S>
  ? [init?: ErrorInit<S>] | [detail?: string, init?: ErrorInit<S>]
  : [init: ErrorInit<S>] | [detail: string | undefined, init: ErrorInit<S>]

/** The brand that makes {@link isHttpError} work across module formats and duplicate installs. */
const BRAND: unique symbol = Symbol.for('@http-problem/core.HttpError') as never

/**
 * The base class of every http-problem error: an `Error` shaped like http-errors' (`status`, `statusCode`,
 * `expose`, `headers`) that also carries the RFC 9457 members. It is abstract; throw a subclass such as `NotFound`.
 *
 * @example
 * try { throw new NotFound('No user 42') } catch (err) {
 *   if (err instanceof HttpError) console.log(err.status, err.title, err.detail) // 404 'Not Found' 'No user 42'
 * }
 */
export abstract class HttpError<S extends number = number> extends Error {
  /** The HTTP status code. */
  declare readonly status: S
  /** The same as `status`, for code written against Node's naming. */
  declare readonly statusCode: S
  /** Whether `detail` may be sent to the client. */
  declare expose: boolean
  /** The response headers this error demands, with lower-case names. */
  declare headers: Record<string, string>
  /** RFC 9457 `type`. */
  declare readonly type: string
  /** RFC 9457 `title`. */
  declare readonly title: string
  /** RFC 9457 `detail`: the message given at construction, if any. */
  declare readonly detail: string | undefined
  /** RFC 9457 `instance`. */
  declare readonly instance: string | undefined
  /** RFC 9457 extension members. */
  declare readonly extensions: Readonly<Record<string, unknown>> | undefined
  /** The machine-readable code given at construction (or by the problem type), sent as the `code` member. */
  declare readonly code: string | undefined

  protected constructor(status: S, ...args: ErrorArgs<S>)
  protected constructor(status: S, first?: string | ErrorInit<S>, second?: ErrorInit<S>) {
    if (new.target === HttpError) throw new TypeError('cannot construct abstract class HttpError')
    // The built-in classes do the same steps in their own constructor (see defineErrorClass).
    const init = initOf(first, second)
    const limit = lowerStackLimit(status, init)
    try {
      super(messageOf(first, init, findErrorRow(status)?.phrase ?? fallbackPhrase(status)), causeOf(init))
    } finally {
      // Even when a getter of the init throws: a lowered limit left behind would empty every later stack.
      if (limit !== undefined) V8Error.stackTraceLimit = limit
    }
    setMembers(this, status, first, init, new.target)
  }

  /** `instanceof HttpError` holds for errors made by any copy of this package (ESM, CJS, or another version). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    try {
      if (Function.prototype[Symbol.hasInstance].call(this, value)) return true
    } catch {
      // A Proxy whose getPrototypeOf trap throws: fall through to the brand check, which is guarded too.
    }
    if (this === HttpError) return isHttpError(value)
    const status = (this as { readonly status?: unknown }).status
    return builtInClasses.has(this) && isHttpError(value) && value.status === status
  }
}

Object.defineProperties(HttpError.prototype, {
  [BRAND]: { value: true },
  // A class of yours that extends HttpError is named after itself, as http-errors names its classes:
  // PaymentDeclined → PaymentDeclinedError. The built-in classes set a plain `name` on their own prototypes.
  name: {
    get(this: object): string {
      const className = (this.constructor as { readonly name?: unknown } | undefined)?.name
      if (typeof className !== 'string' || className === '') return 'HttpError'
      return className.endsWith('Error') ? className : `${className}Error`
    },
    set(this: object, value: unknown) {
      Object.defineProperty(this, 'name', { value, writable: true, configurable: true })
    },
    configurable: true,
  },
  type: { value: 'about:blank', writable: true, configurable: true },
  detail: { value: undefined, writable: true, configurable: true },
  instance: { value: undefined, writable: true, configurable: true },
  extensions: { value: undefined, writable: true, configurable: true },
  code: { value: undefined, writable: true, configurable: true },
})

/**
 * Tells whether a value can be an error's `code`: a string of letters, digits and `_ . : -`, starting with a letter
 * or digit, at most 64 characters. Anything else is refused at construction and never sent.
 *
 * @example
 * isProblemCode('E_USER') // true
 * isProblemCode('no spaces please') // false
 */
export function isProblemCode(value: unknown): value is string {
  return typeof value === 'string' && PROBLEM_CODE.test(value)
}

/**
 * Tells whether a value is an http-problem error, from this copy of the package or any other (it checks a
 * `Symbol.for` brand, not the prototype chain).
 *
 * @example
 * isHttpError(new NotFound()) // true
 * isHttpError(new Error('x')) // false
 */
export function isHttpError(value: unknown): value is HttpError {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false
  try {
    return (value as { [BRAND]?: unknown })[BRAND] === true
  } catch {
    // A Proxy whose get trap throws is not one of ours.
    return false
  }
}

/** The classes defined by `defineErrorClass`, for the cross-copy `instanceof` check. */
export const builtInClasses = new WeakSet<object>()

/**
 * How this package builds an error on its own behalf, passed to the constructor inside `init` under {@link BUILD}:
 * `lenient` skips the required-input check and drops an invalid code (`createError` keeps http-errors' call forms,
 * which cannot pass those inputs; a parsed response has whatever it had); `noStack` skips the stack capture when the
 * error wraps a foreign one that already has its own stack.
 */
export interface BuildFlags {
  readonly lenient: boolean
  readonly noStack: boolean
}

/**
 * The key of {@link BuildFlags} in an `init`. A symbol private to this package (not `Symbol.for`, not exported from
 * the index): user code cannot set it, and it travels with the one `init` it is in, through any subclass that passes
 * its `init` on, so no state outlives the call.
 */
export const BUILD: unique symbol = Symbol('http-problem build flags') as never

/** An `init` as this package's own constructions pass it. */
export type BuildInit = ProblemInit & { readonly [BUILD]?: BuildFlags }

/** The init of a constructor's `(detail?, init?)` or `(init?)` arguments, as this package's constructions pass it. */
export function initOf(first: unknown, second: unknown): BuildInit | undefined {
  return (typeof first === 'object' && first !== null ? first : second) as BuildInit | undefined
}

/**
 * Lowers V8's stack trace limit to 0 when this construction skips its stack (`captureStack: false` on a 4xx, or
 * this package's `noStack`), so that `Error()` captures nothing; returns the limit to restore right after `super()`.
 */
export function lowerStackLimit(status: number, init: BuildInit | undefined): number | undefined {
  if (init?.[BUILD]?.noStack !== true && !(init?.captureStack === false && status < 500)) return undefined
  const limit = V8Error.stackTraceLimit
  if (typeof limit !== 'number') return undefined
  V8Error.stackTraceLimit = 0
  return limit
}

/** The message of an error: its detail, else its own title (a problem type's, say), else the status phrase. */
export function messageOf(first: unknown, init: ProblemInit | undefined, phrase: string): string {
  if (typeof first === 'string') return first
  const title = init?.title
  return typeof title === 'string' && title !== '' ? title : phrase
}

/** The options `Error()` takes: only a cause, and none when there is none. */
export function causeOf(init: ProblemInit | undefined): ErrorOptions | undefined {
  return init?.cause === undefined ? undefined : { cause: init.cause }
}

/** V8 (Node, Deno; Bun's JSC ignores it) reads this limit when an Error captures its stack. */
export const V8Error = Error as unknown as { stackTraceLimit?: number }

/**
 * Sets an error's own members, once `Error()` has made it: the one place that does, for HttpError's constructor
 * and the built-in classes' alike.
 */
export function setMembers(error: HttpError, status: number, first: unknown, init: BuildInit | undefined, cls: { readonly name: string }): void {
  const lenient = init?.[BUILD]?.lenient === true
  const writable = error as unknown as Record<string, unknown>
  writable.status = status
  writable.statusCode = status
  writable.detail = typeof first === 'string' ? first : undefined
  writable.headers = buildHeaders(status, init, cls, lenient)
  if (init !== undefined) {
    for (const key of INIT_MEMBERS) if (init[key] !== undefined) writable[key] = init[key]
    if (init.code !== undefined) setCode(error, init.code, lenient)
  }
}

/** Sets up the prototype of an error class: status, http-errors style `name`, title and `expose` default. */
export function brandClass(cls: { readonly prototype: object }, status: number, className: string): void {
  const phrase = findErrorRow(status)?.phrase ?? fallbackPhrase(status)
  Object.defineProperties(cls.prototype, {
    name: { value: className.endsWith('Error') ? className : `${className}Error`, writable: true, configurable: true },
    title: { value: phrase, writable: true, configurable: true },
    // http-errors: client errors expose their message, server errors do not.
    expose: { value: status < 500, writable: true, configurable: true },
  })
}

// --- internal ---

const PROBLEM_CODE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/

/** The init members an error keeps as given, in the order it sets them. */
const INIT_MEMBERS = ['expose', 'type', 'title', 'instance', 'extensions'] as const

/**
 * Sets an error's own `code`: a TypeError for an invalid one, except on the lenient paths (createError, a parsed
 * response), which drop it instead of throwing.
 */
export function setCode(error: object, code: unknown, lenient = false): void {
  if (isProblemCode(code)) {
    ;(error as { code: string }).code = code
  } else if (!lenient) {
    throw new TypeError(`invalid code ${typeof code === 'string' ? code.slice(0, 80) : typeof code}: use 1-64 of A-Z a-z 0-9 _ . : -`)
  }
}

/** The headers of an error: those its status demands (checked), then free-form ones. Shared with `expected()`. */
export function buildHeaders(status: number, init: ProblemInit | undefined, cls: { readonly name: string }, lenient = false): Record<string, string> {
  const demanded = headersFromInputs(status, init, lenient, cls)
  const extra = init?.headers
  if (extra === undefined) return demanded ?? {}
  const headers: Record<string, string> = {}
  for (const name of Object.keys(extra)) {
    const value = extra[name] as string
    assertHeader(name, value)
    headers[name.toLowerCase()] = value
  }
  // Headers the status demands win over free-form ones of the same name.
  return demanded === undefined ? headers : Object.assign(headers, demanded)
}

function fallbackPhrase(status: number): string {
  return status >= 500 ? 'Internal Server Error' : 'Bad Request'
}
