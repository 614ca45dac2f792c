// Serves one request through each adapter, from the packages as installed, and prints one JSON line per adapter.
// run.mjs passes the packages loaded with import, run.cjs the same packages loaded with require().
const { createServer } = require('node:http')

/** Listens on an ephemeral loopback port, sends one GET, and returns what the client saw. */
async function once(server, path) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address()
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { accept: 'application/problem+json' } })
    return { status: res.status, contentType: res.headers.get('content-type'), body: await res.json() }
  } finally {
    server.closeAllConnections?.()
    await new Promise((resolve) => server.close(resolve))
  }
}

async function exercise(mode, p) {
  const { core, express, koa, fastify, fetchAdapter, node, frameworks } = p
  const results = {}

  const expressApp = frameworks.express()
  expressApp.get('/users/:id', (req) => {
    throw new core.NotFound(`No user with id ${req.params.id}`)
  })
  expressApp.use(express.notFound())
  expressApp.use(express.errorHandler())
  results.express = await once(createServer(expressApp), '/users/42')

  const koaApp = new frameworks.Koa()
  koaApp.use(koa.errorHandler())
  koaApp.use(async (ctx, next) => {
    if (ctx.path === '/users/42') throw new core.NotFound('No user with id 42')
    await next()
  })
  koaApp.use(koa.notFound())
  results.koa = await once(createServer(koaApp.callback()), '/users/42')

  const fastifyApp = frameworks.Fastify()
  await fastifyApp.register(fastify.problemDetails)
  fastifyApp.get('/users/:id', async (request) => {
    throw new core.NotFound(`No user with id ${request.params.id}`)
  })
  await fastifyApp.ready()
  results.fastify = await once(fastifyApp.server, '/users/42')
  await fastifyApp.close()

  const hono = new frameworks.Hono()
  hono.get('/users/:id', (c) => {
    throw new core.NotFound(`No user with id ${c.req.param('id')}`)
  })
  hono.onError(fetchAdapter.errorHandler())
  hono.notFound(fetchAdapter.notFound())
  const honoRes = await hono.request('http://localhost/users/42', { headers: { accept: 'application/problem+json' } })
  results.hono = { status: honoRes.status, contentType: honoRes.headers.get('content-type'), body: await honoRes.json() }

  const handler = fetchAdapter.withProblems(async () => {
    throw new core.NotFound('No user with id 42')
  })
  const fetchRes = await handler(new Request('http://localhost/users/42', { headers: { accept: 'application/problem+json' } }))
  results.fetch = { status: fetchRes.status, contentType: fetchRes.headers.get('content-type'), body: await fetchRes.json() }

  results.node = await once(
    createServer(
      node.errorHandler(() => {
        throw new core.NotFound('No user with id 42')
      }),
    ),
    '/users/42',
  )

  // A Nest app on its Express platform, with the filter installed by ProblemDetailsModule (decorators applied by hand).
  const { Controller, Get, Module } = p.nestjs.common
  class UsersController {
    show() {
      throw new core.NotFound('No user with id 42')
    }
  }
  const show = Object.getOwnPropertyDescriptor(UsersController.prototype, 'show')
  Get('users/42')(UsersController.prototype, 'show', show)
  p.nestSwagger.ApiProblemResponse([404, 405])(UsersController.prototype, 'show', show)
  Controller()(UsersController)
  class AppModule {}
  Module({ imports: [p.nest.ProblemDetailsModule.forRoot()], controllers: [UsersController] })(AppModule)
  const nestApp = await p.nestjs.core.NestFactory.create(AppModule, { logger: false })
  await nestApp.listen(0, '127.0.0.1')
  try {
    const res = await fetch(`http://127.0.0.1:${nestApp.getHttpServer().address().port}/users/42`, {
      headers: { accept: 'application/problem+json' },
    })
    results.nest = { status: res.status, contentType: res.headers.get('content-type'), body: await res.json() }
    const document = p.swagger.SwaggerModule.createDocument(nestApp, new p.swagger.DocumentBuilder().setOpenAPIVersion('3.1.0').build())
    const responses = document.paths['/users/42'].get.responses
    results.swagger = {
      statuses: Object.keys(responses).sort(),
      allowRequired: responses['405'].headers.Allow.required,
      example: responses['404'].content['application/problem+json'].examples.NotFound.value,
    }
  } finally {
    await nestApp.close()
  }

  // A 500 from a thrown TypeError, recorded by recordProblem() on a span of the real SDK, as installed.
  const exporter = new p.sdk.InMemorySpanExporter()
  const provider = new p.sdk.BasicTracerProvider({ spanProcessors: [new p.sdk.SimpleSpanProcessor(exporter)] })
  const span = provider.getTracer('consumer').startSpan('GET /boom')
  p.opentelemetry.recordProblem(core.toHttpError(new TypeError('boom')), { status: 500 }, span)
  span.end()
  const [finished] = exporter.getFinishedSpans()
  results.opentelemetry = {
    exceptions: finished.events.map((event) => event.attributes['exception.type']),
    status: finished.status.code,
    attributes: finished.attributes,
  }

  const created = core.createError(404)
  results.core = {
    createError: created instanceof core.NotFound && core.isHttpError(created) && created.status === 404,
    sameBrandAcrossBuilds: core.isHttpError(new p.otherCore.NotFound()),
  }
  process.stdout.write(JSON.stringify({ mode, results }) + '\n')
}

module.exports = { exercise }
