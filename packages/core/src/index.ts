// The public API of @http-problem/core, as a table of contents. Everything else is internal.

// Status registry
export { statuses } from './status/registry'
export type {
  ClassNameOf,
  ClientErrorStatus,
  ErrorStatus,
  InformationalStatus,
  RedirectionStatus,
  ServerErrorStatus,
  StatusCode,
  StatusEntry,
  SuccessfulStatus,
} from './status/registry'
export { getStatus, isErrorStatus, isStatusCode, statusClass } from './status/lookup'
export type {
  BodyRule,
  CacheRule,
  HeaderRequirement,
  StatusClass,
  StatusFlag,
  StatusHeaderRule,
  StatusRow,
  StatusText,
} from './status/types'

// Errors
export { HttpError, isHttpError, isProblemCode } from './error/http-error'
export type { ErrorArgs, ErrorInit, ProblemInit } from './error/http-error'
export { defineErrorClass } from './error/define-error-class'
export type { HttpErrorClass } from './error/define-error-class'
export type { StatusInputs, StatusInputsOf } from './error/status-inputs'
export { formatChallenge, formatRetryAfter } from './error/header-values'
export type { Challenge, RetryAfter } from './error/header-values'
export { createError } from './error/create-error'
export type { CreateError, CreateErrorArg, CreateErrorClasses, HttpErrorLike } from './error/create-error'
export { toHttpError } from './error/to-http-error'
export {
  BadGateway,
  BadRequest,
  Conflict,
  ContentTooLarge,
  ExpectationFailed,
  FailedDependency,
  Forbidden,
  GatewayTimeout,
  Gone,
  HTTPVersionNotSupported,
  ImATeapot,
  InsufficientStorage,
  InternalServerError,
  LengthRequired,
  Locked,
  LoopDetected,
  MethodNotAllowed,
  MisdirectedRequest,
  NetworkAuthenticationRequired,
  NotAcceptable,
  NotExtended,
  NotFound,
  NotImplemented,
  PayloadTooLarge,
  PaymentRequired,
  PreconditionFailed,
  PreconditionRequired,
  ProxyAuthenticationRequired,
  RangeNotSatisfiable,
  RequestHeaderFieldsTooLarge,
  RequestTimeout,
  ServiceUnavailable,
  TooEarly,
  TooManyRequests,
  Unauthorized,
  UnavailableForLegalReasons,
  UnprocessableContent,
  UnprocessableEntity,
  UnsupportedMediaType,
  UpgradeRequired,
  URITooLong,
  VariantAlsoNegotiates,
} from './error/classes'

// Rendering
export { planResponse, reportUnanswered, toProblem } from './render/plan'
export type { ResponsePlan } from './render/plan'
export { toRequestView, toResponse } from './render/response'
export { resolveOptions } from './render/options'
export { shouldLog, stackForLog } from './render/log'
export { resolveType } from './problem-types/type-text'
export type { ProblemTypeText } from './problem-types/type-text'
export type { ErrorContext, ErrorHook } from './render/hook'
export type {
  ProblemMediaType,
  ProblemOptions,
  ResolvedOptions,
} from './render/options'
export { reportTooLate, writePlan } from './render/node-response'
export type { NodeRequestLike, NodeResponseLike, TooLate } from './render/node-response'
export type { ExistingHeaders, HeaderSource, RequestView } from './render/request'
export type { JsonValue, ProblemDocument } from './render/document'
export { htmlFormat } from './render/html'
export { xmlFormat } from './render/xml'
export { textFormat } from './render/text'
export type { ProblemFormat } from './render/formats'
export type { ProblemLimits } from './render/sanitize'
export { builtInLocales } from './render/locale'
export type { LocaleInit, LocaleLabels } from './render/locale'
export type { LibraryTextKey } from './status/library-texts'

// Client side
export { fromParsed, parseProblem } from './client/parse-problem'
export type { ParsedProblem, ParseProblemOptions, ProblemTypeClass } from './client/parse-problem'

// Validation problems
export { fromAjvErrors, fromStandardSchemaIssues, toJsonPointer, validationProblem } from './validation/validation'
export {
  fromCelebrateError,
  fromClassValidatorErrors,
  fromExpressValidatorErrors,
  fromJoiError,
  isCelebrateErrorLike,
  isJoiError,
} from './validation/foreign'
export type {
  CelebrateErrorLike,
  ClassValidatorErrorLike,
  ExpressValidatorErrorLike,
  JoiErrorItemLike,
  JoiErrorLike,
} from './validation/foreign'
export type {
  AjvErrorLike,
  StandardIssueLike,
  ValidationIssue,
  ValidationLocation,
  ValidationProblemInit,
} from './validation/validation'

// Problem types
export { defineProblemType } from './problem-types/define-problem-type'
export type {
  OccurrenceInit,
  ProblemType,
  ProblemTypeArgs,
  ProblemTypeDefinition,
  ProblemTypeError,
} from './problem-types/define-problem-type'

// OpenAPI
export { openApiProblems, problemDetailsSchema } from './openapi/openapi'
export type { JsonObject, OpenApiProblems, OpenApiProblemsOptions, OperationError } from './openapi/openapi'

// Problem types: the constructor argument of a type without extension members
export type { ExtensionsArg } from './problem-types/define-problem-type'

// IANA-registered problem types
export {
  DateNotAcceptable,
  DigestInvalidValues,
  DigestMismatchedValues,
  DigestUnsupportedAlgorithms,
  ianaProblemTypes,
  OhttpKeyNotAcceptable,
} from './problem-types/iana'
export type {
  DigestAlgorithmEntry,
  DigestInvalidEntry,
  DigestInvalidValuesExtensions,
  DigestMismatchedEntry,
  DigestMismatchedValuesExtensions,
  DigestUnsupportedAlgorithmsExtensions,
} from './problem-types/iana'
