import { describesBody, readHeaderFields } from '../error/foreign-headers'
import { isToken } from '../error/header-values'
import { isProblemCode, type HttpError } from '../error/http-error'
import { toHttpError } from '../error/to-http-error'
import { isExpected } from '../error/define-error-class'
import { isErrorStatus } from '../status/lookup'
import { findErrorRow } from '../status/table'
import type { JsonValue, ProblemDocument } from './document'
import type { ProblemFormat } from './formats'
import type { Locale } from './locale'
import { PROBLEM_TYPE_TEXT } from '../problem-types/define-problem-type'
import { LIBRARY_TEXT, libraryTexts } from '../status/library-texts'
import {
  resolveOptions,
  resolveType,
  type CachedBody,
  type ProblemMediaType,
  type ProblemTypeText,
  type ResolvedOptions,
} from './options'
import { isMultiplexed, isRequestId, pathOf, readHeader, traceIdOf, type ExistingHeaders, type RequestView } from './request'
import { CONNECTION_SPECIFIC, PLAN_OWNED, PLAN_OWNED_MULTIPLEXED } from './owned-headers'
import { TOO_LONG, toJsonValue, truncate, UNREADABLE, type VisitBudget } from './sanitize'
import { isRelativeType, warnRelativeType } from './relative-type'
import { toUriReference } from './uri'
import { utf8Length } from './utf8'
import { lookup, read } from '../util/read'
import { STANDARD_MEMBERS } from '../util/standard-members'

/** A framework-neutral error response: what an adapter writes, and nothing it has to decide. */
export interface ResponsePlan {
  /** The status code, always an integer from 400 to 599. */
  readonly status: number
  /** The reason phrase for HTTP/1.x status lines (RFC 9110 phrases; HTTP/2 and HTTP/3 have none). */
  readonly statusText: string
  /** Headers to set, lower-case names, in this order. Values never contain CR, LF or NUL. */
  readonly headers: Readonly<Record<string, string>>
  /** Names of headers set earlier on the response that must be removed first (see docs/headers.md). */
  readonly remove: readonly string[]
  /** The body, to be sent as UTF-8; empty for HEAD (Content-Length still gives the GET length). */
  readonly body: string
  /** The normalised error, for logging. */
  readonly error: HttpError
  /**
   * The request's id (see `generateRequestId`): the one sent as `traceId` and given to the `onError` hook; adapters
   * put it in their log lines. Undefined when the request has none.
   */
  readonly id: string | undefined
}

/**
 * Plans the response for any thrown value: normalises it, negotiates media type and language, builds the RFC 9457
 * document and returns status, ordered headers and body. Never throws, whatever was thrown or sent.
 *
 * @example
 * const plan = planResponse(new NotFound('No user 42'), { method: 'GET', headers: { accept: '*\/*' } })
 * plan.status  // 404
 * plan.headers // { 'content-type': 'application/problem+json', 'content-length': '…', vary: 'Accept, Accept-Language', … }
 * plan.body    // '{"type":"about:blank","title":"Not Found","status":404,"detail":"No user 42"}'
 */
export function planResponse<Request = unknown>(
  thrown: unknown,
  request: RequestView,
  options: ResolvedOptions<Request> = defaultOptions() as ResolvedOptions<Request>,
  frameworkRequest?: Request,
): ResponsePlan {
  const error = normalise(thrown, options)
  const view = readRequest(request)
  const incoming = traceIdOf(view.headers, options.requestIdHeader)
  const id = incoming ?? generateId(options, frameworkRequest)
  const generated = incoming === undefined
  let result: ResponsePlan
  try {
    result = plan(error, view, options, true, id, generated)
  } catch {
    // Only a bug or a hostile value past every guard gets here. What the error carries besides its status and
    // headers (detail, extensions, debug) is the likeliest culprit: leave it out and keep the status.
    try {
      result = plan(error, view, options, false, id, generated)
    } catch {
      // Then the bare 500 that cannot fail.
      result = plan(toHttpError(undefined), { method: view.method }, defaultOptions(), false, undefined, false)
    }
  }
  // After the plan, so the hook is told the status that goes out. It gets the error the plan is built from:
  // normalising it a second time would run mapError again.
  callHook(error, request, view, options, frameworkRequest, result.status, result.id)
  return result
}

/**
 * Normalises a thrown value that gets no answer and calls the `onError` hook once, swallowing anything the hook
 * throws or rejects; adapters call it on their own only when no plan can be written (the response has started, or
 * the connection is gone). Named so as not to shadow the web platform's global `reportError`.
 *
 * @example
 * if (res.headersSent) reportUnanswered(err, { method: req.method }, options, req)
 */
export function reportUnanswered<Request = unknown>(
  thrown: unknown,
  request: RequestView,
  options: ResolvedOptions<Request> = defaultOptions() as ResolvedOptions<Request>,
  frameworkRequest?: Request,
): HttpError {
  return report(thrown, request, options, frameworkRequest).error
}

/**
 * Builds the RFC 9457 problem document for an error in one language, with members in wire order:
 * `type`, `title`, `status`, `detail`, `instance`, then extensions. Detail and extensions appear only when the
 * error is exposed.
 *
 * @example
 * toProblem(new NotFound('No user 42')) // { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' }
 */
export function toProblem<Request = unknown>(
  thrown: unknown,
  request: RequestView = { method: 'GET' },
  options: ResolvedOptions<Request> = defaultOptions() as ResolvedOptions<Request>,
  language?: string,
): ProblemDocument {
  const error = normalise(thrown, options)
  const locale = (language === undefined ? undefined : options.locales.get(language)) ?? options.defaultLocale
  const id = traceIdOf(read(request, 'headers') as RequestView['headers'], options.requestIdHeader)
  return buildDocument(error, statusOf(error), request, options, locale, true, id).document
}

/** What adapters need about an error they can no longer answer: the normalised error and the request id. */
export interface Report {
  readonly error: HttpError
  readonly id: string | undefined
}

/**
 * {@link reportUnanswered} for adapters: normalises the error, calls the hook with the status it would have had, and
 * returns the id too, for the log line.
 *
 * @example
 * const { error, id } = report(err, view, options, req)
 */
export function report<Request = unknown>(
  thrown: unknown,
  request: RequestView,
  options: ResolvedOptions<Request> = defaultOptions() as ResolvedOptions<Request>,
  frameworkRequest?: Request,
): Report {
  const error = normalise(thrown, options)
  const view = readRequest(request)
  const id = traceIdOf(view.headers, options.requestIdHeader) ?? generateId(options, frameworkRequest)
  callHook(error, request, view, options, frameworkRequest, statusOf(error), id)
  return { error, id }
}

// --- internal ---

function ProblemObject(): void {}
ProblemObject.prototype = Object.create(null) as object

let defaults: ResolvedOptions | undefined
function defaultOptions(): ResolvedOptions {
  defaults ??= resolveOptions()
  return defaults
}

function ignore(): void {}

/**
 * Calls the hook with its context. `method`, `path` and `headers` are the (guarded) view's, so that a hook written for
 * the old `(error, request)` signature keeps working.
 */
function callHook<Request>(
  error: HttpError,
  view: RequestView,
  guarded: RequestView,
  options: ResolvedOptions<Request>,
  request: Request | undefined,
  status: number,
  id: string | undefined,
): void {
  const hook = options.onError
  if (hook === undefined) return
  try {
    const { method, path, headers } = guarded
    const result = hook(error, { request: request as Request, view, status, expected: isExpected(error), id, method, path, headers })
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      result.then(undefined, ignore)
    }
  } catch {
    // A logging hook must never change the response.
  }
}

/** A generated request id; a generator that throws or returns something that is not a valid id gives none. */
function generateId<Request>(options: ResolvedOptions<Request>, request: Request | undefined): string | undefined {
  try {
    const id = options.generateRequestId?.(request as Request)
    return isRequestId(id) ? id : undefined
  } catch {
    return undefined
  }
}

/**
 * Representation headers of the response the error abandoned, and framing we set ourselves: they describe a
 * body that is not being sent (RFC 9110 §8), so they must go. Everything else set earlier (CORS, Set-Cookie,
 * rate-limit headers, Vary, which is merged) survives.
 */
const ABANDONED_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-range',
  'content-disposition',
  'content-location',
  'content-digest',
  'repr-digest',
  'digest',
  'etag',
  'last-modified',
  'expires',
  'accept-ranges',
  'transfer-encoding',
  'location',
  'refresh',
  // A Trailer field announces trailers of the abandoned body; ours has none, and Node refuses to send one with
  // Content-Length (ERR_HTTP_TRAILER_INVALID).
  'trailer',
])

/** The serialisers always present; HTML, XML and plain text come from `options.formats` (see render/formats.ts). */
const SERIALIZERS: Readonly<Partial<Record<ProblemMediaType, (doc: ProblemDocument, locale: Locale) => string>>> = {
  'application/problem+json': (doc) => JSON.stringify(doc),
  'application/json': (doc) => JSON.stringify(doc),
}

const CONTENT_TYPES: Readonly<Record<ProblemMediaType, string>> = {
  // RFC 9457 §6: the problem types define no parameters, so no charset (JSON is UTF-8 by RFC 8259 §8.1).
  'application/problem+json': 'application/problem+json',
  'application/json': 'application/json',
  'application/problem+xml': 'application/problem+xml; charset=utf-8',
  'text/html': 'text/html; charset=utf-8',
  'text/plain': 'text/plain; charset=utf-8',
}

const API_CSP = "default-src 'none'; frame-ancestors 'none'"

function normalise(thrown: unknown, options: ResolvedOptions<never>): HttpError {
  if (options.mapError !== undefined) {
    try {
      const mapped = options.mapError(thrown)
      if (mapped !== undefined) return toHttpError(mapped)
    } catch {
      // A mapper that throws is ignored; the built-in rules still apply.
    }
  }
  return toHttpError(thrown)
}

function statusOf(error: HttpError): number {
  // The error is mutable (Koa writes err.status back); never trust it past this check.
  const status = read(error, 'status')
  return isErrorStatus(status) ? status : 500
}

/** Plans the response; without `extras`, the document leaves out detail, extensions and debug. */
function plan(
  error: HttpError,
  request: RequestView,
  options: ResolvedOptions<never>,
  extras: boolean,
  id: string | undefined,
  generated: boolean,
): ResponsePlan {
  const status = statusOf(error)
  const headerSource = request.headers
  const negotiated = options.negotiateMediaType(readHeader(headerSource, 'accept'))
  // RFC 9457 §3 / RFC 9110 §12.1: never answer an error with 406; fall back to the preferred problem type.
  const mediaType = (negotiated ?? options.fallbackMediaType) as ProblemMediaType
  const language = options.negotiateLanguage(readHeader(headerSource, 'accept-language'))
  const locale = (language === undefined ? undefined : options.locales.get(language)) ?? options.defaultLocale
  const { document, contentLanguage } = buildDocument(error, status, request, options, locale, extras, id)
  // One language per response: the HTML page's labels and description are in the language of its title.
  const pageLocale = contentLanguage === locale.tag ? locale : (options.locales.get(contentLanguage) ?? locale)
  const { body, length } = serialise(document, mediaType, pageLocale, options)
  const multiplexed = isMultiplexed(request.httpVersion)

  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[mediaType],
    'content-length': length,
    'content-language': contentLanguage,
    vary: mergeVary(request.responseHeaders, options.varyLanguage ? 'Accept, Accept-Language' : 'Accept'),
  }
  if (options.cacheControl !== false) headers['cache-control'] = options.cacheControl
  headers['x-content-type-options'] = 'nosniff'
  headers['content-security-policy'] = options.formats.get(mediaType)?.contentSecurityPolicy ?? API_CSP
  copyErrorHeaders(error, status, headers, multiplexed ? PLAN_OWNED_MULTIPLEXED : PLAN_OWNED)
  // RFC 9110 §7.8: a sender of Upgrade (a 426 must send one) also sends the "upgrade" connection option.
  if (headers.upgrade !== undefined) headers.connection = 'upgrade'
  // Only an id of ours is sent back: echoing the client's own one would copy request data into a header.
  if (generated && id !== undefined) headers[options.requestIdHeader] = id

  return {
    status,
    statusText: findErrorRow(status)?.phrase ?? fallbackTitle(status),
    headers,
    remove: removals(request.responseHeaders, headers, multiplexed),
    body: request.method === 'HEAD' ? '' : body,
    error,
    id,
  }
}

/**
 * Serialises the document. A document with only type, title and status (an unmatched route, a hidden 500) comes
 * out the same every time, so its body and length are kept in a small cache on the resolved options: a flood of
 * 404s from a scanner costs a lookup, not a render.
 */
function serialise(
  document: ProblemDocument,
  mediaType: ProblemMediaType,
  locale: Locale,
  options: ResolvedOptions<never>,
): { readonly body: string; readonly length: string } {
  const plain = Object.keys(document).length === 3
  // Keyed by objects and numbers, not by a string built per request: the lookup must cost less than a render.
  let byStatus: Map<number, CachedBody[]> | undefined
  if (plain) {
    const byLocale = options.bodyCache.get(locale) ?? new Map<string, Map<number, CachedBody[]>>()
    options.bodyCache.set(locale, byLocale)
    byStatus = byLocale.get(mediaType) ?? new Map<number, CachedBody[]>()
    byLocale.set(mediaType, byStatus)
    for (const cached of byStatus.get(document.status) ?? []) {
      if (cached.type === document.type && cached.title === document.title) return cached
    }
  }
  const render = SERIALIZERS[mediaType] ?? (options.formats.get(mediaType) as ProblemFormat).render
  const body = render(document, locale)
  const entry: CachedBody = { type: document.type, title: document.title, body, length: String(utf8Length(body)) }
  if (byStatus !== undefined) {
    const list = byStatus.get(document.status) ?? []
    // Bounded: a handful of types and titles per status, locale and media type is all real traffic produces.
    if (list.length >= BODY_CACHE_ENTRIES) list.length = 0
    list.push(entry)
    byStatus.set(document.status, list)
  }
  return entry
}

const BODY_CACHE_ENTRIES = 16

function buildDocument(
  error: HttpError,
  status: number,
  request: RequestView,
  options: ResolvedOptions<never>,
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

/**
 * Adds the members of `raw` that fit in `length` JSON characters, converting them with one visit budget
 * (`limits.visits`) for all of them: once it is spent, the value it ran out at is `"[Truncated]"` and the members
 * after it are left out.
 */
function addExtensions(document: Record<string, JsonValue>, raw: unknown, options: ResolvedOptions<never>, length: number): void {
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

function callExpose(options: ResolvedOptions<never>, error: HttpError): boolean {
  try {
    return options.expose(error) === true
  } catch {
    return false
  }
}

/** The request view with every member read once and guarded: a getter that throws reads as absent. */
function readRequest(request: RequestView): RequestView & { readonly method: string } {
  const path = read(request, 'path')
  const headers = read(request, 'headers')
  const responseHeaders = read(request, 'responseHeaders')
  const httpVersion = read(request, 'httpVersion')
  return {
    method: safeMethod(request),
    path: typeof path === 'string' ? path : undefined,
    headers: headers !== null && typeof headers === 'object' ? (headers as RequestView['headers']) : undefined,
    responseHeaders:
      responseHeaders !== null && typeof responseHeaders === 'object' ? (responseHeaders as ExistingHeaders) : undefined,
    httpVersion: typeof httpVersion === 'string' ? httpVersion : undefined,
  }
}

function copyErrorHeaders(
  error: HttpError,
  status: number,
  headers: Record<string, string>,
  owned: ReadonlySet<string>,
): void {
  // Headers are checked at construction, but the object is mutable: read it again through the one path every
  // foreign header takes (valid names and values only), then leave out the plan's own and a body's (RFC 9110 §8).
  // Clients refuse header sections over 8-16 KiB (Node's limit is 16 KiB), so an error's own headers share a budget;
  // one that does not fit is left out whole, like an extension member.
  let budget = ERROR_HEADER_BUDGET
  for (const [name, value] of readHeaderFields(read(error, 'headers'))) {
    if (owned.has(name) || describesBody(name, value, status)) continue
    const size = name.length + value.length + 4
    if (size > budget) continue
    budget -= size
    headers[name] = value
  }
}

/** Bytes an error's own headers may take on the wire, names included. */
const ERROR_HEADER_BUDGET = 8192

function mergeVary(existing: ExistingHeaders | undefined, ours: string): string {
  const before = existing === undefined ? undefined : readInsensitive(existing, 'vary')
  const text = Array.isArray(before) ? before.join(', ') : typeof before === 'string' ? before : ''
  if (text === '') return ours
  const seen = new Set<string>()
  const merged: string[] = []
  for (const part of `${text}, ${ours}`.split(',')) {
    const name = part.trim()
    if (name === '*') return '*'
    if (!isToken(name) || seen.has(name.toLowerCase())) continue
    seen.add(name.toLowerCase())
    merged.push(name)
  }
  return merged.join(', ')
}

function removals(existing: ExistingHeaders | undefined, planned: Readonly<Record<string, string>>, multiplexed: boolean): string[] {
  if (existing === undefined || existing === null) return []
  let names: string[]
  try {
    names = Object.keys(existing)
  } catch {
    return []
  }
  const remove: string[] = []
  for (const name of names) {
    const lower = name.toLowerCase()
    const abandoned = ABANDONED_HEADERS.has(lower) || (multiplexed && CONNECTION_SPECIFIC.includes(lower))
    if (abandoned && !(lower in planned)) remove.push(lower)
  }
  return remove
}

function safeMethod(request: RequestView): string {
  const method = read(request, 'method')
  return typeof method === 'string' ? method.toUpperCase() : 'GET'
}

function fallbackTitle(status: number): string {
  return status >= 500 ? 'Internal Server Error' : 'Bad Request'
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
function libraryDetail(error: HttpError, detail: string, locale: Locale, options: ResolvedOptions<never>): string {
  const key = read(error, LIBRARY_TEXT as unknown as string)
  if (typeof key !== 'string') return detail
  const texts = lookup(libraryTexts as Readonly<Record<string, { readonly en: string }>>, key)
  if (texts?.en !== detail) return detail
  return textIn(locale.texts, key) ?? textIn(options.defaultLocale.texts, key) ?? detail
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

/** Reads a header from a record whose key may be in any case (Node's getHeaders() uses lower case). */
function readInsensitive(record: object, lower: string): unknown {
  const direct = read(record, lower)
  if (direct !== undefined) return direct
  try {
    const key = Object.keys(record).find((name) => name.toLowerCase() === lower)
    return key === undefined ? undefined : read(record, key)
  } catch {
    return undefined
  }
}

