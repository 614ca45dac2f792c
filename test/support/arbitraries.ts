// Arbitraries shared by the property tests: hostile thrown values (foreign errors, Proxies, throwing getters,
// circular structures, huge strings) and hostile request header values. test/security/property.test.ts checks core with them;
// test/security/hostile.test.ts sends them through every adapter over a real socket.
import * as Boom from '@hapi/boom'
import fc from 'fast-check'
import createHttpError from 'http-errors'
import { createError, statuses, type HttpError, type ProblemInit } from '@http-problem/core'

// --- markers ---

/**
 * Planted in messages, details, extensions and causes, and in query strings. It may reach the body only when
 * the error is exposed, and never through a query string. The `#` keeps it out of the `x-request-id` echo.
 */
export const MARK = 'S3CRET#MARK'

/** A V8 stack frame line. */
export const STACK_FRAME = '    at '

// --- arbitraries: thrown values ---

/** One megabyte: longer than every limit, and than anything a header may carry. */
export const HUGE = 'x'.repeat(1 << 20)

export const binaryString = fc.string({ unit: 'binary', maxLength: 40 })
export const nastyChar = fc.constantFrom('a', 'Z', '\r', '\n', '\0', '\t', ' ', ':', '"', '<', '&', '\u00e9', '\u2028', '\ud800', '😀', '\u0085')
/** Text that is public by design wherever it goes (a problem title, say): it never carries the MARK. */
export const publicString = fc.oneof(binaryString, fc.string({ unit: nastyChar, maxLength: 20 }), fc.constant(HUGE))
export const nastyString = fc.oneof(
  binaryString,
  fc.string({ unit: nastyChar, maxLength: 20 }),
  fc.constant(MARK),
  fc.constant(HUGE),
)

export const anyValue = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  withBigInt: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withBoxedValues: true,
  withDate: true,
  // `withUnicodeString` is deprecated in fast-check 4; the binary unit is a superset (it adds lone surrogates).
  stringUnit: 'binary',
})

export const statusLike = fc.oneof(
  fc.constant('abc'),
  fc.constant(200),
  fc.constant(1e10),
  fc.constant(NaN),
  fc.integer(),
  fc.double(),
  fc.integer({ min: 400, max: 599 }),
  fc.constant('404'),
)

// --- names of Object.prototype members ---

/**
 * Names of `Object.prototype` members. Wherever a foreign string becomes a key (a header name, an extension name, a
 * foreign error's `type`, `code` or `validationContext`, a media type) they must stay plain strings.
 */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const
export const prototypeName = fc.constantFrom(...PROTOTYPE_NAMES)

const headerName = fc.oneof(
  fc.constantFrom('content-type', 'Content-Length', 'vary', 'set-cookie', 'retry-after', 'x-ok', 'www-authenticate', 'connection'),
  fc.constantFrom('content-encoding', 'Content-Range', 'etag', 'last-modified', 'content-location', 'digest'),
  prototypeName,
  binaryString,
)
const headerValue = fc.oneof(nastyString, fc.integer(), fc.double(), anyValue, fc.constant('a\r\nset-cookie: x=1'))
export const headerBag = fc.dictionary(headerName, headerValue, { maxKeys: 5 })

/** An object shaped like a foreign error (http-errors, Koa, body-parser), some of it nonsense. */
export const foreignRecord = fc.record(
  {
    status: statusLike,
    statusCode: statusLike,
    message: nastyString,
    expose: fc.oneof(fc.boolean(), anyValue),
    headers: fc.oneof(headerBag, anyValue),
    type: fc.oneof(fc.constantFrom('entity.parse.failed', 'entity.too.large', 'about:blank'), prototypeName, nastyString),
    code: fc.oneof(fc.constantFrom('FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_BAD_URL'), prototypeName, nastyString),
    validation: fc.oneof(
      fc.constant([{ instancePath: '/a/b', keyword: 'required', message: 'must have required property', params: { missingProperty: 'c' } }]),
      anyValue,
    ),
    validationContext: fc.oneof(fc.constantFrom('body', 'querystring', 'params', 'headers'), prototypeName, nastyString),
    title: nastyString,
    detail: nastyString,
    isBoom: fc.boolean(),
    output: fc.record({ statusCode: statusLike, headers: headerBag }, { requiredKeys: [] }),
    stack: fc.constant(`Error: ${MARK}\n${STACK_FRAME}secret (/srv/app.js:1:1)`),
  },
  { requiredKeys: [] },
)

const foreignObject = fc.tuple(foreignRecord, fc.boolean()).map(([record, asError]) =>
  asError ? Object.assign(new Error(MARK), record) : { ...record },
)

/**
 * A value built only inside the property. fast-check inspects, clones and prints the values it generates, and
 * would trip over the very traps and getters under test; it sees this wrapper and prints its label instead.
 */
export class Lazy {
  constructor(
    private readonly label: () => string,
    readonly make: () => unknown,
  ) {}
  [fc.toStringMethod](): string {
    return this.label()
  }
}

export function materialise(value: unknown): unknown {
  return value instanceof Lazy ? value.make() : value
}

/** Getters that throw on a few of the names core reads. */
const throwingGetters = fc
  .tuple(
    foreignRecord,
    fc.boolean(),
    fc.subarray(['message', 'status', 'statusCode', 'expose', 'headers', 'stack', 'name', 'cause', 'type', 'toJSON', 'isBoom', 'output', 'title', 'detail', 'extensions', 'instance']),
  )
  .map(
    ([record, asError, names]) =>
      new Lazy(() => `throwing getters ${fc.stringify(names)} on ${asError ? 'an Error' : 'an object'} ${fc.stringify(record)}`, () => {
        const target: object = asError ? Object.assign(new Error(MARK), record) : { ...record }
        // Redefining `stack` makes V8 format the pending stack, which reads `message`: replace it first.
        for (const name of [...names].sort((a, b) => Number(b === 'stack') - Number(a === 'stack'))) {
          Object.defineProperty(target, name, {
            enumerable: true,
            configurable: true,
            get() {
              throw new Error(`getter ${name} ${MARK}`)
            },
          })
        }
        return target
      }),
  )

const proxyTargets: Readonly<Record<string, () => object>> = {
  'a plain object': () => ({ status: 404, message: MARK, headers: { 'x-ok': '1' } }),
  'an Error': () => new Error(MARK),
  'one of our errors': () => createError(404, MARK),
  'one of our 5xx errors': () => createError(503, MARK, { extensions: { MARK } }),
  'a function': () => () => MARK,
  'an http-errors error': () => createHttpError(400, MARK),
}

/** Proxies whose chosen traps throw, around objects, errors, our errors and functions. */
const hostileProxy = fc
  .tuple(
    fc.constantFrom(...Object.keys(proxyTargets)),
    fc.subarray(['get', 'has', 'ownKeys', 'getPrototypeOf', 'getOwnPropertyDescriptor', 'set', 'defineProperty', 'apply'] as const, {
      minLength: 1,
    }),
  )
  .map(
    ([target, traps]) =>
      new Lazy(() => `a Proxy of ${target} whose ${traps.join(', ')} trap(s) throw`, () => {
        const handler: ProxyHandler<object> = {}
        for (const trap of traps) {
          ;(handler as Record<string, unknown>)[trap] = () => {
            throw new Error(`trap ${trap} ${MARK}`)
          }
        }
        return new Proxy((proxyTargets[target] as () => object)(), handler)
      }),
  )

/** Self-referencing values in every place core walks. */
const circular = fc.tuple(foreignObject, fc.integer({ min: 0, max: 3 })).map(([base, shape]) => {
  const o = base as Record<string, unknown>
  if (shape === 0) o.headers = o
  if (shape === 1) o.cause = o
  if (shape === 2) o.output = { statusCode: 500, headers: o }
  if (shape === 3) {
    const extensions: Record<string, unknown> = { MARK }
    extensions.self = extensions
    return createError(500, MARK, { extensions, expose: o.expose === true })
  }
  return o
})

const extensionName = fc.oneof(
  fc.constantFrom('balance', 'errors', 'type', 'status', 'traceId', 'debug', 'a b', '1abc', 'x:y', ''),
  prototypeName,
  binaryString,
)
const extensions = fc.dictionary(extensionName, fc.oneof(anyValue, nastyString), { maxKeys: 6 })

/**
 * A problem type or instance: URIs, relative references, and strings core must drop (they contain a space).
 * Printable strings that are not URI references are left out here: test/security/property.test.ts checks those one by
 * one (NON_URI_REFERENCES).
 */
const uriChar = fc.constantFrom('a', 'Z', '0', '/', '%41', ':', '?', '#', '[', ']', '@', '!', '~', '-', '.', '=', "'")
const uriish = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('about:blank', 'out-of-credit', '/account/12345/msgs/abc', 'tag:example.com,2026:x', 'urn:ietf:rfc:7807'),
  fc.string({ unit: uriChar, maxLength: 12 }).filter(isUriReference),
  nastyString.map((text) => `${text} `),
)

/** Inputs each status with required headers needs, so our constructors accept the init. */
const requiredInputs: Readonly<Record<number, object>> = {
  401: { challenge: { scheme: 'Bearer', params: { realm: 'api' } } },
  405: { allow: ['GET', 'HEAD'] },
  407: { challenge: { scheme: 'Basic', params: { realm: 'proxy' } } },
  416: { completeLength: 1234 },
  426: { upgrade: 'h2c' },
}
const errorStatuses = statuses.filter((row) => row.code >= 400).map((row) => row.code)

/** Our own errors, with arbitrary members; an init the constructor rejects is retried without its headers. */
const ourError = fc
  .record({
    status: fc.oneof(fc.constantFrom(...errorStatuses), fc.integer({ min: 400, max: 599 })),
    detail: fc.option(nastyString, { nil: undefined }),
    init: fc.record(
      {
        type: uriish,
        // The title is the problem type's public summary (RFC 9457 §3.1.3), sent even when the error is hidden.
        title: publicString,
        instance: uriish,
        extensions,
        expose: fc.boolean(),
        headers: fc.dictionary(headerName, fc.string({ unit: nastyChar, maxLength: 10 }), { maxKeys: 3 }),
        cause: fc.constant(new Error(MARK)),
        retryAfter: fc.oneof(fc.nat(), fc.constant(new Date(Date.UTC(2030, 0, 2)))),
        blockedBy: fc.constant('https://authority.example/'),
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ status, detail, init }) => {
    const full = { ...init, ...requiredInputs[status] } as ProblemInit
    const Class = createError[status as 404] as unknown as (new (detail: string | undefined, init: ProblemInit) => HttpError) | undefined
    const make = (i: ProblemInit): HttpError => (Class === undefined ? createError(status, detail ?? '', i) : new Class(detail, i))
    return new Lazy(() => `our ${status} error (${fc.stringify(detail)}, ${fc.stringify(full)})`, () => {
      try {
        return make(full)
      } catch {
        return make({ ...full, headers: undefined } as ProblemInit)
      }
    })
  })

const httpErrorsError = fc
  .tuple(fc.oneof(fc.integer({ min: 400, max: 599 }), fc.constantFrom(404, 500, 503)), nastyString, fc.option(fc.boolean(), { nil: undefined }))
  .map(([status, message, expose]) => {
    const error = createHttpError(status, message)
    if (expose !== undefined) error.expose = expose
    return error
  })

const boomError = fc
  .tuple(fc.integer({ min: 400, max: 599 }), nastyString, anyValue)
  .map(([statusCode, message, data]) => new Boom.Boom(message, { statusCode, data }))

// --- arbitraries: hostile extras (issue 17) ---

const TRAPS = ['get', 'has', 'ownKeys', 'getPrototypeOf', 'getOwnPropertyDescriptor'] as const

function thrower(what: string): () => never {
  return () => {
    throw new Error(`${what} ${MARK}`)
  }
}

function revoked(target: object): object {
  const { proxy, revoke } = Proxy.revocable(target, {})
  revoke()
  return proxy
}

/** Values every read of which can throw: the renderer must write them as "[Unreadable]" and carry on. */
const HOSTILE_LEAVES: Readonly<Record<string, () => unknown>> = {
  'a revoked Proxy': () => revoked({ a: 1 }),
  'a revoked array Proxy': () => revoked([1, 2]),
  'a revoked function Proxy': () => revoked(() => MARK),
  ...Object.fromEntries(TRAPS.map((trap) => [`a Proxy whose ${trap} trap throws`, () => new Proxy({ a: MARK }, { [trap]: thrower(trap) })])),
  'an array Proxy whose get trap throws': () => new Proxy([1, 2, 3], { get: thrower('get') }),
  'a boxed string whose getPrototypeOf trap throws': () => new Proxy(new String(MARK), { getPrototypeOf: thrower('getPrototypeOf') }),
  'an object with a getter that throws': () => Object.defineProperty({ ok: 1 }, 'bad', { enumerable: true, get: thrower('getter') }),
  'an object whose toJSON throws': () => ({ toJSON: thrower('toJSON') }),
  'an object whose toJSON returns a revoked Proxy': () => ({ toJSON: () => revoked({}) }),
  'an object whose toString and Symbol.toPrimitive throw': () => ({ toString: thrower('toString'), [Symbol.toPrimitive]: thrower('toPrimitive') }),
}
export const hostileLeafName = fc.constantFrom(...Object.keys(HOSTILE_LEAVES))

/** Builds a hostile leaf by name (the names are what fast-check prints). */
export function hostileLeaf(name: string): unknown {
  return (HOSTILE_LEAVES[name] as () => unknown)()
}

/** The containers a graph is built from. Maps and Sets carry their members as entries and as own properties. */
type Shape = 'array' | 'object' | 'null-prototype' | 'map' | 'set'
const shape = fc.constantFrom<Shape>('array', 'object', 'null-prototype', 'map', 'set')

/**
 * A description of a value graph, plain data that fast-check can print and shrink; `buildGraph` makes the value.
 * Containers nest other graphs and may point back at themselves (a cycle); a `shared` graph is `levels` containers,
 * each holding `width` references to the one below (a DAG of width^levels paths), and may close a cycle from the
 * bottom level back to the top.
 */
export type GraphSpec =
  | { readonly kind: 'leaf'; readonly value: unknown }
  | { readonly kind: 'hostile'; readonly name: string }
  | { readonly kind: 'container'; readonly shape: Shape; readonly members: ReadonlyArray<readonly [string, GraphSpec]>; readonly cycle: boolean }
  | { readonly kind: 'shared'; readonly shapes: readonly Shape[]; readonly width: number; readonly bottom: GraphSpec; readonly cycle: boolean }

const memberName = fc.oneof(prototypeName, fc.constantFrom('a', 'b', 'errors', 'type', 'status', 'debug', ''), binaryString)

export const graphSpec: fc.Arbitrary<GraphSpec> = fc.letrec<{ graph: GraphSpec }>((tie) => ({
  graph: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    { weight: 2, arbitrary: fc.oneof(anyValue, nastyString).map((value): GraphSpec => ({ kind: 'leaf', value })) },
    { weight: 2, arbitrary: hostileLeafName.map((name): GraphSpec => ({ kind: 'hostile', name })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ shape, members: fc.array(fc.tuple(memberName, tie('graph')), { maxLength: 4 }), cycle: fc.boolean() })
        .map((r): GraphSpec => ({ kind: 'container', ...r })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          shapes: fc.array(shape, { minLength: 1, maxLength: 10 }),
          width: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(100, 200)),
          bottom: tie('graph'),
          cycle: fc.boolean(),
        })
        .map((r): GraphSpec => ({ kind: 'shared', ...r })),
    },
  ),
})).graph

/** Makes the value a graph spec describes. */
export function buildGraph(spec: GraphSpec): unknown {
  switch (spec.kind) {
    case 'leaf':
      return spec.value
    case 'hostile':
      return hostileLeaf(spec.name)
    case 'container': {
      const container = makeContainer(spec.shape)
      for (const [name, member] of spec.members) addMember(container, name, buildGraph(member))
      if (spec.cycle) addMember(container, 'self', container)
      return container
    }
    case 'shared': {
      const bottom = makeContainer(spec.shapes[0] as Shape)
      addMember(bottom, 'leaf', buildGraph(spec.bottom))
      let level: object = bottom
      for (const levelShape of spec.shapes.slice(1)) {
        const next = makeContainer(levelShape)
        for (let i = 0; i < spec.width; i++) addMember(next, `m${i}`, level)
        level = next
      }
      if (spec.cycle) addMember(bottom, 'top', level)
      return level
    }
  }
}

function makeContainer(kind: Shape): object {
  if (kind === 'array') return []
  if (kind === 'map') return new Map()
  if (kind === 'set') return new Set()
  return kind === 'object' ? {} : (Object.create(null) as object)
}

function addMember(container: object, name: string, value: unknown): void {
  if (Array.isArray(container)) container.push(value)
  else {
    if (container instanceof Map) container.set(name, value)
    if (container instanceof Set) container.add(value)
    // defineProperty, not assignment: a member named __proto__ is an own member, as JSON.parse makes it.
    Object.defineProperty(container, name, { value, enumerable: true, configurable: true, writable: true })
  }
}

/** The members of an error the renderer reads besides its status; any of them may be made hostile. */
const ERROR_POSITIONS = ['detail', 'message', 'type', 'title', 'instance', 'extensions', 'cause', 'headers', 'expose', 'name', 'stack', 'validation', 'validationContext', 'code'] as const
type ErrorPosition = (typeof ERROR_POSITIONS)[number]
const PUBLIC_POSITIONS: ReadonlySet<ErrorPosition> = new Set(['type', 'title', 'instance'])

const clientStatuses = statuses.filter((row) => row.code >= 400 && row.code < 500).map((row) => row.code)

/** How a member of a generated error is made hostile: a getter that throws, a hostile leaf, or a hostile graph. */
const positionValue = fc.oneof(
  fc.constant<{ readonly kind: 'getter' }>({ kind: 'getter' }),
  hostileLeafName.map((name) => ({ kind: 'leaf' as const, name })),
  graphSpec.map((graph) => ({ kind: 'graph' as const, graph })),
)

/**
 * A 4xx error (ours, or a foreign one with a readable `status`) whose extras are hostile: extension members are
 * graphs with heavy sharing, cycles and hostile leaves at any depth, named like `Object.prototype` members; and
 * any of its other members (detail, extensions, cause, validation, headers, …) may throw or be hostile. Its status
 * is readable, so the response must carry it: an unreadable extra never turns a 4xx into a 500.
 */
export const hostileClientError = fc
  .record({
    status: fc.constantFrom(...clientStatuses),
    foreign: fc.boolean(),
    extensions: fc.array(fc.tuple(memberName, graphSpec), { maxLength: 3 }),
    causes: fc.array(graphSpec, { maxLength: 3 }),
    positions: fc.dictionary(fc.constantFrom(...ERROR_POSITIONS), positionValue, { maxKeys: 4 }),
  })
  .map((spec) => ({
    status: spec.status,
    error: new Lazy(() => `a hostile ${spec.status} ${spec.foreign ? 'foreign error' : 'error of ours'} ${fc.stringify(spec)}`, () => {
      const extensions = Object.create(null) as Record<string, unknown>
      for (const [name, graph] of spec.extensions) addMember(extensions, name, buildGraph(graph))
      // A cause chain whose links are hostile graphs.
      let cause: unknown
      for (const graph of spec.causes) {
        const link = buildGraph(graph)
        // defineProperty: assigning would ask a Proxy in the prototype chain for a setter.
        cause =
          cause === undefined || link === null || typeof link !== 'object'
            ? link
            : Object.defineProperty(Object.create(link) as object, 'cause', { value: cause, enumerable: true })
      }
      const error: object = spec.foreign
        ? Object.assign(new Error('foreign'), { status: spec.status, expose: true, extensions, cause })
        : createError(spec.status, 'ours', { extensions, cause })
      // Redefining `stack` makes V8 format the pending stack, which reads `message`: replace it first.
      const positions = Object.entries(spec.positions).sort(([a], [b]) => Number(b === 'stack') - Number(a === 'stack'))
      for (const [name, how] of positions as Array<[ErrorPosition, (typeof spec.positions)[string]]>) {
        // type, title and instance are public by design (sent even when the error is hidden): no graph, which may
        // carry the MARK as a plain string, goes there.
        let descriptor: PropertyDescriptor
        if (how.kind === 'getter') descriptor = { get: thrower(`getter ${name}`) }
        else if (how.kind === 'leaf') descriptor = { value: hostileLeaf(how.name), writable: true }
        else descriptor = { value: PUBLIC_POSITIONS.has(name) ? hostileLeaf('a revoked Proxy') : buildGraph(how.graph), writable: true }
        Object.defineProperty(error, name, { ...descriptor, enumerable: true, configurable: true })
      }
      return error
    }),
  }))

export const thrownValue: fc.Arbitrary<unknown> = fc.oneof(
  anyValue,
  nastyString,
  foreignObject,
  throwingGetters,
  hostileProxy,
  circular,
  ourError,
  httpErrorsError,
  boomError,
  hostileClientError.map(({ error }) => error),
)

// --- arbitraries: requests ---

export const validTraceparent = fc
  .tuple(fc.stringMatching(/^[0-9a-f]{32}$/), fc.stringMatching(/^[0-9a-f]{16}$/))
  .map(([trace, parent]) => `00-${trace}-${parent}-01`)

export const headerText = fc.oneof(binaryString, fc.string({ unit: nastyChar, maxLength: 30 }), fc.constant(HUGE))
export const acceptValue = fc.oneof(
  headerText,
  fc.constantFrom(
    '*/*',
    'application/problem+json',
    'application/json',
    'application/problem+xml',
    'application/xml;q=0.9, text/html',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'text/plain',
    'text/*;q=0.1, image/png',
    'application/problem+json;q=0',
  ),
)
export const languageValue = fc.oneof(headerText, fc.constantFrom('zh-CN,zh;q=0.9', 'en-GB', 'zh', 'fr;q=1, zh-Hans;q=0.5', '*'))

// --- URI references ---

/** Whether a string is an RFC 3986 URI reference (used by the arbitraries and by the JSON Schema format check). */
export function isUriReference(value: string): boolean {
  return URI_REFERENCE.test(value)
}

// --- internal ---

// RFC 3986 §3 and §4.1, written out from the ABNF: URI-reference = URI / relative-ref.
const UNRESERVED = "A-Za-z0-9\\-._~"
const SUB_DELIMS = "!$&'()*+,;="
const PCT = '%[0-9A-Fa-f]{2}'
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`
const SEGMENT = `${PCHAR}*`
const SEGMENT_NZ = `${PCHAR}+`
const SEGMENT_NZ_NC = `(?:[${UNRESERVED}${SUB_DELIMS}@]|${PCT})+`
const QUERY = `(?:${PCHAR}|[/?])*`
const IP_LITERAL = `\\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\\.[${UNRESERVED}${SUB_DELIMS}:]+)\\]`
const REG_NAME = `(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*`
const USERINFO = `(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*`
const AUTHORITY = `(?:${USERINFO}@)?(?:${IP_LITERAL}|${REG_NAME})(?::[0-9]*)?`
const PATH_ABEMPTY = `(?:/${SEGMENT})*`
const PATH_ABSOLUTE = `/(?:${SEGMENT_NZ}(?:/${SEGMENT})*)?`
const TAIL = `(?:\\?${QUERY})?(?:#${QUERY})?`
const URI = `[A-Za-z][A-Za-z0-9+.-]*:(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${SEGMENT_NZ}(?:/${SEGMENT})*|)${TAIL}`
const RELATIVE_REF = `(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${SEGMENT_NZ_NC}(?:/${SEGMENT})*|)${TAIL}`
const URI_REFERENCE = new RegExp(`^(?:${URI}|${RELATIVE_REF})$`)
