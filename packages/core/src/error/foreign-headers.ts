/**
 * The one path by which header fields from elsewhere — a foreign error's `headers`, the `Headers` of a Response a
 * foreign error prepared, or an error's own `headers` object read again at render time — become header fields we
 * send. Names must be tokens and values field values (RFC 9110 §5.5, §5.6.2); anything else is dropped, never thrown.
 */

import { fieldValueProblem, isToken } from './header-values'

/** How many fields are read from one source; the rest are ignored (a hostile source can be endless). */
const MAX_FIELDS = 64

/**
 * Reads the valid fields of a plain record, an iterable of `[name, value]` pairs (`Headers`, `Map`, an array) or
 * an object with `forEach(value, name)`, as lower-case names with string values. Numbers become decimal strings. Never throws.
 */
export function readHeaderFields(raw: unknown): [name: string, value: string][] {
  const fields: [string, string][] = []
  if (raw === null || typeof raw !== 'object') return fields
  const add = (name: unknown, rawValue: unknown): void => {
    if (!isToken(name)) return
    const lower = name.toLowerCase()
    // `__proto__` is a token, but assigning it would reach Object.prototype's setter: no header is called that.
    if (lower === '__proto__') return
    const value = typeof rawValue === 'number' && Number.isFinite(rawValue) ? String(rawValue) : rawValue
    if (typeof value === 'string' && fieldValueProblem(value) === undefined) fields.push([lower, value])
  }
  try {
    // Entries first: a Headers, a Map and an array of pairs all iterate as [name, value] (an array's forEach
    // would give indices as names). Then a Headers-like that only has forEach(value, name).
    const iterator = (raw as { [Symbol.iterator]?: unknown })[Symbol.iterator]
    if (typeof iterator === 'function') {
      readIterable(raw, iterator, add)
      return fields
    }
    const forEach = (raw as { forEach?: unknown }).forEach
    if (typeof forEach === 'function') {
      readWithForEach(raw, forEach, add)
      return fields
    }
    for (const name of Object.keys(raw).slice(0, MAX_FIELDS)) {
      let value: unknown
      try {
        value = (raw as Record<string, unknown>)[name]
      } catch {
        continue
      }
      add(name, value)
    }
  } catch {
    // A revoked Proxy or a throwing trap: keep what was read so far.
  }
  return fields
}

/**
 * Tells whether a field describes a body (RFC 9110 §8 representation metadata and validators, RFC 9530 digests,
 * RFC 6266) or its framing: the only body sent is the problem document, so such a field from an error or from a
 * Response a foreign error prepared is never sent. The one exception is the unsatisfied-range `Content-Range` of a
 * 416 (RFC 9110 §14.4, §15.5.17), which describes the selected representation's length and is what that status
 * calls for.
 */
export function describesBody(name: string, value: string, status: number): boolean {
  if (name === 'content-range') return !(status === 416 && UNSATISFIED_RANGE.test(value))
  return BODY_FIELDS.has(name)
}

// --- internal ---

/** Representation metadata, validators and framing of a body. */
const BODY_FIELDS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
  'content-disposition',
  'content-md5',
  'content-digest',
  'repr-digest',
  'digest',
  'etag',
  'last-modified',
  'transfer-encoding',
  'trailer',
])

/** RFC 9110 §14.4: `Content-Range: bytes *\/1234`, the form a 416 carries. */
const UNSATISFIED_RANGE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \*\/[0-9]+$/

const STOP = Symbol('stop')

function readWithForEach(raw: object, forEach: Function, add: (name: unknown, value: unknown) => void): void {
  let count = 0
  try {
    forEach.call(raw, (value: unknown, name: unknown) => {
      if (count++ >= MAX_FIELDS) throw STOP
      add(name, value)
    })
  } catch {
    // STOP, or the source threw: keep what was read.
  }
}

function readIterable(raw: object, iterator: Function, add: (name: unknown, value: unknown) => void): void {
  const it = iterator.call(raw) as Iterator<unknown>
  for (let count = 0; count < MAX_FIELDS; count++) {
    const step = it.next()
    if (step.done === true) return
    const entry = step.value
    if (!Array.isArray(entry) || entry.length < 2) continue
    add(entry[0], entry[1])
  }
}
