import type { ParsedProblem } from '../client/parse-problem'
import { classesByStatus } from '../error/construct'
import { BUILD, isProblemCode, type BuildInit, type HttpError, type ProblemInit } from '../error/http-error'
import { receivedCode } from '../client/received-code'
import type { StatusInputsOf } from '../error/status-inputs'
import type { ErrorStatus } from '../status/registry'
import { isLanguageTag } from '../negotiate/language-tag'

/** What a problem type is (RFC 9457 §4): its type URI, a short title, and the status to use with it. */
export interface ProblemTypeDefinition<S extends ErrorStatus> {
  /** An absolute URI, or a path relative to the handler's `typeBase` (resolved when rendered). */
  readonly type: string
  /** The English title (RFC 9457 §3.1.3: it should not change from occurrence to occurrence). */
  readonly title: string
  readonly status: S
  /** The title in other languages, by tag (`{ 'zh-CN': '余额不足' }`); titles localise like the built-in ones. */
  readonly titles?: Readonly<Record<string, string>>
  /** A JSON Schema (2020-12) of the extension members, used for the OpenAPI output. */
  readonly extensionSchema?: Readonly<Record<string, unknown>>
  /** Whether `detail` and extensions are sent; defaults to true for 4xx and false for 5xx. */
  readonly expose?: boolean
  /**
   * The class name, also the OpenAPI component name; defaults to the type's last segment in PascalCase
   * (`…/out-of-credit` → `OutOfCredit`).
   */
  readonly name?: string
  /** The machine-readable code of this type's errors (`'E_CREDIT'`), sent as `code`; an occurrence can give its own. */
  readonly code?: string
}

/** What an occurrence adds to its type: its `detail`, and everything else but the type's own members. */
export type OccurrenceInit<S extends number> = Omit<ProblemInit, 'type' | 'title' | 'extensions' | 'captureStack'> &
  StatusInputsOf<S> & {
    /** RFC 9457 `detail`: what happened this time, for people (the built-in classes take it as first argument). */
    readonly detail?: string
  }

/**
 * The constructor arguments of a problem type: its extension members (typed), then the occurrence's members. A type
 * without extension members takes `undefined` or `{}` first, so that an init passed first fails to compile.
 */
export type ProblemTypeArgs<S extends number, X extends object> = {} extends X
  ? {} extends StatusInputsOf<S>
    ? [extensions?: ExtensionsArg<X>, init?: OccurrenceInit<S>]
    : [extensions: ExtensionsArg<X> | undefined, init: OccurrenceInit<S>]
  : {} extends StatusInputsOf<S>
    ? [extensions: X, init?: OccurrenceInit<S>]
    : [extensions: X, init: OccurrenceInit<S>]

/** `X`, or for a type with no extension members an object that has none (a bare `{}` would accept any object). */
export type ExtensionsArg<X extends object> = [keyof X] extends [never]
  ? string extends X // `{}` (no members) but not `object` (any problem type, as in `OperationError`)
    ? Readonly<Record<string, never>>
    : X
  : X

/** An error of a defined problem type: an HttpError of its status whose extensions have their declared types. */
export interface ProblemTypeError<S extends number, X extends object> extends HttpError<S> {
  readonly extensions: Readonly<X>
}

/** The class {@link defineProblemType} returns. */
export interface ProblemType<S extends ErrorStatus, X extends object> {
  new (...args: ProblemTypeArgs<S, X>): ProblemTypeError<S, X>
  readonly prototype: ProblemTypeError<S, X>
  readonly type: string
  readonly title: string
  readonly status: S
  readonly titles: Readonly<Record<string, string>>
  readonly extensionSchema: Readonly<Record<string, unknown>> | undefined
  /** The code its errors carry unless an occurrence gives its own. */
  readonly code: string | undefined
  /** Rebuilds an occurrence from a parsed response, for `parseProblem(res, { types: [ThisType] })`. */
  fromProblem(problem: ParsedProblem): HttpError
}

/**
 * Defines a problem type (RFC 9457 §4) as an error class whose extension members are typed: give the extension
 * type first, then the definition (two calls, so that the status stays a literal type).
 *
 * @example
 * const OutOfCredit = defineProblemType<{ balance: number; accounts: string[] }>()({
 *   type: 'https://example.com/probs/out-of-credit',
 *   title: 'You do not have enough credit.',
 *   status: 403,
 *   titles: { 'zh-CN': '您的余额不足。' },
 * })
 * throw new OutOfCredit({ balance: 30, accounts: ['/account/12345'] }, { detail: 'Your balance is 30, but that costs 50.' })
 */
export function defineProblemType<X extends object = {}>(): <S extends ErrorStatus>(
  definition: ProblemTypeDefinition<S>,
) => ProblemType<S, X> {
  return (definition) => build(definition)
}

/** The key under which a problem type keeps its localised titles on its prototype, for the renderer. */
export const PROBLEM_TYPE_TEXT: unique symbol = Symbol.for('@http-problem/core.problemTypeText') as never

// --- internal ---

function build<S extends ErrorStatus, X extends object>(definition: ProblemTypeDefinition<S>): ProblemType<S, X> {
  const { type, title, status, titles = {}, extensionSchema, expose, code, name = classNameOf(type) } = definition
  if (typeof type !== 'string' || type === '' || type === 'about:blank') {
    throw new TypeError('A problem type needs its own type URI (RFC 9457 §4: about:blank is the status code alone)')
  }
  if (typeof title !== 'string' || title === '') throw new TypeError(`Problem type ${type} needs a title`)
  for (const [tag, text] of Object.entries(titles ?? {})) {
    // The tag can become Content-Language, and the text the title: refuse them here rather than on the wire.
    if (!isLanguageTag(tag) || typeof text !== 'string') {
      throw new TypeError(`Problem type ${type}: titles must map language tags such as "zh-CN" to strings, got ${JSON.stringify(tag)}`)
    }
  }
  if (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    throw new TypeError(`Problem type ${type}: name must be an identifier, got ${String(name)}`)
  }
  if (code !== undefined && !isProblemCode(code)) {
    throw new TypeError(`Problem type ${type}: code must be 1-64 letters, digits or _ . : - (starting with a letter or digit)`)
  }
  const Base = classesByStatus.get(status) as unknown as new (detail: string | undefined, init: ProblemInit) => HttpError
  if (Base === undefined) throw new TypeError(`Status ${String(status)} has no error class`)
  const cls = class extends Base {
    static readonly type = type
    static readonly title = title
    static readonly status = status
    static readonly titles = titles
    static readonly extensionSchema = extensionSchema
    static readonly code = code

    constructor(extensions?: X, init?: OccurrenceInit<S>) {
      const { detail, ...rest } = (init ?? {}) as OccurrenceInit<S>
      const members = extensions as Readonly<Record<string, unknown>> | undefined
      super(detail, { ...rest, type, title, ...(members === undefined ? {} : { extensions: members }) })
    }

    static fromProblem(problem: ParsedProblem): HttpError {
      // The response had whatever headers it had: build leniently, and without a stack that would only point here.
      const received = receivedCode(problem.extensions)
      const init: BuildInit = {
        ...(received === undefined ? {} : { code: received }),
        ...(problem.detail === undefined ? {} : { detail: problem.detail }),
        ...(problem.instance === undefined ? {} : { instance: problem.instance }),
        headers: problem.headers,
        [BUILD]: { lenient: true, noStack: true },
      }
      return new cls(problem.extensions as unknown as X, init as OccurrenceInit<S>)
    }
  }
  Object.defineProperty(cls, 'name', { value: name })
  Object.defineProperties(cls.prototype, {
    name: { value: `${name}Error`, writable: true, configurable: true },
    // `title` is the English one: listed under `en`, so an English request gets it whatever the default language.
    [PROBLEM_TYPE_TEXT]: { value: { title: { en: title, ...titles } } },
    ...(expose === undefined ? {} : { expose: { value: expose, writable: true, configurable: true } }),
    ...(code === undefined ? {} : { code: { value: code, writable: true, configurable: true } }),
  })
  return cls as unknown as ProblemType<S, X>
}

/** `https://example.com/probs/out-of-credit` → `OutOfCredit`, for readable stacks and logs. */
function classNameOf(type: string): string {
  const last = type.split(/[/#:]/).filter(Boolean).pop() ?? 'Problem'
  const words = last.split(/[^A-Za-z0-9]+/).filter(Boolean)
  const name = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('')
  return /^[A-Za-z]/.test(name) ? name : `Problem${name}`
}

