// The public API of @http-problem/koa.
export { errorHandler, notFound } from './handlers'
export type { KoaContext, ProblemMiddleware } from './handlers'
