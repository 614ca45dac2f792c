// The public API of @http-problem/nest.
export { ProblemDetailsFilter, PROBLEM_DETAILS_OPTIONS } from './filter'
export type { NestFastifyRequest, NestRequest } from './filter'
export { ProblemDetailsModule } from './module'
export type { ProblemDetailsAsyncOptions } from './module'
export { problemValidationPipe } from './validation-pipe'
export type { ProblemValidationPipeOptions } from './validation-pipe'
