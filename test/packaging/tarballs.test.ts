// What `pnpm pack` puts in each published tarball: only what runs or types, a manifest that installs outside the
// workspace, and sizes within the budgets of docs/packaging.md.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packPublished, publishedPackages, root, tarballBudgets as budgets, tarballLimits as limits, type PublishedPackage } from '../../scripts/pack.mjs'

/** The subpath entries a package has besides its main one: each ships its builds and declarations too. */
const subpaths: Partial<Record<PublishedPackage, readonly string[]>> = { nest: ['swagger'] }

function shipped(name: PublishedPackage): string[] {
  const entries = ['index', ...(subpaths[name] ?? [])]
  const builds = entries.flatMap((entry) => ['cjs', 'd.cts', 'd.ts', 'js'].map((ext) => `dist/${entry}.${ext}`))
  return ['LICENSE', 'README.md', ...builds, 'package.json'].sort()
}

let dir: string
let tarballs: Record<PublishedPackage, string>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'http-problem-packs-'))
  tarballs = await packPublished(dir)
}, 120_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function files(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort()
}

function manifest(tarball: string): Record<string, unknown> {
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<
    string,
    unknown
  >
}

describe.each(publishedPackages)('the packed @http-problem/%s', (name) => {
  it('holds the builds, their declarations, the README, the licence and the manifest, and nothing else', () => {
    expect(files(tarballs[name])).toEqual(shipped(name))
  })

  // A package over its budget is held to its limit (scripts/pack.mjs) until the budget is met, so it cannot grow.
  const limit = limits[name] ?? budgets[name]
  it(`packs to at most ${limit} bytes (${limits[name] === undefined ? 'its budget' : `its limit; budget ${budgets[name]}`})`, () => {
    const size = statSync(tarballs[name]).size
    expect(size, `@http-problem/${name} packs to ${size} bytes`).toBeLessThanOrEqual(limit)
  })

  it('has no workspace-only export condition and no workspace: ranges', () => {
    const text = JSON.stringify(manifest(tarballs[name]))
    expect(text).not.toContain('@http-problem/source')
    expect(text).not.toContain('src/')
    expect(text).not.toContain('workspace:')
  })

  it('resolves import and require of each entry to the built files, types first', () => {
    const exports = manifest(tarballs[name]).exports as Record<string, Record<string, Record<string, string>>>
    expect(Object.keys(exports)).toEqual(['.', ...(subpaths[name] ?? []).map((entry) => `./${entry}`), './package.json'])
    for (const entry of ['index', ...(subpaths[name] ?? [])]) {
      const conditions = exports[entry === 'index' ? '.' : `./${entry}`]
      expect(Object.keys(conditions ?? {})).toEqual(['import', 'require'])
      expect(conditions?.import).toEqual({ types: `./dist/${entry}.d.ts`, default: `./dist/${entry}.js` })
      expect(conditions?.require).toEqual({ types: `./dist/${entry}.d.cts`, default: `./dist/${entry}.cjs` })
    }
  })

  it('says where the code, the home page and the issue tracker are', () => {
    const { repository, homepage, bugs } = manifest(tarballs[name])
    expect(repository).toMatchObject({ type: 'git', directory: `packages/${name}` })
    expect(homepage).toMatch(/^https:\/\//)
    expect(bugs).toMatch(/^https:\/\//)
  })
})

describe.each(publishedPackages.filter((name) => name !== 'core'))('the packed @http-problem/%s', (name) => {
  it('depends on the core version it was built with, and on nothing from the workspace', () => {
    const core = manifest(tarballs.core).version as string
    expect(manifest(tarballs[name]).dependencies).toMatchObject({ '@http-problem/core': `^${core}` })
  })
})

describe('packing with npm instead of pnpm', () => {
  it('is refused, because npm would ship workspace: ranges and the source export condition', () => {
    let failure: { status: number | null; stderr: string } | undefined
    try {
      execFileSync('npm', ['pack', '--dry-run'], { cwd: join(root, 'packages', 'core'), stdio: 'pipe', encoding: 'utf8' })
    } catch (error) {
      failure = error as { status: number | null; stderr: string }
    }
    expect(failure?.status).not.toBe(0)
    expect(failure?.stderr).toContain('Refusing to pack @http-problem/core with npm')
  })
})
