// How a thrown value becomes an http-problem error: ours pass through; a value with a valid status (http-errors,
// Koa's ctx.throw, @hapi/boom, Hono's HTTPException, h3's HTTPError and anything shaped like them) keeps its status,
// `expose` and valid headers, and its message unless it can quote the request; everything else becomes a 500.
// Framework-specific rules (node-framework-errors.ts), when the options name them, then refine or replace that
// generic reading. Never throws, whatever the value's getters or Proxy traps do.
import { isErrorStatus } from '../status/lookup'
import { markLibraryText, type LibraryTextKey } from '../status/library-texts'
import type { ValidationIssue } from '../validation/validation'
import { read } from '../util/read'
import { constructError } from './construct'
import { describesBody, readHeaderFields } from './foreign-headers'
import { isHttpError, type HttpError } from './http-error'

declare const foreignRules: unique symbol

/**
 * Rules that recognise the errors of a family of frameworks and libraries, for the `foreignErrors` option; this
 * package makes them (`nodeFrameworkErrors`), your own mapping goes in `mapError`.
 *
 * @example
 * withProblems(handler, { foreignErrors: [nodeFrameworkErrors] }) // fetch on Node, throwing Joi errors
 */
export interface ForeignErrorRules {
  readonly [foreignRules]: true
}

/** What was read from a foreign error, before it becomes one of ours. */
export interface Foreign {
  readonly status: number
  readonly message: string | undefined
  readonly expose: boolean | undefined
  readonly headers: Record<string, string> | undefined
  readonly extensions?: Readonly<Record<string, unknown>>
  /** A machine code the foreign error was given on purpose (Nest's `errorCode`), never a system error's `code`. */
  readonly code?: string
  readonly validation?: ValidationIssue[]
  /** A library-written detail (key, English) that replaces the message: the foreign message may quote the request. */
  readonly text?: readonly [key: LibraryTextKey, english: string]
}

/** The inside of {@link ForeignErrorRules}: given the value and what the generic rules read, the reading to use. */
export type AdoptRule = (value: object, generic: Foreign | undefined) => Foreign | undefined

/** Makes the public, opaque rules object of an {@link AdoptRule}. */
export function foreignErrorRules(adopt: AdoptRule): ForeignErrorRules {
  return { adopt } as unknown as ForeignErrorRules
}

/** Tells whether a value is rules this package made. */
export function isForeignErrorRules(value: unknown): value is ForeignErrorRules {
  return typeof read(value, 'adopt') === 'function'
}

/**
 * Turns a thrown value into an error of ours: the first of `rules` that reads it wins, else the generic reading.
 * The original value is kept as `cause`.
 */
export function adoptError(value: unknown, rules: readonly ForeignErrorRules[]): HttpError {
  if (isHttpError(value)) return value
  let foreign: Foreign | undefined
  if (value !== null && typeof value === 'object') {
    foreign = readGeneric(value)
    for (const rule of rules) {
      const reading = (rule as unknown as { readonly adopt: AdoptRule }).adopt(value, foreign)
      if (reading !== undefined) {
        foreign = reading
        break
      }
    }
  }
  const noStack = isError(value)
  if (foreign === undefined) return constructError(500, undefined, { cause: value }, { lenient: true, noStack })
  const { status, message, expose, headers, validation, text } = foreign
  const extensions = { ...foreign.extensions, ...(validation === undefined ? {} : { errors: validation }) }
  const error = constructError(
    status,
    text === undefined ? message : text[1],
    {
      cause: value,
      ...(expose === undefined ? {} : { expose }),
      ...(headers === undefined ? {} : { headers }),
      ...(foreign.code === undefined ? {} : { code: foreign.code }),
      ...(Object.keys(extensions).length === 0 ? {} : { extensions }),
    },
    { lenient: true, noStack },
  )
  // The fixed sentences are the library's: marked by key, they are sent in the response's language (library-texts.ts).
  return text === undefined ? error : markLibraryText(error, ...text)
}

// --- internal ---

/** Tells whether a value is an `Error`, without letting a Proxy's trap throw. */
function isError(value: unknown): boolean {
  try {
    return value instanceof Error
  } catch {
    return false
  }
}

function readGeneric(value: object): Foreign | undefined {
  const boom = read(value, 'isBoom') === true ? read(value, 'output') : undefined
  const source = boom !== null && typeof boom === 'object' ? boom : value
  // finalhandler's order: `status`, then `statusCode` (boom keeps it in output.statusCode).
  const rawStatus = read(source, 'status')
  const status = isErrorStatus(rawStatus) ? rawStatus : read(source, 'statusCode')
  if (!isErrorStatus(status)) return undefined
  const message = read(value, 'message')
  const expose = read(value, 'expose')
  const foreign: Foreign = {
    status,
    message: typeof message === 'string' && !quotesRequest(value) ? message : undefined,
    expose: typeof expose === 'boolean' ? expose : undefined,
    // Hono's HTTPException carries no `headers`, but may carry the Response it prepared (bearerAuth, basicAuth).
    headers: adoptHeaders(read(source, 'headers')) ?? adoptResponseHeaders(read(value, 'res'), status),
  }
  return isH3Error(value) ? fromH3(value, foreign) : foreign
}

/** Keeps the foreign headers that can go on the wire: token names, string/number values without controls. */
function adoptHeaders(raw: unknown): Record<string, string> | undefined {
  return toRecord(readHeaderFields(raw))
}

/**
 * The headers of a Response a foreign error prepared (Hono's `HTTPException` `res`), without those that describe
 * that Response's body or its framing: the body sent is the problem document. `Set-Cookie` is left out too: one
 * string per name cannot hold several cookies, and a cookie set on the context before throwing survives anyway.
 */
function adoptResponseHeaders(res: unknown, status: number): Record<string, string> | undefined {
  if (res === null || typeof res !== 'object') return undefined
  const fields = readHeaderFields(read(res, 'headers'))
  return toRecord(fields.filter(([name, value]) => name !== 'set-cookie' && !describesBody(name, value, status)))
}

function toRecord(fields: readonly (readonly [string, string])[]): Record<string, string> | undefined {
  if (fields.length === 0) return undefined
  const headers: Record<string, string> = {}
  for (const [name, value] of fields) headers[name] = value
  return headers
}

/**
 * h3 (v2) `HTTPError`: message as the detail unless it is the text h3 makes up when given none (`HTTPError 404`);
 * `unhandled` (h3 wrapped something unexpected) hides the message; `data` becomes the `data` extension member, only
 * when the detail is shown. `statusText` never becomes the title: RFC 9457 §3.1.4, the title does not vary.
 */
function fromH3(value: object, foreign: Foreign): Foreign {
  const unhandled = read(value, 'unhandled') === true
  const statusText = read(value, 'statusText')
  const made = ['HTTPError', foreign.status, typeof statusText === 'string' ? statusText : ''].filter(Boolean).join(' ')
  const message = foreign.message === made || foreign.message === `HTTPError ${foreign.status}` ? undefined : foreign.message
  const expose = unhandled ? false : foreign.expose
  const shown = expose ?? foreign.status < 500
  const data = read(value, 'data')
  return {
    ...foreign,
    message,
    expose,
    ...(shown && data !== undefined && !unhandled ? { extensions: { data } } : {}),
  }
}

/**
 * An error whose message can quote the request: a JSON.parse SyntaxError from a body parser (it quotes the body), a
 * router's URIError (the raw path parameter), a body-parser or raw-body error (`type` entity.*, encoding.*,
 * charset.*: the body or a header). Whatever the rules, such a message is never sent; `nodeFrameworkErrors` sends a
 * fixed sentence instead, and also covers Fastify's request errors and co-body's encoding error.
 */
function quotesRequest(value: object): boolean {
  const name = read(value, 'name')
  const type = read(value, 'type')
  return name === 'SyntaxError' || name === 'URIError' || (typeof type === 'string' && /^(?:entity|encoding|charset)\./.test(type))
}

function isH3Error(value: object): boolean {
  return isError(value) && read(value, 'name') === 'HTTPError' && isReadable(value, 'statusText') && isReadable(value, 'unhandled')
}

function isReadable(value: object, key: string): boolean {
  try {
    return key in value
  } catch {
    return false
  }
}
