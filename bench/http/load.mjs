// Load-generator side of the HTTP benchmarks: one autocannon run against one server, in this process, reported
// to the suite as one JSON line. The suite runs it pinned to a different CPU from the server where it can.
//
//   node load.mjs --url=http://127.0.0.1:PORT/path --warmup=1.5 --duration=4 --connections=32 [--pipelining=1]
//
// It first runs `warmup` seconds of the same load and discards them, then prints WARM_MARKER (the suite samples the
// server's CPU time there) and measures for `duration` seconds. Only 127.0.0.1 is accepted, and both runs stop by
// themselves.
import { fileURLToPath } from 'node:url'

/** The marker that starts the result line; everything else on stdout is ignored by the suite. */
export const RESULT_MARKER = '@@http-result '
/** Printed between the warm-up and the measured run. */
export const WARM_MARKER = '@@http-warm'

// The suite imports the markers; only a process started as `node load.mjs` loads autocannon and runs.
if (fileURLToPath(import.meta.url) === process.argv[1]) {
  const { default: autocannon } = await import('autocannon')
  const options = { ...parseArgs(process.argv.slice(2)), autocannon }
  if (options.warmup > 0) await measure({ ...options, duration: options.warmup })
  process.stdout.write(`${WARM_MARKER}\n`)
  const result = await measure(options)
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`)
}

// --- internal ---

/**
 * Runs autocannon and reduces its result. Latency percentiles come from autocannon's own per-response timings,
 * kept here at full resolution: autocannon's histogram rounds them to whole milliseconds, which hides the
 * differences between these servers (a few hundred microseconds at most).
 */
async function measure({ autocannon, url, duration, connections, pipelining, accept }) {
  const latencies = []
  const instance = autocannon({
    url,
    duration,
    connections,
    pipelining,
    headers: { accept },
    // One slow response must not stall the run: a timeout is counted and reported, not waited out.
    timeout: 10,
  })
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime))
  const cpuBefore = process.cpuUsage()
  const result = await instance
  const cpu = process.cpuUsage(cpuBefore)
  latencies.sort((a, b) => a - b)
  return {
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    rpsAverage: result.requests.average,
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? 0,
      autocannonP50: result.latency.p50,
      autocannonP99: result.latency.p99,
    },
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    errors: result.errors,
    timeouts: result.timeouts,
    // Near 1 means autocannon itself was the bottleneck, not the server.
    loadCpuShare: (cpu.user + cpu.system) / 1e6 / result.duration,
    bytesPerResponse: result.requests.total === 0 ? 0 : Math.round(result.throughput.total / result.requests.total),
  }
}

function percentile(sorted, q) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

function parseArgs(argv) {
  const options = { url: undefined, warmup: 0, duration: 4, connections: 32, pipelining: 1, accept: '*/*' }
  for (const arg of argv) {
    const [key, value] = arg.replace(/^--/, '').split(/=(.*)/s)
    if (!(key in options)) throw new Error(`unknown argument ${arg}`)
    options[key] = typeof options[key] === 'number' ? Number(value) : value
  }
  const { hostname } = new URL(options.url ?? 'missing:')
  if (hostname !== '127.0.0.1') throw new Error(`load tests target 127.0.0.1 only, not ${options.url}`)
  if (!(options.duration > 0 && options.duration <= 60)) throw new Error('--duration must be in (0, 60] seconds')
  if (!(options.warmup >= 0 && options.warmup <= 60)) throw new Error('--warmup must be in [0, 60] seconds')
  if (!(Number.isInteger(options.connections) && options.connections >= 1 && options.connections <= 256)) {
    throw new Error('--connections must be 1–256')
  }
  return options
}
