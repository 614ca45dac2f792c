// What adapters need to log an error the way their framework would: whether to log it, and the text of the line.
// Core only decides; each adapter prints with its framework's own means.
import type { HttpError } from '../error/http-error'
import { read } from '../util/read'
import type { ResolvedOptions } from '../options/options'

/**
 * Whether an adapter should log an error as a server error: its status is 500 or above and logging is not turned
 * off with `log: false`. Core only decides; the adapter prints with its framework's own means.
 *
 * @example
 * const plan = planResponse(err, request, options)
 * if (shouldLog(plan.error, options)) console.error(err)
 */
export function shouldLog<Request>(error: HttpError, options: ResolvedOptions<Request>): boolean {
  return options.log && error.status >= 500
}

/**
 * What a server log prints for a thrown value, as Express's final handler does: its stack, or the value itself when
 * it is a primitive, else the normalised error's stack. Reads the value safely (a throwing getter is skipped).
 *
 * @example
 * const plan = planResponse(thrown, request, options)
 * if (shouldLog(plan.error, options)) console.error(stackForLog(thrown, plan.error))
 */
export function stackForLog(thrown: unknown, error: HttpError): string {
  if (thrown !== null && typeof thrown === 'object') {
    const stack = read(thrown, 'stack')
    if (typeof stack === 'string' && stack !== '') return stack
  } else if (thrown !== null && thrown !== undefined) {
    return String(thrown)
  }
  const own = read(error, 'stack')
  return typeof own === 'string' && own !== '' ? own : `${error.name}: ${error.message}`
}
