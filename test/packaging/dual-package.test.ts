// The built package: its ESM and CJS builds, and two installed copies of it, recognise each other's errors.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

type Core = typeof import('@http-problem/core')

const root = fileURLToPath(new URL('../..', import.meta.url))
const coreDir = join(root, 'packages', 'core')
const distDir = join(coreDir, 'dist')

let esm: Core
let cjs: Core

beforeAll(async () => {
  // The root `test` script builds first; build here too when dist/ is missing, so this file stands alone.
  if (!existsSync(join(distDir, 'index.cjs')) || !existsSync(join(distDir, 'index.js'))) {
    const build = ['-y', 'pnpm@10', '--filter', '@http-problem/core', 'run', 'build']
    execFileSync('npx', build, { cwd: root, stdio: 'pipe' })
  }
  esm = (await import(/* @vite-ignore */ pathToFileURL(join(distDir, 'index.js')).href)) as Core
  cjs = createRequire(import.meta.url)(join(distDir, 'index.cjs')) as Core
}, 180_000)

describe('the ESM and CJS builds loaded into one process', () => {
  it('are two separate copies of every class', () => {
    expect(esm.HttpError).not.toBe(cjs.HttpError)
    expect(esm.NotFound).not.toBe(cjs.NotFound)
    // Without the brand the prototype chains would not match.
    expect(Function.prototype[Symbol.hasInstance].call(esm.NotFound, new cjs.NotFound())).toBe(false)
  })

  it.each([
    { maker: 'CJS', checker: 'ESM' },
    { maker: 'ESM', checker: 'CJS' },
  ] as const)('recognise an error made by the $maker build as an HttpError of the $checker build', ({ maker }) => {
    const [make, check] = maker === 'CJS' ? [cjs, esm] : [esm, cjs]
    const err = new make.NotFound('No user 42')
    expect(check.isHttpError(err)).toBe(true)
    expect(err instanceof check.HttpError).toBe(true)
    expect(err instanceof check.NotFound).toBe(true)
    expect(check.createError.isHttpError(err)).toBe(true)
    // instanceof a status class still means that status.
    expect(err instanceof check.BadRequest).toBe(false)
    expect(err instanceof check.InternalServerError).toBe(false)
  })

  it('passes an error from the other build through toHttpError unchanged', () => {
    const err = new cjs.MethodNotAllowed({ allow: ['GET', 'HEAD'] })
    expect(esm.toHttpError(err)).toBe(err)
    expect(esm.toHttpError(err).headers).toEqual({ allow: 'GET, HEAD' })
  })

  it('does not treat a look-alike plain Error as an HttpError of either build', () => {
    const lookAlike = Object.assign(new Error('Not Found'), { status: 404, statusCode: 404, expose: true })
    expect(esm.isHttpError(lookAlike)).toBe(false)
    expect(cjs.isHttpError(lookAlike)).toBe(false)
    expect(lookAlike instanceof esm.NotFound).toBe(false)
    expect(lookAlike instanceof cjs.HttpError).toBe(false)
  })
})

// The copies are loaded in a child `node` process: the vitest worker runs with the runner's --conditions
// (including "@http-problem/source"), which would send require() to src/, a folder an install does not have.
describe('two installed copies of the package under two apps', () => {
  let base: string
  let appA: string
  let appB: string

  beforeAll(() => {
    base = mkdtempSync(join(realpathSync(tmpdir()), 'http-problem-dual-'))
    appA = join(base, 'app-a')
    appB = join(base, 'app-b')
    for (const app of [appA, appB]) {
      const installed = join(app, 'node_modules', '@http-problem', 'core')
      cpSync(join(coreDir, 'package.json'), join(installed, 'package.json'))
      cpSync(distDir, join(installed, 'dist'), { recursive: true })
    }
    const otherManifest = join(appB, 'node_modules', '@http-problem', 'core', 'package.json')
    const manifest = JSON.parse(readFileSync(otherManifest, 'utf8')) as { version: string }
    writeFileSync(otherManifest, JSON.stringify({ ...manifest, version: '0.0.0-other' }, null, 2))
  })

  afterAll(() => {
    rmSync(base, { recursive: true, force: true })
  })

  it('resolves require() of the package to the CJS build through the exports map', () => {
    const out = runNode(appA, 'resolve.cjs', [
      'console.log(JSON.stringify({',
      "  resolved: require.resolve('@http-problem/core'),",
      "  isBuild: typeof require('@http-problem/core').createError === 'function',",
      '}))',
    ])
    expect(out).toEqual({
      resolved: join(appA, 'node_modules', '@http-problem', 'core', 'dist', 'index.cjs'),
      isBuild: true,
    })
  })

  it('recognises errors across the two copies in both directions, and only for their own status', () => {
    const out = runNode(appA, 'copies.cjs', [
      "const { createRequire } = require('node:module')",
      "const path = require('node:path')",
      `const load = (app) => createRequire(path.join(app, 'index.js'))`,
      `const a = load(${JSON.stringify(appA)})('@http-problem/core')`,
      `const b = load(${JSON.stringify(appB)})('@http-problem/core')`,
      `const version = (app) => load(app)('@http-problem/core/package.json').version`,
      "const fromA = new a.TooManyRequests('Slow down', { retryAfter: 30 })",
      'const fromB = new b.NotFound()',
      'console.log(JSON.stringify({',
      `  versions: [version(${JSON.stringify(appA)}), version(${JSON.stringify(appB)})],`,
      '  sameClass: a.NotFound === b.NotFound,',
      '  prototypeChainMatches: Function.prototype[Symbol.hasInstance].call(b.HttpError, fromA),',
      '  aSeenByB: [b.isHttpError(fromA), fromA instanceof b.HttpError, fromA instanceof b.TooManyRequests],',
      '  aWrongStatusInB: [fromA instanceof b.BadRequest, fromA instanceof b.NotFound],',
      '  bSeenByA: [a.isHttpError(fromB), fromB instanceof a.HttpError, fromB instanceof a.NotFound],',
      '  bWrongStatusInA: [fromB instanceof a.BadRequest, fromB instanceof a.TooManyRequests],',
      '  bAsIsInA: a.toHttpError(fromB) === fromB,',
      "  headersAcross: a.toHttpError(fromA).headers['retry-after'],",
      '}))',
    ])
    expect(out).toEqual({
      versions: [JSON.parse(readFileSync(join(coreDir, 'package.json'), 'utf8')).version, '0.0.0-other'],
      sameClass: false,
      prototypeChainMatches: false,
      aSeenByB: [true, true, true],
      aWrongStatusInB: [false, false],
      bSeenByA: [true, true, true],
      bWrongStatusInA: [false, false],
      bAsIsInA: true,
      headersAcross: '30',
    })
  })

  it('loads the ESM build for import(), where the ESM and CJS builds still recognise each other', () => {
    const out = runNode(appA, 'check.mjs', [
      "import { createRequire } from 'node:module'",
      "import * as core from '@http-problem/core'",
      "const cjs = createRequire(import.meta.url)('@http-problem/core')",
      "const err = new core.MethodNotAllowed({ allow: ['GET', 'HEAD'] })",
      'const fromCjs = new cjs.NotFound()',
      'console.log(JSON.stringify({',
      "  resolved: import.meta.resolve('@http-problem/core'),",
      '  status: err.status, name: err.name, message: err.message, headers: err.headers,',
      '  isHttpError: core.isHttpError(err), instanceOfOwnClass: err instanceof core.MethodNotAllowed,',
      '  sameClassAsCjs: core.NotFound === cjs.NotFound,',
      '  cjsSeenByEsm: [',
      '    core.isHttpError(fromCjs), fromCjs instanceof core.NotFound, fromCjs instanceof core.HttpError,',
      '  ],',
      '  esmSeenByCjs: [cjs.isHttpError(err), err instanceof cjs.MethodNotAllowed, err instanceof cjs.NotFound],',
      "  created: core.createError(404, 'nope').message,",
      '}))',
    ])
    expect(out).toEqual({
      resolved: pathToFileURL(join(appA, 'node_modules', '@http-problem', 'core', 'dist', 'index.js')).href,
      status: 405,
      name: 'MethodNotAllowedError',
      message: 'Method Not Allowed',
      headers: { allow: 'GET, HEAD' },
      isHttpError: true,
      instanceOfOwnClass: true,
      sameClassAsCjs: false,
      cjsSeenByEsm: [true, true, true],
      esmSeenByCjs: [true, true, false],
      created: 'nope',
    })
  })
})

// --- internal ---

/** Runs a script from `app` in a plain Node process (default conditions, like a user's) and parses what it prints. */
function runNode(app: string, file: string, lines: readonly string[]): unknown {
  const script = join(app, file)
  writeFileSync(script, lines.join('\n'))
  const env = { ...process.env, NODE_OPTIONS: '' }
  return JSON.parse(execFileSync(process.execPath, [script], { cwd: app, env, encoding: 'utf8' }))
}
