import { Module, type DynamicModule, type InjectionToken, type ModuleMetadata, type OptionalFactoryDependency } from '@nestjs/common'
import { APP_FILTER } from '@nestjs/core'
import type { ProblemOptions } from '@http-problem/core'
import { PROBLEM_DETAILS_OPTIONS, ProblemDetailsFilter, type NestRequest } from './filter'

/** What `ProblemDetailsModule.forRootAsync()` takes: a factory for the options, with what it injects. */
export interface ProblemDetailsAsyncOptions {
  /** Modules that export the providers the factory injects (`ConfigModule`, say). */
  readonly imports?: ModuleMetadata['imports']
  /** Makes the options, from the providers listed in `inject`. */
  readonly useFactory: (...args: never[]) => ProblemOptions<NestRequest> | Promise<ProblemOptions<NestRequest>>
  /** The providers passed to the factory, in order. */
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[]
}

/**
 * A Nest module that installs {@link ProblemDetailsFilter} for the whole app (as `APP_FILTER`), with its options
 * given directly or made by a factory, the way Nest apps configure everything else.
 *
 * @example
 * @Module({ imports: [ProblemDetailsModule.forRoot({ typeBase: 'https://example.com/probs/' })] })
 * class AppModule {}
 */
@Module({})
export class ProblemDetailsModule {
  /**
   * Installs the filter with these options.
   *
   * @example
   * ProblemDetailsModule.forRoot({ typeBase: 'https://example.com/probs/' })
   */
  static forRoot(options: ProblemOptions<NestRequest> = {}): DynamicModule {
    return {
      module: ProblemDetailsModule,
      providers: [{ provide: PROBLEM_DETAILS_OPTIONS, useValue: options }, { provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    }
  }

  /**
   * Installs the filter with options made by a factory, which may inject providers and be async.
   *
   * @example
   * ProblemDetailsModule.forRootAsync({
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ typeBase: config.get('PROBLEM_TYPE_BASE') }),
   * })
   */
  static forRootAsync(options: ProblemDetailsAsyncOptions): DynamicModule {
    return {
      module: ProblemDetailsModule,
      imports: options.imports ?? [],
      providers: [
        { provide: PROBLEM_DETAILS_OPTIONS, useFactory: options.useFactory as (...args: unknown[]) => unknown, inject: options.inject ?? [] },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    }
  }
}
