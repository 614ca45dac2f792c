// The public API of @http-problem/fetch.
export { errorHandler, notFound, withProblems } from './handlers'
export type { FetchHandler, HonoContext } from './handlers'
