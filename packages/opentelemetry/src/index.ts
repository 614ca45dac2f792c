// The public API of @http-problem/opentelemetry.
export { problemAttributes, recordProblem, withTelemetry } from './record'
