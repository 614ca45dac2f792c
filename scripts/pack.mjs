// Packs the published packages the way a release does (`pnpm pack`), for everything that checks what users install
// rather than the workspace's src/: the package lint (scripts/lint-packages.ts), test/packaging/ and the size bench.
import { execFile } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The repository root. */
export const root = fileURLToPath(new URL('..', import.meta.url))

/** The folder under packages/ of every published package, core first. */
export const publishedPackages = ['core', 'express', 'koa', 'fastify', 'fetch', 'node', 'opentelemetry', 'nest']

/** The most bytes each packed tarball may take (gzip, as `pnpm pack` writes it); see docs/packaging.md. */
export const tarballBudgets = { core: 120_000, express: 15_000, koa: 15_000, fastify: 15_000, fetch: 15_000, node: 15_000, opentelemetry: 15_000, nest: 15_000 }

/**
 * Where a budget is not met yet, the most bytes CI lets the tarball take, so that it cannot grow while the budget
 * stays open. Every budget is met today (docs/packaging.md).
 */
export const tarballLimits = {}

/**
 * Runs pnpm: the one running this process when there is one (`pnpm test` sets npm_execpath), else `npx -y pnpm@10`,
 * the command the README gives.
 */
export async function pnpm(args, cwd) {
  const execPath = process.env.npm_execpath
  const [file, prefix] =
    execPath !== undefined && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['npx', ['-y', 'pnpm@10']]
  const { stdout } = await run(file, [...prefix, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 })
  return stdout
}

/**
 * Packs every published package's built dist/ into `destination` (the caller builds first) and returns each
 * tarball's path by package folder.
 */
export async function packPublished(destination) {
  const tarballs = {}
  for (const name of publishedPackages) {
    const before = new Set(readdirSync(destination))
    await pnpm(['pack', '--pack-destination', destination], join(root, 'packages', name))
    const added = readdirSync(destination).filter((file) => file.endsWith('.tgz') && !before.has(file))
    if (added.length !== 1) throw new Error(`pnpm pack of packages/${name} wrote ${added.length} tarballs`)
    tarballs[name] = join(destination, added[0])
  }
  return tarballs
}

/** The markdown table of packed sizes against their budgets. */
export function tarballTable(tarballs) {
  const rows = publishedPackages.map((name) => {
    const size = statSync(tarballs[name]).size
    const budget = tarballBudgets[name]
    const limit = tarballLimits[name]
    const over = limit === undefined ? '**over budget**' : `**over budget**; CI limit ${(limit / 1000).toFixed(1)} kB`
    return `| @http-problem/${name} | ${(size / 1000).toFixed(1)} kB | ${(budget / 1000).toFixed(1)} kB | ${size <= budget ? 'met' : over} |`
  })
  return ['| Package | Packed (gzip) | Budget | Status |', '| --- | ---: | ---: | --- |', ...rows].join('\n')
}
