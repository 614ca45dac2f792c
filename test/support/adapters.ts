// Every adapter under test, mounted the same way: a route that throws the case's value for any path except
// /unmatched…, which nothing answers (so notFound() does). Adding an adapter to every suite is one entry here.
import type { RequestListener, ServerResponse } from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import express4 from 'express4'
import express5 from 'express5'
import Koa2 from 'koa2'
import Koa3 from 'koa3'
import type { ProblemOptions } from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import * as koaAdapter from '@http-problem/koa'

/** What one test app does. */
export interface AppSetup {
  /** The value the route throws (or rejects with), given the request path. */
  readonly thrown: (path: string) => unknown
  /** Runs before the route, on the raw response: e.g. sets CORS headers the way middleware would. */
  readonly before?: (res: ServerResponse) => void
  /** Handler options, the same for every adapter. */
  readonly options?: ProblemOptions
  /** Throw asynchronously (a rejected promise) instead of synchronously. */
  readonly async?: boolean
}

/** One adapter: a name and a function that builds a Node request listener for a setup. */
export interface AdapterUnderTest {
  readonly name: string
  readonly mount: (setup: AppSetup) => RequestListener
}

const isUnmatched = (path: string): boolean => path.startsWith('/unmatched')

function mountExpress(express: typeof express4 | typeof express5) {
  return (setup: AppSetup): RequestListener => {
    const app = express()
    app.disable('x-powered-by')
    app.use(
      // Async routes go through wrapAsync(), as an Express 4 app's would (Express 5 does the same by itself).
      expressAdapter.wrapAsync(async (req: Request, res: Response, next: NextFunction) => {
        setup.before?.(res)
        if (isUnmatched(req.path)) return next()
        const thrown = setup.thrown(req.path)
        if (!setup.async) return next(thrown)
        await Promise.resolve()
        throw thrown
      }),
    )
    app.use(expressAdapter.notFound())
    app.use(expressAdapter.errorHandler(setup.options))
    return app as unknown as RequestListener
  }
}

function mountKoa(Koa: typeof Koa2 | typeof Koa3) {
  return (setup: AppSetup): RequestListener => {
    const app = new Koa()
    app.silent = true
    app.on('error', () => {})
    app.use(koaAdapter.errorHandler(setup.options))
    app.use(async (ctx, next) => {
      setup.before?.(ctx.res)
      if (isUnmatched(ctx.path)) return next()
      const thrown = setup.thrown(ctx.path)
      if (setup.async) await Promise.reject(thrown)
      throw thrown
    })
    app.use(koaAdapter.notFound())
    return app.callback()
  }
}

export const adapters: readonly AdapterUnderTest[] = [
  { name: 'express 4', mount: mountExpress(express4) },
  { name: 'express 5', mount: mountExpress(express5) },
  { name: 'koa 2', mount: mountKoa(Koa2) },
  { name: 'koa 3', mount: mountKoa(Koa3) },
]
