import { constructError } from '../error/construct'
import { fieldValueProblem } from '../error/header-values'
import type { HttpError, ProblemInit } from '../error/http-error'
import { statusInputs, type InputRule } from '../error/status-inputs'
import type { JsonValue } from '../util/json-value'
import { resolveType } from '../problem-types/type-text'
import { isErrorStatus } from '../status/lookup'
import { lookup } from '../util/read'
import { receivedCode } from './received-code'
import { readProblemXml } from './xml-reader'
import { STANDARD_MEMBERS } from '../util/standard-members'

/** The members of a problem document as a client received them, each checked for its RFC 9457 type. */
export interface ParsedProblem {
  readonly status: number
  readonly type: string
  readonly title: string | undefined
  readonly detail: string | undefined
  readonly instance: string | undefined
  /** Every other member of the document. */
  readonly extensions: Readonly<Record<string, JsonValue>>
  /** The response headers an error of this status carries (`www-authenticate`, `allow`, `retry-after`, …). */
  readonly headers: Readonly<Record<string, string>>
}

/** A problem type a client knows: its type URI and how to rebuild its error from a parsed problem. */
export interface ProblemTypeClass {
  readonly type: string
  fromProblem(problem: ParsedProblem): HttpError
}

/** Options of {@link parseProblem}. */
export interface ParseProblemOptions {
  /** Most bytes of the body read; a longer body is not parsed (the error still has its status). Default 64 KiB. */
  readonly maxBytes?: number
  /** Your problem types, to rebuild their own error classes by `type` URI. */
  readonly types?: readonly ProblemTypeClass[]
  /**
   * The base URI the server resolves relative problem types against: a relative type in `types` then matches only
   * its resolved URI. Without it, a relative type matches the same relative reference, or an absolute URI whose path
   * ends with it (`out-of-credit` matches `https://api.example.com/probs/out-of-credit`).
   */
  readonly typeBase?: string
}

/**
 * Turns an error response into the matching HttpError: reads a problem+json or problem+xml body (any other body is
 * ignored), keeps only the members whose type is right (RFC 9457 §3.1: a wrong-typed member is ignored), and gives
 * the class of the response status, or your own class when the `type` URI is one of `options.types`. Throws a
 * TypeError for a response that is not an error (status below 400).
 *
 * @example
 * const res = await fetch('https://api.example.com/users/42')
 * if (!res.ok) throw await parseProblem(res) // a NotFound with the server's detail
 */
export async function parseProblem(response: Response, options: ParseProblemOptions = {}): Promise<HttpError> {
  const status = response.status
  if (!isErrorStatus(status)) throw new TypeError(`parseProblem expects an error response, got status ${status}`)
  const maxBytes = options.maxBytes ?? 64 * 1024
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  let members: Record<string, JsonValue> | undefined
  // The media type is the server's string: `__proto__` or `constructor` must not find a parser on Object.prototype.
  const parser = lookup(PARSERS, mediaType)
  if (parser !== undefined) {
    const text = await readText(response, maxBytes)
    members = text === undefined ? undefined : parser(text)
  } else {
    await response.body?.cancel().catch(() => undefined)
  }
  const problem = toParsedProblem(status, members ?? {}, response.headers)
  const known = options.types?.find((cls) => matchesType(cls.type, problem.type, options.typeBase))
  return known === undefined ? fromParsed(problem) : known.fromProblem(problem)
}

/**
 * Builds the error of a parsed problem's status with its members, without checking required inputs (the
 * response had whatever headers it had). Problem type classes use it in `fromProblem`.
 *
 * @example
 * const error = fromParsed(problem) // NotFound for a 404, with type, title, detail, instance, extensions
 */
export function fromParsed(problem: ParsedProblem): HttpError {
  // A well-formed `code` member is the error's code again, as it was on the server (it stays an extension too).
  const code = receivedCode(problem.extensions)
  const extensions = problem.extensions
  const init: ProblemInit = {
    ...(problem.type === 'about:blank' ? {} : { type: problem.type }),
    ...(problem.title === undefined ? {} : { title: problem.title }),
    ...(problem.instance === undefined ? {} : { instance: problem.instance }),
    ...(code === undefined ? {} : { code }),
    ...(Object.keys(extensions).length === 0 ? {} : { extensions }),
    headers: problem.headers,
    // A parsed error describes a remote failure: its stack would only point at this parser.
    captureStack: false,
  }
  return constructError(problem.status, problem.detail, init, { lenient: true, noStack: true })
}

// --- internal ---

const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:/i

/** Whether a received type is the one a problem type class declares (see `ParseProblemOptions.typeBase`). */
function matchesType(declared: string, received: string, typeBase: string | undefined): boolean {
  if (resolveType(declared, typeBase) === received || declared === received) return true
  if (typeBase !== undefined || ABSOLUTE_URI.test(declared) || !ABSOLUTE_URI.test(received)) return false
  // The server's typeBase is unknown here: compare the path, whole segments only, and nothing after it.
  let url: URL
  try {
    url = new URL(received)
  } catch {
    return false
  }
  if (url.search !== '' || url.hash !== '') return false
  const path = declared.startsWith('./') ? declared.slice(2) : declared
  if (path === '' || /[?#]/.test(path)) return false
  return path.startsWith('/') ? url.pathname === path : url.pathname.endsWith(`/${path}`)
}

const PARSERS: Readonly<Record<string, (text: string) => Record<string, JsonValue> | undefined>> = {
  'application/problem+json': readJsonObject,
  'application/json': readJsonObject,
  'application/problem+xml': readXmlObject,
}

function readJsonObject(text: string): Record<string, JsonValue> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, JsonValue>) : undefined
  } catch {
    return undefined
  }
}

function readXmlObject(text: string): Record<string, JsonValue> | undefined {
  const members = readProblemXml(text)
  if (members === undefined) return undefined
  // XML carries text only; RFC 9457 defines `status` as a number.
  const status = members.status
  if (typeof status === 'string' && /^[0-9]{3}$/.test(status)) members.status = Number(status)
  return members
}

function toParsedProblem(status: number, members: Record<string, JsonValue>, headers: Headers): ParsedProblem {
  const extensions = Object.create(null) as Record<string, JsonValue>
  for (const name of Object.keys(members)) {
    if (!STANDARD_MEMBERS.has(name)) extensions[name] = members[name] as JsonValue
  }
  return {
    status,
    type: stringMember(members.type) ?? 'about:blank',
    title: stringMember(members.title),
    detail: stringMember(members.detail),
    instance: stringMember(members.instance),
    extensions,
    headers: demandedHeaders(status, headers),
  }
}

/** RFC 9457 §3.1: a member whose value has the wrong type is ignored, as if absent. */
function stringMember(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function demandedHeaders(status: number, headers: Headers): Record<string, string> {
  const rules = (statusInputs as Readonly<Record<number, Readonly<Record<string, InputRule>>>>)[status] ?? {}
  const out: Record<string, string> = {}
  for (const rule of Object.values(rules)) {
    const value = headers.get(rule.header)
    if (value !== null && fieldValueProblem(value) === undefined) out[rule.header] = value
  }
  return out
}

async function readText(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    return undefined
  }
  if (response.body === null) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}
