import { BadRequest, UnprocessableContent } from '../error/classes'
import type { HttpError } from '../error/http-error'
import { markLibraryText } from '../status/library-texts'

/** The library's detail of a validation problem (library text `validation.invalid`). */
export const INVALID = 'The request is not valid.'

/** Where a failing value was: the request body (the default) or a parameter set. */
export type ValidationLocation = 'body' | 'query' | 'path' | 'header' | 'cookie'

/**
 * One failing value, in the shape of RFC 9457's validation example: `pointer` is an RFC 6901 JSON Pointer in URI
 * fragment form (`#/profile/color`) into the request body, or, when `location` says so, into that parameter set.
 */
export interface ValidationIssue {
  readonly detail: string
  readonly pointer: string
  readonly location?: Exclude<ValidationLocation, 'body'>
}

/** Options of {@link validationProblem}. */
export interface ValidationProblemInit {
  /** 422 (the default, RFC 9457's example) or 400. */
  readonly status?: 400 | 422
  readonly type?: string
  readonly title?: string
  readonly detail?: string
  readonly instance?: string
  readonly cause?: unknown
}

/**
 * Builds a validation problem: a 422 (or 400) whose `errors` extension lists each failing value with a JSON Pointer.
 *
 * @example
 * throw validationProblem([{ detail: 'must be a positive integer', pointer: '#/age' }])
 */
export function validationProblem(issues: readonly ValidationIssue[], init: ValidationProblemInit = {}): HttpError<400 | 422> {
  const { status = 422, detail, ...rest } = init
  const Cls = status === 400 ? BadRequest : UnprocessableContent
  const error = new Cls(detail ?? INVALID, { ...rest, extensions: { errors: issues } })
  // The default detail is ours, so it is sent in the response's language; a detail given in init never is.
  if (detail === undefined) markLibraryText(error, 'validation.invalid', INVALID)
  return error as HttpError<400 | 422>
}

/**
 * Writes a path of keys as an RFC 6901 JSON Pointer in URI fragment form, escaping `~` as `~0` and `/` as `~1`
 * (RFC 6901 §3) and percent-encoding what a fragment cannot hold (RFC 6901 §6).
 *
 * @example
 * toJsonPointer(['profile', 'a/b', 0]) // '#/profile/a~1b/0'
 */
export function toJsonPointer(path: readonly (string | number)[]): string {
  let pointer = '#'
  for (const key of path) pointer += `/${encodeFragment(String(key).replace(/~/g, '~0').replace(/\//g, '~1'))}`
  return pointer
}

/** The parts of an ajv error object used here (ajv 8, also what Fastify puts in `error.validation`). */
export interface AjvErrorLike {
  readonly instancePath?: string
  readonly keyword?: string
  readonly message?: string
  readonly params?: Readonly<Record<string, unknown>>
}

/**
 * Converts ajv errors into validation issues: `instancePath` (already an RFC 6901 pointer) becomes the fragment
 * form, and a `required` (or `dependentRequired`) error points at the missing property.
 *
 * @example
 * fromAjvErrors(validate.errors ?? []) // [{ detail: 'must be >= 0', pointer: '#/age' }]
 */
export function fromAjvErrors(errors: readonly AjvErrorLike[], location: ValidationLocation = 'body'): ValidationIssue[] {
  return errors.map((error) => {
    const base = typeof error.instancePath === 'string' ? error.instancePath : ''
    const tokens = base === '' ? [] : base.slice(1).split('/').map(unescapeToken)
    // ajv 8 gives the missing property's name as it is (`.env` is a name, not a path), with the parent's path.
    const missing = MISSING_PROPERTY_KEYWORDS.has(error.keyword ?? '') ? error.params?.missingProperty : undefined
    if (typeof missing === 'string') tokens.push(missing)
    return issue(typeof error.message === 'string' ? error.message : 'is not valid', toJsonPointer(tokens), location)
  })
}

/** A Standard Schema issue (the interface zod, valibot and ArkType implement). */
export interface StandardIssueLike {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

/**
 * Converts Standard Schema issues (zod, valibot, ArkType, …) into validation issues.
 *
 * @example
 * const result = await schema['~standard'].validate(body)
 * if (result.issues) throw validationProblem(fromStandardSchemaIssues(result.issues))
 */
export function fromStandardSchemaIssues(issues: readonly StandardIssueLike[], location: ValidationLocation = 'body'): ValidationIssue[] {
  return issues.map((item) => {
    const path = (item.path ?? []).map((segment) => {
      const key = typeof segment === 'object' && segment !== null ? segment.key : segment
      return typeof key === 'symbol' ? (key.description ?? '') : key
    })
    return issue(item.message, toJsonPointer(path), location)
  })
}

// --- internal ---

/** ajv keywords whose error is about a property that is not there: the pointer names that property. */
const MISSING_PROPERTY_KEYWORDS = new Set(['required', 'dependentRequired', 'dependencies'])

function issue(detail: string, pointer: string, location: ValidationLocation): ValidationIssue {
  return location === 'body' ? { detail, pointer } : { detail, pointer, location }
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~')
}

// RFC 3986 fragment characters: pchar / "/" / "?"; everything else is percent-encoded.
function encodeFragment(token: string): string {
  return token.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/gu, (ch) => {
    try {
      return encodeURIComponent(ch)
    } catch {
      return '%EF%BF%BD' // a lone surrogate has no UTF-8 form: U+FFFD
    }
  })
}
