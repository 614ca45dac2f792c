// @http-problem/nest/swagger with the real @nestjs/swagger: the document SwaggerModule builds from a Nest app's
// decorators passes @readme/openapi-parser, each problem response carries core's schema, headers and examples, and
// the problems the running app sends (over a socket, on Express and on Fastify) match the schema documented for
// their operation.
import 'reflect-metadata'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Controller, Get, Param, type INestApplication } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import { FastifyAdapter } from '@nestjs/platform-fastify'
import { ApiNotFoundResponse, ApiParam, ApiResponse, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger'
import { compileErrors, validate } from '@readme/openapi-parser'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import express5 from 'express5'
import { defineProblemType, MethodNotAllowed, NotFound, Unauthorized, type JsonObject } from '@http-problem/core'
import { ProblemDetailsFilter } from '@http-problem/nest'
import { ApiProblemResponse } from '@http-problem/nest/swagger'
import { getWhole } from '../support/wire'

const TYPE_BASE = 'https://example.com/probs/'

const OutOfCredit = defineProblemType<{ balance: number }>()({
  type: 'out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
  code: 'E_CREDIT',
  extensionSchema: { type: 'object', properties: { balance: { type: 'number', examples: [30] } }, required: ['balance'] },
})

// vitest compiles with esbuild, which emits no decorator metadata: the path parameter is declared by hand.
@Controller('accounts')
@ApiProblemResponse(401)
@ApiParam({ name: 'id', type: String })
class AccountsController {
  @Get(':id')
  @ApiResponse({ status: 200, description: 'The account.' })
  @ApiProblemResponse([404, OutOfCredit], { typeBase: TYPE_BASE })
  @ApiProblemResponse(403)
  find(@Param('id') id: string): never {
    if (id === 'poor') throw new OutOfCredit({ balance: 30 }, { detail: 'That costs 50.' })
    if (id === 'anonymous') throw new Unauthorized({ challenge: { scheme: 'Bearer', params: { realm: 'api' } } })
    throw new NotFound(`No account ${id}`)
  }

  // Decorators apply bottom-up: this @ApiNotFoundResponse comes before @ApiProblemResponse(404).
  @Get(':id/history')
  @ApiProblemResponse(404)
  @ApiProblemResponse(405, { mediaTypes: ['application/problem+json', 'application/problem+xml'] })
  @ApiNotFoundResponse({ description: 'The account has no history yet.' })
  history(): never {
    throw new MethodNotAllowed({ allow: ['POST'] })
  }

  // ... and this one after it, which @nestjs/swagger 12 merges into the entry it finds.
  @Get(':id/statements')
  @ApiResponse({ status: 410, description: 'Statements older than a year are gone.' })
  @ApiProblemResponse([404, 410])
  statements(): never {
    throw new NotFound()
  }
}

// The controller documents 403 for every operation; one operation adds a problem type of the same status.
@Controller('cards')
@ApiProblemResponse(403)
@ApiParam({ name: 'id', type: String })
class CardsController {
  @Get(':id')
  @ApiProblemResponse(OutOfCredit, { typeBase: TYPE_BASE })
  charge(): never {
    throw new OutOfCredit({ balance: 30 })
  }

  @Get(':id/limits')
  @ApiProblemResponse(409)
  @ApiResponse({ status: 409, description: 'The card is being updated.' })
  @ApiProblemResponse(409)
  limits(): never {
    throw new NotFound()
  }

  @Get(':id/plain')
  plain(): never {
    throw new NotFound()
  }
}

class AppModule {}
Reflect.defineMetadata('controllers', [AccountsController, CardsController], AppModule)

type Operation = { responses: Record<string, JsonObject> }

function operation(document: OpenAPIObject, path: string): Operation {
  return (document.paths[path] as unknown as { get: Operation }).get
}

function content(response: JsonObject | undefined, mediaType = 'application/problem+json'): { schema: JsonObject; examples: Record<string, { value: unknown }> } {
  return (response?.content as Record<string, { schema: JsonObject; examples: Record<string, { value: unknown }> }>)[mediaType] as never
}

const ajv = new Ajv2020({ strict: false })
addFormats(ajv)

for (const platform of ['express', 'fastify'] as const) {
  describe(`@ApiProblemResponse on Nest's ${platform} platform`, () => {
    let app: INestApplication
    let document: OpenAPIObject
    let port: number

    beforeAll(async () => {
      const adapter = platform === 'express' ? new ExpressAdapter(express5()) : new FastifyAdapter()
      app = await NestFactory.create(AppModule, adapter, { logger: false })
      app.useGlobalFilters(new ProblemDetailsFilter({ typeBase: TYPE_BASE }))
      document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Accounts').setVersion('1').setOpenAPIVersion('3.1.0').build())
      await app.listen(0, '127.0.0.1')
      port = (app.getHttpServer().address() as AddressInfo).port
    })
    afterAll(() => app.close())

    it('builds a document that passes @readme/openapi-parser', async () => {
      const result = await validate(structuredClone(document) as never)
      if (!result.valid) throw new Error(compileErrors(result))
      expect(result.warnings).toEqual([])
    })

    it("is a 3.1 document: as @nestjs/swagger's default 3.0.0 it fails the parser (the README says to set 3.1)", async () => {
      const as30 = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Accounts').setVersion('1').build())
      expect(as30.openapi).toBe('3.0.0')
      expect((await validate(structuredClone(as30) as never)).valid).toBe(false)
    })

    it('documents each status once, inline, with the class-level 401 on every operation', () => {
      expect(Object.keys(operation(document, '/accounts/{id}').responses).sort()).toEqual(['200', '401', '403', '404'])
      expect(Object.keys(operation(document, '/accounts/{id}/history').responses).sort()).toEqual(['401', '404', '405'])
      expect(JSON.stringify(document)).not.toContain('#/components/')
    })

    it('lists a problem type and the built-in class of one status in oneOf, from two decorators', () => {
      const forbidden = content(operation(document, '/accounts/{id}').responses['403'])
      expect((forbidden.schema.oneOf as unknown[]).length).toBe(2)
      expect(Object.keys(forbidden.examples).sort()).toEqual(['Forbidden', 'OutOfCredit'])
      expect(forbidden.examples.OutOfCredit?.value).toEqual({
        type: 'https://example.com/probs/out-of-credit',
        title: 'You do not have enough credit.',
        status: 403,
        code: 'E_CREDIT',
        balance: 30,
      })
    })

    it("joins the controller's problems of a status with the operation's own", () => {
      const forbidden = content(operation(document, '/cards/{id}').responses['403'])
      expect(Object.keys(forbidden.examples).sort()).toEqual(['Forbidden', 'OutOfCredit'])
      expect((forbidden.schema.oneOf as unknown[]).length).toBe(2)
      // An operation without problems of its own gets the controller's as they are.
      expect(Object.keys(content(operation(document, '/cards/{id}/plain').responses['403']).examples)).toEqual(['Forbidden'])
    })

    it('keeps a description written between two decorators for the same status (joined by @nestjs/swagger 12)', () => {
      expect(operation(document, '/cards/{id}/limits').responses['409']?.description).toBe('Conflict\n\nThe card is being updated.')
      expect(Object.keys(content(operation(document, '/cards/{id}/limits').responses['409']).examples)).toEqual(['Conflict'])
    })

    it('documents the headers the status requires, and the media types asked for', () => {
      const { responses } = operation(document, '/accounts/{id}/history')
      expect(responses['405']?.headers).toEqual({ Allow: { required: true, schema: { type: 'string' } } })
      expect(Object.keys(responses['405']?.content as object)).toEqual(['application/problem+json', 'application/problem+xml'])
      expect((operation(document, '/accounts/{id}').responses['401']?.headers as JsonObject)['WWW-Authenticate']).toEqual({
        required: true,
        schema: { type: 'string' },
      })
    })

    it("keeps the description a user wrote for the status with @nestjs/swagger's own decorator, in either order", () => {
      const { responses } = operation(document, '/accounts/{id}/history')
      expect(responses['404']?.description).toBe('The account has no history yet.')
      expect(content(responses['404']).examples.NotFound?.value).toEqual({ type: 'about:blank', title: 'Not Found', status: 404 })
      const gone = operation(document, '/accounts/{id}/statements').responses['410']
      expect(gone?.description).toBe('Gone\n\nStatements older than a year are gone.')
      expect(content(gone).examples.Gone?.value).toEqual({ type: 'about:blank', title: 'Gone', status: 410 })
      expect(operation(document, '/accounts/{id}').responses['404']?.description).toBe('Not Found')
    })

    it('documents every example so that it matches its own schema', () => {
      for (const path of ['/accounts/{id}', '/accounts/{id}/history', '/accounts/{id}/statements']) {
        for (const [status, response] of Object.entries(operation(document, path).responses)) {
          if (status === '200') continue
          const { schema, examples } = content(response)
          for (const example of Object.values(examples)) expect(ajv.validate(schema, example.value), `${path} ${status}`).toBe(true)
        }
      }
    })

    it.each([
      ['/accounts/poor', '/accounts/{id}', 403],
      ['/accounts/42', '/accounts/{id}', 404],
      ['/accounts/anonymous', '/accounts/{id}', 401],
      ['/accounts/42/history', '/accounts/{id}/history', 405],
    ])('the problem GET %s sends matches the schema documented for its status', async (url, path, status) => {
      const res = await getWhole(port, url)
      expect(res.status).toBe(status)
      const { schema } = content(operation(document, path).responses[String(status)])
      const body = JSON.parse(res.body.toString('utf8')) as unknown
      expect(ajv.validate(schema, body), JSON.stringify(ajv.errors)).toBe(true)
      // And the schema is not a catch-all: the same body with another status does not match.
      expect(ajv.validate(schema, { ...(body as object), status: status === 404 ? 410 : 404 })).toBe(false)
    })
  })
}

describe('ApiProblemResponse input', () => {
  it('refuses a status without an error class when the decorator is made, as openApiProblems does', () => {
    expect(() => ApiProblemResponse(302 as never)).toThrow(TypeError)
  })

  it('refuses two errors of one name, whose components would collide, when applied', () => {
    const Missing = defineProblemType()({ type: 'https://example.com/probs/missing', title: 'Missing', status: 404, name: 'NotFound' })
    class Target {
      find(): void {}
    }
    const method = Object.getOwnPropertyDescriptor(Target.prototype, 'find') as PropertyDescriptor
    expect(() => ApiProblemResponse([404, Missing])).toThrow(/two different errors are named NotFound/)
    ApiProblemResponse(404)(Target.prototype, 'find', method)
    expect(() => ApiProblemResponse(Missing)(Target.prototype, 'find', method)).toThrow(/two different errors are named NotFound/)
  })
})
