import { defineErrorClass, type HttpErrorClass } from './define-error-class'
import type { HttpError } from './http-error'

// One class per 4xx/5xx status in the registry, in code order. classes.test.ts checks this file against the
// registry, so a class cannot drift from its row. The type alias of the same name is the instance type.

/** 400 Bad Request (RFC 9110 §15.5.1). @example throw new BadRequest() */
export const BadRequest: HttpErrorClass<400> = /* @__PURE__ */ defineErrorClass(400)
export type BadRequest = HttpError<400>

/** 401 Unauthorized (RFC 9110 §15.5.2). @example throw new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api' } } }) */
export const Unauthorized: HttpErrorClass<401> = /* @__PURE__ */ defineErrorClass(401)
export type Unauthorized = HttpError<401>

/** 402 Payment Required (RFC 9110 §15.5.3). @example throw new PaymentRequired() */
export const PaymentRequired: HttpErrorClass<402> = /* @__PURE__ */ defineErrorClass(402)
export type PaymentRequired = HttpError<402>

/** 403 Forbidden (RFC 9110 §15.5.4). @example throw new Forbidden() */
export const Forbidden: HttpErrorClass<403> = /* @__PURE__ */ defineErrorClass(403)
export type Forbidden = HttpError<403>

/** 404 Not Found (RFC 9110 §15.5.5). @example throw new NotFound() */
export const NotFound: HttpErrorClass<404> = /* @__PURE__ */ defineErrorClass(404)
export type NotFound = HttpError<404>

/** 405 Method Not Allowed (RFC 9110 §15.5.6). @example throw new MethodNotAllowed({ allow: ['GET', 'HEAD'] }) */
export const MethodNotAllowed: HttpErrorClass<405> = /* @__PURE__ */ defineErrorClass(405)
export type MethodNotAllowed = HttpError<405>

/** 406 Not Acceptable (RFC 9110 §15.5.7). @example throw new NotAcceptable() */
export const NotAcceptable: HttpErrorClass<406> = /* @__PURE__ */ defineErrorClass(406)
export type NotAcceptable = HttpError<406>

/** 407 Proxy Authentication Required (RFC 9110 §15.5.8). @example throw new ProxyAuthenticationRequired({ challenge: { scheme: 'Basic', params: { realm: 'proxy' } } }) */
export const ProxyAuthenticationRequired: HttpErrorClass<407> = /* @__PURE__ */ defineErrorClass(407)
export type ProxyAuthenticationRequired = HttpError<407>

/** 408 Request Timeout (RFC 9110 §15.5.9). @example throw new RequestTimeout() */
export const RequestTimeout: HttpErrorClass<408> = /* @__PURE__ */ defineErrorClass(408)
export type RequestTimeout = HttpError<408>

/** 409 Conflict (RFC 9110 §15.5.10). @example throw new Conflict() */
export const Conflict: HttpErrorClass<409> = /* @__PURE__ */ defineErrorClass(409)
export type Conflict = HttpError<409>

/** 410 Gone (RFC 9110 §15.5.11). @example throw new Gone() */
export const Gone: HttpErrorClass<410> = /* @__PURE__ */ defineErrorClass(410)
export type Gone = HttpError<410>

/** 411 Length Required (RFC 9110 §15.5.12). @example throw new LengthRequired() */
export const LengthRequired: HttpErrorClass<411> = /* @__PURE__ */ defineErrorClass(411)
export type LengthRequired = HttpError<411>

/** 412 Precondition Failed (RFC 9110 §15.5.13). @example throw new PreconditionFailed() */
export const PreconditionFailed: HttpErrorClass<412> = /* @__PURE__ */ defineErrorClass(412)
export type PreconditionFailed = HttpError<412>

/** 413 Content Too Large (RFC 9110 §15.5.14). @example throw new PayloadTooLarge('Uploads are limited to 1 MB', { retryAfter: 60 }) */
export const PayloadTooLarge: HttpErrorClass<413> = /* @__PURE__ */ defineErrorClass(413)
export type PayloadTooLarge = HttpError<413>
/** 413 Content Too Large under its RFC 9110 name; the same class as `PayloadTooLarge`. @example throw new ContentTooLarge() */
export const ContentTooLarge: HttpErrorClass<413> = PayloadTooLarge
export type ContentTooLarge = HttpError<413>

/** 414 URI Too Long (RFC 9110 §15.5.15). @example throw new URITooLong() */
export const URITooLong: HttpErrorClass<414> = /* @__PURE__ */ defineErrorClass(414)
export type URITooLong = HttpError<414>

/** 415 Unsupported Media Type (RFC 9110 §15.5.16). @example throw new UnsupportedMediaType({ accept: ['application/json'] }) */
export const UnsupportedMediaType: HttpErrorClass<415> = /* @__PURE__ */ defineErrorClass(415)
export type UnsupportedMediaType = HttpError<415>

/** 416 Range Not Satisfiable (RFC 9110 §15.5.17). @example throw new RangeNotSatisfiable({ completeLength: 1024 }) */
export const RangeNotSatisfiable: HttpErrorClass<416> = /* @__PURE__ */ defineErrorClass(416)
export type RangeNotSatisfiable = HttpError<416>

/** 417 Expectation Failed (RFC 9110 §15.5.18). @example throw new ExpectationFailed() */
export const ExpectationFailed: HttpErrorClass<417> = /* @__PURE__ */ defineErrorClass(417)
export type ExpectationFailed = HttpError<417>

/** 418 I'm a Teapot (RFC 9110 §15.5.19). @example throw new ImATeapot() */
export const ImATeapot: HttpErrorClass<418> = /* @__PURE__ */ defineErrorClass(418)
export type ImATeapot = HttpError<418>

/** 421 Misdirected Request (RFC 9110 §15.5.20). @example throw new MisdirectedRequest() */
export const MisdirectedRequest: HttpErrorClass<421> = /* @__PURE__ */ defineErrorClass(421)
export type MisdirectedRequest = HttpError<421>

/** 422 Unprocessable Content (RFC 9110 §15.5.21). @example throw new UnprocessableEntity() */
export const UnprocessableEntity: HttpErrorClass<422> = /* @__PURE__ */ defineErrorClass(422)
export type UnprocessableEntity = HttpError<422>
/** 422 Unprocessable Content under its RFC 9110 name; the same class as `UnprocessableEntity`. @example throw new UnprocessableContent() */
export const UnprocessableContent: HttpErrorClass<422> = UnprocessableEntity
export type UnprocessableContent = HttpError<422>

/** 423 Locked (RFC 4918 §11.3). @example throw new Locked() */
export const Locked: HttpErrorClass<423> = /* @__PURE__ */ defineErrorClass(423)
export type Locked = HttpError<423>

/** 424 Failed Dependency (RFC 4918 §11.4). @example throw new FailedDependency() */
export const FailedDependency: HttpErrorClass<424> = /* @__PURE__ */ defineErrorClass(424)
export type FailedDependency = HttpError<424>

/** 425 Too Early (RFC 8470 §5.2). @example throw new TooEarly() */
export const TooEarly: HttpErrorClass<425> = /* @__PURE__ */ defineErrorClass(425)
export type TooEarly = HttpError<425>

/** 426 Upgrade Required (RFC 9110 §15.5.22). @example throw new UpgradeRequired({ upgrade: 'HTTP/2' }) */
export const UpgradeRequired: HttpErrorClass<426> = /* @__PURE__ */ defineErrorClass(426)
export type UpgradeRequired = HttpError<426>

/** 428 Precondition Required (RFC 6585 §3). @example throw new PreconditionRequired() */
export const PreconditionRequired: HttpErrorClass<428> = /* @__PURE__ */ defineErrorClass(428)
export type PreconditionRequired = HttpError<428>

/** 429 Too Many Requests (RFC 6585 §4). @example throw new TooManyRequests('Slow down', { retryAfter: 30 }) */
export const TooManyRequests: HttpErrorClass<429> = /* @__PURE__ */ defineErrorClass(429)
export type TooManyRequests = HttpError<429>

/** 431 Request Header Fields Too Large (RFC 6585 §5). @example throw new RequestHeaderFieldsTooLarge() */
export const RequestHeaderFieldsTooLarge: HttpErrorClass<431> = /* @__PURE__ */ defineErrorClass(431)
export type RequestHeaderFieldsTooLarge = HttpError<431>

/** 451 Unavailable For Legal Reasons (RFC 7725 §3). @example throw new UnavailableForLegalReasons({ blockedBy: 'https://blocker.example/' }) */
export const UnavailableForLegalReasons: HttpErrorClass<451> = /* @__PURE__ */ defineErrorClass(451)
export type UnavailableForLegalReasons = HttpError<451>

/** 500 Internal Server Error (RFC 9110 §15.6.1). @example throw new InternalServerError() */
export const InternalServerError: HttpErrorClass<500> = /* @__PURE__ */ defineErrorClass(500)
export type InternalServerError = HttpError<500>

/** 501 Not Implemented (RFC 9110 §15.6.2). @example throw new NotImplemented() */
export const NotImplemented: HttpErrorClass<501> = /* @__PURE__ */ defineErrorClass(501)
export type NotImplemented = HttpError<501>

/** 502 Bad Gateway (RFC 9110 §15.6.3). @example throw new BadGateway() */
export const BadGateway: HttpErrorClass<502> = /* @__PURE__ */ defineErrorClass(502)
export type BadGateway = HttpError<502>

/** 503 Service Unavailable (RFC 9110 §15.6.4). @example throw new ServiceUnavailable({ retryAfter: 120 }) */
export const ServiceUnavailable: HttpErrorClass<503> = /* @__PURE__ */ defineErrorClass(503)
export type ServiceUnavailable = HttpError<503>

/** 504 Gateway Timeout (RFC 9110 §15.6.5). @example throw new GatewayTimeout() */
export const GatewayTimeout: HttpErrorClass<504> = /* @__PURE__ */ defineErrorClass(504)
export type GatewayTimeout = HttpError<504>

/** 505 HTTP Version Not Supported (RFC 9110 §15.6.6). @example throw new HTTPVersionNotSupported() */
export const HTTPVersionNotSupported: HttpErrorClass<505> = /* @__PURE__ */ defineErrorClass(505)
export type HTTPVersionNotSupported = HttpError<505>

/** 506 Variant Also Negotiates (RFC 2295 §8.1). @example throw new VariantAlsoNegotiates() */
export const VariantAlsoNegotiates: HttpErrorClass<506> = /* @__PURE__ */ defineErrorClass(506)
export type VariantAlsoNegotiates = HttpError<506>

/** 507 Insufficient Storage (RFC 4918 §11.5). @example throw new InsufficientStorage() */
export const InsufficientStorage: HttpErrorClass<507> = /* @__PURE__ */ defineErrorClass(507)
export type InsufficientStorage = HttpError<507>

/** 508 Loop Detected (RFC 5842 §7.2). @example throw new LoopDetected() */
export const LoopDetected: HttpErrorClass<508> = /* @__PURE__ */ defineErrorClass(508)
export type LoopDetected = HttpError<508>

/** 510 Not Extended (RFC 2774 §7). @example throw new NotExtended() */
export const NotExtended: HttpErrorClass<510> = /* @__PURE__ */ defineErrorClass(510)
export type NotExtended = HttpError<510>

/** 511 Network Authentication Required (RFC 6585 §6). @example throw new NetworkAuthenticationRequired() */
export const NetworkAuthenticationRequired: HttpErrorClass<511> = /* @__PURE__ */ defineErrorClass(511)
export type NetworkAuthenticationRequired = HttpError<511>
