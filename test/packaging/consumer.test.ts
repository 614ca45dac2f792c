// The packages as a user installs them: packed with pnpm, installed with npm into a project outside the workspace
// (no source export condition anywhere), type-checked by TypeScript 5.x and the latest under the strictest common
// settings with skipLibCheck off, then loaded with import and require() to serve one request through each adapter.
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packPublished, publishedPackages, root } from '../../scripts/pack.mjs'
import { snippets, type Snippet } from './readme-snippets'

const run = promisify(execFile)
const fixture = join(root, 'test', 'packaging', 'consumer')

/** The compilers under test, installed side by side under aliases. */
const compilers = { 'TypeScript 5': 'ts5', 'TypeScript latest': 'tslatest' } as const

const strict = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  noEmit: true,
  esModuleInterop: true,
  target: 'es2022',
  types: ['node'],
  // @types/koa imports content-disposition's Options type, which content-disposition 1.x (Koa 3's) ships its own
  // declarations without; a Koa user with skipLibCheck off points the name at @types/content-disposition. Not ours.
  paths: { 'content-disposition': ['./node_modules/@types/content-disposition'] },
}

let project: string
let examples: Snippet[]

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'http-problem-consumer-'))
  const packs = join(project, 'packs')
  cpSync(fixture, project, { recursive: true })
  mkdirSync(packs)
  const tarballs = await packPublished(packs)
  const ours = Object.fromEntries(publishedPackages.map((name) => [`@http-problem/${name}`, `file:${tarballs[name]}`]))
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'http-problem-consumer',
        private: true,
        dependencies: {
          ...ours,
          express: '^5.1.0',
          koa: '^3.0.0',
          fastify: '^5.0.0',
          hono: '^4.6.0',
          zod: '^4.0.0',
          // What the README examples import besides the frameworks.
          '@fastify/cors': '^11.0.0',
          '@hapi/boom': '^10.0.0',
          '@hono/node-server': '^2.0.0',
          '@koa/bodyparser': '^6.0.0',
          '@koa/cors': '^5.0.0',
          '@koa/router': '^15.0.0',
          'http-errors': '^2.0.0',
          // @http-problem/opentelemetry's peer, and the SDK the run scripts record a span with.
          '@opentelemetry/api': '~1.9.0',
          '@opentelemetry/sdk-trace-base': '^2.0.0',
          // @http-problem/nest's peers, with what Nest itself needs and the platform the run scripts serve on.
          '@nestjs/common': '^12.0.0',
          '@nestjs/core': '^12.0.0',
          '@nestjs/platform-express': '^12.0.0',
          '@nestjs/swagger': '^12.0.0',
          'class-transformer': '^0.5.1',
          'class-validator': '^0.15.0',
          'reflect-metadata': '^0.2.0',
          rxjs: '^7.8.0',
        },
        devDependencies: {
          '@types/express': '^5.0.0',
          '@types/http-errors': '^2.0.0',
          '@types/koa': '^3.0.0',
          '@types/koa__cors': '^5.0.0',
          '@types/node': '^20.19.0',
          ts5: 'npm:typescript@^5.9.0',
          tslatest: 'npm:typescript@latest',
        },
        // The adapters' dependency on core is a semver range; the packed core satisfies it, never the registry.
        overrides: { '@http-problem/core': `file:${tarballs.core}` },
      },
      null,
      2,
    ),
  )
  // The user's .mts and .cts files, and a bundler project's .ts file: the same consumer code in each module system.
  const uses = readFileSync(join(fixture, 'uses.ts'), 'utf8')
  for (const file of ['uses.mts', 'uses.cts']) writeFileSync(join(project, file), uses)
  writeFileSync(
    join(project, 'tsconfig.nodenext.json'),
    JSON.stringify({ compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext' }, files: ['uses.mts', 'uses.cts'] }),
  )
  writeFileSync(
    join(project, 'tsconfig.bundler.json'),
    JSON.stringify({ compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler' }, files: ['uses.ts'] }),
  )
  writeFileSync(
    join(project, 'tsconfig.readme.json'),
    JSON.stringify({
      // @http-problem/nest's README shows Nest's decorators, which need the legacy decorators Nest apps compile with.
      compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext', experimentalDecorators: true },
      include: ['readme'],
    }),
  )
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, maxBuffer: 16 * 1024 * 1024 })
  // Every TypeScript example of the READMEs and docs, as an .mts module; core's value exports as installed.
  const { stdout } = await run(process.execPath, ['-p', "JSON.stringify(Object.keys(require('@http-problem/core')))"], {
    cwd: project,
  })
  examples = snippets(root, JSON.parse(stdout) as string[])
  mkdirSync(join(project, 'readme'))
  for (const example of examples) writeFileSync(join(project, 'readme', example.file), example.source)
}, 600_000)

// KEEP_CONSUMER=1 leaves the project in place and prints where, to look at a failure by hand.
// Removing the installed node_modules took over vitest's 10 s hook default on the shared machine.
afterAll(() => {
  if (process.env.KEEP_CONSUMER === undefined) rmSync(project, { recursive: true, force: true })
  else console.log(`consumer project kept at ${project}`)
}, 120_000)

async function tsc(compiler: string, tsconfig: string): Promise<string> {
  const bin = join(project, 'node_modules', compiler, 'bin', 'tsc')
  try {
    await run(process.execPath, [bin, '-p', tsconfig], { cwd: project, maxBuffer: 16 * 1024 * 1024 })
    return ''
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    return `${stdout ?? ''}${stderr ?? ''}`.trim() || String(error)
  }
}

describe.each(Object.entries(compilers))('the installed packages under %s', (_label, compiler) => {
  it('type-check a consumer as .mts and .cts under module nodenext, skipLibCheck off', async () => {
    expect(await tsc(compiler, 'tsconfig.nodenext.json')).toBe('')
  }, 240_000)

  it('type-check the same consumer under moduleResolution bundler, skipLibCheck off', async () => {
    expect(await tsc(compiler, 'tsconfig.bundler.json')).toBe('')
  }, 240_000)

  it('compile every TypeScript example of the READMEs and docs under module nodenext', async () => {
    expect(examples.length).toBeGreaterThan(35)
    expect(await tsc(compiler, 'tsconfig.readme.json')).toBe('')
  }, 240_000)
})

describe('the installed packages at run time', () => {
  it.each(['run.mjs', 'run.cjs'])('%s loads every package and serves a 404 problem through each adapter', async (script) => {
    const { stdout } = await run(process.execPath, [script], { cwd: project })
    const { results } = JSON.parse(stdout.trim()) as { results: Record<string, unknown> }
    for (const adapter of ['express', 'koa', 'fastify', 'hono', 'fetch', 'node', 'nest']) {
      expect(results[adapter], adapter).toEqual({
        status: 404,
        contentType: 'application/problem+json',
        body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user with id 42' },
      })
    }
    expect(results.core).toEqual({ createError: true, sameBrandAcrossBuilds: true })
    // @http-problem/nest/swagger's decorator, read by the installed @nestjs/swagger into a document.
    expect(results.swagger).toEqual({ statuses: ['404', '405'], allowRequired: true, example: { type: 'about:blank', title: 'Not Found', status: 404 } })
    expect(results.opentelemetry).toEqual({
      exceptions: ['TypeError'],
      status: 2, // SpanStatusCode.ERROR
      attributes: { 'error.type': 'InternalServerError', 'http.response.status_code': 500, 'http_problem.type': 'InternalServerError' },
    })
  }, 60_000)

  it('covers every error class the installed core exports', async () => {
    const { stdout } = await run(
      process.execPath,
      ['-e', "const c=require('@http-problem/core');console.log(JSON.stringify(Object.keys(c).filter(k=>c.isHttpError(c[k]?.prototype)&&k!=='HttpError')))"],
      { cwd: project },
    )
    const uses = readFileSync(join(fixture, 'uses.ts'), 'utf8')
    const classes = JSON.parse(stdout) as string[]
    expect(classes.length).toBeGreaterThan(40)
    for (const name of classes) expect(uses, name).toContain(`new ${name}(`)
  })
})
