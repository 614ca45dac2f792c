import { read } from '../util/read'
import { toJsonPointer, type ValidationIssue, type ValidationLocation } from './validation'

/** One entry of a Joi `ValidationError.details` (Joi 17 and 18). */
export interface JoiErrorItemLike {
  readonly message?: unknown
  readonly path?: readonly unknown[]
}

/** A Joi `ValidationError`: what `schema.validate()` returns as `error`, or `schema.validateAsync()` rejects with. */
export interface JoiErrorLike {
  readonly details?: readonly JoiErrorItemLike[]
}

/** celebrate's `CelebrateError`: a Joi error per request segment (`body`, `query`, `params`, …) in a Map. */
export interface CelebrateErrorLike {
  readonly details?: ReadonlyMap<string, JoiErrorLike> | Iterable<readonly [string, JoiErrorLike]>
}

/** One entry of express-validator's `validationResult(req).array()` (express-validator 7). */
export interface ExpressValidatorErrorLike {
  readonly type?: unknown
  readonly msg?: unknown
  readonly path?: unknown
  readonly location?: unknown
  readonly nestedErrors?: readonly unknown[]
  readonly fields?: readonly unknown[]
}

/** A class-validator `ValidationError`: a property, its failed constraints and the errors of its children. */
export interface ClassValidatorErrorLike {
  readonly property?: unknown
  readonly constraints?: Readonly<Record<string, unknown>>
  readonly children?: readonly ClassValidatorErrorLike[]
}

/**
 * Converts a Joi `ValidationError` into validation issues: each entry of `details` points at its `path`.
 *
 * @example
 * const { error } = schema.validate(body, { abortEarly: false })
 * if (error) throw validationProblem(fromJoiError(error))
 */
export function fromJoiError(error: JoiErrorLike, location: ValidationLocation = 'body'): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  addJoi(issues, error, location)
  return issues
}

/**
 * Converts a celebrate `CelebrateError` into validation issues, each in the request part its segment names
 * (`params` → `path`, `headers` → `header`, `cookies` and `signedCookies` → `cookie`).
 *
 * @example
 * app.use((err, req, res, next) => next(isCelebrateError(err) ? validationProblem(fromCelebrateError(err), { status: 400 }) : err))
 */
export function fromCelebrateError(error: CelebrateErrorLike): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  for (const entry of listOf(read(error, 'details'), MAX_ISSUES)) {
    if (!Array.isArray(entry)) continue
    const segment = entry[0]
    const location = typeof segment === 'string' ? (SEGMENTS.get(segment) ?? 'body') : 'body'
    addJoi(issues, entry[1], location)
  }
  return issues
}

/**
 * Converts express-validator errors into validation issues: `path` (`items[0].name`) becomes a JSON Pointer
 * (`#/items/0/name`) in the request part `location` names; an alternative's nested errors each become an issue,
 * and unknown fields one issue each.
 *
 * @example
 * const result = validationResult(req)
 * if (!result.isEmpty()) throw validationProblem(fromExpressValidatorErrors(result.array()))
 */
export function fromExpressValidatorErrors(errors: readonly ExpressValidatorErrorLike[]): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  // Alternatives nest one or two levels (`alternative`, `alternative_grouped`): a work list, not recursion.
  const work: unknown[] = listOf(errors, MAX_VISITS).reverse()
  let visits = 0
  while (work.length > 0 && issues.length < MAX_ISSUES && visits++ < MAX_VISITS) {
    const item = work.pop()
    if (isArray(item)) {
      work.push(...listOf(item, MAX_VISITS).reverse())
      continue
    }
    if (item === null || typeof item !== 'object') continue
    const type = read(item, 'type')
    const msg = messageOf(read(item, 'msg'))
    if (type === 'alternative' || type === 'alternative_grouped') {
      const nested = listOf(read(item, 'nestedErrors'), MAX_VISITS)
      if (nested.length === 0) issues.push(toIssue(msg, '#', 'body'))
      else work.push(...nested.reverse())
      continue
    }
    if (type === 'unknown_fields') {
      for (const field of listOf(read(item, 'fields'), MAX_ISSUES)) addField(issues, msg, field)
      continue
    }
    addField(issues, msg, item)
  }
  return issues.slice(0, MAX_ISSUES)
}

/**
 * Converts class-validator `ValidationError`s (from `validate()`) into validation issues: one per failed
 * constraint, pointing at the property through its parents (array elements by index).
 *
 * @example
 * const errors = await validate(plainToInstance(CreateUser, body))
 * if (errors.length > 0) throw validationProblem(fromClassValidatorErrors(errors))
 */
export function fromClassValidatorErrors(errors: readonly ClassValidatorErrorLike[], location: ValidationLocation = 'body'): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const seen = new Set<unknown>()
  // Depth-first, in input order, without recursion: a deep or cyclic `children` chain cannot overflow the stack.
  const work: { node: unknown; path: (string | number)[] }[] = listOf(errors, MAX_VISITS)
    .map((node) => ({ node, path: [] as (string | number)[] }))
    .reverse()
  let visits = 0
  while (work.length > 0 && issues.length < MAX_ISSUES && visits++ < MAX_VISITS) {
    const { node, path } = work.pop() as { node: unknown; path: (string | number)[] }
    if (node === null || typeof node !== 'object' || seen.has(node)) continue
    seen.add(node)
    const property = read(node, 'property')
    const here = typeof property === 'string' || (typeof property === 'number' && Number.isFinite(property)) ? [...path, property] : path
    const constraints = read(node, 'constraints')
    if (constraints !== null && typeof constraints === 'object') {
      for (const name of keysOf(constraints)) {
        const message = read(constraints, name)
        issues.push(toIssue(typeof message === 'string' ? message : `failed ${name}`, toJsonPointer(here), location))
        if (issues.length >= MAX_ISSUES) break
      }
    }
    const children = listOf(read(node, 'children'), MAX_VISITS)
    for (let i = children.length - 1; i >= 0; i--) work.push({ node: children[i], path: here })
  }
  return issues
}

/**
 * Tells whether a value looks like a Joi `ValidationError` (`isJoi` and a `details` array).
 *
 * @example
 * if (isJoiError(err)) throw validationProblem(fromJoiError(err), { status: 400 })
 */
export function isJoiError(value: unknown): value is JoiErrorLike {
  return read(value, 'isJoi') === true && isArray(read(value, 'details'))
}

/**
 * Tells whether a value looks like a celebrate `CelebrateError`: a Map of segment to Joi error in `details`.
 *
 * @example
 * if (isCelebrateErrorLike(err)) throw validationProblem(fromCelebrateError(err), { status: 400 })
 */
export function isCelebrateErrorLike(value: unknown): value is CelebrateErrorLike {
  const details = read(value, 'details')
  if (details === null || typeof details !== 'object' || typeof read(details, 'get') !== 'function') return false
  const first = listOf(details, 1)[0]
  return Array.isArray(first) && isJoiError(first[1])
}

// --- internal ---

/** At most this many issues come out of one conversion (as `error.validation` is capped when adopted). */
const MAX_ISSUES = 100

/** At most this many input entries are looked at, however the input nests. */
const MAX_VISITS = 1000

const SEGMENTS: ReadonlyMap<string, ValidationLocation> = new Map([
  ['body', 'body'],
  ['query', 'query'],
  ['params', 'path'],
  ['headers', 'header'],
  ['cookies', 'cookie'],
  ['signedCookies', 'cookie'],
])

const EXPRESS_VALIDATOR_LOCATIONS: ReadonlyMap<string, ValidationLocation> = new Map([
  ['body', 'body'],
  ['query', 'query'],
  ['params', 'path'],
  ['headers', 'header'],
  ['cookies', 'cookie'],
])

function addJoi(issues: ValidationIssue[], error: unknown, location: ValidationLocation): void {
  for (const item of listOf(read(error, 'details'), MAX_ISSUES)) {
    if (issues.length >= MAX_ISSUES) return
    const path = listOf(read(item, 'path'), 64).map(keyOf)
    issues.push(toIssue(messageOf(read(item, 'message')), toJsonPointer(path), location))
  }
}

function addField(issues: ValidationIssue[], msg: string, field: unknown): void {
  if (issues.length >= MAX_ISSUES) return
  const rawLocation = read(field, 'location')
  const location = typeof rawLocation === 'string' ? (EXPRESS_VALIDATOR_LOCATIONS.get(rawLocation) ?? 'body') : 'body'
  const path = read(field, 'path')
  issues.push(toIssue(msg, toJsonPointer(typeof path === 'string' ? parseFieldPath(path) : []), location))
}

/**
 * express-validator's field syntax (lodash's `toPath`): `a.b`, `a[0]`, `a["b.c"]`, `a['b']`. Unquoted bracket
 * content that is a whole number is an array index; a leading or empty segment is kept as the text it is.
 */
function parseFieldPath(path: string): (string | number)[] {
  const keys: (string | number)[] = []
  let i = 0
  let current = ''
  let pending = false
  while (i < path.length && keys.length < 64) {
    const ch = path[i]
    if (ch === '.') {
      if (pending) keys.push(current)
      current = ''
      pending = false
      i++
    } else if (ch === '[') {
      if (pending) keys.push(current)
      current = ''
      pending = false
      const quote = path[i + 1]
      if (quote === '"' || quote === "'") {
        const close = path.indexOf(`${quote}]`, i + 2)
        if (close === -1) return [...keys, path.slice(i)]
        keys.push(path.slice(i + 2, close).replace(/\\(.)/g, '$1'))
        i = close + 2
      } else {
        const close = path.indexOf(']', i + 1)
        if (close === -1) return [...keys, path.slice(i)]
        const inner = path.slice(i + 1, close)
        keys.push(/^(0|[1-9][0-9]*)$/.test(inner) ? Number(inner) : inner)
        i = close + 1
      }
    } else {
      current += ch
      pending = true
      i++
    }
  }
  if (pending) keys.push(current)
  return keys
}

function toIssue(detail: string, pointer: string, location: ValidationLocation): ValidationIssue {
  return location === 'body' ? { detail, pointer } : { detail, pointer, location }
}

function messageOf(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : 'is not valid'
}

function keyOf(value: unknown): string | number {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string') return value
  if (typeof value === 'symbol') return value.description ?? ''
  return ''
}

function isArray(value: unknown): boolean {
  try {
    return Array.isArray(value)
  } catch {
    return false // a revoked Proxy
  }
}

/** The first `max` entries of an array, Map, Set or other iterable; never throws, whatever the value does. */
function listOf(value: unknown, max: number): unknown[] {
  const out: unknown[] = []
  if (value === null || typeof value !== 'object') return out
  try {
    if (Array.isArray(value)) {
      const length = Math.min(Number(value.length) || 0, max)
      for (let i = 0; i < length; i++) out.push(read(value, String(i)))
      return out
    }
    const iterator = (value as { [Symbol.iterator]?: unknown })[Symbol.iterator]
    if (typeof iterator !== 'function') return out
    const it = iterator.call(value) as Iterator<unknown>
    while (out.length < max) {
      const step = it.next()
      if (step.done === true) break
      out.push(step.value)
    }
  } catch {
    // Keep what was read.
  }
  return out
}

function keysOf(value: object): string[] {
  try {
    return Object.keys(value).slice(0, MAX_ISSUES)
  } catch {
    return []
  }
}
