// createError is a drop-in replacement for http-errors: every call form below runs through both libraries and
// must give the same observable error, except for the differences listed in `deliberateDifferences`.
import httpErrors from 'http-errors'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createError, statuses } from '@http-problem/core'

/** What the two libraries have in common, typed loosely so one harness can drive both. */
interface Lib {
  (...args: unknown[]): unknown
  readonly HttpError: abstract new (...args: never[]) => unknown
  readonly isHttpError: (value: unknown) => boolean
  readonly [key: string]: unknown
}

const libs = {
  ours: createError as unknown as Lib,
  theirs: httpErrors as unknown as Lib,
}

/** One call form: the arguments are built per library, since createError mutates an Error it is given. */
interface Form {
  readonly label: string
  readonly args: (lib: Lib) => readonly unknown[]
  /** Construct `new lib[construct](...args)` instead of calling the factory. */
  readonly construct?: number | string
}

/** Everything a user can observe about the result of one call form. */
type View = Readonly<Record<string, unknown>>

const CRLF = { 'X-A': 'b\r\nSet-Cookie: stolen=1' }
const NON_LATIN1 = { 'X-A': 'caf\u00e9 \u2615' }
const SET_COOKIES = { 'Set-Cookie': ['a=1', 'b=2'] }

const callForms: readonly Form[] = [
  { label: 'createError(404)', args: () => [404] },
  { label: "createError(404, 'msg')", args: () => [404, 'msg'] },
  { label: "createError('msg')", args: () => ['msg'] },
  { label: "createError(404, { expose: false, code: 'E' })", args: () => [404, { expose: false, code: 'E' }] },
  {
    label: "createError(400, 'msg', { expose: false, field: 'name' })",
    args: () => [400, 'msg', { expose: false, field: 'name' }],
  },
  { label: "createError('msg', 404)", args: () => ['msg', 404] },
  { label: "createError(new Error('x'))", args: () => [new Error('x')] },
  { label: "createError(new Error('x'), 404)", args: () => [new Error('x'), 404] },
  { label: "createError(new Error('x'), { code: 'E' })", args: () => [new Error('x'), { code: 'E' }] },
  { label: "createError(404, new Error('x'))", args: () => [404, new Error('x')] },
  { label: 'createError(500, errWith({ status: 404 }))', args: () => [500, errWith({ status: 404 })] },
  { label: 'createError(errWith({ statusCode: 503 }))', args: () => [errWith({ statusCode: 503 })] },
  { label: 'createError(errWith({ status: 302 }))', args: () => [errWith({ status: 302 })] },
  { label: "createError(errWith({ status: '404' }))", args: () => [errWith({ status: '404' })] },
  { label: 'createError(errWith({ status: 0, statusCode: 404 }))', args: () => [errWith({ status: 0, statusCode: 404 })] },
  { label: 'createError(errWith({ status: 404, expose: false }))', args: () => [errWith({ status: 404, expose: false })] },
  { label: "createError(new NotFound('gone'))", args: (lib) => [make(lib, 'NotFound', 'gone')] },
  {
    label: "createError(new NotFound('gone'), { status: 500, code: 'E' })",
    args: (lib) => [make(lib, 'NotFound', 'gone'), { status: 500, code: 'E' }],
  },
  { label: "createError(500, new NotFound('gone'))", args: (lib) => [500, make(lib, 'NotFound', 'gone')] },
  { label: "createError(new BadRequest('b'), 'msg')", args: (lib) => [make(lib, 'BadRequest', 'b'), 'msg'] },
  { label: 'createError(499)', args: () => [499] },
  { label: 'createError(599)', args: () => [599] },
  { label: 'createError(600)', args: () => [600] },
  { label: 'createError(302)', args: () => [302] },
  { label: 'createError(404.5)', args: () => [404.5] },
  { label: 'createError(null)', args: () => [null] },
  { label: 'createError(undefined)', args: () => [undefined] },
  { label: 'createError(true)', args: () => [true] },
  { label: "createError('404')", args: () => ['404'] },
  { label: 'createError()', args: () => [] },
  { label: "createError(404, 'a', 'b')", args: () => [404, 'a', 'b'] },
  { label: 'createError(404, { a: 1 }, { b: 2 })', args: () => [404, { a: 1 }, { b: 2 }] },
  {
    label: "createError(400, { message: 'override', name: 'Custom' })",
    args: () => [400, { message: 'override', name: 'Custom' }],
  },
  { label: "createError({ headers: { 'X-A': 'b' } })", args: () => [{ headers: { 'X-A': 'b' } }] },
  { label: "createError(429, { headers: { 'Retry-After': '30' } })", args: () => [429, { headers: { 'Retry-After': '30' } }] },
  { label: "createError(400, { headers: 'nope' })", args: () => [400, { headers: 'nope' }] },
  { label: 'createError(400, { headers: null })', args: () => [400, { headers: null }] },
  { label: "createError(404, 'msg', { headers: CRLF })", args: () => [404, 'msg', { headers: { ...CRLF } }] },
  { label: "createError(new Error('x'), { headers: CRLF })", args: () => [new Error('x'), { headers: { ...CRLF } }] },
  { label: "createError(400, { headers: { 'X A': 'b' } })", args: () => [400, { headers: { 'X A': 'b' } }] },
  { label: "createError(400, { headers: { 'X-A': ' padded' } })", args: () => [400, { headers: { 'X-A': ' padded' } }] },
  { label: 'createError(400, { headers: NON_LATIN1 })', args: () => [400, { headers: { ...NON_LATIN1 } }] },
  { label: "createError(429, { headers: { 'Retry-After': 30 } })", args: () => [429, { headers: { 'Retry-After': 30 } }] },
  { label: 'createError(400, { headers: SET_COOKIES })', args: () => [400, { headers: { ...SET_COOKIES } }] },
  { label: "new createError.NotFound('msg')", construct: 'NotFound', args: () => ['msg'] },
  { label: 'new createError.ImATeapot()', construct: 'ImATeapot', args: () => [] },
  { label: 'new createError.InternalServerError()', construct: 'InternalServerError', args: () => [] },
  { label: 'new createError.BandwidthLimitExceeded()', construct: 'BandwidthLimitExceeded', args: () => [] },
]

/** Every 4xx/5xx code either library has a class for: our registry, and http-errors' copy of `statuses`. */
const classCodes = [
  ...new Set([
    ...statuses.filter((row) => 'className' in row).map((row) => row.code),
    ...Object.keys(httpErrors).filter((key) => /^\d+$/.test(key)).map(Number),
  ]),
].sort((x, y) => x - y)

const registryForms: readonly Form[] = classCodes.flatMap((code): Form[] => [
  { label: `createError(${code})`, args: () => [code] },
  { label: `createError(${code}, 'msg')`, args: () => [code, 'msg'] },
  { label: `new createError[${code}]()`, construct: code, args: () => [] },
])

const forms: readonly Form[] = [...callForms, ...registryForms]

/**
 * Where createError differs from http-errors on purpose. Each entry is one sentence for the README and the exact
 * values both libraries give for each call form it covers; `anywhere` entries are patterns allowed in any form.
 */
const deliberateDifferences: readonly {
  readonly difference: string
  readonly cases?: Readonly<Record<string, { readonly ours: View; readonly theirs: View }>>
  readonly anywhere?: { readonly ours: View; readonly theirs: View }
}[] = [
  {
    difference:
      'The default message of 413 and 422 is the RFC 9110 phrase, "Content Too Large" and "Unprocessable Content"; ' +
      'the classes and names stay PayloadTooLarge(Error) and UnprocessableEntity(Error).',
    cases: {
      'createError(413)': { ours: { message: 'Content Too Large' }, theirs: { message: 'Payload Too Large' } },
      'new createError[413]()': { ours: { message: 'Content Too Large' }, theirs: { message: 'Payload Too Large' } },
      'createError(422)': { ours: { message: 'Unprocessable Content' }, theirs: { message: 'Unprocessable Entity' } },
      'new createError[422]()': { ours: { message: 'Unprocessable Content' }, theirs: { message: 'Unprocessable Entity' } },
    },
  },
  {
    difference:
      'A status outside 400-599, or one that is not an integer, becomes 500 (an InternalServerError); http-errors ' +
      'keeps a registered 1xx-3xx code such as 302 (on a plain Error) and keeps a fraction such as 404.5.',
    cases: {
      'createError(302)': {
        ours: {
          status: 500,
          statusCode: 500,
          expose: false,
          name: 'InternalServerError',
          message: 'Internal Server Error',
          instanceofHttpError: true,
          instanceofStatusClass: true,
        },
        theirs: {
          status: 302,
          statusCode: 302,
          expose: true,
          name: 'Error',
          message: 'Found',
          instanceofHttpError: false,
          instanceofStatusClass: 'no class',
        },
      },
      'createError(404.5)': {
        ours: {
          status: 500,
          statusCode: 500,
          expose: false,
          name: 'InternalServerError',
          message: 'Internal Server Error',
          instanceofStatusClass: true,
        },
        theirs: {
          status: 404.5,
          statusCode: 404.5,
          expose: true,
          name: 'BadRequestError',
          message: 'Bad Request',
          instanceofStatusClass: 'no class',
        },
      },
      'createError(errWith({ status: 302 }))': {
        ours: { status: 500, statusCode: 500, expose: false, instanceofStatusClass: false },
        theirs: { status: 302, statusCode: 302, expose: true, instanceofStatusClass: 'no class' },
      },
    },
  },
  {
    difference:
      '509 (Bandwidth Limit Exceeded) is not an IANA-registered status, so there is no createError[509] or ' +
      'createError.BandwidthLimitExceeded; createError(509) gives an InternalServerError-class error with status 509 ' +
      'and the message "Internal Server Error", the way both libraries treat any unregistered 5xx code.',
    cases: {
      'createError(509)': {
        ours: { name: 'InternalServerError', message: 'Internal Server Error', instanceofStatusClass: 'no class' },
        theirs: { name: 'BandwidthLimitExceededError', message: 'Bandwidth Limit Exceeded', instanceofStatusClass: true },
      },
      "createError(509, 'msg')": {
        ours: { name: 'InternalServerError', instanceofStatusClass: 'no class' },
        theirs: { name: 'BandwidthLimitExceededError', instanceofStatusClass: true },
      },
      'new createError[509]()': {
        ours: { threw: 'TypeError: createError[509] is not a constructor' },
        theirs: { status: 509, name: 'BandwidthLimitExceededError' },
      },
      'new createError.BandwidthLimitExceeded()': {
        ours: { threw: 'TypeError: createError.BandwidthLimitExceeded is not a constructor' },
        theirs: { status: 509, name: 'BandwidthLimitExceededError' },
      },
    },
  },
  {
    difference:
      'props.headers are checked like every other header: a name that is not a token, or a value with CR, LF or ' +
      'another control character, leading or trailing whitespace, or a character above U+00FF throws a TypeError, ' +
      'so createError can never carry a response-splitting or unsendable header; http-errors copies them as is.',
    cases: {
      "createError(404, 'msg', { headers: CRLF })": {
        ours: { threw: 'TypeError: Invalid value for header "X-A": contains a control character (U+000D)' },
        theirs: { status: 404, headers: CRLF },
      },
      "createError(new Error('x'), { headers: CRLF })": {
        ours: { threw: 'TypeError: Invalid value for header "X-A": contains a control character (U+000D)' },
        theirs: { status: 500, headers: CRLF },
      },
      "createError(400, { headers: { 'X A': 'b' } })": {
        ours: { threw: 'TypeError: Invalid header name "X A"' },
        theirs: { status: 400, headers: { 'X A': 'b' } },
      },
      "createError(400, { headers: { 'X-A': ' padded' } })": {
        ours: { threw: 'TypeError: Invalid value for header "X-A": has leading or trailing whitespace' },
        theirs: { status: 400, headers: { 'X-A': ' padded' } },
      },
      'createError(400, { headers: NON_LATIN1 })': {
        ours: {
          threw:
            'TypeError: Invalid value for header "X-A": contains a character above U+00FF; ' +
            'encode it (for example RFC 8187) first',
        },
        theirs: { status: 400, headers: NON_LATIN1 },
      },
    },
  },
  {
    difference:
      'Constructing a class whose status requires a header (401 and 407 a challenge, 405 allow, 426 upgrade) ' +
      'without that input throws a TypeError, because the RFC requires the header; createError(401) and ' +
      'the other factory forms still work without it, as in http-errors.',
    cases: Object.fromEntries(
      (
        [
          [401, 'Unauthorized needs `challenge`: a 401 response must carry WWW-Authenticate'],
          [405, 'MethodNotAllowed needs `allow`: a 405 response must carry Allow'],
          [407, 'ProxyAuthenticationRequired needs `challenge`: a 407 response must carry Proxy-Authenticate'],
          [426, 'UpgradeRequired needs `upgrade`: a 426 response must carry Upgrade'],
        ] as const
      ).map(([code, message]) => [
        `new createError[${code}]()`,
        { ours: { threw: `TypeError: ${message}` }, theirs: { status: code, headers: undefined } },
      ]),
    ),
  },
  {
    difference:
      'An error made by createError or a class always has a `headers` object, `{}` when it has none; http-errors ' +
      'leaves `headers` undefined unless props set it.',
    anywhere: { ours: { headers: {} }, theirs: { headers: undefined } },
  },
]

describe('createError compared with http-errors', () => {
  const swallowDeprecation = () => {}
  beforeAll(() => {
    // http-errors reports non-error codes (302, 600) through depd; a listener turns that into an event, not stderr.
    process.on('deprecation', swallowDeprecation)
  })
  afterAll(() => {
    process.off('deprecation', swallowDeprecation)
  })

  const labelled = forms.map((form) => [form.label, form] as const)

  it.each(labelled)('%s behaves like http-errors, apart from the documented differences', (_, form) => {
    const ours = observe(libs.ours, form)
    const theirs = observe(libs.theirs, form)
    const documented = deliberateDifferences.flatMap((entry) => {
      const listed = entry.cases?.[form.label]
      if (listed !== undefined) return [listed]
      const pattern = entry.anywhere
      return pattern !== undefined && matches(ours, pattern.ours) && matches(theirs, pattern.theirs) ? [pattern] : []
    })
    // Each documented difference must describe both sides exactly as they are, and must still be a difference.
    for (const { ours: oursPart, theirs: theirsPart } of documented) {
      expect(pick(theirs, Object.keys(theirsPart))).toEqual(theirsPart)
      for (const key of Object.keys(oursPart)) {
        if (key in theirsPart) expect(oursPart[key]).not.toEqual(theirsPart[key])
      }
    }
    const throwsOnPurpose = documented.some((part) => 'threw' in part.ours)
    const expected = throwsOnPurpose
      ? Object.assign({}, ...documented.map((part) => part.ours))
      : Object.assign({ ...theirs }, ...documented.map((part) => part.ours))
    expect(ours).toEqual(expected)
  })

  it('lists only call forms that exist in the table', () => {
    const labels = new Set(forms.map((form) => form.label))
    const listed = deliberateDifferences.flatMap((entry) => Object.keys(entry.cases ?? {}))
    expect(listed.filter((label) => !labels.has(label))).toEqual([])
  })

  it('uses every "anywhere" difference in at least one call form', () => {
    for (const entry of deliberateDifferences) {
      const pattern = entry.anywhere
      if (pattern === undefined) continue
      const seen = forms.some(
        (form) => matches(observe(libs.ours, form), pattern.ours) && matches(observe(libs.theirs, form), pattern.theirs),
      )
      expect(seen, entry.difference).toBe(true)
    }
  })

  it('keeps a class for every status http-errors has, except 509', () => {
    const missing = classCodes.filter((code) => typeof libs.ours[code] !== 'function')
    expect(missing).toEqual([509])
    const extra = classCodes.filter((code) => typeof libs.theirs[code] !== 'function')
    expect(extra).toEqual([])
  })

  it('refuses new createError.HttpError() with a TypeError, like http-errors', () => {
    // @ts-expect-error HttpError is abstract in the types as well
    expect(() => new createError.HttpError()).toThrow(TypeError)
    expect(() => new (httpErrors.HttpError as unknown as new () => unknown)()).toThrow(TypeError)
  })

  it('counts an error of either library as an http error for its own isHttpError', () => {
    expect(createError.isHttpError(createError(404))).toBe(true)
    expect(httpErrors.isHttpError(httpErrors(404))).toBe(true)
    // A plain Error shaped like an http error is one for both, and neither counts a bare Error.
    const shaped = Object.assign(new Error('x'), { status: 418, statusCode: 418, expose: true })
    expect([createError.isHttpError(shaped), httpErrors.isHttpError(shaped)]).toEqual([true, true])
    expect([createError.isHttpError(new Error('x')), httpErrors.isHttpError(new Error('x'))]).toEqual([false, false])
  })
})

// --- internal ---

function errWith(fields: Readonly<Record<string, unknown>>): Error {
  return Object.assign(new Error('x'), fields)
}

function make(lib: Lib, className: string, message: string): Error {
  return new (lib[className] as new (message: string) => Error)(message)
}

function observe(lib: Lib, form: Form): View {
  const args = form.args(lib)
  let result: unknown
  try {
    if (form.construct === undefined) {
      result = lib(...args)
    } else {
      const cls = lib[form.construct]
      const where = typeof form.construct === 'number' ? `createError[${form.construct}]` : `createError.${form.construct}`
      if (typeof cls !== 'function') throw new TypeError(`${where} is not a constructor`)
      result = new (cls as new (...a: unknown[]) => unknown)(...args)
    }
  } catch (error) {
    return { threw: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) }
  }
  const err = result as Record<string, unknown>
  const status = err.status as number
  const props = args.find(
    (arg): arg is Record<string, unknown> => typeof arg === 'object' && arg !== null && !(arg instanceof Error),
  )
  const statusClass = lib[status]
  return {
    status,
    statusCode: err.statusCode,
    expose: err.expose,
    name: err.name,
    message: err.message,
    headers: err.headers,
    // props are copied onto the error as own properties, except status and statusCode.
    ownProps:
      props === undefined
        ? undefined
        : Object.fromEntries(
            Object.keys(props)
              .filter((key) => key !== 'status' && key !== 'statusCode')
              .map((key) => [key, Object.hasOwn(err, key) ? err[key] : '(not an own property)']),
          ),
    returnsTheGivenError: args.some((arg) => arg === result),
    instanceofError: result instanceof Error,
    isHttpError: lib.isHttpError(result),
    instanceofHttpError: result instanceof lib.HttpError,
    instanceofStatusClass:
      typeof statusClass === 'function' ? result instanceof (statusClass as new () => unknown) : 'no class',
    instanceofNotFound: result instanceof (lib.NotFound as new () => unknown),
  }
}

function matches(view: View, part: View): boolean {
  return Object.keys(part).every((key) => key in view && isDeepEqual(view[key], part[key]))
}

function pick(view: View, keys: readonly string[]): View {
  return Object.fromEntries(keys.filter((key) => key in view).map((key) => [key, view[key]]))
}

function isDeepEqual(x: unknown, y: unknown): boolean {
  if (Object.is(x, y)) return true
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
  const keys = Object.keys(x)
  if (keys.length !== Object.keys(y).length) return false
  return keys.every((key) => isDeepEqual((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]))
}
