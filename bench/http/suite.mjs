// Parent side of the HTTP benchmarks: for every scenario, a server process (servers/<name>.mjs) and a separate
// load-generator process (load.mjs, autocannon), pinned to different CPUs where `taskset` exists. The scenarios
// take turns in rounds (A B C … A B C …); a ratio is taken inside each round, then its median over rounds.
import { execFileSync, execSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatRatio, markdownTable, median } from '../lib/stats.mjs'
import { RESULT_MARKER, WARM_MARKER } from './load.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

/** The load: autocannon settings, overridable through the environment for a quick look or a longer run. */
const load = {
  warmup: Number(process.env.BENCH_HTTP_WARMUP ?? 1.5),
  duration: Number(process.env.BENCH_HTTP_DURATION ?? 4),
  connections: Number(process.env.BENCH_HTTP_CONNECTIONS ?? 32),
  pipelining: 1,
  accept: '*/*', // what curl and most HTTP client libraries send
}

/** Rounds when `--runs` is not given: 16 scenarios × 3 rounds × ~6.5 s ≈ 5 minutes. */
export const defaultRuns = 3

const PROBLEM = 'application/problem+json'
const PROBLEM_UTF8 = 'application/problem+json; charset=utf-8'
const JSON_UTF8 = 'application/json; charset=utf-8'
const HTML = 'text/html; charset=utf-8'
const TEXT = 'text/plain; charset=utf-8'

/**
 * One server file per scenario in servers/, the path the load asks for (`/users/42` is a route, `/nowhere`
 * matches none) and the status and Content-Type the server must answer with.
 */
export const scenarios = [
  scenario('express5-ours', '/users/42', 404, PROBLEM, 'thrown `NotFound`, our `errorHandler()`'),
  scenario('express5-handwritten', '/users/42', 404, PROBLEM_UTF8, 'thrown http-errors 404, hand-written middleware'),
  scenario('express5-default', '/users/42', 404, HTML, "thrown http-errors 404, Express's final handler"),
  scenario('express5-http-problem-details', '/users/42', 404, PROBLEM_UTF8, 'thrown http-errors 404, the npm package'),
  scenario('express5-notfound-ours', '/nowhere', 404, PROBLEM, 'unmatched route, our `notFound()` + `errorHandler()`'),
  scenario('express5-notfound-json', '/nowhere', 404, JSON_UTF8, 'unmatched route, catch-all `res.status(404).json()`'),
  scenario('express5-404-default', '/nowhere', 404, HTML, "unmatched route, Express's own 404"),
  scenario('express5-200', '/users/42', 200, JSON_UTF8, 'a route answering 200 with `res.json()`'),
  scenario('koa3-ours', '/users/42', 404, PROBLEM, 'thrown `NotFound`, our `errorHandler()`'),
  scenario('koa3-handwritten', '/users/42', 404, PROBLEM, '`ctx.throw(404)`, hand-written middleware'),
  scenario('koa3-default', '/users/42', 404, TEXT, "`ctx.throw(404)`, Koa's `ctx.onerror`"),
  scenario('koa3-notfound-ours', '/nowhere', 404, PROBLEM, 'unmatched route, our `notFound()` + `errorHandler()`'),
  scenario('koa3-404-default', '/nowhere', 404, TEXT, "unmatched route, Koa's own 404"),
  scenario('koa3-404-same-bytes', '/nowhere', 404, PROBLEM, 'unmatched route, our bytes written by a hand-written middleware'),
  scenario('koa3-200', '/users/42', 200, JSON_UTF8, 'a route answering 200 with a JSON body'),
  scenario('node-raw', '/nowhere', 404, PROBLEM, '`node:http` writing fixed problem+json bytes (the ceiling)'),
]

/** Issue #9's HTTP targets: throughput of `of` ÷ throughput of `to`, measured in the same round. */
export const targets = [
  {
    label: 'Express error path: our adapter vs the hand-written middleware',
    of: 'express5-ours',
    to: 'express5-handwritten',
    goal: 1.0,
  },
  {
    label: "Express error path: our adapter vs Express's default handling",
    of: 'express5-ours',
    to: 'express5-default',
    goal: 1.05,
  },
  {
    label: 'Koa error path: our adapter vs the hand-written middleware',
    of: 'koa3-ours',
    to: 'koa3-handwritten',
    goal: 1.0,
  },
  {
    label: 'Express unmatched route: our `notFound()` vs `res.status(404).json()`',
    of: 'express5-notfound-ours',
    to: 'express5-notfound-json',
    goal: 1.0,
  },
  {
    label: "Koa unmatched route: our `notFound()` vs Koa's own 404",
    of: 'koa3-notfound-ours',
    to: 'koa3-404-default',
    goal: 1.0,
  },
]

/** Ratios without a goal, for context. */
export const comparisons = [
  pair('Express: our adapter vs express-http-problem-details', 'express5-ours', 'express5-http-problem-details'),
  pair("Express: our `notFound()` vs Express's own 404", 'express5-notfound-ours', 'express5-404-default'),
  pair('Express: our error path vs the 200 path', 'express5-ours', 'express5-200'),
  pair("Koa: our adapter vs Koa's default handling", 'koa3-ours', 'koa3-default'),
  pair("Koa unmatched route: our bytes, hand-written, vs Koa's own 404", 'koa3-404-same-bytes', 'koa3-404-default'),
  pair('Koa unmatched route: our `notFound()` vs our bytes, hand-written', 'koa3-notfound-ours', 'koa3-404-same-bytes'),
  pair('Koa: our error path vs the 200 path', 'koa3-ours', 'koa3-200'),
  pair('Express: our error path vs the `node:http` ceiling', 'express5-ours', 'node-raw'),
  pair('Koa: our error path vs the `node:http` ceiling', 'koa3-ours', 'node-raw'),
]

/**
 * Runs the suite: `runs` rounds over the selected scenarios, each scenario with a fresh server and a fresh load
 * generator. Resolves to `{ markdown, raw, environment }`.
 */
export async function runHttp({ runs = defaultRuns, filter, log, build = false }) {
  ensureAdaptersBuilt(build, log)
  const selected = scenarios.filter((s) => filter === undefined || filter.test(s.name))
  const pinned = canPin()
  const ticksPerSecond = clockTicks()
  const perScenario = load.warmup + load.duration + 1
  const minutes = Math.ceil((selected.length * runs * perScenario) / 60)
  const placement = pinned ? 'server on CPU 0 and autocannon on CPU 1' : 'unpinned (no taskset)'
  log(`http: ${selected.length} scenarios × ${runs} rounds, ~${minutes} min, ${placement}`)
  const before = distHashes()
  const raw = { load, pinned, dist: before, rounds: [] }
  for (let round = 0; round < runs; round++) {
    const results = {}
    for (const scenario of selected) {
      log(`http: ${scenario.name} round ${round + 1}/${runs}`)
      results[scenario.name] = await runScenario(scenario, { pinned, ticksPerSecond })
    }
    raw.rounds.push(results)
  }
  const after = distHashes()
  raw.distChanged = Object.keys(before)
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name} ${before[name]} → ${after[name]}`)
  return { markdown: summarize(raw), raw, environment: environment(raw) }
}

/** The markdown tables for raw results (what `runHttp` returns as `raw`, or a saved http-latest.json). */
export function summarize(raw) {
  const names = scenarios.map((s) => s.name).filter((name) => raw.rounds[0][name] !== undefined)
  const of = (name, pick) => median(raw.rounds.map((round) => pick(round[name])))
  const percent = (share) => `${Math.round(100 * share)}`

  const rows = names.map((name) => {
    const rps = raw.rounds.map((round) => round[name].rps)
    const cpu = of(name, (r) => r.serverCpuUsPerRequest)
    return [
      `\`${name}\``,
      scenarios.find((s) => s.name === name).what,
      formatInt(median(rps)),
      `${formatInt(Math.min(...rps))}–${formatInt(Math.max(...rps))}`,
      formatMs(of(name, (r) => r.latencyMs.p50)),
      formatMs(of(name, (r) => r.latencyMs.p99)),
      formatCpu(cpu),
      formatInt(1e6 / cpu),
      `${percent(of(name, (r) => r.serverCpuShare))} / ${percent(of(name, (r) => r.loadCpuShare))}`,
      formatMiB(of(name, (r) => r.rssBytes)),
    ]
  })
  const header = [
    'Scenario',
    'What',
    'req/s',
    'min–max',
    'p50 ms',
    'p99 ms',
    'server CPU µs/req',
    'req per server CPU-s',
    'CPU % server / autocannon',
    'RSS MiB',
  ]
  const align = ['left', 'left', ...header.slice(2).map(() => 'right')]
  const rounds = `${raw.rounds.length} ${raw.rounds.length === 1 ? 'round' : 'rounds'}`
  const sections = [`### Scenarios (${rounds}, medians)\n\n${markdownTable(header, rows, align)}`]

  const present = (pair) => names.includes(pair.of) && names.includes(pair.to)
  const status = (ratio, goal) => {
    return ratio >= goal ? 'met' : `**missed**, ${(100 * (1 - ratio / goal)).toFixed(1)} % short`
  }
  const targetRows = targets.filter(present).map((t) => {
    const { rps, cpu } = ratiosOf(raw, t)
    const goal = `≥ ${t.goal.toFixed(2)}×`
    return [t.label, goal, rps.text, status(rps.median, t.goal), cpu.text, status(cpu.median, t.goal)]
  })
  if (targetRows.length > 0) {
    const header = ['Target', 'Goal', 'req/s ratio (min–max)', 'Status', 'CPU-normalised ratio (min–max)', 'Status']
    const table = markdownTable(header, targetRows, ['left', 'left', 'right', 'left', 'right', 'left'])
    sections.push(`### Targets\n\n${table}`)
  }
  const comparisonRows = comparisons.filter(present).map((c) => {
    const { rps, cpu } = ratiosOf(raw, c)
    return [c.label, rps.text, cpu.text]
  })
  if (comparisonRows.length > 0) {
    const header = ['Comparison', 'req/s ratio (min–max)', 'CPU-normalised ratio (min–max)']
    sections.push(`### Other ratios\n\n${markdownTable(header, comparisonRows, ['left', 'right', 'right'])}`)
  }
  sections.push(
    '> A ratio above 1× means the first scenario is faster. The req/s ratio compares requests per second in the ' +
      'same round. The CPU-normalised ratio compares requests per CPU-second of the server process (the second ' +
      "scenario's CPU time per request divided by the first's): it is what the req/s ratio would be if each server " +
      'had its core to itself, and it stays steady when other processes take CPU away from the server.',
  )
  const warnings = names.flatMap((name) =>
    raw.rounds.flatMap((round, i) => {
      const r = round[name]
      if (r.errors + r.timeouts === 0) return []
      return [`> ⚠ \`${name}\` round ${i + 1}: ${r.errors} errors, ${r.timeouts} timeouts.`]
    }),
  )
  return [...sections, ...warnings].join('\n\n')
}

// --- internal ---

function scenario(name, path, status, type, what) {
  return { name, path, status, type, what }
}

function pair(label, of, to) {
  return { label, of, to }
}

async function runScenario(scenario, { pinned, ticksPerSecond }) {
  const server = await startServer(scenario, pinned)
  try {
    const url = `http://127.0.0.1:${server.port}${scenario.path}`
    await checkResponse(url, scenario)
    let cpuAtStart
    const result = await runLoad(url, pinned, () => (cpuAtStart = cpuTicks(server.pid)))
    const cpuSeconds = (cpuTicks(server.pid) - cpuAtStart) / ticksPerSecond
    const memory = memoryOf(server.pid)
    const unexpected = Object.keys(result.statusCodes).filter((code) => Number(code) !== scenario.status)
    if (unexpected.length > 0) throw new Error(`${scenario.name} answered ${unexpected.join(', ')} under load`)
    return {
      ...result,
      serverCpuUsPerRequest: (cpuSeconds * 1e6) / result.requests,
      serverCpuShare: cpuSeconds / result.seconds,
      ...memory,
    }
  } finally {
    await server.stop()
  }
}

/** Starts servers/<name>.mjs on a free port (pinned to CPU 0) and resolves once it printed READY. */
function startServer(scenario, pinned) {
  const file = join(here, 'servers', `${scenario.name}.mjs`)
  const argv = [process.execPath, file, '0']
  const [command, ...args] = pinned ? ['taskset', '-c', '0', ...argv] : argv
  // stderr is discarded: Express's default handling logs every error's stack there, which is part of its cost.
  const child = spawn(command, args, {
    cwd: here,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'ignore'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const stop = async () => {
    child.stdin.end()
    child.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${scenario.name}: no READY within 15 s`))
    }, 15_000)
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      const ready = /^READY (\d+)$/m.exec(stdout)
      if (ready === null) return
      clearTimeout(timer)
      child.stdout.removeAllListeners('data')
      child.stdout.resume()
      resolve({ pid: child.pid, port: Number(ready[1]), stop })
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${scenario.name} exited with ${signal ?? code} before READY; run \`node ${file}\` to see why`))
    })
  })
}

/** One request before the load: the server must answer what the scenario says, or the numbers mean nothing. */
function checkResponse(url, scenario) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: load.accept } }, (res) => {
      res.resume()
      res.on('end', () => {
        const type = res.headers['content-type']
        if (res.statusCode !== scenario.status || type !== scenario.type) {
          const expected = `${scenario.status} ${scenario.type}`
          reject(new Error(`${scenario.name}: expected ${expected}, got ${res.statusCode} ${type}`))
        } else resolve()
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** Runs load.mjs (pinned to CPU 1) and resolves to its result; `onWarm` runs when the warm-up has ended. */
function runLoad(url, pinned, onWarm) {
  const flags = Object.entries({ ...load, url }).map(([key, value]) => `--${key}=${value}`)
  const argv = [process.execPath, join(here, 'load.mjs'), ...flags]
  const [command, ...args] = pinned ? ['taskset', '-c', '1', ...argv] : argv
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] })
    const limit = (load.warmup + load.duration + 30) * 1000
    const timer = setTimeout(() => child.kill('SIGKILL'), limit)
    let buffered = ''
    let result
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      buffered += chunk
      let newline
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline)
        buffered = buffered.slice(newline + 1)
        if (line === WARM_MARKER) onWarm()
        else if (line.startsWith(RESULT_MARKER)) result = JSON.parse(line.slice(RESULT_MARKER.length))
        else if (line !== '') process.stderr.write(`${line}\n`)
      }
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code !== 0) reject(new Error(`load.mjs exited with ${signal ?? code}`))
      else if (result === undefined) reject(new Error('load.mjs printed no result line'))
      else resolve(result)
    })
  })
}

/** The user + system CPU time of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return Number.NaN
  }
}

/** The resident set size now and at its peak (VmRSS, VmHWM), in bytes. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024
    return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') }
  } catch {
    return { rssBytes: Number.NaN, peakRssBytes: Number.NaN }
  }
}

function canPin() {
  try {
    execFileSync('taskset', ['-c', '1', process.execPath, '-e', ''], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function clockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
}

/** The servers import the built adapters (dist/), the way an app does; build every package if one is missing. */
function ensureAdaptersBuilt(force, log) {
  const packages = ['core', 'express', 'koa'].map(packageDir)
  if (force || packages.some((dir) => !existsSync(join(dir, 'dist', 'index.js')))) {
    log('building the packages …')
    execSync('npx -y pnpm@10 --filter "./packages/*" run build', { cwd: join(here, '..', '..'), stdio: 'inherit' })
    return
  }
  for (const dir of packages) {
    if (newestMtime(join(dir, 'src')) > statSync(join(dir, 'dist', 'index.js')).mtimeMs) {
      log(`warning: ${dir}/src is newer than dist; pass --build to measure it`)
    }
  }
}

function packageDir(name) {
  return dirname(require.resolve(`@http-problem/${name}/package.json`))
}

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** A short hash of each package's built entry, so a result records which build it measured. */
function distHashes() {
  return Object.fromEntries(
    ['core', 'express', 'koa'].map((name) => {
      const dir = packageDir(name)
      return [name, createHash('sha256').update(readFileSync(join(dir, 'dist', 'index.js'))).digest('hex').slice(0, 8)]
    }),
  )
}

/** The lines run.mjs puts above the tables: versions of what was measured and how. */
function environment(raw) {
  const version = (name) => require(`${name}/package.json`).version
  const adapter = (name) => `@http-problem/${name} ${version(`@http-problem/${name}`)} (dist ${raw.dist[name]})`
  const libraries = [
    ['express', 'express5'],
    ['koa', 'koa3'],
    ['http-errors', 'http-errors'],
    ['express-http-problem-details', 'express-http-problem-details'],
    ['autocannon', 'autocannon'],
  ].map(([label, name]) => `${label} ${version(name)}`)
  const { warmup, duration, connections, pipelining, accept } = raw.load
  return [
    `- Packages: ${['express', 'koa'].map(adapter).join(', ')}; ${libraries.join(', ')}`,
    `- Method: per scenario and round a fresh server process (\`NODE_ENV=production\`) and a fresh autocannon ` +
      `process, ${raw.pinned ? 'pinned with `taskset` (server on CPU 0, autocannon on CPU 1)' : 'unpinned'}; ` +
      `${warmup} s warm-up, then ${duration} s measured with ${connections} connections, pipelining ${pipelining}, ` +
      `\`Accept: ${accept}\`; scenarios take turns in rounds, the tables show medians over rounds and a ratio is ` +
      'taken within each round before its median; latency percentiles from every response of the measured run; RSS ' +
      'read from `/proc/<pid>/status` right after it',
    ...(raw.distChanged.length === 0 ? [] : [`- ⚠ Rebuilt during the run: ${raw.distChanged.join(', ')}`]),
  ]
}

/** A pair's ratios, taken within each round, as medians with their range. */
function ratiosOf(raw, pair) {
  const summary = (values) => {
    const mid = median(values)
    const range = `${formatRatio(Math.min(...values))}–${formatRatio(Math.max(...values))}`
    return { median: mid, text: `${formatRatio(mid)} (${range})` }
  }
  return {
    rps: summary(raw.rounds.map((round) => round[pair.of].rps / round[pair.to].rps)),
    cpu: summary(raw.rounds.map((round) => cpuOf(round[pair.to]) / cpuOf(round[pair.of]))),
  }
}

function cpuOf(result) {
  return result.serverCpuUsPerRequest
}

function formatInt(value) {
  return Math.round(value).toLocaleString('en-US')
}

function formatMs(value) {
  return value.toFixed(2)
}

function formatCpu(value) {
  return Number.isFinite(value) ? value.toFixed(1) : '—'
}

function formatMiB(bytes) {
  return Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(1) : '—'
}
