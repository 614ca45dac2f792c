// A consumer of the installed packages, type-checked by test/packaging/consumer.test.ts as .mts and .cts under
// module nodenext and as .ts under moduleResolution bundler, strict, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess and skipLibCheck false, with TypeScript 5.x and the latest. Each @ts-expect-error line
// proves a type is not any: if the type were any, the line would compile and the directive would be an error.
import {
  BadGateway, BadRequest, Conflict, ContentTooLarge, ExpectationFailed, FailedDependency, Forbidden, GatewayTimeout, Gone, HTTPVersionNotSupported, ImATeapot, InsufficientStorage, InternalServerError, LengthRequired, Locked, LoopDetected, MethodNotAllowed, MisdirectedRequest, NetworkAuthenticationRequired, NotAcceptable, NotExtended, NotFound, NotImplemented, PayloadTooLarge, PaymentRequired, PreconditionFailed, PreconditionRequired, ProxyAuthenticationRequired, RangeNotSatisfiable, RequestHeaderFieldsTooLarge, RequestTimeout, ServiceUnavailable, TooEarly, TooManyRequests, URITooLong, Unauthorized, UnavailableForLegalReasons, UnprocessableContent, UnprocessableEntity, UnsupportedMediaType, UpgradeRequired, VariantAlsoNegotiates,
  DateNotAcceptable,
  DigestInvalidValues,
  DigestMismatchedValues,
  DigestUnsupportedAlgorithms,
  HttpError,
  OhttpKeyNotAcceptable,
  createError,
  defineProblemType,
  fromAjvErrors,
  fromStandardSchemaIssues,
  getStatus,
  isHttpError,
  isProblemCode,
  openApiProblems,
  parseProblem,
  planResponse,
  resolveOptions,
  shouldLog,
  stackForLog,
  statuses,
  toHttpError,
  toJsonPointer,
  toResponse,
  everyFormat,
  nodeDefaults,
  nodeFrameworkErrors,
  zhCN,
  nodeRequestView,
  validationProblem,
  type ErrorStatus,
  type ErrorHook,
  type ProblemOptions,
  type ResponsePlan,
} from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import * as koaAdapter from '@http-problem/koa'
import * as fastifyAdapter from '@http-problem/fastify'
import * as fetchAdapter from '@http-problem/fetch'
import * as nodeAdapter from '@http-problem/node'
import * as otel from '@http-problem/opentelemetry'
import * as nestAdapter from '@http-problem/nest'
import { ApiProblemResponse } from '@http-problem/nest/swagger'
import { trace } from '@opentelemetry/api'
import express from 'express'
import Koa from 'koa'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { createServer } from 'node:http'
import { createServer as createHttp2Server } from 'node:http2'
import { z } from 'zod'

// Every error class, with the inputs its status requires.
export const everyClass: ReadonlyArray<readonly [HttpError, ErrorStatus]> = [
  [new BadRequest(), 400],
  [new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api' } } }), 401],
  [new PaymentRequired(), 402],
  [new Forbidden(), 403],
  [new NotFound(), 404],
  [new MethodNotAllowed({ allow: ['GET', 'HEAD'] }), 405],
  [new NotAcceptable(), 406],
  [new ProxyAuthenticationRequired({ challenge: { scheme: 'Basic', params: { realm: 'proxy' } } }), 407],
  [new RequestTimeout(), 408],
  [new Conflict(), 409],
  [new Gone(), 410],
  [new LengthRequired(), 411],
  [new PreconditionFailed(), 412],
  [new PayloadTooLarge({ retryAfter: 5 }), 413],
  [new ContentTooLarge({ retryAfter: 5 }), 413],
  [new URITooLong(), 414],
  [new UnsupportedMediaType({ accept: ['application/json'] }), 415],
  [new RangeNotSatisfiable({ completeLength: 1024 }), 416],
  [new ExpectationFailed(), 417],
  [new ImATeapot(), 418],
  [new MisdirectedRequest(), 421],
  [new UnprocessableEntity(), 422],
  [new UnprocessableContent(), 422],
  [new Locked(), 423],
  [new FailedDependency(), 424],
  [new TooEarly(), 425],
  [new UpgradeRequired({ upgrade: 'HTTP/2' }), 426],
  [new PreconditionRequired(), 428],
  [new TooManyRequests({ retryAfter: 30 }), 429],
  [new RequestHeaderFieldsTooLarge(), 431],
  [new UnavailableForLegalReasons({ blockedBy: 'https://example.com/authority' }), 451],
  [new InternalServerError(), 500],
  [new NotImplemented(), 501],
  [new BadGateway(), 502],
  [new ServiceUnavailable({ retryAfter: new Date(0) }), 503],
  [new GatewayTimeout(), 504],
  [new HTTPVersionNotSupported(), 505],
  [new VariantAlsoNegotiates(), 506],
  [new InsufficientStorage(), 507],
  [new LoopDetected(), 508],
  [new NotExtended(), 510],
  [new NetworkAuthenticationRequired(), 511],
]

// The IANA-registered problem types.
export const ianaTypes: ReadonlyArray<HttpError<400>> = [
  new DateNotAcceptable(),
  new OhttpKeyNotAcceptable(),
  new DigestUnsupportedAlgorithms({ unsupported_algorithms: [] }),
  new DigestInvalidValues(),
  new DigestMismatchedValues({ mismatched_digests: [] }),
]

// The literal status types survive installation.
export const notFoundStatus: 404 = new NotFound().status
export const teapot: 418 = new ImATeapot('short and stout').statusCode
// @ts-expect-error a 405 needs allow
new MethodNotAllowed()
// @ts-expect-error a 401 needs a challenge
new Unauthorized('who are you?')
// @ts-expect-error allow belongs to 405
new NotFound({ allow: ['GET'] })
// @ts-expect-error a NotFound's status is 404, not 400
export const wrongStatus: 400 = new NotFound().status

// createError in all its forms, typed by status.
export const created: NotFound = createError(404)
export const withMessage: HttpError<404> = createError(404, 'No user 42', { code: 'E_USER' })
export const adopted: Error = createError(new Error('db down'))
export const byNumber: typeof NotFound = createError[404]
export const byName: typeof NotFound = createError.NotFound
export const byAlias: typeof ContentTooLarge = createError.ContentTooLarge
export const sameClass: boolean = createError[422] === createError.UnprocessableContent
export const abstractBase: typeof HttpError = createError.HttpError
export const duck: boolean = createError.isHttpError(created) && isHttpError(created)
// @ts-expect-error no such member: createError(404) is a NotFound, not any
createError(404).nope
// @ts-expect-error no such class on createError
createError.NotAClass
// @ts-expect-error 200 is not an error status
createError[200]
// @ts-expect-error createError.NotFound is a class with a typed constructor
new createError.NotFound({ allow: ['GET'] })

// Adopting foreign errors, the registry.
export const foreign: HttpError = toHttpError('oops')
export const phrase: string | undefined = getStatus(404)?.phrase
export const firstCode: number | undefined = statuses[0]?.code

// Problem types, validation problems and OpenAPI output.
export const OutOfCredit = defineProblemType<{ balance: number; accounts: string[] }>()({
  type: 'https://example.com/probs/out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
  titles: { 'zh-CN': '您的余额不足。' },
})
export const outOfCredit = new OutOfCredit({ balance: 30, accounts: ['/account/12345'] }, { detail: 'That costs 50.' })
export const outOfCreditStatus: 403 = outOfCredit.status
// @ts-expect-error accounts is missing
new OutOfCredit({ balance: 30 })

const Person = z.object({ name: z.string(), age: z.number().int().positive() })
export async function validate(body: unknown): Promise<HttpError<400 | 422> | undefined> {
  const result = await Person['~standard'].validate(body)
  if (result.issues) return validationProblem(fromStandardSchemaIssues(result.issues))
  const parsed = Person.safeParse(body)
  if (!parsed.success) return validationProblem(fromStandardSchemaIssues(parsed.error.issues), { status: 400 })
  return undefined
}
export const byHand = validationProblem([{ detail: 'must be a positive integer', pointer: toJsonPointer(['age', 0]) }])
export const fromAjv = validationProblem(fromAjvErrors([{ instancePath: '/age', message: 'must be integer' }], 'query'))
export const openApi = openApiProblems([401, 404, OutOfCredit], { typeBase: 'https://example.com/probs/' })

// Rendering and reading back.
const options: ProblemOptions = { typeBase: 'https://example.com/probs/', instanceFromPath: true }
const resolved = resolveOptions(options)
export const plan: ResponsePlan = planResponse(new NotFound(), { method: 'GET', path: '/x', headers: { accept: 'application/json' } }, resolved)
export const logLine: string | undefined = shouldLog(plan.error, resolved) ? stackForLog(new Error('x'), plan.error) : undefined

// Issue 14: a machine-readable code on every error, typed string | undefined.
export const userCode: string | undefined = new NotFound('No user 42', { code: 'E_USER' }).code
// @ts-expect-error a code is a string
new NotFound('No user 42', { code: 42 })
export const codeIsValid: boolean = isProblemCode('E_USER')
export const response: Response = toResponse(new NotFound(), new Request('http://localhost/x'), resolved)
export async function readBack(res: Response): Promise<HttpError> {
  return parseProblem(res, { types: [OutOfCredit], maxBytes: 64 * 1024 })
}

// Every adapter, mounted in its framework.
const expressApp = express()
expressApp.get(
  '/users/:id',
  expressAdapter.wrapAsync(async (req: express.Request<{ id: string }>, res: express.Response) => {
    if (req.params.id !== '1') throw new NotFound(`No user with id ${req.params.id}`)
    res.json({ id: 1 })
  }),
)
expressApp.use(expressAdapter.notFound())
expressApp.use(expressAdapter.errorHandler(options))

const koaApp = new Koa()
koaApp.use(koaAdapter.errorHandler(options))
koaApp.use(async (ctx, next) => {
  if (ctx.path === '/boom') throw new InternalServerError()
  await next()
})
koaApp.use(koaAdapter.notFound())

export async function fastifyApp(): Promise<void> {
  const app = Fastify()
  await app.register(fastifyAdapter.problemDetails, options)
  app.get('/users/:id', async () => {
    throw new NotFound()
  })
  app.setErrorHandler(fastifyAdapter.errorHandler(options))
  app.setNotFoundHandler(fastifyAdapter.notFound(options))
}

// The same handlers type-check on a Fastify app served over HTTP/2.
export function fastifyHttp2App(): void {
  const app = Fastify({ http2: true })
  app.setErrorHandler(fastifyAdapter.errorHandler(options))
  app.setNotFoundHandler(fastifyAdapter.notFound(options))
}

const hono = new Hono()
hono.get('/users/:id', () => {
  throw new NotFound()
})
hono.onError(fetchAdapter.errorHandler(options))
hono.notFound(fetchAdapter.notFound(options))
export const fetchHandler = fetchAdapter.withProblems(async (request: Request): Promise<Response> => {
  if (new URL(request.url).pathname !== '/') throw new NotFound()
  return new Response('ok')
}, options)

export const nodeServer = createServer(
  nodeAdapter.errorHandler((req, res) => {
    if (req.url === '/boom') throw new BadGateway()
    res.end('ok')
  }, options),
)
export const nodeNotFound = createServer(nodeAdapter.errorHandler(nodeAdapter.notFound()))

// node:http2's compatibility API: the Http2Listener overload gives an HTTP/2 listener.
const http2Listener: nodeAdapter.Http2Listener = (req, res) => {
  res.end(req.url)
}
export const nodeHttp2Server = createHttp2Server(nodeAdapter.errorHandler(http2Listener, options))
// @ts-expect-error an HTTP/1 listener's wrapper is not an HTTP/2 listener
createHttp2Server(nodeAdapter.errorHandler((req: import('node:http').IncomingMessage) => req.url))

// @http-problem/opentelemetry: withTelemetry() is an onError hook of every adapter, with or without a hook of yours.
expressApp.use(expressAdapter.errorHandler({ onError: otel.withTelemetry() }))
koaApp.use(koaAdapter.errorHandler({ onError: otel.withTelemetry((error, { status, id }) => console.warn(error.status, status, id)) }))
expressApp.use(
  expressAdapter.errorHandler({
    onError: otel.withTelemetry<express.Request>((_error, { request }) => {
      console.warn(request.originalUrl)
    }),
  }),
)
hono.onError(fetchAdapter.errorHandler({ onError: otel.withTelemetry() }))
otel.recordProblem(new NotFound(), { status: 404, id: 'req-1' }, trace.getActiveSpan())
const telemetryHook: ErrorHook = otel.withTelemetry()
// @ts-expect-error the hook's context is core's ErrorContext, typed with the framework's request: Express's has no nope
expressAdapter.errorHandler({ onError: otel.withTelemetry<express.Request>((_error, { request }) => request.nope) })
// @ts-expect-error the status is a number, not any
otel.recordProblem(new NotFound(), { status: '404' })
export const problemAttributeNames: readonly string[] = Object.values(otel.problemAttributes)
export { telemetryHook }

// @http-problem/nest: the filter for useGlobalFilters, the module for APP_FILTER, the ValidationPipe. The hook's request
// is Express's req or Fastify's request, told apart by 'raw'.
export const nestFilter = new nestAdapter.ProblemDetailsFilter({
  typeBase: 'https://example.com/probs/',
  onError: (_error, { request }) => console.warn('raw' in request ? request.raw.url : request.url),
})
export const nestModule = nestAdapter.ProblemDetailsModule.forRoot({ log: false })
export const nestAsyncModule = nestAdapter.ProblemDetailsModule.forRootAsync({
  inject: ['TYPE_BASE'],
  useFactory: (typeBase: string) => ({ typeBase }),
})
export const nestPipe = nestAdapter.problemValidationPipe({ whitelist: true, forbidNonWhitelisted: true, errorHttpStatusCode: 422 })
// @ts-expect-error the pipe makes the error itself: no exceptionFactory
nestAdapter.problemValidationPipe({ exceptionFactory: () => new Error('no') })
export const nestOptionsToken: symbol = nestAdapter.PROBLEM_DETAILS_OPTIONS

// @http-problem/nest/swagger: statuses with a class and problem types, as a method or class decorator.
export const documentProblems: MethodDecorator & ClassDecorator = ApiProblemResponse([404, 405, OutOfCredit], { typeBase: 'https://example.com/probs/' })
export const documentOne: MethodDecorator & ClassDecorator = ApiProblemResponse(409)
// @ts-expect-error 302 has no error class: only error statuses and problem types are documented
ApiProblemResponse(302)

// Every format, and everything the Node adapters offer by default, for a fetch handler; and a Node adapter's request view.
export const everyFormatHandler = fetchAdapter.withProblems(() => new Response('ok'), everyFormat)
export const everything = fetchAdapter.withProblems(() => new Response('ok'), { ...nodeDefaults, locales: { 'zh-CN': zhCN } })
export const joiToo = fetchAdapter.errorHandler({ foreignErrors: [nodeFrameworkErrors] })
// @ts-expect-error foreignErrors holds rules this package makes, not functions
fetchAdapter.errorHandler({ foreignErrors: [() => undefined] })
export const view = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => nodeRequestView(req, res)
// @ts-expect-error a request without headers is not a Node request
nodeRequestView({ method: 'GET' }, { getHeaders: () => ({}) })
