import { adoptError } from './adopt'
import type { HttpError } from './http-error'
import { nodeFrameworkErrors } from './node-framework-errors'

/**
 * Turns anything thrown into an http-problem error. Ours pass through unchanged. Errors from http-errors, Koa's
 * `ctx.throw`, body-parser, Fastify, `@hapi/boom`, Hono's `HTTPException` (with the headers of its prepared `res`),
 * h3's `HTTPError` and NestJS's `HttpException` keep their status, `expose` and valid headers; a Joi or celebrate
 * validation error becomes a 400 validation problem (docs/foreign-errors.md). Everything else (strings, `null`,
 * plain objects, errors without a valid 400-599 status) becomes a 500. The original value is kept as `cause`.
 * Never throws, whatever the value's getters or Proxy traps do. Handlers use the rules their options name
 * (`foreignErrors`); this function always applies every rule, `nodeFrameworkErrors` included.
 *
 * @example
 * toHttpError(createHttpErrors(404)).status // 404
 * toHttpError('boom').status                 // 500, with cause 'boom'
 */
export function toHttpError(value: unknown): HttpError {
  return adoptError(value, [nodeFrameworkErrors])
}
