// The error shapes of Node frameworks and their middleware, beyond the generic status rules of adopt.ts: NestJS's
// HttpException, Joi and celebrate, Fastify's schema validation and request errors, and the body parsers (body-parser,
// raw-body, co-body) whose messages can quote the request. The Node adapters use them by default; the fetch adapter
// leaves them out of edge bundles unless given them (docs/foreign-errors.md).
import { isErrorStatus } from '../status/lookup'
import type { LibraryTextKey } from '../status/library-texts'
import { findErrorRow } from '../status/table'
import { fromCelebrateError, fromJoiError, isCelebrateErrorLike, isJoiError } from '../validation/foreign'
import { fromAjvErrors, INVALID, type AjvErrorLike, type ValidationIssue, type ValidationLocation } from '../validation/validation'
import { lookup, read } from '../util/read'
import { foreignErrorRules, type Foreign, type ForeignErrorRules } from './adopt'
import { isProblemCode } from './http-error'

/**
 * Recognises the errors of Node frameworks and their middleware: NestJS's `HttpException` (a ValidationPipe message
 * list becomes `errors[]`), Joi and celebrate validation errors (a 400 with JSON Pointers), Fastify's schema
 * validation and request errors, and body-parser, raw-body and co-body failures, whose messages can quote the request
 * body and are replaced by fixed sentences. Part of `nodeDefaults`; pass it in `foreignErrors` to the fetch adapter
 * when those errors can reach it.
 *
 * @example
 * withProblems(handler, { foreignErrors: [nodeFrameworkErrors] })
 */
export const nodeFrameworkErrors: ForeignErrorRules = /* @__PURE__ */ foreignErrorRules((value, generic) => {
  const base = readNest(value) ?? readJoi(value) ?? generic
  if (base === undefined || base.validation !== undefined) return base
  // A framework's request error: its validation issues, or a fixed sentence for a message that can quote the request.
  const validation = validationOf(value)
  if (validation !== undefined) return { ...base, validation, text: textOf('validation.schema') }
  const key = bodyKind(read(value, 'type')) ?? untypedBodyError(value, base.status)
  if (key !== undefined) return { ...base, text: textOf(key) }
  // Nothing to add to the generic reading: let a later rule try.
  return base === generic ? undefined : base
})

/**
 * The English sentences these rules send in place of a framework's message, by library text key (library-texts.ts).
 * The body keys are body-parser's `type` codes.
 */
export const nodeFrameworkTexts = {
  // a framework's schema validation failure (Fastify's `error.validation`)
  'validation.schema': 'The request did not match the schema.',
  // body-parser, raw-body, co-body and Fastify's request errors
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
} as const satisfies Readonly<Record<Exclude<LibraryTextKey, 'validation.invalid'>, string>>

// --- internal ---

/** A validation problem's library detail (validationProblem()'s own), for Nest's and Joi's validation errors. */
const INVALID_TEXT = ['validation.invalid', INVALID] as const

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
    ...(code === undefined ? {} : { code }),
    ...(messages === undefined
      ? {}
      : { validation: messages.map((detail) => ({ detail, pointer: '#' })), text: INVALID_TEXT }),
  }
}

/**
 * Joi's `ValidationError` (isJoi) and celebrate's `CelebrateError` (segment → Joi error): a 400 validation problem.
 */
function readJoi(value: object): Foreign | undefined {
  // Our own status rule first: an error that names a status of its own is read by it, not as a Joi error.
  if (isErrorStatus(read(value, 'status')) || isErrorStatus(read(value, 'statusCode'))) return undefined
  const validation = isJoiError(value) ? fromJoiError(value) : isCelebrateErrorLike(value) ? fromCelebrateError(value) : undefined
  if (validation === undefined || validation.length === 0) return undefined
  return { status: 400, message: undefined, expose: undefined, headers: undefined, validation, text: INVALID_TEXT }
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

/** Where Fastify's validation contexts point (its `validationContext`), in RFC 9457 validation-issue terms. */
const VALIDATION_CONTEXTS: Readonly<Record<string, ValidationLocation>> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
}

/** Fastify (and other ajv users) attach the ajv errors as `validation`, with `validationContext`. */
function validationOf(value: object): ValidationIssue[] | undefined {
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
const FASTIFY_BODY_ERRORS: Readonly<Record<string, BodyKey>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'entity.parse.failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'entity.parse.failed',
  FST_ERR_CTP_BODY_TOO_LARGE: 'entity.too.large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.size.invalid',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'media.unsupported',
  FST_ERR_BAD_URL: 'url.invalid',
  FST_ERR_MAX_PARAM_LENGTH: 'parameter.too.long',
}

/**
 * A body-parser / raw-body `type` code (also co-body's, under Koa): the body texts of library-texts.ts are keyed by
 * them, so the code is the key.
 */
function bodyKind(kind: unknown): BodyKey | undefined {
  if (typeof kind !== 'string' || kind.startsWith('validation.')) return undefined
  return lookup<string>(nodeFrameworkTexts, kind) === undefined ? undefined : (kind as BodyKey)
}

type BodyKey = Exclude<keyof typeof nodeFrameworkTexts, 'validation.schema'>

function textOf(key: keyof typeof nodeFrameworkTexts): readonly [LibraryTextKey, string] {
  return [key, nodeFrameworkTexts[key]]
}

function untypedBodyError(value: object, status: number): BodyKey | undefined {
  const message = read(value, 'message')
  const code = read(value, 'code')
  const fastify = typeof code === 'string' ? lookup(FASTIFY_BODY_ERRORS, code) : undefined
  if (fastify !== undefined) return fastify
  if (isNamed(value, SyntaxError, 'SyntaxError')) return 'entity.parse.failed'
  // Express 4's router and router 2 (Express 5) rethrow decodeURIComponent's URIError for a path parameter with a
  // 400 and the raw parameter in the message ("Failed to decode param '…'"): request data, so a fixed sentence.
  if (status === 400 && isNamed(value, URIError, 'URIError')) return 'url.invalid'
  if (status === 415 && typeof message === 'string' && message.startsWith('Unsupported Content-Encoding')) {
    return 'encoding.unsupported'
  }
  return undefined
}

/** Tells whether a value is an instance of `kind` or carries its name, without letting a Proxy's trap throw. */
function isNamed(value: object, kind: new () => Error, name: string): boolean {
  try {
    return value instanceof kind || read(value, 'name') === name
  } catch {
    return false
  }
}
