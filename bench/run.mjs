#!/usr/bin/env node
// Runs the benchmark suites against the built @http-problem/core and writes results/<suite>-latest.{md,json}.
//
//   node run.mjs                 every suite (micro, http, size)
//   node run.mjs micro           one suite
//   node run.mjs --runs=3        fresh processes per group (micro, default 5) or rounds (http, default 3)
//   node run.mjs --filter=render only the groups whose name matches; a filter matching a suite's name runs it whole
//   node run.mjs --build         rebuild core (and for http and size, every package) first even if dist exists
//   node run.mjs size            bundle sizes (also `--filter=size`): seconds, deterministic, no --runs
//
// A suite is a module exporting `run<Suite>({ runs, filter, log, build })` that resolves to `{ markdown, raw }`,
// and optionally `environment`: lines that replace the micro-specific library and method lines.
import { execSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { arch, availableParallelism, cpus, loadavg, platform } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultRuns as httpRuns, runHttp, scenarios } from './http/suite.mjs'
import { groups, runMicro } from './micro/suite.mjs'
import { names as sizeCases, runSize } from './size/suite.mjs'

/** Each suite with the names its filter selects from and its default number of runs. */
const suites = {
  micro: { run: runMicro, names: groups.map((g) => g.name), runs: 5 },
  http: { run: runHttp, names: scenarios.map((s) => s.name), runs: httpRuns },
  size: { run: runSize, names: sizeCases, runs: 1 },
}

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const args = parseArgs(process.argv.slice(2))
const log = (message) => process.stderr.write(`${message}\n`)

const coreDir = dirname(require.resolve('@http-problem/core/package.json'))
ensureBuilt(coreDir, args.build)

const started = Date.now()
const startedAt = new Date(started).toISOString()
const loadBefore = loadavg()[0]
for (const name of args.suites) {
  const suite = suites[name]
  // `--filter=http` means the whole http suite; `--filter=render` means micro's render group and no http scenario.
  const filter = args.filter?.test(name) ? undefined : args.filter
  if (filter !== undefined && !suite.names.some((n) => filter.test(n))) {
    log(`${name}: nothing matches --filter, skipped`)
    continue
  }
  const runs = args.runs ?? suite.runs
  const result = await suite.run({ runs, filter, log, build: args.build })
  const markdown = `## ${name} benchmarks\n\n${environment(coreDir, loadBefore, runs, result)}\n\n${result.markdown}\n`
  process.stdout.write(`\n${markdown}`)
  const out = join(here, 'results')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, `${name}-latest.md`), markdown)
  writeFileSync(join(out, `${name}-latest.json`), `${JSON.stringify(result.raw, null, 2)}\n`)
  log(`wrote results/${name}-latest.md and results/${name}-latest.json`)
}
log(`done in ${Math.round((Date.now() - started) / 1000)} s`)

// --- internal ---

function parseArgs(argv) {
  const parsed = { suites: [], runs: undefined, filter: undefined, build: false }
  for (const arg of argv) {
    if (arg === '--build') parsed.build = true
    else if (arg.startsWith('--runs=')) parsed.runs = Number(arg.slice('--runs='.length))
    else if (arg.startsWith('--filter=')) parsed.filter = new RegExp(arg.slice('--filter='.length))
    else if (arg in suites) parsed.suites.push(arg)
    else throw new Error(`unknown argument ${arg}; suites: ${Object.keys(suites).join(', ')}`)
  }
  if (parsed.runs !== undefined && !(Number.isInteger(parsed.runs) && parsed.runs >= 1)) {
    throw new Error('--runs must be a positive integer')
  }
  if (parsed.suites.length === 0) parsed.suites = Object.keys(suites)
  return parsed
}

/** Benchmarks measure the published shape of the package, so dist must exist; tsx would measure source maps. */
function ensureBuilt(dir, force) {
  const entry = join(dir, 'dist', 'index.js')
  if (force || !existsSync(entry)) {
    log('building @http-problem/core …')
    execSync('npx -y pnpm@10 --filter @http-problem/core run build', { cwd: join(here, '..'), stdio: 'inherit' })
    return
  }
  const newest = newestMtime(join(dir, 'src'))
  if (newest > statSync(entry).mtimeMs) log('warning: packages/core/src is newer than dist; pass --build to measure it')
}

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** What a reader needs to compare two result files: machine, Node, library versions and the core commit. */
function environment(dir, load, runs, result) {
  const version = (name) => require(`${name}/package.json`).version
  const core = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
  const libraries = ['http-errors', '@hapi/boom', 'mitata'].map((name) => `${name} ${version(name)}`).join(', ')
  const common = [
    `- Started: ${startedAt}`,
    `- Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${platform()} ${arch()}` +
      `, load average ${load.toFixed(2)} at start`,
    `- Node ${process.version}; @http-problem/core ${core} (dist ${distHash(dir)}, commit ${commit()})`,
  ]
  if (result.environment !== undefined) return [...common, ...result.environment].join('\n')
  return [
    ...common.slice(0, -1),
    `${common.at(-1)}; ${libraries}`,
    `- Method: ${runs} fresh \`node --expose-gc\` processes per group, each measuring every case once with` +
      " mitata (500 ms of CPU time in ~2 ms samples, timed by the process's CPU clock); per run the median sample;" +
      ' the tables show the median over runs, and a ratio is taken within each run before its median over runs',
  ].join('\n')
}

/** A short hash of the built entry, so two result files can be checked to measure the same build. */
function distHash(dir) {
  return createHash('sha256').update(readFileSync(join(dir, 'dist', 'index.js'))).digest('hex').slice(0, 8)
}

function commit() {
  try {
    const options = { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
    const git = (command) => execSync(`git ${command}`, options)
    const sha = git('rev-parse --short HEAD').trim()
    const dirty = git('status --porcelain -- ../packages/core/src').trim()
    return dirty === '' ? sha : `${sha}, core/src modified`
  } catch {
    return 'unknown'
  }
}
