// The public API of @http-problem/node.
export { errorHandler, notFound, withProblems } from './handlers'
export type { Http2Listener, Listener } from './handlers'
