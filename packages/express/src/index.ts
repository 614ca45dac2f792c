// The public API of @http-problem/express.
export { errorHandler, notFound } from './handlers'
export type { ExpressRequest, NextFunction, ProblemErrorHandler, ProblemRequestHandler } from './handlers'
export { wrapAsync } from './wrap-async'
