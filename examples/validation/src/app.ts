import Ajv from 'ajv'
import express from 'express'
import { z } from 'zod'
import {
  defineProblemType,
  fromAjvErrors,
  fromStandardSchemaIssues,
  NotFound,
  openApiProblems,
  validationProblem,
  type JsonObject,
  type OperationError,
  type ValidationIssue,
} from '@http-problem/core'
import { errorHandler, notFound } from '@http-problem/express'

/** Relative problem types (`out-of-credit`) are sent resolved against this base. */
export const typeBase = 'https://example.com/probs/'

// --- problem types ---------------------------------------------------------------------------------------------

/**
 * RFC 9457 §3's validation problem: every failing value with a JSON Pointer to it. `validationProblem()` builds the
 * occurrences; this definition gives them their type URI and title, and describes `errors` in the OpenAPI document.
 */
export const ValidationError = defineProblemType<{ errors: ValidationIssue[] }>()({
  type: 'validation-error',
  title: 'Your request is not valid.',
  status: 422,
  extensionSchema: {
    type: 'object',
    properties: {
      errors: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            detail: { type: 'string' },
            pointer: { type: 'string', description: 'RFC 6901 JSON Pointer, URI fragment form, into the body or the parameters of `location`.' },
            location: { enum: ['query', 'path', 'header', 'cookie'] },
          },
          required: ['detail', 'pointer'],
        },
        examples: [[{ detail: 'must be a positive integer', pointer: '#/age' }]],
      },
    },
    required: ['errors'],
  },
})

/** RFC 9457 §3's own example of a problem type, with typed extension members and a Chinese title. */
export const OutOfCredit = defineProblemType<{ balance: number; accounts: string[] }>()({
  type: 'out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
  titles: { 'zh-CN': '您的余额不足。' },
  extensionSchema: {
    type: 'object',
    properties: {
      balance: { type: 'number', examples: [30] },
      accounts: { type: 'array', items: { type: 'string', format: 'uri-reference' }, examples: [['/account/12345']] },
    },
    required: ['balance', 'accounts'],
  },
})

// --- request schemas -------------------------------------------------------------------------------------------

/** POST /people, validated with zod (any Standard Schema library works the same way). */
const Person = z.object({
  name: z.string('must be a string').min(1, 'must not be empty'),
  age: z.number('must be a positive integer').int('must be a positive integer').nonnegative('must be a positive integer'),
  profile: z.object({ color: z.enum(['green', 'red', 'blue'], "must be 'green', 'red' or 'blue'") }, 'must be an object'),
}, 'must be a JSON object')

/** GET /people's query string, validated with zod: its problems carry `location: 'query'`. */
const PeopleQuery = z.object({
  limit: z.coerce.number('must be a number').int('must be an integer').min(1, 'must be at least 1').max(100, 'must be at most 100').default(10),
})

/** POST /orders, validated with ajv. */
const orderSchema = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['sku', 'quantity'],
        properties: { sku: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{4}$' }, quantity: { type: 'integer', minimum: 1 } },
      },
    },
    'gift/note': { type: 'string', maxLength: 20 },
  },
} as const

/** GET /account/{id}'s path parameters, validated with ajv: its problems carry `location: 'path'`. */
const accountParamsSchema = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9]+$' } },
} as const

const ajv = new Ajv({ allErrors: true })
const validateOrder = ajv.compile(orderSchema)
const validateAccountParams = ajv.compile(accountParamsSchema)

const accounts = new Map([['12345', { balance: 30 }]])

// --- the app ---------------------------------------------------------------------------------------------------

/** The example API; `server.ts` starts it, and the tests mount it over a real socket. */
export function createApp(): express.Express {
  const app = express()
  app.disable('x-powered-by')

  app.get('/', (_req, res) => {
    res.json({ routes: ['GET /people?limit=10', 'POST /people', 'POST /orders', 'GET /account/12345', 'GET /openapi.json'] })
  })

  app.get('/people', async (req, res) => {
    const result = await PeopleQuery['~standard'].validate(req.query)
    if (result.issues) throw invalid(fromStandardSchemaIssues(result.issues, 'query'))
    res.json({ people: [], limit: result.value.limit })
  })

  app.post('/people', express.json({ limit: '10kb' }), async (req, res) => {
    const result = await Person['~standard'].validate(req.body)
    if (result.issues) throw invalid(fromStandardSchemaIssues(result.issues))
    res.status(201).json(result.value)
  })

  app.post('/orders', express.json({ limit: '10kb' }), (req, res) => {
    if (!validateOrder(req.body)) throw invalid(fromAjvErrors(validateOrder.errors ?? []))
    res.status(201).json({ id: 1, ...req.body })
  })

  app.get('/account/:id', (req, res) => {
    if (!validateAccountParams(req.params)) throw invalid(fromAjvErrors(validateAccountParams.errors ?? [], 'path'))
    const account = accounts.get(req.params.id)
    if (account === undefined) throw new NotFound(`No account ${req.params.id}.`)
    // Every account in this example is out of credit: RFC 9457 §3's own example, typed.
    throw new OutOfCredit(
      { balance: account.balance, accounts: [`/account/${req.params.id}`] },
      { detail: `Your current balance is ${account.balance}, but that costs 50.`, instance: `/account/${req.params.id}/msgs/abc` },
    )
  })

  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument)
  })

  app.use(notFound())
  app.use(errorHandler({ typeBase }))
  return app
}

/** A validation problem of this API's type (422 by default, as in RFC 9457). */
function invalid(issues: ValidationIssue[]) {
  return validationProblem(issues, { type: ValidationError.type, title: ValidationError.title })
}

// --- the OpenAPI document --------------------------------------------------------------------------------------

/** Each operation's error responses, and components merged from all of them. */
function problems(errors: readonly OperationError[]): JsonObject {
  const result = openApiProblems(errors, { typeBase })
  Object.assign(components.schemas, result.components.schemas)
  Object.assign(components.responses, result.components.responses)
  return result.responses
}

const components: { schemas: Record<string, JsonObject>; responses: Record<string, JsonObject> } = {
  schemas: {
    Person: z.toJSONSchema(Person),
    Order: orderSchema,
  },
  responses: {},
}

/** The OpenAPI 3.1 document of this API, served at GET /openapi.json. */
export const openApiDocument: JsonObject = {
  openapi: '3.1.0',
  info: { title: 'http-problem validation example', version: '1.0.0' },
  paths: {
    '/people': {
      get: {
        operationId: 'listPeople',
        parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } }],
        responses: { '200': { description: 'A page of people.' }, ...problems([ValidationError]) },
      },
      post: {
        operationId: 'createPerson',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Person' } } } },
        // 400: a body that is not JSON, or too large (413), from express.json().
        responses: { '201': { description: 'Created.' }, ...problems([400, 413, ValidationError]) },
      },
    },
    '/orders': {
      post: {
        operationId: 'createOrder',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } },
        responses: { '201': { description: 'Created.' }, ...problems([400, 413, ValidationError]) },
      },
    },
    '/account/{id}': {
      get: {
        operationId: 'getAccount',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } }],
        responses: { '200': { description: 'The account.' }, ...problems([404, OutOfCredit, ValidationError]) },
      },
    },
  },
  components,
}
