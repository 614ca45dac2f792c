// What an import costs in a bundle: each case is a small entry file that esbuild bundles, minifies and tree-shakes,
// measured raw and gzipped (node:zlib, level 9). Shared by the size suite (bench/size/suite.mjs) and the budget test
// (test/packaging/bundle-size.test.ts), so the numbers in the README and in CI come from the same code.
//
// Our packages are bundled from their built ESM `dist/`, the files users install: esbuild resolves them through the
// `exports` map without the workspace's `@http-problem/source` condition. Sizes are deterministic for a given
// esbuild version, which is why bench/package.json pins it exactly.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, version as esbuildVersion } from 'esbuild'

/** Budgets and sizes are in kB of 1,000 bytes. */
export const KB = 1000

/**
 * The entries. `budget` is the most gzipped bytes the case should take (issue 12); with `over`, it bounds the
 * difference from that case (what a Hono app pays for our handlers on top of Hono itself). `limit`, where the budget
 * is not met yet, is what the CI test enforces meanwhile, so that the size cannot grow further unnoticed. `platform`
 * is `neutral` for code that runs on any runtime and `node` for libraries that require Node built-ins (left
 * external, so not counted).
 */
export const cases = [
  {
    name: 'core-not-found',
    label: '`new NotFound()`',
    library: '@http-problem/core',
    source: "import { NotFound } from '@http-problem/core'\nthrow new NotFound()\n",
    budget: 5 * KB,
  },
  {
    name: 'core-create-error',
    label: '`createError(404)`',
    library: '@http-problem/core',
    source: "import { createError } from '@http-problem/core'\nthrow createError(404)\n",
    budget: 7 * KB,
  },
  {
    name: 'fetch-with-problems',
    label: '`withProblems(handler)`, a whole fetch handler',
    library: '@http-problem/fetch',
    source:
      "import { NotFound } from '@http-problem/core'\nimport { withProblems } from '@http-problem/fetch'\n" +
      'export default { fetch: withProblems(async () => { throw new NotFound() }) }\n',
    // The fetch adapter's defaults: JSON, English, the generic foreign-error rules. HTML, XML and plain text,
    // Simplified Chinese and the Node framework rules are what it is given (docs/rendering.md#defaults-per-host).
    budget: 15 * KB,
  },
  {
    name: 'hono-bare',
    label: 'a Hono app, nothing else',
    library: 'hono',
    source: honoApp(''),
  },
  {
    name: 'fetch-hono',
    label: 'the same Hono app with `errorHandler()` and `notFound()`',
    library: '@http-problem/fetch',
    source: honoApp(
      'app.onError(errorHandler())\napp.notFound(notFound())\n',
      "import { errorHandler, notFound } from '@http-problem/fetch'\n",
    ),
    budget: 15 * KB,
    over: 'hono-bare',
  },
  {
    name: 'otel-api-bare',
    label: '`trace.getActiveSpan()` of `@opentelemetry/api`, nothing else',
    library: '@opentelemetry/api',
    source: "import { trace } from '@opentelemetry/api'\nexport default trace.getActiveSpan()\n",
  },
  {
    name: 'opentelemetry-with-telemetry',
    label: '`withTelemetry()`, over `@opentelemetry/api` alone',
    library: '@http-problem/opentelemetry',
    source:
      "import { trace } from '@opentelemetry/api'\nimport { withTelemetry } from '@http-problem/opentelemetry'\n" +
      'export default [trace.getActiveSpan(), withTelemetry()]\n',
    // Only types come from core, so this is the package's own code: about 0.5 kB.
    budget: 1 * KB,
    over: 'otel-api-bare',
  },
  {
    name: 'core-everything',
    label: '`import * as core`, every export',
    library: '@http-problem/core',
    source: "import * as core from '@http-problem/core'\nexport default core\n",
  },
  {
    name: 'http-errors-not-found',
    label: '`new createError.NotFound()`',
    library: 'http-errors',
    source: "import createError from 'http-errors'\nthrow new createError.NotFound()\n",
    platform: 'node',
  },
  {
    name: 'boom-not-found',
    label: '`Boom.notFound()`',
    library: '@hapi/boom',
    source: "import Boom from '@hapi/boom'\nthrow Boom.notFound()\n",
    platform: 'node',
  },
  {
    name: 'h3-http-error',
    label: "`new HTTPError({ status: 404 })`",
    library: 'h3',
    source: "import { HTTPError } from 'h3'\nthrow new HTTPError({ status: 404 })\n",
  },
]

/**
 * Bundles one case and returns its sizes in bytes: `minified` and `gzip`.
 *
 * @example
 * const { gzip } = await bundleSize(cases[0]) // about 4,000 for `new NotFound()`
 */
export async function bundleSize(entry) {
  const result = await build({
    stdin: { contents: entry.source, resolveDir: here, sourcefile: `${entry.name}.mjs`, loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: entry.platform ?? 'neutral',
    // `neutral` reads no main fields by default; packages without an `exports` map need them.
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].contents
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

/**
 * Measures every case (or the named ones, plus the cases they are measured over) and checks the budgets. Each
 * result carries the case, its sizes, `counted` (gzip bytes, or the difference over `over`), `withinBudget` and
 * `withinLimit` (the limit, or else the budget, that CI enforces); both are undefined without a budget. Throws when
 * a package of ours has not been built.
 *
 * @example
 * for (const r of await measureCases()) console.log(r.name, r.gzip, r.withinBudget)
 */
export async function measureCases(names) {
  assertBuilt()
  const wanted = names === undefined ? cases : cases.filter((c) => names.includes(c.name) || cases.some((o) => names.includes(o.name) && o.over === c.name))
  const sizes = new Map()
  for (const entry of wanted) sizes.set(entry.name, await bundleSize(entry))
  return wanted.map((entry) => {
    const size = sizes.get(entry.name)
    const base = entry.over === undefined ? undefined : sizes.get(entry.over)
    const counted = base === undefined ? size.gzip : size.gzip - base.gzip
    const limit = entry.limit ?? entry.budget
    return {
      ...entry,
      ...size,
      counted,
      withinBudget: entry.budget === undefined ? undefined : counted <= entry.budget,
      withinLimit: limit === undefined ? undefined : counted <= limit,
    }
  })
}

/**
 * The markdown table of measured cases, ours first, then the alternatives.
 *
 * @example
 * console.log(sizeTable(await measureCases()))
 */
export function sizeTable(results) {
  const header = '| Case | Library | Minified | Gzip | Budget (gzip) | Status |\n| --- | --- | ---: | ---: | ---: | --- |'
  const rows = results.map((r) => {
    const plus = r.over === undefined ? '' : '+'
    const budget = r.budget === undefined ? '' : `${plus}${formatKb(r.budget)}`
    const gzip = r.over === undefined ? formatKb(r.gzip) : `${formatKb(r.gzip)} (+${formatKb(r.counted)} over \`${r.over}\`)`
    let status = ''
    if (r.withinBudget === true) status = 'met'
    else if (r.withinBudget === false) {
      const limit = r.limit === undefined ? '' : `; CI limit ${plus}${formatKb(r.limit)}${r.withinLimit ? '' : ', **exceeded**'}`
      status = `**over budget**${limit}`
    }
    return `| ${r.label} | ${r.library} | ${formatKb(r.minified)} | ${gzip} | ${budget} | ${status} |`
  })
  return [header, ...rows].join('\n')
}

/** The versions that decide the numbers: esbuild and every library measured. */
export function versions() {
  const libraries = [...new Set(cases.map((c) => c.library))]
  // Read from node_modules directly: not every package exports its package.json.
  const version = (name) => JSON.parse(readFileSync(join(here, '..', 'node_modules', name, 'package.json'), 'utf8')).version
  return [`esbuild ${esbuildVersion}`, ...libraries.map((name) => `${name} ${version(name)}`)]
}

/** Bytes as kB with one decimal: `4.4 kB`. */
export function formatKb(bytes) {
  return `${(bytes / KB).toFixed(1)} kB`
}

// --- internal ---

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

function honoApp(setup, imports = '') {
  return (
    `import { Hono } from 'hono'\n${imports}const app = new Hono()\n` +
    "app.get('/users/:id', (c) => c.json({ id: c.req.param('id') }))\n" +
    `${setup}export default app\n`
  )
}

/** Our cases bundle `dist/`: without it esbuild would fail with a resolution error that hides the cause. */
function assertBuilt() {
  for (const name of ['@http-problem/core', '@http-problem/fetch']) {
    const dist = join(dirname(require.resolve(`${name}/package.json`)), 'dist', 'index.js')
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx -y pnpm@10 run build\` first`)
  }
}
