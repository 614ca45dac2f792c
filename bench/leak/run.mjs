#!/usr/bin/env node
// Leak run: for each adapter, a child `node --expose-gc server.mjs <adapter>` answers a bounded autocannon load of
// error responses on 127.0.0.1 while it reports heap and RSS after a forced GC every second, and once more with no
// requests in flight after warm-up and at the end; this prints one table row per adapter and writes
// results-latest.md. See README.md for how to read it.
//
//   node leak/run.mjs                    every adapter, 120 000 requests each
//   node leak/run.mjs koa3 express5      some adapters
//   node leak/run.mjs --amount=200000    more requests (still stopped at --max-seconds)
//
// Options: --amount (requests per adapter), --max-seconds (hard stop per adapter, ≤ 30), --connections (32–64),
// --warmup (requests before the first counted sample), --interval (ms between samples).
import { execSync, fork } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const adapters = ['express4', 'express5', 'koa2', 'koa3']
const options = parseArgs(process.argv.slice(2))
const log = (message) => process.stderr.write(`${message}\n`)

/** What each route answers; a response that differs counts as an error. */
const routes = [
  { prefix: '/not-found/', status: 404 },
  { prefix: '/hidden/', status: 500 },
  { prefix: '/unauthorized/', status: 401 },
  { prefix: '/string/', status: 500 },
  { prefix: '/unmatched/', status: 404 },
]

ensureBuilt()
const started = Date.now()
const loadBefore = loadavg()[0]
const rows = []
for (const name of options.adapters) {
  log(`${name}: ${options.amount} requests, ${options.connections} connections, at most ${options.maxSeconds} s`)
  rows.push(await runAdapter(name))
  log(`${name}: ${format(rows.at(-1)).join(' | ')}`)
}
const markdown = report(rows, Math.round((Date.now() - started) / 1000))
process.stdout.write(`\n${markdown}`)
writeFileSync(join(here, 'results-latest.md'), markdown)
log('wrote leak/results-latest.md')
for (const problem of rows.flatMap(problems)) log(problem)
if (rows.some((row) => problems(row).length > 0)) process.exitCode = 1

// --- internal ---

async function runAdapter(name) {
  const child = fork(join(here, 'server.mjs'), [name, `--interval=${options.interval}`], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const samples = []
  const snapshots = {}
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const port = await new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${name} server exited with ${code} before listening`)))
    child.on('message', (message) => {
      if (message.type === 'listening') resolve(message.port)
      else if (message.snapshot) snapshots[message.snapshot] = message
      else samples.push(message)
    })
  })
  const snapshot = (type) =>
    new Promise((resolve) => {
      child.on('message', (message) => message.snapshot === type && resolve(message))
      child.send({ type })
    })

  // Warm-up, a sample with nothing in flight, the rest of the requests, another such sample: both inside the cap.
  const load = createLoad(port, Date.now() + options.maxSeconds * 1000)
  await load.run(options.warmup)
  await snapshot('warm')
  await load.run(options.amount - options.warmup)
  await snapshot('final')
  await exited
  return summarize(name, load.tally, samples, snapshots)
}

/** Why a row does not meet issue #6 (at least 100 000 error responses, none wrong, heap flat), if it does not. */
function problems(row) {
  return [
    row.errors > 0 && `${row.name}: ${row.errors} requests failed or got a wrong response`,
    row.responses < 100_000 &&
      `${row.name}: ${row.responses} responses; issue #6 asks for at least 100 000` +
        (row.capped ? ` (the ${options.maxSeconds} s cap stopped it: a busy machine?)` : ''),
    !isFlat(row) && `${row.name}: heap not flat (see README.md for the criterion)`,
  ].filter(Boolean)
}

/** Flat: the fitted slope is under 100 KB per 10 000 requests (10 bytes a request) and the end is < 1 MiB above. */
function isFlat(row) {
  return row.heap.slope < 100 * 1024 && row.heap.end - row.heap.warm < 2 ** 20
}

/** An autocannon client for the five routes that adds up what each run sees and stops every run at `deadline`. */
function createLoad(port, deadline) {
  const tally = { responses: 0, errorResponses: 0, mismatches: 0, socketErrors: 0, seconds: 0, capped: false }
  let id = 0
  const requests = routes.map(({ prefix, status }) => ({
    method: 'GET',
    setupRequest: (request) => ({ ...request, path: `${prefix}${++id}` }),
    onResponse: (code, _body, _context, headers) => {
      if (code !== status || !String(headers['content-type']).startsWith('application/problem+json')) tally.mismatches++
    },
  }))
  const run = (amount) =>
    new Promise((resolve, reject) => {
      if (amount <= 0) return resolve()
      if (Date.now() >= deadline) return resolve((tally.capped = true))
      const url = `http://127.0.0.1:${port}`
      const instance = autocannon({ url, connections: options.connections, amount, requests }, (error, result) => {
        clearTimeout(cap)
        if (error) return reject(error)
        const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']
        tally.responses += responses
        tally.errorResponses += result['4xx'] + result['5xx']
        tally.socketErrors += result.errors + result.timeouts
        tally.seconds += result.duration
        tally.capped ||= responses < amount
        resolve()
      })
      const cap = setTimeout(() => instance.stop(), deadline - Date.now())
    })
  return { run, tally }
}

function summarize(name, tally, samples, snapshots) {
  const counted = samples.filter((sample) => sample.requests >= options.warmup)
  const { warm, final: end } = snapshots
  return {
    name,
    responses: tally.responses,
    // Anything but a 4xx/5xx problem response of the route's status, plus socket errors and timeouts.
    errors: tally.responses - tally.errorResponses + tally.mismatches + tally.socketErrors,
    rate: tally.responses / tally.seconds,
    capped: tally.capped,
    heap: { warm: warm.heapUsed, end: end.heapUsed, slope: slope(counted, 'heapUsed') },
    rss: {
      warm: warm.rss,
      end: end.rss,
      slope: slope(counted, 'rss'),
      min: Math.min(...counted.map((sample) => sample.rss)),
      max: Math.max(...counted.map((sample) => sample.rss)),
    },
    samples,
  }
}

/** Least-squares slope of `key` against the responses finished, in bytes per 10 000 requests. */
function slope(samples, key) {
  if (samples.length < 2) return Number.NaN
  const n = samples.length
  const meanX = samples.reduce((sum, sample) => sum + sample.requests, 0) / n
  const meanY = samples.reduce((sum, sample) => sum + sample[key], 0) / n
  let covariance = 0
  let variance = 0
  for (const sample of samples) {
    covariance += (sample.requests - meanX) * (sample[key] - meanY)
    variance += (sample.requests - meanX) ** 2
  }
  return (covariance / variance) * 10_000
}

function report(rows, seconds) {
  const header = [
    'adapter',
    'requests',
    'errors',
    'req/s',
    'heapUsed warm → end',
    'heap slope / 10k req',
    'RSS warm → end',
    'RSS slope / 10k req',
    'RSS range after warm-up',
    'heap flat',
  ]
  const lines = [
    `## Leak run, ${new Date().toISOString()}`,
    '',
    environment(),
    '',
    `Command: \`node leak/run.mjs ${process.argv.slice(2).join(' ')}\`, ${seconds} s in all. ` +
      `${options.connections} connections, warm-up ${options.warmup} requests, a sample after a forced GC every ` +
      `${options.interval} ms under load. "warm" and "end" are samples with no requests in flight, after warm-up ` +
      'and after the load; the slopes are fitted to the samples under load after warm-up.',
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${format(row).join(' | ')} |`),
    '',
    'Samples under load (responses finished: heapUsed MB / RSS MB):',
    '',
    ...rows.map(
      (row) =>
        `- ${row.name}: ${row.samples.map((s) => `${kilo(s.requests)}: ${mb(s.heapUsed)}/${mb(s.rss)}`).join(', ')}`,
    ),
    '',
  ]
  return `${lines.join('\n')}\n`
}

function format(row) {
  return [
    row.name,
    `${row.responses.toLocaleString('en-US')}${row.capped ? ' (time cap)' : ''}`,
    String(row.errors),
    Math.round(row.rate).toLocaleString('en-US'),
    `${mb(row.heap.warm)} → ${mb(row.heap.end)} MB`,
    `${signed(row.heap.slope / 1024)} KB`,
    `${mb(row.rss.warm)} → ${mb(row.rss.end)} MB`,
    `${signed(row.rss.slope / 1024)} KB`,
    `${mb(row.rss.min)}–${mb(row.rss.max)} MB`,
    isFlat(row) ? 'yes' : '**no**',
  ]
}

function environment() {
  const cpu = cpus()
  const versions = adapters
    .map((name) => `${name} ${require(`${name}/package.json`).version}`)
    .concat(`autocannon ${require('autocannon/package.json').version}`)
  return [
    `- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GB, ` +
      `${platform()} ${release()}; load average ${loadBefore.toFixed(1)} before the run`,
    `- Node ${process.version}; ${versions.join(', ')}`,
  ].join('\n')
}

function ensureBuilt() {
  const missing = ['core', 'express', 'koa'].filter(
    (name) => !existsSync(join(here, '..', '..', 'packages', name, 'dist', 'index.js')),
  )
  if (missing.length === 0) return
  log(`building packages (missing dist: ${missing.join(', ')})`)
  execSync('npx -y pnpm@10 build', { cwd: join(here, '..', '..'), stdio: 'inherit' })
}

function parseArgs(argv) {
  const parsed = { adapters: [], amount: 120_000, maxSeconds: 30, connections: 48, warmup: 20_000, interval: 1000 }
  const numeric = {
    amount: 'amount',
    'max-seconds': 'maxSeconds',
    connections: 'connections',
    warmup: 'warmup',
    interval: 'interval',
  }
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(\d+)$/.exec(arg)
    if (match && Object.hasOwn(numeric, match[1])) parsed[numeric[match[1]]] = Number(match[2])
    else if (adapters.includes(arg)) parsed.adapters.push(arg)
    else throw new Error(`unknown argument ${arg}; adapters are ${adapters.join(', ')}`)
  }
  if (parsed.adapters.length === 0) parsed.adapters = adapters
  parsed.maxSeconds = Math.min(parsed.maxSeconds, 30)
  parsed.connections = Math.min(Math.max(parsed.connections, 32), 64)
  return parsed
}

function mb(bytes) {
  return (bytes / 2 ** 20).toFixed(1)
}

function kilo(count) {
  return `${Math.round(count / 1000)}k`
}

function signed(value) {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`
}
