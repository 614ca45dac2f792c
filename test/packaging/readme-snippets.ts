// Turns the ```ts blocks of the READMEs and docs into modules a consumer project can type-check. A block may use
// names it does not declare (`app`, `req`, an import it leaves out); the context below supplies each such name,
// per document, as one declaration. A block preceded by `<!-- not compiled: reason -->` is left out.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The documents whose TypeScript examples must compile, relative to the repository root. */
export const documents = [
  'README.md',
  'packages/core/README.md',
  'packages/express/README.md',
  'packages/koa/README.md',
  'packages/fastify/README.md',
  'packages/fetch/README.md',
  'packages/node/README.md',
  'packages/opentelemetry/README.md',
  'packages/nest/README.md',
  'docs/validation-and-openapi.md',
] as const

type Context = Readonly<Record<string, string>>

const adapterOf: Readonly<Record<(typeof documents)[number], string>> = {
  'README.md': 'express',
  'packages/core/README.md': 'express',
  'packages/express/README.md': 'express',
  'packages/koa/README.md': 'koa',
  'packages/fastify/README.md': 'fastify',
  'packages/fetch/README.md': 'fetch',
  'packages/node/README.md': 'node',
  // Its examples import the adapters they show; Express supplies `app`.
  'packages/opentelemetry/README.md': 'express',
  'packages/nest/README.md': 'nest',
  'docs/validation-and-openapi.md': 'express',
}

/** Names every document may use without declaring them. */
const shared: Context = {
  express: "import express from 'express'",
  Fastify: "import Fastify from 'fastify'",
  Koa: "import Koa from 'koa'",
  Hono: "import { Hono } from 'hono'",
  http: "import http from 'node:http'",
  httpErrors: "import httpErrors from 'http-errors'",
  Boom: "import Boom from '@hapi/boom'",
  z: "import { z } from 'zod'",
  err: 'declare const err: Error',
  dbError: 'declare const dbError: Error',
  value: 'declare const value: unknown',
  init: "declare const init: import('@http-problem/core').ProblemInit",
  db: 'declare const db: { findUser(id: string): Promise<{ id: string } | undefined>; users: { find(id: string): Promise<{ id: string } | undefined> } }',
  logger: 'declare const logger: { error(entry: object): void }',
  handle: 'declare const handle: (request: Request) => Promise<Response>',
  request: 'declare const request: Request',
  Person: 'const Person = z.object({ name: z.string(), age: z.number().int() })',
  validateQuery: "declare const validateQuery: ((data: unknown) => boolean) & { errors?: import('@http-problem/core').AjvErrorLike[] | null }",
  doc: "declare const doc: { components: { schemas: Record<string, unknown>; responses: Record<string, unknown> }; paths: { '/account/{id}': { get: { responses: Record<string, unknown> } } } }",
  ok: 'declare const ok: object',
  OutOfCredit:
    "const OutOfCredit = defineProblemType<{ balance: number; accounts: string[] }>()({ type: 'https://example.com/probs/out-of-credit', title: 'You do not have enough credit.', status: 403 })",
  // Cloudflare Workers, Bun and Deno globals, as far as the examples use them.
  KVNamespace: 'interface KVNamespace { get(key: string): Promise<string | null> }',
  ExecutionContext: 'interface ExecutionContext { waitUntil(promise: Promise<unknown>): void }',
  ExportedHandler:
    'type ExportedHandler<Env> = { fetch?: (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response> }',
  Bun: 'declare const Bun: { serve(options: { port: number; fetch: (request: Request) => Response | Promise<Response> }): unknown }',
  Deno: 'declare const Deno: { serve(options: { port: number }, handler: (request: Request) => Response | Promise<Response>): unknown }',
}

/** Names that mean something else in each framework's document. */
const perAdapter: Readonly<Record<string, Context>> = {
  express: {
    app: 'const app = express()',
    req: 'declare const req: express.Request',
    res: 'declare const res: express.Response',
  },
  koa: {
    app: 'const app = new Koa()',
    ctx: 'declare const ctx: Koa.Context',
    router: 'const router = new Router()',
    Router: "import Router from '@koa/router'",
    cors: "import cors from '@koa/cors'",
  },
  fastify: {
    app: 'const app = Fastify()',
    cors: "import cors from '@fastify/cors'",
  },
  fetch: { app: 'const app = new Hono()', cors: "import { cors } from 'hono/cors'" },
  // Nest's examples are decorated classes; the consumer compiles them with experimentalDecorators, as Nest apps do.
  nest: {
    AppModule: 'declare class AppModule {}',
    ConfigModule: 'declare class ConfigModule {}',
    ConfigService: 'declare class ConfigService { get(key: string): string }',
    CreatePerson: 'declare class CreatePerson { email: string }',
    Controller: "import { Controller } from '@nestjs/common'",
    Post: "import { Post } from '@nestjs/common'",
    Body: "import { Body } from '@nestjs/common'",
  },
  node: {
    http2: "import http2 from 'node:http2'",
    key: 'declare const key: string',
    cert: 'declare const cert: string',
    listener: "declare const listener: import('@http-problem/node').Listener",
    h2Listener: "declare const h2Listener: import('@http-problem/node').Http2Listener",
    routes: "declare const routes: Record<string, import('@http-problem/node').Listener>",
    pathname: 'declare const pathname: string',
    req: "declare const req: import('node:http').IncomingMessage",
    res: "declare const res: import('node:http').ServerResponse",
  },
}

const adapterExports: Readonly<Record<string, readonly string[]>> = {
  express: ['errorHandler', 'notFound', 'wrapAsync'],
  koa: ['errorHandler', 'notFound'],
  fastify: ['errorHandler', 'notFound', 'problemDetails'],
  fetch: ['errorHandler', 'notFound', 'withProblems'],
  node: ['errorHandler', 'notFound', 'withProblems'],
  nest: ['ProblemDetailsFilter', 'ProblemDetailsModule', 'problemValidationPipe'],
}

export interface Snippet {
  /** `packages/core/README.md#3`: the document and the block's number in it. */
  readonly name: string
  /** The file name in the consumer project. */
  readonly file: string
  /** The module: the context it needs, then the block as written. */
  readonly source: string
}

/** Every compiled ```ts block of every document, with the context it needs; `coreExports` are core's value names. */
export function snippets(root: string, coreExports: readonly string[]): Snippet[] {
  const out: Snippet[] = []
  for (const document of documents) {
    const adapter = adapterOf[document]
    const context: Context = {
      ...Object.fromEntries(coreExports.map((name) => [name, `import { ${name} } from '@http-problem/core'`])),
      ...shared,
      ...Object.fromEntries((adapterExports[adapter] ?? []).map((name) => [name, `import { ${name} } from '@http-problem/${adapter}'`])),
      ...perAdapter[adapter],
    }
    const text = readFileSync(join(root, document), 'utf8')
    // A fence may be indented (inside a list item); its lines are dedented by the fence's indentation.
    const blocks = text.matchAll(/(<!-- not compiled: [^>]+ -->\n)?^( *)```ts\n([\s\S]*?)^\2```/gm)
    let n = 0
    for (const [, skip, indent = '', indented] of blocks) {
      n++
      if (skip !== undefined || indented === undefined) continue
      const code = indented.replace(new RegExp(`^ {0,${indent.length}}`, 'gm'), '')
      const file = `${document.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-')}-${n}.mts`
      out.push({ name: `${document}#${n}`, file, source: `${needed(code, context).join('\n')}\n// --- the example ---\n${code}` })
    }
  }
  return out
}

// --- internal ---

/** The context lines for the names a block uses and does not declare, and for the names those lines use. */
function needed(code: string, context: Context): string[] {
  const declared = declaredNames(code)
  const lines: string[] = []
  const seen = new Set<string>()
  const visit = (text: string): void => {
    for (const word of new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
      const line = Object.hasOwn(context, word) ? context[word] : undefined
      if (line === undefined || declared.has(word) || seen.has(word)) continue
      seen.add(word)
      visit(line)
      lines.push(line)
    }
  }
  visit(code)
  return lines
}

function declaredNames(code: string): Set<string> {
  const names = new Set<string>()
  for (const [, list] of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of (list ?? '').split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()?.trim()
      if (name) names.add(name)
    }
  }
  for (const [, name] of code.matchAll(/import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from/g)) if (name) names.add(name)
  for (const [, name] of code.matchAll(/(?:const|let|var|function|class|interface|type)\s+([A-Za-z_$][\w$]*)/g)) {
    if (name) names.add(name)
  }
  return names
}
