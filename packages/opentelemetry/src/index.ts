// The public API of @http-problem/opentelemetry.
export { problemAttributes, recordProblem, withTelemetry } from './record'
export type { ProblemContext, ProblemHook } from './record'
