// The problem stage: the RFC 9457 document of an error in one language (type resolution, title and its language,
// detail, instance, code, extensions within their budgets, debug), built on an object without a prototype chain.
import { isProblemCode, type HttpError } from '../error/http-error'
import { PROBLEM_TYPE_TEXT } from '../problem-types/define-problem-type'
import { LIBRARY_TEXT } from '../status/library-texts'
import { isErrorStatus } from '../status/lookup'
import { findErrorRow } from '../status/table'
import { lookup, read } from '../util/read'
import { STANDARD_MEMBERS } from '../util/standard-members'
import type { JsonValue, ProblemDocument } from './document'
import type { Locale } from './locale'
import { resolveType, type ProblemTypeText } from '../problem-types/type-text'
import { isRelativeType, warnRelativeType } from './relative-type'
import { pathOf, type RequestView } from '../negotiate/request'
import { TOO_LONG, toJsonValue, truncate, UNREADABLE, type ResolvedLimits, type VisitBudget } from './sanitize'
import { toUriReference } from './uri'

/** What building a document needs of the resolved options (see `resolveOptions` for each). */
export interface DocumentOptions {
  readonly typeBase: string | undefined
  readonly expose: (error: HttpError) => boolean
  readonly debug: boolean
  readonly instanceFromPath: boolean
  readonly traceId: boolean
  readonly defaultLocale: Locale
  readonly locales: ReadonlyMap<string, Locale>
  readonly problemTypes: ReadonlyMap<string, ProblemTypeText>
  readonly limits: ResolvedLimits
  readonly log: boolean
}

/**
 * The document for an error in `locale`, and the language its title is in (the response's Content-Language).
 * Without `extras`, detail, extensions and debug are left out.
 */
export function buildDocument(
  error: HttpError,
  status: number,
  request: RequestView,
  options: DocumentOptions,
  locale: Locale,
  extras: boolean,
  id: string | undefined,
): { document: ProblemDocument; contentLanguage: string } {
  const limits = options.limits
  // An error whose status had to be replaced by 500 is not trusted with its `expose` either.
  const exposed = extras && (options.debug || (isErrorStatus(read(error, 'status')) && callExpose(options, error)))
  const rawType = toUriReference(read(error, 'type'))
  const type = rawType === undefined ? 'about:blank' : resolveType(rawType, options.typeBase)
  if (options.log && isRelativeType(type)) warnRelativeType(type)
  const typeText = options.problemTypes.get(type) ?? problemTypeTextOf(error)
  const row = findErrorRow(status)

  // Title: the type's localised title, else for about:blank the status title in the negotiated language, else
  // the error's own title (RFC 9457 §3.1.3: the title may be localised, and should not change otherwise).
  const ownTitle = read(error, 'title')
  let title: string
  const defaultTag = options.defaultLocale.tag
  let contentLanguage = defaultTag
  // A type without a title in the negotiated language falls back to its title in the default language.
  const typeTitles = typeText?.title
  const typeTitleTag =
    textIn(typeTitles, locale.tag) !== undefined ? locale.tag : textIn(typeTitles, defaultTag) !== undefined ? defaultTag : 'en'
  const typeTitle = textIn(typeTitles, typeTitleTag)
  if (typeTitle !== undefined) {
    title = typeTitle
    contentLanguage = typeTitleTag
  } else if (
    type === 'about:blank' &&
    (typeof ownTitle !== 'string' || ownTitle === row?.phrase || ownTitle === '' || !hasOwnTitle(error))
  ) {
    // A title inherited from the class is its status phrase; once `status` was rewritten it names the wrong status.
    // A user locale may lack a status, even the default one: the registry's English phrase is the last resort.
    const localTitle = locale.titles[status]
    const defaultTitle = options.defaultLocale.titles[status]
    title = localTitle ?? defaultTitle ?? row?.phrase ?? fallbackTitle(status)
    contentLanguage = localTitle !== undefined ? locale.tag : defaultTitle !== undefined ? defaultTag : 'en'
  } else {
    title = typeof ownTitle === 'string' && ownTitle !== '' ? truncate(ownTitle, limits.detailLength) : fallbackTitle(status)
  }

  // An object whose prototype chain has no Object.prototype: an extension named `__proto__` or `toString` is just
  // another member. Made by a constructor, not Object.create(null), so V8 keeps it a fast object.
  const document = new (ProblemObject as unknown as new () => Record<string, JsonValue>)()
  document.type = type
  document.title = title
  document.status = status
  if (exposed) {
    const detail = read(error, 'detail')
    const typeDetail = textIn(typeText?.detail, locale.tag) ?? textIn(typeText?.detail, defaultTag)
    if (typeof detail === 'string' && detail !== '') {
      const textLocale = options.locales.get(contentLanguage) ?? locale
      document.detail = truncate(libraryDetail(error, detail, textLocale, options), limits.detailLength)
    } else if (typeDetail !== undefined) document.detail = typeDetail
  }
  const instance = toUriReference(read(error, 'instance')) ?? (options.instanceFromPath ? pathOf(request.path) : undefined)
  if (instance !== undefined) document.instance = instance
  // The error's own code names the kind of failure for programs, as `type` does: set by the developer and limited to
  // a short identifier, it is sent whether or not the detail is. An `extensions.code` is an extension like any other
  // (sent only when exposed), and the error's own code wins over it.
  const code = read(error, 'code')
  if (isProblemCode(code)) document.code = code

  if (exposed) addExtensions(document, read(error, 'extensions'), options, limits.extensionLength)
  if (options.traceId && id !== undefined && !Object.hasOwn(document, 'traceId')) document.traceId = id
  // The debug member is ours and bounded (8 errors, 50 lines each); it gets a visit budget of its own.
  if (options.debug && extras) addExtensions(document, { debug: debugInfo(error) }, options, Number.MAX_SAFE_INTEGER)
  return { document: document as ProblemDocument, contentLanguage }
}

/** The title of a status no registry or locale names: its class's `x00` phrase. */
export function fallbackTitle(status: number): string {
  return status >= 500 ? 'Internal Server Error' : 'Bad Request'
}

// --- internal ---

function ProblemObject(): void {}
ProblemObject.prototype = Object.create(null) as object

/**
 * Adds the members of `raw` that fit in `length` JSON characters, converting them with one visit budget
 * (`limits.visits`) for all of them: once it is spent, the value it ran out at is `"[Truncated]"` and the members
 * after it are left out.
 */
function addExtensions(document: Record<string, JsonValue>, raw: unknown, options: DocumentOptions, length: number): void {
  if (raw === null || typeof raw !== 'object') return
  let names: string[]
  try {
    names = Object.keys(raw)
  } catch {
    return
  }
  const limits = options.limits
  const budget: VisitBudget = { visits: limits.visits }
  let left = length
  for (const name of names.slice(0, limits.members)) {
    if (budget.visits < 0) break
    // RFC 9457 §3.2: extensions never shadow the standard members. A name that is an array index ("0", "1", …)
    // would be listed before `type` by every JavaScript object, so the document would lose its member order.
    if (STANDARD_MEMBERS.has(name) || name in document || name.length > limits.stringLength || isArrayIndex(name)) continue
    // A member whose getter throws is marked, not silently dropped (nested members are handled by toJsonValue).
    let member: unknown
    try {
      member = (raw as Record<string, unknown>)[name]
    } catch {
      member = UNREADABLE
    }
    // `code` is a machine code wherever it comes from: an `extensions.code` that is not one is left out.
    if (name === 'code' && !isProblemCode(member)) continue
    const size = name.length + 4
    // A member that does not fit in what is left of the budget is left out whole, never cut in the middle; its
    // conversion stops as soon as it is certain not to fit.
    const value = toJsonValue(member, limits, name, budget, left - size)
    if (value === undefined || value === TOO_LONG) continue
    const total = size + JSON.stringify(value).length
    if (total > left) continue
    left -= total
    document[name] = value
  }
}

/** ECMA-262 §6.1.7: a canonical numeric string below 2^32 - 1, which objects list first, in numeric order. */
function isArrayIndex(name: string): boolean {
  return /^(?:0|[1-9][0-9]{0,9})$/.test(name) && Number(name) < 4294967295
}

function debugInfo(error: HttpError): JsonValue {
  const chain: JsonValue[] = []
  let current: unknown = error
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    const stack = read(current, 'stack')
    const primitive = typeof current !== 'object' && typeof current !== 'function'
    chain.push({
      name: textOf(current, 'name', typeof current),
      message: textOf(current, 'message', typeof current === 'object' ? '' : safeString(current)),
      ...(typeof stack === 'string' ? { stack: stack.split('\n', 50).map((line) => line.trim()) } : {}),
    })
    current = primitive ? undefined : read(current, 'cause')
  }
  return { errors: chain }
}

/** A member of a cause as text for `debug`: `"[Unreadable]"` when reading or converting it throws. */
function textOf(target: unknown, key: string, fallback: string): string {
  let value: unknown
  try {
    value = (target as Record<string, unknown>)[key]
  } catch {
    return UNREADABLE
  }
  return value === undefined || value === null ? fallback : safeString(value)
}

function safeString(value: unknown): string {
  try {
    return String(value)
  } catch {
    return UNREADABLE
  }
}

function callExpose(options: DocumentOptions, error: HttpError): boolean {
  try {
    return options.expose(error) === true
  } catch {
    return false
  }
}

function hasOwnTitle(error: HttpError): boolean {
  try {
    return Object.hasOwn(error, 'title')
  } catch {
    return false
  }
}

/**
 * The detail to send: a library-written one (marked with its key, and unchanged since) in the response's language,
 * else in the default language, else as it is; a detail anyone else wrote, always as it is.
 */
function libraryDetail(error: HttpError, detail: string, locale: Locale, options: DocumentOptions): string {
  const mark = read(error, LIBRARY_TEXT as unknown as string)
  const key = read(mark, 'key')
  if (typeof key !== 'string' || read(mark, 'text') !== detail) return detail
  // The detail is the English text: an English response needs no fallback.
  const fallback = locale.tag === 'en' ? undefined : textIn(options.defaultLocale.texts, key)
  return textIn(locale.texts, key) ?? fallback ?? detail
}

/** Localised titles a problem type defined with defineProblemType() carries on its prototype. */
function problemTypeTextOf(error: HttpError): ProblemTypeText | undefined {
  const text = read(error, PROBLEM_TYPE_TEXT as unknown as string)
  if (text === null || typeof text !== 'object') return undefined
  // Read once and guarded: through a Proxy of an error, the text can be anything.
  const title = read(text, 'title')
  const detail = read(text, 'detail')
  return {
    ...(title !== null && typeof title === 'object' ? { title: title as Readonly<Record<string, string>> } : {}),
    ...(detail !== null && typeof detail === 'object' ? { detail: detail as Readonly<Record<string, string>> } : {}),
  }
}

/**
 * A problem type's text in one language: only an own string member counts (the text may come from a Proxy of an
 * error, through its problem type's prototype).
 */
function textIn(texts: Readonly<Record<string, string>> | undefined, tag: string): string | undefined {
  try {
    const text = texts !== undefined && texts !== null ? lookup(texts, tag) : undefined
    return typeof text === 'string' ? text : undefined
  } catch {
    return undefined
  }
}
