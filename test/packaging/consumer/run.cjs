// The CommonJS side: every package loaded with require() (their "require" export condition).
const core = require('@http-problem/core')
const { exercise } = require('./exercise.cjs')

async function main() {
  const otherCore = await import('@http-problem/core')
  await exercise('require', {
    core,
    express: require('@http-problem/express'),
    koa: require('@http-problem/koa'),
    fastify: require('@http-problem/fastify'),
    fetchAdapter: require('@http-problem/fetch'),
    node: require('@http-problem/node'),
    opentelemetry: require('@http-problem/opentelemetry'),
    // Nest 12 is ESM-only: require() loads it on Node 20.19+ and 22.12+.
    nest: (require('reflect-metadata'), require('@http-problem/nest')),
    nestSwagger: require('@http-problem/nest/swagger'),
    swagger: require('@nestjs/swagger'),
    nestjs: { common: require('@nestjs/common'), core: require('@nestjs/core') },
    sdk: require('@opentelemetry/sdk-trace-base'),
    otherCore,
    frameworks: { express: require('express'), Koa: require('koa'), Fastify: require('fastify'), Hono: require('hono').Hono },
  })
}
main().catch((error) => {
  console.error(error)
  process.exit(1)
})
