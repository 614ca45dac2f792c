// The public API of @http-problem/node.
export { errorHandler, notFound } from './handlers'
export type { Listener } from './handlers'
