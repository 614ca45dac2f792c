// The public API of @http-problem/fastify.
export { errorHandler, notFound, problemDetails } from './handlers'
export type { ProblemReply, ProblemRequest } from './handlers'
