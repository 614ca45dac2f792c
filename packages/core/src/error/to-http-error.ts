import { isErrorStatus } from '../status/lookup'
import { fromAjvErrors, type AjvErrorLike, type ValidationIssue, type ValidationLocation } from '../validation/validation'
import { constructError } from './construct'
import { fieldValueProblem, isToken } from './header-values'
import { isHttpError, type HttpError } from './http-error'
import { markLibraryText } from '../status/library-texts'
import { lookup, read } from '../util/read'

/**
 * Turns anything thrown into an http-problem error. Ours pass through unchanged. Errors from http-errors, Koa's
 * `ctx.throw`, body-parser, Fastify and `@hapi/boom` keep their status, `expose` and valid headers. Everything
 * else (strings, `null`, plain objects, errors without a valid 400-599 status) becomes a 500. The original value
 * is kept as `cause`. Never throws, whatever the value's getters or Proxy traps do.
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
  const validation = validationOf(value)
  const error = constructError(
    status,
    validation === undefined ? detail : 'The request did not match the schema.',
    {
      cause: value,
      ...(expose === undefined ? {} : { expose }),
      ...(headers === undefined ? {} : { headers }),
      ...(validation === undefined ? {} : { extensions: { errors: validation } }),
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
  const boom = read(value, 'isBoom') === true ? read(value, 'output') : undefined
  const source = boom !== null && typeof boom === 'object' ? boom : value
  // finalhandler's order: `status`, then `statusCode` (boom keeps it in output.statusCode).
  const rawStatus = read(source, 'status')
  const status = isErrorStatus(rawStatus) ? rawStatus : read(source, 'statusCode')
  if (!isErrorStatus(status)) return undefined
  const message = read(value, 'message')
  const expose = read(value, 'expose')
  const kind = read(value, 'type')
  return {
    status,
    message: typeof message === 'string' ? message : undefined,
    expose: typeof expose === 'boolean' ? expose : undefined,
    headers: adoptHeaders(read(source, 'headers')),
    kind: typeof kind === 'string' ? kind : undefined,
  }
}

/** Keeps the foreign headers that can go on the wire: token names, string/number values without controls. */
function adoptHeaders(raw: unknown): Record<string, string> | undefined {
  if (raw === null || typeof raw !== 'object') return undefined
  let names: string[]
  try {
    names = Object.keys(raw)
  } catch {
    return undefined
  }
  let headers: Record<string, string> | undefined
  for (const name of names.slice(0, 64)) {
    // `__proto__` is a token, but assigning it would reach Object.prototype's setter: no header is called that.
    if (!isToken(name) || name.toLowerCase() === '__proto__') continue
    const rawValue = read(raw, name)
    const value = typeof rawValue === 'number' && Number.isFinite(rawValue) ? String(rawValue) : rawValue
    if (typeof value === 'string' && fieldValueProblem(value) === undefined) {
      headers ??= {}
      headers[name.toLowerCase()] = value
    }
  }
  return headers
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

