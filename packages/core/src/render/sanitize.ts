import type { JsonValue } from './document'

/** Bounds on what a problem document may carry; see docs/rendering.md for the rules behind each one. */
export interface ProblemLimits {
  /** Longest `detail` (and `title`), in UTF-16 code units; longer text is cut and ends with `…`. Default 2048. */
  readonly detailLength?: number
  /** Longest string anywhere inside extension members, cut the same way. Default 1024. */
  readonly stringLength?: number
  /** Deepest nesting of objects and arrays inside an extension member. Default 8. */
  readonly depth?: number
  /** Most members of one object or items of one array; the rest are left out. Default 100. */
  readonly members?: number
  /** Budget for all extension members together, measured as the length of their JSON. Default 16384. */
  readonly extensionLength?: number
}

/** The limits with every default filled in. */
export type ResolvedLimits = Required<ProblemLimits>

/** The default limits. */
export const defaultLimits: ResolvedLimits = {
  detailLength: 2048,
  stringLength: 1024,
  depth: 8,
  members: 100,
  extensionLength: 16384,
}

/** Markers written in place of values JSON cannot carry. */
export const CIRCULAR = '[Circular]'
export const TRUNCATED = '[Truncated]'
export const UNREADABLE = '[Unreadable]'

/**
 * Converts any value into a JSON value, never throwing: BigInt becomes its decimal string, non-finite numbers
 * `null`, functions/symbols/`undefined` are left out of objects (and `null` in arrays, as JSON.stringify does),
 * `toJSON` is honoured, cycles become `"[Circular]"`, anything past the depth `"[Truncated]"`, and a value whose
 * getter, Proxy trap or `toJSON` throws becomes `"[Unreadable]"`. Returns undefined for a value JSON would omit.
 */
export function toJsonValue(value: unknown, limits: ResolvedLimits, key = ''): JsonValue | undefined {
  return convert(value, key, 0, limits, [])
}

/** Cuts `text` to at most `max` code units, ending with `…` when cut, without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

// --- internal ---

function convert(value: unknown, key: string, depth: number, limits: ResolvedLimits, stack: object[]): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
      return truncate(value, limits.stringLength)
    case 'number':
      return Number.isFinite(value) ? value : null
    case 'boolean':
      return value
    case 'bigint':
      return truncate(value.toString(), limits.stringLength)
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined
  }
  if (value === null) return null
  const object = value as object
  if (stack.includes(object)) return CIRCULAR
  const primitive = unbox(object)
  if (primitive !== undefined) return convert(primitive, key, depth, limits, stack)
  try {
    const toJSON = (object as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') {
      const replaced: unknown = toJSON.call(object, key)
      // JSON.stringify calls toJSON once; a result that is itself an object is walked without calling it again.
      if (replaced === null || typeof replaced !== 'object') return convert(replaced, key, depth, limits, stack)
      return walk(replaced, depth, limits, stack)
    }
    return walk(object, depth, limits, stack)
  } catch {
    return UNREADABLE
  }
}

function walk(object: object, depth: number, limits: ResolvedLimits, stack: object[]): JsonValue {
  if (depth >= limits.depth) return TRUNCATED
  stack.push(object)
  try {
    if (Array.isArray(object)) {
      const length = Math.min(object.length, limits.members)
      const out: JsonValue[] = []
      for (let i = 0; i < length; i++) {
        const item = convert(object[i], String(i), depth + 1, limits, stack)
        out.push(item === undefined ? null : item)
      }
      return out
    }
    const out: Record<string, JsonValue> = Object.create(null) as Record<string, JsonValue>
    let count = 0
    for (const name of Object.keys(object)) {
      if (count >= limits.members) break
      if (name.length > limits.stringLength) continue
      // One unreadable member (a throwing getter) is marked; its siblings are kept.
      let raw: unknown
      try {
        raw = (object as Record<string, unknown>)[name]
      } catch {
        raw = UNREADABLE
      }
      const item = convert(raw, name, depth + 1, limits, stack)
      if (item === undefined) continue
      out[name] = item
      count++
    }
    return out
  } finally {
    stack.pop()
  }
}

/** JSON.stringify writes boxed primitives (`new Number(5)`) as the primitive; so do we. */
function unbox(object: object): string | number | boolean | bigint | undefined {
  if (object instanceof Number || object instanceof String || object instanceof Boolean || object instanceof BigInt) {
    return object.valueOf()
  }
  return undefined
}
