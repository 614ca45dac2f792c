import { ValidationPipe, type ArgumentMetadata, type ValidationError, type ValidationPipeOptions } from '@nestjs/common'
import { fromClassValidatorErrors, validationProblem, type ValidationLocation } from '@http-problem/core'

/** `ValidationPipe`'s options, less `exceptionFactory` (the pipe makes the error); `errorHttpStatusCode` 400 or 422. */
export type ProblemValidationPipeOptions = Omit<ValidationPipeOptions, 'exceptionFactory' | 'errorHttpStatusCode'> & {
  /** The status of a failure: 400, as Nest's own pipe answers, or 422. */
  readonly errorHttpStatusCode?: 400 | 422
}

/**
 * A Nest `ValidationPipe` whose failures are validation problems: one `errors` entry per failed class-validator
 * constraint, with an RFC 6901 pointer to the property (nested objects and array elements included) and where it was
 * (`body`, `query`, `path`). Works with `whitelist` and `forbidNonWhitelisted` like Nest's own pipe.
 *
 * @example
 * app.useGlobalPipes(problemValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))
 */
export function problemValidationPipe(options: ProblemValidationPipeOptions = {}): ValidationPipe {
  return new ProblemValidationPipe(options)
}

// --- internal ---

/** Carries class-validator's errors from `exceptionFactory` to `transform`, which knows where the value came from. */
class Failed {
  constructor(readonly errors: ValidationError[]) {}
}

class ProblemValidationPipe extends ValidationPipe {
  readonly #status: 400 | 422

  constructor(options: ProblemValidationPipeOptions) {
    super({ ...options, exceptionFactory: (errors) => new Failed(errors) })
    this.#status = options.errorHttpStatusCode === 422 ? 422 : 400
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata)
    } catch (error) {
      if (!(error instanceof Failed)) throw error
      throw validationProblem(fromClassValidatorErrors(error.errors, LOCATIONS[metadata.type] ?? 'body'), { status: this.#status })
    }
  }
}

/** Where each of Nest's argument kinds comes from, as core names the location of a validation issue. */
const LOCATIONS: Partial<Record<ArgumentMetadata['type'], ValidationLocation>> = { body: 'body', query: 'query', param: 'path' }
