import { describe, expect, it } from 'vitest'
import { cases, formatKb, measureCases, sizeTable } from '../../bench/size/measure.mjs'

// Bundle budgets (issue 12): the size suite's cases that have a budget, bundled by esbuild from the built dist/
// (`pnpm test` builds first), minified and gzipped. Sizes are deterministic for the pinned esbuild version, so a
// failure here means the code grew or stopped tree-shaking: `npx -y pnpm@10 bench --filter=size` shows the table.
// A case whose budget is not met yet is held to its `limit` instead (see bench/README.md), so it cannot grow.
const budgeted = cases.filter((c) => c.budget !== undefined).map((c) => c.name)
const results = await measureCases(budgeted)
console.log(`Bundle sizes (esbuild --minify, gzip level 9):\n${sizeTable(results)}`)

describe('bundle size budgets', () => {
  for (const result of results.filter((r) => r.budget !== undefined)) {
    const limit = (result.limit ?? result.budget) as number
    const over = result.over === undefined ? '' : ` over ${result.over}`
    const kind = result.limit === undefined ? 'budget' : `limit (budget ${result.budget as number})`
    it(`keeps ${result.name} at ${result.counted} bytes gzip${over}, within its ${kind} of ${limit}`, () => {
      expect(result.counted, `${result.label} takes ${formatKb(result.counted)}${over}, over ${formatKb(limit)}`).toBeLessThanOrEqual(
        limit,
      )
    })
  }
})
