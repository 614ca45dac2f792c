// The onError hook of each adapter is typed with that framework's own request object, and ErrorContext keeps the
// members a hook written for the old (error, request) signature reads.
import type { IncomingMessage } from 'node:http'
import type { Http2ServerRequest } from 'node:http2'
import type { Request as ExpressRequest } from 'express'
import express from 'express5'
import type { FastifyRequest } from 'fastify'
import { Hono } from 'hono'
import Koa from 'koa3'
import { describe, expectTypeOf, it } from 'vitest'
import type { ErrorContext, ErrorHook, HttpError, ProblemOptions, RequestView } from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import * as fastifyAdapter from '@http-problem/fastify'
import * as fetchAdapter from '@http-problem/fetch'
import * as koaAdapter from '@http-problem/koa'
import * as nodeAdapter from '@http-problem/node'

describe('ErrorContext', () => {
  it('has the members the OpenTelemetry adapter reads', () => {
    expectTypeOf<ErrorContext<string>['request']>().toEqualTypeOf<string>()
    expectTypeOf<ErrorContext['view']>().toEqualTypeOf<RequestView>()
    expectTypeOf<ErrorContext['status']>().toEqualTypeOf<number>()
    expectTypeOf<ErrorContext['expected']>().toEqualTypeOf<boolean>()
    expectTypeOf<ErrorContext['id']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<ErrorHook<string>>().parameters.toEqualTypeOf<[HttpError, ErrorContext<string>]>()
  })

  it('still accepts a hook written as (error, request: RequestView)', () => {
    const legacy = (_error: HttpError, request: RequestView): void => void request.method
    expectTypeOf(legacy).toMatchTypeOf<ErrorHook>()
    expectTypeOf<{ onError: typeof legacy }>().toMatchTypeOf<ProblemOptions>()
  })
})

describe('the hook of each adapter', () => {
  it("Express: Express's req, as pino-http's req.log and the app's own Request type", () => {
    const app = express()
    app.use(expressAdapter.notFound({ onError: (_error, { request }) => void expectTypeOf(request).toMatchTypeOf<IncomingMessage>() }))
    app.use(
      expressAdapter.errorHandler<ExpressRequest>({
        onError: (_error, { request }) => void expectTypeOf(request).toEqualTypeOf<ExpressRequest>(),
      }),
    )
    expressAdapter.errorHandler({ onError: (_error, { request }) => void expectTypeOf(request.originalUrl).toEqualTypeOf<string | undefined>() })
  })

  it("Koa: the ctx, or the app's own Context type", () => {
    const app = new Koa()
    app.use(koaAdapter.errorHandler({ onError: (_error, { request }) => void expectTypeOf(request).toEqualTypeOf<koaAdapter.KoaContext>() }))
    app.use(koaAdapter.errorHandler<Koa.Context>({ onError: (_error, { request }) => void expectTypeOf(request).toEqualTypeOf<Koa.Context>() }))
    app.use(koaAdapter.notFound<Koa.Context>({ onError: (_error, { request }) => void expectTypeOf(request).toEqualTypeOf<Koa.Context>() }))
  })

  it("Fastify: the request, with its logger", () => {
    fastifyAdapter.errorHandler({ onError: (_error, { request }) => void expectTypeOf(request).toEqualTypeOf<fastifyAdapter.ProblemRequest>() })
    fastifyAdapter.notFound({ onError: (_error, { request }) => void expectTypeOf(request.log.error).toBeFunction() })
    expectTypeOf<fastifyAdapter.ProblemRequest>().toMatchTypeOf<FastifyRequest>()
  })

  it("Hono: c; withProblems(): the fetch Request", () => {
    const app = new Hono()
    app.onError(fetchAdapter.errorHandler({ onError: (_error, { request }) => void expectTypeOf(request.req.raw).toEqualTypeOf<Request>() }))
    app.notFound(fetchAdapter.notFound({ onError: (_error, { request }) => void expectTypeOf(request.req.raw).toEqualTypeOf<Request>() }))
    fetchAdapter.withProblems(() => new Response(), { onError: (_error, { request }) => void expectTypeOf(request).toEqualTypeOf<Request>() })
  })

  it('node: req, of node:http or node:http2', () => {
    nodeAdapter.withProblems((_req: IncomingMessage) => undefined, {
      onError: (_error, { request }) => void expectTypeOf(request).toEqualTypeOf<IncomingMessage>(),
    })
    nodeAdapter.withProblems((_req: Http2ServerRequest) => undefined, {
      onError: (_error, { request }) => void expectTypeOf(request).toEqualTypeOf<Http2ServerRequest>(),
    })
    expectTypeOf(nodeAdapter.errorHandler).toEqualTypeOf(nodeAdapter.withProblems)
  })
})
