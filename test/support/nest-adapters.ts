// @http-problem/nest's filter in Nest apps on both of Nest's platforms, mounted like the adapters in adapters.ts: a
// catch-all route throws the case's value, and /unmatched… is passed on to Nest's own router 404. Kept apart from
// adapters.ts so that the suites which do not run Nest do not load it.
import 'reflect-metadata'
import { createServer, type RequestListener, type ServerResponse } from 'node:http'
import { All, Controller, Module, Next, Req, Res } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import { FastifyAdapter } from '@nestjs/platform-fastify'
import express5 from 'express5'
import { ProblemDetailsFilter, type NestRequest } from '@http-problem/nest'
import { problemOptionsOf, type AdapterUnderTest, type AppSetup } from './adapters'

/** The parts of Fastify's reply the route uses. */
interface Reply {
  readonly raw: ServerResponse
  callNotFound(): void
}

type Platform = 'express' | 'fastify'

/** Nest on Express 5 and on Fastify 5, with the filter installed by `useGlobalFilters`. */
export const nestAdapters: readonly AdapterUnderTest[] = [
  { name: 'nest express', mount: mountNest('express'), http2: false },
  { name: 'nest fastify', mount: mountNest('fastify'), http2: false },
]

// --- internal ---

function mountNest(platform: Platform) {
  return (setup: AppSetup): RequestListener => {
    @Controller()
    class Routes {
      // @Res() without passthrough: Nest sends nothing itself, and an unmatched path is passed on to Nest's router.
      // Nest hands route paths to the platform's router: path-to-regexp 8's catch-all on Express, find-my-way's here.
      @All(platform === 'express' ? '{*path}' : '*')
      route(@Req() req: NestRequest, @Res() res: ServerResponse | Reply, @Next() next?: () => void): unknown {
        const raw = 'raw' in res ? res.raw : res
        setup.before?.(raw)
        const target = 'raw' in req ? req.url : (req.originalUrl ?? req.url ?? '/')
        if (target.split(/[?#]/, 1)[0]?.startsWith('/unmatched')) return 'raw' in res ? res.callNotFound() : next?.()
        const thrown = setup.thrown(target.split(/[?#]/, 1)[0] as string)
        if (setup.async) return Promise.reject(thrown)
        throw thrown
      }
    }
    @Module({ controllers: [Routes] })
    class App {}

    let handler: RequestListener = () => {}
    const server = express5()
    server.disable('x-powered-by')
    const adapter =
      platform === 'express'
        ? new ExpressAdapter(server)
        : new FastifyAdapter({
            serverFactory: (fastifyHandler: RequestListener) => {
              handler = fastifyHandler
              return createServer()
            },
          } as never)
    const ready = (async () => {
      // With `logs`, Nest's default logger prints errors (to stderr), as in an app; otherwise it is silent.
      const app = await NestFactory.create(App, adapter, { logger: setup.logs === true ? ['error'] : false, abortOnError: false })
      app.useGlobalFilters(new ProblemDetailsFilter(problemOptionsOf(setup)))
      await app.init()
      if (platform === 'express') handler = server as unknown as RequestListener
      else await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready()
    })()
    // An app that failed to start answers 599 with the reason, so a test fails at once instead of waiting.
    const failed = (error: unknown) => (res: ServerResponse) => res.writeHead(599).end(String(error))
    return (req, res) => void ready.then(() => handler(req, res), (error: unknown) => failed(error)(res))
  }
}
