// The pipeline of a problem response: normalise what was thrown (mapError), negotiate media type and language,
// build the document (build-document.ts), serialise it (serialize.ts), apply the header policy (header-policy.ts),
// then tell the hook (hook.ts). Every step is guarded: planning never throws.
import type { HttpError } from '../error/http-error'
import { adoptError } from '../error/adopt'
import { isErrorStatus } from '../status/lookup'
import { findErrorRow } from '../status/table'
import { read } from '../util/read'
import { buildDocument, fallbackTitle } from '../problem/build-document'
import type { ProblemDocument } from '../problem/document'
import { API_CSP, copyErrorHeaders, mergeVary, removals } from './header-policy'
import { callHook, generateId } from './hook'
import { resolveOptions, type ResolvedOptions } from '../options/options'
import { PLAN_OWNED, PLAN_OWNED_MULTIPLEXED } from '../options/owned-headers'
import { isMultiplexed, readHeader, traceIdOf, type ExistingHeaders, type RequestView } from '../negotiate/request'
import { CONTENT_TYPES, serialise, type ProblemMediaType } from '../serialize/serialize'

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
 * plan.headers // { 'content-type': 'application/problem+json', 'content-length': '…', vary: 'Accept', … }
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
      result = plan(adoptError(undefined, []), { method: view.method }, defaultOptions(), false, undefined, false)
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

let defaults: ResolvedOptions | undefined
function defaultOptions(): ResolvedOptions {
  defaults ??= resolveOptions()
  return defaults
}

function normalise(thrown: unknown, options: ResolvedOptions<never>): HttpError {
  if (options.mapError !== undefined) {
    try {
      const mapped = options.mapError(thrown)
      if (mapped !== undefined) return adoptError(mapped, options.foreignErrors)
    } catch {
      // A mapper that throws is ignored; the built-in rules still apply.
    }
  }
  return adoptError(thrown, options.foreignErrors)
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

function safeMethod(request: RequestView): string {
  const method = read(request, 'method')
  return typeof method === 'string' ? method.toUpperCase() : 'GET'
}
