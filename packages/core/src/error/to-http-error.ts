import { isErrorStatus } from '../status/lookup'
import { findErrorRow } from '../status/table'
import { fromCelebrateError, fromJoiError, isCelebrateErrorLike, isJoiError } from '../validation/foreign'
import { fromAjvErrors, type AjvErrorLike, type ValidationIssue, type ValidationLocation } from '../validation/validation'
import { constructError } from './construct'
import { describesBody, readHeaderFields } from './foreign-headers'
import { isHttpError, isProblemCode, type HttpError } from './http-error'
import { markLibraryText } from '../status/library-texts'
import { lookup, read } from '../util/read'

/**
 * Turns anything thrown into an http-problem error. Ours pass through unchanged. Errors from http-errors, Koa's
 * `ctx.throw`, body-parser, Fastify, `@hapi/boom`, Hono's `HTTPException` (with the headers of its prepared `res`),
 * h3's `HTTPError` and NestJS's `HttpException` keep their status, `expose` and valid headers; a Joi or celebrate
 * validation error becomes a 400 validation problem (docs/foreign-errors.md). Everything else (strings, `null`,
 * plain objects, errors without a valid 400-599 status) becomes a 500. The original value is kept as `cause`.
 * Never throws, whatever the value's getters or Proxy traps do.
 *
 * @example
 * toHttpError(createHttpErrors(404)).status // 404
 * toHttpError('boom').status                 // 500, with cause 'boom'
 */
export function toHttpError(value: unknown): HttpError {
  if (isHttpError(value)) return value
  const foreign = readForeign(value)
  const hasOwnStack = isError(value)
  if (foreign === undefined) {
    return constructError(500, undefined, { cause: value }, { lenient: true, noStack: hasOwnStack })
  }
  const { status, message, expose, headers, kind } = foreign
  // Body parsers' messages can quote the request body (JSON.parse errors do): send a fixed sentence instead.
  // body-parser and raw-body name the failure in `type`; co-body (Koa) throws JSON.parse's SyntaxError as is, and
  // its inflation step a 415 that quotes the request's Content-Encoding.
  const detail = (kind !== undefined ? lookup(bodyParserDetails, kind) : undefined) ?? untypedBodyError(value, status, message) ?? message
  const validation = foreign.validation ?? validationOf(value)
  const extensions = { ...foreign.extensions, ...(validation === undefined ? {} : { errors: validation }) }
  const error = constructError(
    status,
    validation === undefined ? detail : (foreign.validationDetail ?? 'The request did not match the schema.'),
    {
      cause: value,
      ...(expose === undefined ? {} : { expose }),
      ...(headers === undefined ? {} : { headers }),
      ...(foreign.code === undefined ? {} : { code: foreign.code }),
      ...(Object.keys(extensions).length === 0 ? {} : { extensions }),
    },
    { lenient: true, noStack: hasOwnStack },
  )
  // The fixed sentences are the library's: marked by key, they are sent in the response's language (library-texts.ts).
  return markLibraryText(error, validation === undefined ? (detail === message ? undefined : detail) : error.detail)
}

// --- internal ---

interface Foreign {
  readonly status: number
  readonly message: string | undefined
  readonly expose: boolean | undefined
  readonly headers: Record<string, string> | undefined
  readonly kind: string | undefined
  readonly extensions?: Readonly<Record<string, unknown>>
  /** A machine code the foreign error was given on purpose (Nest's `errorCode`), never a system error's `code`. */
  readonly code?: string
  readonly validation?: ValidationIssue[]
  readonly validationDetail?: string
}

/** Fixed details for the `type` codes of body-parser / raw-body errors (also used by co-body under Koa). */
export const bodyParserDetails: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'The request body could not be parsed.',
  'entity.verify.failed': 'The request body failed verification.',
  'entity.too.large': 'The request body is larger than this server accepts.',
  'encoding.unsupported': 'The content encoding of the request body is not supported.',
  'charset.unsupported': 'The charset of the request body is not supported.',
  'request.aborted': 'The request was aborted before its body was received.',
  'request.size.invalid': 'The request body did not match its declared length.',
  'parameters.too.many': 'The request body has too many parameters.',
  'media.unsupported': 'The media type of the request body is not supported.',
  'url.invalid': 'The request URL could not be decoded.',
  'parameter.too.long': 'A path parameter of the request is too long.',
}

function readForeign(value: unknown): Foreign | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const nest = readNest(value)
  if (nest !== undefined) return nest
  const joi = readJoi(value)
  if (joi !== undefined) return joi
  const boom = read(value, 'isBoom') === true ? read(value, 'output') : undefined
  const source = boom !== null && typeof boom === 'object' ? boom : value
  // finalhandler's order: `status`, then `statusCode` (boom keeps it in output.statusCode).
  const rawStatus = read(source, 'status')
  const status = isErrorStatus(rawStatus) ? rawStatus : read(source, 'statusCode')
  if (!isErrorStatus(status)) return undefined
  const message = read(value, 'message')
  const expose = read(value, 'expose')
  const kind = read(value, 'type')
  const foreign: Foreign = {
    status,
    message: typeof message === 'string' ? message : undefined,
    expose: typeof expose === 'boolean' ? expose : undefined,
    // Hono's HTTPException carries no `headers`, but may carry the Response it prepared (bearerAuth, basicAuth).
    headers: adoptHeaders(read(source, 'headers')) ?? adoptResponseHeaders(read(value, 'res'), status),
    kind: typeof kind === 'string' ? kind : undefined,
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

function isH3Error(value: object): boolean {
  return isError(value) && read(value, 'name') === 'HTTPError' && isReadable(value, 'statusText') && isReadable(value, 'unhandled')
}

/**
 * NestJS `HttpException` (and every subclass): status from `getStatus()`, the detail from `getResponse()` (a string,
 * or its `message` member), never Nest's class-derived `message`. A `message` array on a 400 or 422 (ValidationPipe)
 * becomes a validation problem, one issue per message at the root pointer `#`: a message names no location that can
 * be known. A string `errorCode` (or `code` in the response) that is a valid problem code becomes the error's `code`.
 */
function readNest(value: object): Foreign | undefined {
  const getStatusFn = read(value, 'getStatus')
  const getResponse = read(value, 'getResponse')
  if (typeof getStatusFn !== 'function' || typeof getResponse !== 'function') return undefined
  const status = call(getStatusFn, value)
  if (!isErrorStatus(status)) return undefined
  const response = call(getResponse, value)
  const raw = typeof response === 'string' ? response : read(response, 'message')
  const phrase = findErrorRow(status)?.phrase
  const message = typeof raw === 'string' && raw !== '' && raw !== phrase ? raw : undefined
  const code = [read(value, 'errorCode'), read(response, 'errorCode'), read(response, 'code')].find(
    (candidate) => isProblemCode(candidate),
  )
  const messages = (status === 400 || status === 422) && typeof raw === 'object' ? stringsOf(raw) : undefined
  const expose = read(value, 'expose')
  return {
    status,
    message,
    expose: typeof expose === 'boolean' ? expose : undefined,
    headers: undefined,
    kind: undefined,
    ...(code === undefined ? {} : { code }),
    ...(messages === undefined ? {} : {
      validation: messages.map((detail) => ({ detail, pointer: '#' })),
      validationDetail: 'The request is not valid.',
    }),
  }
}

/** Joi's `ValidationError` (isJoi) and celebrate's `CelebrateError` (segment → Joi error): a 400 validation problem. */
function readJoi(value: object): Foreign | undefined {
  // Our own status rule first: an error that names a status of its own is adopted by it, not as a Joi error.
  if (isErrorStatus(read(value, 'status')) || isErrorStatus(read(value, 'statusCode'))) return undefined
  const validation = isJoiError(value) ? fromJoiError(value) : isCelebrateErrorLike(value) ? fromCelebrateError(value) : undefined
  if (validation === undefined || validation.length === 0) return undefined
  return {
    status: 400,
    message: undefined,
    expose: undefined,
    headers: undefined,
    kind: undefined,
    validation,
    validationDetail: 'The request is not valid.',
  }
}

function stringsOf(value: unknown): string[] | undefined {
  try {
    if (!Array.isArray(value) || value.length === 0) return undefined
    const list: string[] = []
    for (let i = 0; i < Math.min(value.length, 100); i++) {
      const item: unknown = value[i]
      if (typeof item !== 'string') return undefined
      list.push(item)
    }
    return list
  } catch {
    return undefined
  }
}

function call(fn: Function, self: object): unknown {
  try {
    return fn.call(self)
  } catch {
    return undefined
  }
}

function isReadable(value: object, key: string): boolean {
  try {
    return key in value
  } catch {
    return false
  }
}

/** Where Fastify's validation contexts point (its `validationContext`), in RFC 9457 validation-issue terms. */
const VALIDATION_CONTEXTS: Readonly<Record<string, ValidationLocation>> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
}

/** Fastify (and other ajv users) attach the ajv errors as `validation`, with `validationContext`. */
function validationOf(value: unknown): ValidationIssue[] | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const errors = read(value, 'validation')
  const context = read(value, 'validationContext')
  const location = typeof context === 'string' ? (lookup(VALIDATION_CONTEXTS, context) ?? 'body') : 'body'
  // All of it guarded: Array.isArray throws for a revoked Proxy, and each ajv error is read through its getters.
  try {
    if (!Array.isArray(errors)) return undefined
    return fromAjvErrors(errors.slice(0, 100).filter((e): e is AjvErrorLike => e !== null && typeof e === 'object'), location)
  } catch {
    return undefined
  }
}

/** Fastify's request errors, by `code`, mapped to the same sentences as body-parser's (their messages quote the URL). */
const FASTIFY_BODY_ERRORS: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'entity.parse.failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'entity.parse.failed',
  FST_ERR_CTP_BODY_TOO_LARGE: 'entity.too.large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.size.invalid',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'media.unsupported',
  FST_ERR_BAD_URL: 'url.invalid',
  FST_ERR_MAX_PARAM_LENGTH: 'parameter.too.long',
}

function untypedBodyError(value: unknown, status: number, message: string | undefined): string | undefined {
  const code = read(value as object, 'code')
  const fastify = typeof code === 'string' ? lookup(FASTIFY_BODY_ERRORS, code) : undefined
  if (fastify !== undefined) return lookup(bodyParserDetails, fastify)
  if (isSyntaxError(value)) return bodyParserDetails['entity.parse.failed']
  // Express 4's router and router 2 (Express 5) rethrow decodeURIComponent's URIError for a path parameter with a
  // 400 and the raw parameter in the message ("Failed to decode param '…'"): request data, so a fixed sentence.
  if (status === 400 && isNamed(value, URIError, 'URIError')) return bodyParserDetails['url.invalid']
  if (status === 415 && message?.startsWith('Unsupported Content-Encoding') === true) {
    return bodyParserDetails['encoding.unsupported']
  }
  return undefined
}

function isSyntaxError(value: unknown): boolean {
  return isNamed(value, SyntaxError, 'SyntaxError')
}

function isNamed(value: unknown, kind: new () => Error, name: string): boolean {
  try {
    return value instanceof kind || read(value as object, 'name') === name
  } catch {
    return false
  }
}

function isError(value: unknown): boolean {
  try {
    return value instanceof Error
  } catch {
    return false
  }
}

