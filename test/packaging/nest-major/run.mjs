// A Nest app on an older major (the version installed next to it), with @http-problem/nest as installed: loaded with
// import, or with require() when the first argument is "require"; on Nest's Express platform, or on its Fastify
// platform when the second is "fastify"; with the @nestjs/swagger named by the third (an npm alias), or the default. Decorators are applied by hand (plain JavaScript). Prints one JSON line: what
// each request got, the lines the app's logger was given, and what the installed @nestjs/swagger made of
// ApiProblemResponse.
import 'reflect-metadata'
import { createRequire } from 'node:module'
import { Body, Controller, ForbiddenException, Get, Module, Post } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { FastifyAdapter } from '@nestjs/platform-fastify'
import { IsEmail } from 'class-validator'
import { NotFound } from '@http-problem/core'

const [mode, platform, swaggerPackage = '@nestjs/swagger'] = process.argv.slice(2)
const { DocumentBuilder, SwaggerModule } = await import(swaggerPackage)
const load = (name) => (mode === 'require' ? createRequire(import.meta.url)(name) : import(name))
const { ProblemDetailsModule, problemValidationPipe } = await load('@http-problem/nest')
const { ApiProblemResponse } = await load('@http-problem/nest/swagger')

class Person {}
IsEmail()(Person.prototype, 'email')

class Routes {
  user() {
    throw new NotFound('No user with id 42')
  }
  forbidden() {
    throw new ForbiddenException('No access')
  }
  boom() {
    throw new TypeError('secret internals')
  }
  create(body) {
    return body
  }
}
const method = (name) => Object.getOwnPropertyDescriptor(Routes.prototype, name)
Get('users/42')(Routes.prototype, 'user', method('user'))
ApiProblemResponse([404, 405])(Routes.prototype, 'user', method('user'))
Get('forbidden')(Routes.prototype, 'forbidden', method('forbidden'))
Get('boom')(Routes.prototype, 'boom', method('boom'))
Body(problemValidationPipe({ expectedType: Person, whitelist: true, forbidNonWhitelisted: true }))(Routes.prototype, 'create', 0)
// What tsc's emitDecoratorMetadata writes for create(body: Person); @nestjs/swagger 7 fails to build a document without it.
Reflect.defineMetadata('design:paramtypes', [Person], Routes.prototype, 'create')
Post('people')(Routes.prototype, 'create', method('create'))
Controller()(Routes)
class App {}
Module({ imports: [ProblemDetailsModule.forRoot()], controllers: [Routes] })(App)

const lines = []
const logger = { log() {}, warn() {}, error: (...args) => lines.push(args.map(String).join(' | ').split('\n')[0]) }
const app = await NestFactory.create(App, ...(platform === 'fastify' ? [new FastifyAdapter()] : []), { logger })
await app.listen(0, '127.0.0.1')
// @nestjs/swagger 7 has no setOpenAPIVersion(): the built config is a plain object.
const document = SwaggerModule.createDocument(app, { ...new DocumentBuilder().build(), openapi: '3.1.0' })
const responses = document.paths['/users/42'].get.responses
const swagger = {
  statuses: Object.keys(responses).sort(),
  allowRequired: responses['405'].headers.Allow.required,
  example: responses['404'].content['application/problem+json'].examples.NotFound.value,
}
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`
const answers = {}
for (const [verb, path, body] of [['GET', '/users/42'], ['GET', '/forbidden'], ['GET', '/boom'], ['GET', '/nowhere'], ['POST', '/people', { email: 'x', admin: 1 }]]) {
  const res = await fetch(base + path, { method: verb, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) })
  answers[`${verb} ${path}`] = { status: res.status, contentType: res.headers.get('content-type'), body: await res.json() }
}
await app.close()
process.stdout.write(`${JSON.stringify({ answers, lines, swagger })}\n`)
