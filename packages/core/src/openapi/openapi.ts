import { headerLabel, statusInputs, type InputRule } from '../error/status-inputs'
import type { ProblemType } from '../problem-types/define-problem-type'
import { resolveType } from '../problem-types/type-text'
import { getStatus } from '../status/lookup'
import type { ErrorStatus } from '../status/registry'

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) or OpenAPI object, as plain data. */
export type JsonObject = { readonly [key: string]: unknown }

/**
 * An error an operation can raise: a status with a built-in class, or a problem type from defineProblemType(). Only
 * the type's static members are read: its constructor, whose first parameter is the type's own extension members,
 * would make a type with required members unassignable here.
 */
export type OperationError =
  | ErrorStatus
  | (Pick<ProblemType<ErrorStatus, object>, 'type' | 'title' | 'status' | 'extensionSchema'> & {
      readonly name: string
      /** The type's default code; optional here so that objects written by hand still fit. */
      readonly code?: string | undefined
    })

/** Options of {@link openApiProblems}. */
export interface OpenApiProblemsOptions {
  /** Resolves relative problem types, as the handler's `typeBase` does. */
  readonly typeBase?: string
  /** Media types to document. Default: `application/problem+json` only. */
  readonly mediaTypes?: readonly string[]
}

/** What {@link openApiProblems} returns: entries to merge into `components`, and the operation's `responses`. */
export interface OpenApiProblems {
  readonly components: { readonly schemas: Record<string, JsonObject>; readonly responses: Record<string, JsonObject> }
  readonly responses: Record<string, JsonObject>
}

/**
 * The JSON Schema of an RFC 9457 problem details object, written from RFC 9457 §3.1 (all members optional,
 * extension members allowed).
 *
 * @example
 * doc.components.schemas.ProblemDetails = problemDetailsSchema()
 */
export function problemDetailsSchema(): JsonObject {
  return {
    type: 'object',
    description: 'RFC 9457 problem details.',
    properties: {
      type: { type: 'string', format: 'uri-reference', default: 'about:blank', description: 'Identifies the problem type.' },
      title: { type: 'string', description: 'A short, human-readable summary of the problem type.' },
      status: { type: 'integer', minimum: 100, maximum: 599, description: 'The HTTP status code of this occurrence.' },
      detail: { type: 'string', description: 'A human-readable explanation of this occurrence.' },
      instance: { type: 'string', format: 'uri-reference', description: 'Identifies this occurrence.' },
      code: {
        type: 'string',
        pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$',
        description: 'A machine-readable code for this error, set by the server (an extension member).',
      },
    },
    additionalProperties: true,
  }
}

/**
 * The `components` entries and the operation `responses` for the errors an operation can raise, with a schema,
 * the headers the status requires (WWW-Authenticate, Allow, …) and an example for each.
 *
 * @example
 * const problems = openApiProblems([404, 405, OutOfCredit], { typeBase: 'https://example.com/probs/' })
 * Object.assign(doc.components.schemas, problems.components.schemas)
 * Object.assign(doc.components.responses, problems.components.responses)
 * doc.paths['/orders/{id}'].get.responses = { '200': ok, ...problems.responses }
 */
export function openApiProblems(errors: readonly OperationError[], options: OpenApiProblemsOptions = {}): OpenApiProblems {
  const mediaTypes = options.mediaTypes ?? ['application/problem+json']
  const schemas: Record<string, JsonObject> = { ProblemDetails: problemDetailsSchema() }
  const componentResponses: Record<string, JsonObject> = {}
  const byStatus = new Map<number, { name: string; example: JsonObject }[]>()

  const seen = new Map<string, string>()
  for (const error of errors) {
    const entry = typeof error === 'number' ? statusEntry(error) : typeEntry(error, options.typeBase)
    // Components are named after the error: the same error twice is listed once, and two errors of one name (a
    // problem type named NotFound next to 404) would overwrite each other's schema and example, so they are refused.
    const identity = JSON.stringify([entry.status, entry.schema])
    const before = seen.get(entry.name)
    if (before === identity) continue
    if (before !== undefined) {
      throw new TypeError(`openApiProblems: two different errors are named ${entry.name}; give the problem type another name`)
    }
    seen.set(entry.name, identity)
    schemas[`${entry.name}Problem`] = entry.schema
    componentResponses[entry.name] = response(entry.description, entry.status, mediaTypes, [{ name: entry.name, example: entry.example }])
    const list = byStatus.get(entry.status) ?? []
    list.push({ name: entry.name, example: entry.example })
    byStatus.set(entry.status, list)
  }

  const responses: Record<string, JsonObject> = {}
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    // One error per status: a reference; several (403 and a 403 problem type): one response listing them all.
    responses[String(status)] =
      list.length === 1
        ? { $ref: `#/components/responses/${(list[0] as { name: string }).name}` }
        : response(getStatus(status)?.phrase ?? String(status), status, mediaTypes, list)
  }
  return { components: { schemas, responses: componentResponses }, responses }
}

// --- internal ---

interface Entry {
  readonly name: string
  readonly status: number
  readonly description: string
  readonly schema: JsonObject
  readonly example: JsonObject
}

function statusEntry(status: ErrorStatus): Entry {
  const row = getStatus(status)
  if (row?.className === undefined) throw new TypeError(`Status ${String(status)} has no error class`)
  return {
    name: row.className,
    status,
    description: row.phrase,
    schema: {
      allOf: [
        { $ref: '#/components/schemas/ProblemDetails' },
        {
          type: 'object',
          description: row.description,
          properties: {
            type: { const: 'about:blank' },
            // RFC 9457 §4.2.1: the title of about:blank is the status phrase, possibly localised.
            title: { type: 'string', examples: [row.phrase] },
            status: { const: status },
          },
        },
      ],
    },
    example: { type: 'about:blank', title: row.phrase, status },
  }
}

function typeEntry(problemType: Exclude<OperationError, number>, typeBase: string | undefined): Entry {
  const type = resolveType(problemType.type, typeBase)
  const extensionSchema = problemType.extensionSchema
  const code = typeof problemType.code === 'string' ? problemType.code : undefined
  const extensionProperties = (extensionSchema?.properties ?? {}) as JsonObject
  // A document without `type` is about:blank (RFC 9457 §3.1.1), so a problem type's schema requires it; this also
  // keeps `oneOf` unambiguous when the type shares its status with a built-in error.
  const required = ['type', ...(Array.isArray(extensionSchema?.required) ? (extensionSchema.required as string[]) : [])]
  return {
    name: problemType.name,
    status: problemType.status,
    description: problemType.title,
    schema: {
      allOf: [
        { $ref: '#/components/schemas/ProblemDetails' },
        {
          type: 'object',
          description: problemType.title,
          properties: {
            type: { const: type },
            title: { type: 'string', examples: [problemType.title] },
            status: { const: problemType.status },
            // An example, not a const: an occurrence may carry a code of its own.
            ...(code === undefined ? {} : { code: { type: 'string', examples: [code] } }),
            ...extensionProperties,
          },
          required,
        },
      ],
    },
    example: {
      type,
      title: problemType.title,
      status: problemType.status,
      ...(code === undefined ? {} : { code }),
      ...exampleOf(extensionProperties),
    },
  }
}

function response(description: string, status: number, mediaTypes: readonly string[], list: readonly { name: string; example: JsonObject }[]): JsonObject {
  const schema =
    list.length === 1
      ? { $ref: `#/components/schemas/${(list[0] as { name: string }).name}Problem` }
      : { oneOf: list.map((item) => ({ $ref: `#/components/schemas/${item.name}Problem` })) }
  const examples = Object.fromEntries(list.map((item) => [item.name, { value: item.example }]))
  const headers = headersFor(status)
  return {
    description,
    ...(Object.keys(headers).length === 0 ? {} : { headers }),
    content: Object.fromEntries(mediaTypes.map((mediaType) => [mediaType, { schema, examples }])),
  }
}

/** The headers the status's typed inputs produce, required where the RFC requires them. */
function headersFor(status: number): Record<string, JsonObject> {
  const rules = (statusInputs as Readonly<Record<number, Readonly<Record<string, InputRule>>>>)[status] ?? {}
  const headers: Record<string, JsonObject> = {}
  for (const rule of Object.values(rules)) {
    const name = headerLabel(rule.header)
    headers[name] = { required: rule.required, schema: { type: 'string' } }
  }
  return headers
}

/** An example value per extension property, from its schema's `examples`, `const` or `default`. */
function exampleOf(properties: JsonObject): JsonObject {
  const out: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(properties)) {
    const s = (schema ?? {}) as JsonObject
    const value = Array.isArray(s.examples) ? s.examples[0] : s.const ?? s.default
    if (value !== undefined) out[name] = value
  }
  return out
}
