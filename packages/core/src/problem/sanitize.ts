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
  /**
   * Most values visited while converting the extension members of one document (and, separately, its `debug`
   * member): every string, number, object, array or other value counts once, each time it is reached. Values past
   * it become `"[Truncated]"` and nothing after them is visited. Default 10000.
   */
  readonly visits?: number
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
  // A document within extensionLength holds at most about 8192 values (each costs at least two JSON characters with
  // its separator); 10000 leaves room for the members JSON leaves out and bounds shared references (a DAG of arrays
  // that points 100 times at the next one is 100^8 values when walked as a tree) to a few milliseconds.
  visits: 10_000,
}

/** Markers written in place of values JSON cannot carry. */
export const CIRCULAR = '[Circular]'
export const TRUNCATED = '[Truncated]'
export const UNREADABLE = '[Unreadable]'

/** What is left of one document's work budget; shared by every member converted with it. Negative once spent. */
export interface VisitBudget {
  visits: number
  /** The member names of each object walked so far, listed once per document however often it is reached. */
  keys?: Map<object, readonly string[]>
}

/** Returned by {@link toJsonValue} when a value's JSON would certainly be longer than the `maxLength` given. */
export const TOO_LONG: unique symbol = Symbol('too long')

/**
 * Converts any value into a JSON value, never throwing: BigInt becomes its decimal string, non-finite numbers
 * `null`, functions/symbols/`undefined` are left out of objects (and `null` in arrays, as JSON.stringify does),
 * `toJSON` is honoured, cycles become `"[Circular]"`, anything past the depth `"[Truncated]"`, and a value whose
 * getter, Proxy trap or `toJSON` throws becomes `"[Unreadable]"`. Returns undefined for a value JSON would omit.
 *
 * The work is bounded whatever the graph: every value reached counts against `budget.visits` (a shared reference
 * counts each time it is reached); once it runs out, the value being visited becomes `"[Truncated]"` and the
 * objects and arrays around it end there. With a `maxLength`, the conversion stops with {@link TOO_LONG} as soon as
 * the JSON is certain to be longer, so a member that cannot fit costs no more than one that can.
 */
export function toJsonValue(
  value: unknown,
  limits: ResolvedLimits,
  key = '',
  budget: VisitBudget = { visits: limits.visits },
  maxLength = Number.POSITIVE_INFINITY,
): JsonValue | undefined | typeof TOO_LONG {
  const walk: Walk = { limits, budget, stack: [], length: 0, maxLength }
  try {
    return convert(value, key, 0, walk)
  } catch (error) {
    if (error === TOO_LONG) return TOO_LONG
    throw error
  }
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

interface Walk {
  readonly limits: ResolvedLimits
  readonly budget: VisitBudget
  /** The objects being walked, outermost first: reaching one again is a cycle. */
  readonly stack: object[]
  /** A lower bound of the JSON length written so far. */
  length: number
  readonly maxLength: number
}

/** Counts `chars` towards the JSON length, and stops the walk once it is certain to exceed the maximum. */
function grow(walk: Walk, chars: number): void {
  walk.length += chars
  if (walk.length > walk.maxLength) throw TOO_LONG
}

function convert(value: unknown, key: string, depth: number, walk: Walk): JsonValue | undefined {
  if (walk.budget.visits <= 0) {
    // Negative: the marker is written, and every object and array around it ends here.
    walk.budget.visits = -1
    return marker(walk, TRUNCATED)
  }
  walk.budget.visits--
  switch (typeof value) {
    case 'string':
      return text(walk, truncate(value, walk.limits.stringLength))
    case 'number':
      grow(walk, 1)
      return Number.isFinite(value) ? value : null
    case 'boolean':
      grow(walk, 4)
      return value
    case 'bigint':
      return text(walk, truncate(value.toString(), walk.limits.stringLength))
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined
  }
  if (value === null) return marker(walk, null)
  const object = value as object
  if (walk.stack.includes(object)) return marker(walk, CIRCULAR)
  try {
    // Inside the guard: instanceof asks a Proxy for its prototype, and a revoked one throws.
    const primitive = unbox(object)
    if (primitive !== undefined) {
      walk.budget.visits++ // the box and its primitive are one value
      return convert(primitive, key, depth, walk)
    }
    const toJSON = (object as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') {
      const replaced: unknown = toJSON.call(object, key)
      // JSON.stringify calls toJSON once; a result that is itself an object is walked without calling it again.
      if (replaced === null || typeof replaced !== 'object') {
        walk.budget.visits++ // the object and what it stands for are one value
        return convert(replaced, key, depth, walk)
      }
      return walkObject(replaced, depth, walk)
    }
    return walkObject(object, depth, walk)
  } catch (error) {
    if (error === TOO_LONG) throw error
    return marker(walk, UNREADABLE)
  }
}

function walkObject(object: object, depth: number, walk: Walk): JsonValue {
  const { limits, stack } = walk
  if (depth >= limits.depth) return marker(walk, TRUNCATED)
  stack.push(object)
  try {
    grow(walk, 2)
    if (Array.isArray(object)) {
      const length = Math.min(object.length, limits.members)
      const out: JsonValue[] = []
      for (let i = 0; i < length; i++) {
        if (i > 0) grow(walk, 1)
        const item = convert(object[i], String(i), depth + 1, walk)
        out.push(item === undefined ? null : item)
        // The budget ran out at this item: the array ends with its marker.
        if (walk.budget.visits < 0) break
      }
      return out
    }
    const out: Record<string, JsonValue> = Object.create(null) as Record<string, JsonValue>
    let count = 0
    for (const name of keysOf(object, walk)) {
      if (count >= limits.members || walk.budget.visits < 0) break
      if (name.length > limits.stringLength) continue
      // One unreadable member (a throwing getter) is marked; its siblings are kept.
      let raw: unknown
      try {
        raw = (object as Record<string, unknown>)[name]
      } catch {
        raw = UNREADABLE
      }
      const item = convert(raw, name, depth + 1, walk)
      if (item === undefined) continue
      grow(walk, name.length + (count > 0 ? 4 : 3))
      out[name] = item
      count++
    }
    return out
  } finally {
    stack.pop()
  }
}

/**
 * The names JSON.stringify would list. Listing them costs as much as the object is big (Object.keys of a
 * ten-million-item Uint8Array takes seconds), so a typed array lists only its first `limits.members` indices (its
 * own names are its indices, in order), and an object shared many times is listed once.
 */
function keysOf(object: object, walk: Walk): readonly string[] {
  if (ArrayBuffer.isView(object)) {
    const length = Number((object as { readonly length?: unknown }).length)
    const count = Number.isFinite(length) ? Math.min(length, walk.limits.members) : 0
    return Array.from({ length: count }, (_, i) => String(i))
  }
  const cache = (walk.budget.keys ??= new Map<object, readonly string[]>())
  let keys = cache.get(object)
  if (keys === undefined) {
    keys = Object.keys(object)
    cache.set(object, keys)
  }
  return keys
}

function text(walk: Walk, value: string): string {
  grow(walk, value.length + 2)
  return value
}

function marker<T extends JsonValue>(walk: Walk, value: T): T {
  grow(walk, typeof value === 'string' ? value.length + 2 : 4)
  return value
}

/** JSON.stringify writes boxed primitives (`new Number(5)`) as the primitive; so do we. */
function unbox(object: object): string | number | boolean | bigint | undefined {
  if (object instanceof Number || object instanceof String || object instanceof Boolean || object instanceof BigInt) {
    return object.valueOf()
  }
  return undefined
}
