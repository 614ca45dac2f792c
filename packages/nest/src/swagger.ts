import {
  getStatus,
  openApiProblems,
  resolveType,
  type JsonObject,
  type OpenApiProblemsOptions,
  type OperationError,
} from '@http-problem/core'

/** What this decorator keeps on an operation (or controller): every error documented so far, types resolved. */
interface Documented {
  readonly errors: readonly OperationError[]
  readonly mediaTypes: readonly string[]
  /** The description this decorator made per status, so that its own are replaced and anyone else's kept. */
  readonly descriptions: Readonly<Record<string, string>>
}

const DOCUMENTED = Symbol.for('@http-problem/nest:api-problems')

/**
 * Where `@nestjs/swagger` keeps an operation's responses (its `DECORATORS.API_RESPONSE`, `{ [status]: response }`).
 * Spelled out because `@nestjs/swagger` 8 does not export its constants; the same key and shape in 7, 8, 11 and 12, each
 * tested (test/adapters/nest-swagger.test.ts, test/packaging/nest-major.test.ts). Written directly rather than through
 * `ApiResponse()`, which in 12 joins the descriptions of two entries for one status: this decorator replaces its own.
 */
const API_RESPONSE = 'swagger/apiResponse'

/** The two functions of reflect-metadata used here; every Nest app loads it (Nest's decorators need it). */
const metadata = Reflect as unknown as {
  getMetadata(key: unknown, target: object): unknown
  defineMetadata(key: unknown, value: unknown, target: object): void
}

/**
 * A `@nestjs/swagger` decorator that documents the problem responses an operation (or every operation of a
 * controller) can send, with the schemas, required headers and examples of core's `openApiProblems()`, written
 * inline so the document needs no other setup. Several decorators on one operation add up.
 *
 * @example
 * @Get(':id')
 * @ApiProblemResponse([404, OutOfCredit], { typeBase: 'https://example.com/probs/' })
 * findOne(@Param('id') id: string) {}
 */
export function ApiProblemResponse(
  errors: OperationError | readonly OperationError[],
  options: OpenApiProblemsOptions = {},
): MethodDecorator & ClassDecorator {
  const added = (Array.isArray(errors) ? errors : [errors]) as readonly OperationError[]
  // A problem type's relative `type` is resolved now, with this call's base, so calls with different bases add up.
  const resolved = added.map((error) =>
    typeof error === 'number' ? error : withType(error, resolveType(error.type, options.typeBase)),
  )
  const mediaTypes = options.mediaTypes ?? ['application/problem+json']
  // The input is checked when the decorator is made, at class definition: a status without a class throws here.
  openApiProblems(resolved, { mediaTypes })

  const document = (holder: object): void => {
    const before = metadata.getMetadata(DOCUMENTED, holder) as Documented | undefined
    const seen = new Set((before?.errors ?? []).map(keyOf))
    const all = [...(before?.errors ?? []), ...resolved.filter((error) => !seen.has(keyOf(error)))]
    const allMediaTypes = [...new Set([...(before?.mediaTypes ?? []), ...mediaTypes])]
    const problems = openApiProblems(all, { mediaTypes: allMediaTypes })

    const responses = { ...((metadata.getMetadata(API_RESPONSE, holder) ?? {}) as Record<string, JsonObject>) }
    const written: Record<string, string> = {}
    for (const [status, entry] of Object.entries(problems.responses)) {
      const inline = inlineRefs(entry, problems.components) as JsonObject
      const existing = responses[status]?.description
      const ours = typeof inline.description === 'string' ? inline.description : (getStatus(Number(status))?.phrase ?? status)
      // A description someone else wrote for this status (@ApiResponse) is kept; the ones written here are replaced.
      const theirs = typeof existing === 'string' && existing !== '' && existing !== before?.descriptions[status] ? existing : undefined
      responses[status] = { ...inline, description: theirs ?? ours }
      written[status] = ours
    }
    metadata.defineMetadata(API_RESPONSE, responses, holder)
    metadata.defineMetadata(DOCUMENTED, { errors: all, mediaTypes: allMediaTypes, descriptions: written } satisfies Documented, holder)
  }

  const decorate = (target: object, _key?: string | symbol, descriptor?: TypedPropertyDescriptor<unknown>): void => {
    if (typeof metadata.getMetadata !== 'function' || typeof metadata.defineMetadata !== 'function') {
      throw new TypeError("ApiProblemResponse needs reflect-metadata: import 'reflect-metadata' first, as Nest apps do")
    }
    if (descriptor !== undefined) return document(descriptor.value as object)
    document(target)
    // @nestjs/swagger lets an operation's entry for a status replace the controller's. An operation that documents
    // problems of its own (its decorators ran first) gets the controller's too, so that one status lists both.
    const prototype = (target as { readonly prototype?: object }).prototype
    if (prototype === undefined) return
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown
      if (name !== 'constructor' && typeof method === 'function' && metadata.getMetadata(DOCUMENTED, method) !== undefined) document(method)
    }
  }
  // Returning nothing leaves the class or the method as it is; only metadata is written.
  return decorate as MethodDecorator & ClassDecorator
}

// --- internal ---

/** One key per documented error: the status of a built-in class, or a problem type's resolved `type`. */
function keyOf(error: OperationError): string | number {
  return typeof error === 'number' ? error : error.type
}

/** The static members openApiProblems() reads, with the type resolved. */
function withType(problemType: Exclude<OperationError, number>, type: string): OperationError {
  return {
    name: problemType.name,
    type,
    title: problemType.title,
    status: problemType.status,
    extensionSchema: problemType.extensionSchema,
    ...(typeof problemType.code === 'string' ? { code: problemType.code } : {}),
  }
}

/**
 * A copy of `value` with every `$ref` into `components` replaced by what it points at, so that the response
 * stands alone in a document that has no such components. openApiProblems() output has no cycles.
 */
function inlineRefs(value: unknown, components: { readonly schemas: Record<string, JsonObject>; readonly responses: Record<string, JsonObject> }): unknown {
  if (Array.isArray(value)) return value.map((item) => inlineRefs(item, components))
  if (value === null || typeof value !== 'object') return value
  const ref = (value as JsonObject).$ref
  if (typeof ref === 'string') {
    const [, kind, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref) ?? []
    const target = kind === undefined || name === undefined ? undefined : components[kind as 'schemas' | 'responses'][name]
    if (target !== undefined) return inlineRefs(target, components)
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inlineRefs(item, components)]))
}
