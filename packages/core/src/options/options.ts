import { fieldValueProblem, isToken } from '../error/header-values'
import { MEANINGFUL_HEADERS, MEANINGFUL_PREFIXES, PLAN_OWNED_MULTIPLEXED } from './owned-headers'
import type { HttpError } from '../error/http-error'
import { isForeignErrorRules, type ForeignErrorRules } from '../error/adopt'
import { createLanguageNegotiator } from '../negotiate/language'
import { createMediaTypeNegotiator } from '../negotiate/media-type'
import type { ProblemFormat } from '../serialize/formats'
import { checkLocales, checkTag, checkTexts, describe } from './check-options'
import { resolveLocales, type Locale, type LocaleInit } from '../problem/locale'
import { defaultLimits, type ProblemLimits, type ResolvedLimits } from '../problem/sanitize'
import { read } from '../util/read'
import { resolveType, type ProblemTypeText } from '../problem-types/type-text'
import type { ErrorHook } from './error-hook'
import type { DocumentOptions } from '../problem/build-document'
import type { ProblemMediaType, SerializeOptions } from '../serialize/serialize'

/**
 * How a handler renders errors. Resolve it once with {@link resolveOptions}; every field is optional. `Request` is
 * the framework's request type the `onError` hook and `generateRequestId` receive.
 */
export interface ProblemOptions<Request = unknown> {
  /**
   * Base URI that relative problem `type` values are resolved against, e.g. `https://example.com/probs/`.
   * Without it, relative types are sent as they are (RFC 9457 §3.1.1 recommends absolute URIs).
   */
  readonly typeBase?: string
  /** Turns values thrown by your code into errors before the built-in rules run; return undefined to pass. */
  readonly mapError?: (thrown: unknown) => HttpError | undefined
  /**
   * Framework error shapes to recognise beyond the generic status rules: `nodeFrameworkErrors` (NestJS, Joi,
   * celebrate, Fastify, body parsers). The Node adapters always apply it, and yours add to it; core and the fetch
   * adapter apply none unless given it. See docs/foreign-errors.md.
   */
  readonly foreignErrors?: readonly ForeignErrorRules[]
  /** Decides whether `detail` and extension members are sent. Default: the error's own `expose`. */
  readonly expose?: (error: HttpError) => boolean
  /**
   * Development aid: sends every detail and adds the stack and the cause chain as a `debug` extension.
   * Off unless set to true; it never turns on by itself (not even when NODE_ENV is unset).
   */
  readonly debug?: boolean
  /** Fill `instance` from the request path (never the query string) when the error has none. Default false. */
  readonly instanceFromPath?: boolean
  /**
   * Add a `traceId` extension with the request's id: a well-formed W3C `traceparent`'s trace-id, else the
   * `requestIdHeader` value, else a generated one (see `generateRequestId`). Default true.
   */
  readonly traceId?: boolean
  /** `Cache-Control` for error responses; false leaves it to the error's own headers. Default `no-store`. */
  readonly cacheControl?: string | false
  /**
   * Languages to offer besides English, or your words over those of a language already offered. The Node adapters
   * offer Simplified Chinese (`zhCN`) too; with the fetch adapter, pass `{ 'zh-CN': zhCN }` to offer it.
   */
  readonly locales?: Readonly<Record<string, LocaleInit>>
  /** The languages offered, in order of preference for ties. Default: every known locale, `en` first. */
  readonly languages?: readonly string[]
  /** Language used when the request states no usable preference. Default `en`. */
  readonly defaultLanguage?: string
  /** Localised titles and default details of your problem types, keyed by (resolved) type URI. */
  readonly problemTypes?: Readonly<Record<string, ProblemTypeText>>
  /**
   * Renderers beyond JSON: `htmlFormat` (a page for browsers), `xmlFormat` (RFC 9457 XML) and `textFormat` (plain
   * text). The Node adapters pass all three unless you set this; core and the fetch adapter pass none, to keep edge
   * bundles small. See docs/rendering.md.
   */
  readonly formats?: readonly ProblemFormat[]
  /**
   * The media types offered, in server preference order; each must be JSON or the media type of one of `formats`.
   * Default: every available one in the order problem+json, json, problem+xml, html, plain text.
   */
  readonly mediaTypes?: readonly ProblemMediaType[]
  /** Bounds on detail and extension members. */
  readonly limits?: ProblemLimits
  /**
   * Called once per error, after the response is planned, with the normalised error and an {@link ErrorContext}
   * (the framework's request, the planned status, whether the error was expected, the request id), for logging;
   * its failures are ignored.
   */
  readonly onError?: ErrorHook<Request>
  /**
   * Give a request that arrives without an id (no valid `traceparent` or `requestIdHeader`) one of its own: true
   * uses `crypto.randomUUID()`, a function makes one from the request. A generated id is sent back in the
   * `requestIdHeader` response header; an id that fails the incoming-id check, or a generator that throws, gives
   * no id. Default false.
   */
  readonly generateRequestId?: boolean | ((request: Request) => string)
  /**
   * The request header an id is read from, and a generated one is sent back in. Default `x-request-id`. A header
   * with a meaning of its own (`authorization`, `cookie`, `www-authenticate`, `location`, `content-*`, …) is a
   * TypeError: its value would be echoed into the body and logs, or replaced.
   */
  readonly requestIdHeader?: string
  /**
   * Whether the adapter logs unexpected errors (status 500 and above) the way its framework would without it:
   * Express and node print the stack to stderr, Fastify logs through `request.log`, Hono and fetch call
   * `console.error`. Set to false to turn that off (and log from `onError` instead). Default true.
   */
  readonly log?: boolean
}


/** Options after {@link resolveOptions}: validated, defaults filled, negotiators built. Pass it to `planResponse`. */
export interface ResolvedOptions<Request = unknown> extends DocumentOptions, SerializeOptions {
  readonly [resolved]: true
  readonly mapError: ((thrown: unknown) => HttpError | undefined) | undefined
  readonly foreignErrors: readonly ForeignErrorRules[]
  readonly cacheControl: string | false
  readonly varyLanguage: boolean
  readonly negotiateLanguage: (header: string | null | undefined) => string | undefined
  readonly negotiateMediaType: (header: string | null | undefined) => string | undefined
  readonly fallbackMediaType: ProblemMediaType
  readonly onError: ErrorHook<Request> | undefined
  readonly generateRequestId: ((request: Request) => string) | undefined
  /** Lower case. */
  readonly requestIdHeader: string
}

declare const resolved: unique symbol

/**
 * Validates options and prepares everything that does not depend on the request, so that handlers do this once
 * when they are created and never per request. `defaults` are an adapter's own defaults for what the user leaves
 * unset (the Node adapters pass `nodeDefaults`; their `locales` merge word by word with the user's). Throws a
 * TypeError for invalid options.
 *
 * @example
 * const options = resolveOptions({ typeBase: 'https://example.com/probs/', instanceFromPath: true })
 * const plan = planResponse(new NotFound(), { method: 'GET', path: '/x' }, options)
 */
export function resolveOptions<Request = unknown>(
  user: ProblemOptions<Request> = {},
  defaults: ProblemOptions<Request> = {},
): ResolvedOptions<Request> {
  if (user === null || typeof user !== 'object') throw new TypeError('options must be an object')
  // An adapter's defaults fill what the user left unset (or set to undefined); the user's values win.
  const options: ProblemOptions<Request> = { ...defaults }
  for (const [name, value] of Object.entries(user)) if (value !== undefined) Object.assign(options, { [name]: value })
  const generate = options.generateRequestId
  const generateRequestId = generate === true ? randomId() : generate || undefined
  if (generateRequestId !== undefined && typeof generateRequestId !== 'function') {
    throw new TypeError('generateRequestId must be a boolean or a function')
  }
  const requestIdHeader = options.requestIdHeader ?? 'x-request-id'
  // A header of its own: not one the plan writes (the id would replace it), nor a connection-specific one, nor one
  // with a meaning of its own (credentials would be echoed into the body, a challenge replaced).
  const lower = typeof requestIdHeader === 'string' ? requestIdHeader.toLowerCase() : ''
  if (
    !isToken(lower) ||
    PLAN_OWNED_MULTIPLEXED.has(lower) ||
    MEANINGFUL_HEADERS.has(lower) ||
    MEANINGFUL_PREFIXES.some((prefix) => lower.startsWith(prefix))
  ) {
    throw new TypeError(`requestIdHeader ${describe(requestIdHeader)} must be a header name of its own, such as "x-request-id"`)
  }
  // Language tags go into Content-Language as they are, and titles into the body: check them here, once, rather
  // than let a header writer refuse them (Node's ERR_INVALID_CHAR) or send a number as a title.
  checkLocales(defaults.locales)
  checkLocales(user.locales)
  // Word by word: a user's `zh-CN` titles override those of the adapter's zhCN, not the whole language.
  const locales = resolveLocales(user.locales, defaults.locales)
  // The user's rules come first and add to the adapter's: on Node, a framework's errors are always recognised.
  const foreignErrors = [user.foreignErrors, defaults.foreignErrors].flatMap((list) => {
    if (list !== undefined && (!Array.isArray(list) || !list.every(isForeignErrorRules))) {
      throw new TypeError('foreignErrors must hold nodeFrameworkErrors from @http-problem/core')
    }
    return list ?? []
  })
  const languages = options.languages ?? orderLanguages([...locales.keys()])
  for (const tag of languages) {
    checkTag(tag, 'languages')
    if (!locales.has(tag)) throw new TypeError(`languages lists "${tag}", which has no locale; add it to options.locales`)
  }
  const defaultLanguage = options.defaultLanguage ?? 'en'
  checkTag(defaultLanguage, 'defaultLanguage')
  const defaultLocale = locales.get(defaultLanguage)
  if (defaultLocale === undefined) throw new TypeError(`defaultLanguage "${defaultLanguage}" has no locale; add it to options.locales`)
  const formats = resolveFormats(options.formats)
  const available = allMediaTypes.filter((type) => !formatted.includes(type) || formats.has(type))
  const mediaTypes = options.mediaTypes ?? available
  const unknownType = mediaTypes.find((type) => !allMediaTypes.includes(type))
  if (mediaTypes.length === 0 || unknownType !== undefined) {
    throw new TypeError(`mediaTypes must list some of ${allMediaTypes.join(', ')}`)
  }
  const unformatted = mediaTypes.find((type) => !available.includes(type))
  if (unformatted !== undefined) {
    const name = unformatted === 'text/html' ? 'htmlFormat' : unformatted === 'text/plain' ? 'textFormat' : 'xmlFormat'
    throw new TypeError(`mediaTypes lists ${unformatted}, which needs ${name} in formats`)
  }
  if (options.typeBase !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(options.typeBase)) {
    throw new TypeError('typeBase must be an absolute URI such as https://example.com/probs/')
  }
  if (options.cacheControl !== undefined && options.cacheControl !== false) {
    const problem = fieldValueProblem(options.cacheControl)
    if (problem !== undefined || options.cacheControl === '') {
      throw new TypeError(`cacheControl must be a header value or false: ${problem ?? 'it is empty'}`)
    }
  }
  const given = Object.entries(options.limits ?? {}).filter(([, value]) => value !== undefined)
  const limits: ResolvedLimits = Object.freeze({ ...defaultLimits, ...Object.fromEntries(given) })
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`limits.${name} must be a positive integer`)
  }
  const problemTypes = new Map<string, ProblemTypeText>()
  for (const [type, text] of Object.entries(options.problemTypes ?? {})) {
    const where = `problemTypes[${JSON.stringify(type)}]`
    if (text === null || typeof text !== 'object') throw new TypeError(`${where} must be an object with title and detail`)
    checkTexts(text.title, `${where}.title`, true)
    checkTexts(text.detail, `${where}.detail`, true)
    problemTypes.set(resolveType(type, options.typeBase), text)
  }
  return Object.freeze({
    typeBase: options.typeBase,
    mapError: options.mapError,
    foreignErrors,
    expose: options.expose ?? exposeByError,
    debug: options.debug === true,
    instanceFromPath: options.instanceFromPath === true,
    traceId: options.traceId !== false,
    cacheControl: options.cacheControl ?? 'no-store',
    defaultLocale,
    locales,
    // RFC 9110 §12.5.5: Vary lists Accept-Language whenever the language could have come out differently.
    varyLanguage: languages.length > 1,
    negotiateLanguage: createLanguageNegotiator(languages),
    negotiateMediaType: createMediaTypeNegotiator(mediaTypes),
    fallbackMediaType: mediaTypes[0] as ProblemMediaType,
    formats,
    problemTypes,
    limits,
    onError: options.onError,
    generateRequestId,
    requestIdHeader: lower,
    log: options.log !== false,
    bodyCache: new Map(),
  }) as unknown as ResolvedOptions<Request>
}

// --- internal ---

const allMediaTypes: readonly ProblemMediaType[] = [
  'application/problem+json',
  'application/json',
  'application/problem+xml',
  'text/html',
  'text/plain',
]

/** The media types that need a format to be rendered. */
const formatted: readonly ProblemMediaType[] = ['application/problem+xml', 'text/html', 'text/plain']

function resolveFormats(given: readonly ProblemFormat[] | undefined): ReadonlyMap<ProblemMediaType, ProblemFormat> {
  const formats = new Map<ProblemMediaType, ProblemFormat>()
  if (given === undefined) return formats
  if (!Array.isArray(given)) throw new TypeError('formats must be an array, e.g. [htmlFormat, xmlFormat]')
  for (const format of given as readonly unknown[]) {
    const type = read(format, 'mediaType')
    if (typeof read(format, 'render') !== 'function' || !formatted.includes(type as ProblemMediaType)) {
      throw new TypeError('formats must hold htmlFormat, xmlFormat or textFormat from @http-problem/core')
    }
    formats.set(type as ProblemMediaType, format as ProblemFormat)
  }
  return formats
}

/** `generateRequestId: true`: version 4 UUIDs from the runtime's Web Crypto (Node 19+, browsers, Deno, Bun, Workers). */
function randomId(): () => string {
  const crypto = globalThis.crypto as Crypto | undefined
  if (typeof crypto?.randomUUID !== 'function') throw new TypeError('generateRequestId: true needs crypto.randomUUID()')
  return () => crypto.randomUUID()
}

function exposeByError(error: HttpError): boolean {
  return error.expose === true
}

function orderLanguages(tags: string[]): string[] {
  return ['en', ...tags.filter((tag) => tag !== 'en')]
}
