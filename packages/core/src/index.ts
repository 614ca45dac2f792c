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
export { nodeFrameworkErrors } from './error/node-framework-errors'
export type { ForeignErrorRules } from './error/adopt'
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
export { planResponse, reportUnanswered, toProblem } from './plan/plan'
export type { ResponsePlan } from './plan/plan'
export { toRequestView, toResponse } from './plan/response'
export { resolveOptions } from './options/options'
export { shouldLog, stackForLog } from './plan/log'
export { resolveType } from './problem-types/type-text'
export type { ProblemTypeText } from './problem-types/type-text'
export type { ErrorContext, ErrorHook } from './options/error-hook'
export type { ProblemOptions, ResolvedOptions } from './options/options'
export type { ProblemMediaType } from './serialize/serialize'
export { nodeRequestView, reportTooLate, writePlan } from './plan/node-response'
export type { NodeRequestLike, NodeRequestSource, NodeResponseLike, TooLate } from './plan/node-response'
export type { ExistingHeaders, HeaderSource, RequestView } from './negotiate/request'
export type { JsonValue, ProblemDocument } from './problem/document'
export { htmlFormat } from './serialize/html'
export { xmlFormat } from './serialize/xml'
export { textFormat } from './serialize/text'
export { everyFormat } from './options/every-format'
export { nodeDefaults } from './options/node-defaults'
export type { ProblemFormat } from './serialize/formats'
export type { ProblemLimits } from './problem/sanitize'
export { builtInLocales, zhCN } from './problem/locale'
export type { LocaleInit, LocaleLabels } from './problem/locale'
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
