// The size suite: what an import costs in a minified, gzipped bundle, ours next to http-errors, @hapi/boom, h3 and
// Hono, with the budgets the CI test (test/packaging/bundle-size.test.ts) enforces. One esbuild run per case; the
// sizes are deterministic, so `--runs` does not apply.
import { execSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cases, measureCases, sizeTable, versions } from './measure.mjs'
import { packPublished, tarballTable } from '../../scripts/pack.mjs'

/** The case names `--filter` selects from. */
export const names = cases.map((c) => c.name)

/**
 * Measures the cases whose name matches `filter` (every case without one) and resolves to
 * `{ markdown, raw, environment }`; with `build`, rebuilds every package first.
 */
export async function runSize({ filter, log, build = false }) {
  if (build) {
    log('building the packages …')
    execSync('npx -y pnpm@10 --filter "./packages/*" run build', { cwd: join(here, '..', '..'), stdio: 'inherit' })
  }
  const selected = names.filter((name) => filter === undefined || filter.test(name))
  log(`size: bundling ${selected.length} cases with esbuild`)
  const results = await measureCases(selected)
  const raw = results.map(({ name, library, minified, gzip, counted, over, budget, limit, withinBudget, withinLimit }) => ({
    name,
    library,
    minified,
    gzip,
    counted,
    over,
    budget,
    limit,
    withinBudget,
    withinLimit,
  }))
  // What `pnpm pack` ships, next to what a bundle takes: the tarballs users download.
  log('size: packing the published packages with pnpm')
  const dir = mkdtempSync(join(tmpdir(), 'http-problem-size-'))
  try {
    const tarballs = await packPublished(dir)
    const markdown = `${sizeTable(results)}\n\nPacked tarballs (\`pnpm pack\`):\n\n${tarballTable(tarballs)}`
    return { markdown, raw, environment: environment() }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// --- internal ---

const here = dirname(fileURLToPath(import.meta.url))

function environment() {
  return [
    `- Versions: ${versions().join(', ')}`,
    '- Method: each case is an entry file bundled by esbuild (`bundle`, `minify`, ESM, es2022, platform `neutral`;' +
      ' `node` for http-errors and @hapi/boom, whose Node built-ins stay external), from the built `dist/` of our' +
      ' packages; gzip is node:zlib at level 9; kB = 1,000 bytes',
  ]
}
