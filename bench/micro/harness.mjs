// Child side of the micro-benchmarks: one group of cases, measured by mitata in this (fresh) process, reported
// to the parent as one JSON line. Run a group file directly (`node --expose-gc micro/construct.mjs`) to see a
// plain table instead.
import { measure } from 'mitata'

/** The marker that starts the result line; everything else on stdout is ignored by the parent. */
export const RESULT_MARKER = '@@bench-result '

/** How long mitata samples each case, in CPU time. */
const CASE_CPU_NS = 500e6
/** The length of one sample, in CPU time: long enough that the clock's 1 µs resolution is noise-free. */
const SAMPLE_CPU_NS = 2e6
/**
 * At most this many measurements in one process. From some `measure()` on, V8 charges ~2.5 µs more for every stack
 * capture that records a frame of mitata's generated loop (an eval'd function): from about the 14th on Node 20, and
 * already from the 10th on Node 24. A group that measured more would slow down its own later error cases.
 */
const MAX_MEASUREMENTS = 9

/**
 * Measures `cases` (`{ name, fn }`) once each and reports nanoseconds of CPU time per operation.
 *
 * The clock is the process's CPU time, not the wall clock: on a shared machine the wall clock also counts the
 * time other processes (or the hypervisor) took the core away, which here doubled some cases from one second to
 * the next, while CPU time stayed within a few percent. Each sample batches enough calls to last ~2 ms, and the
 * case's result is the median sample. BENCH_ROTATE rotates the order so that no case always runs first.
 */
export async function runGroup(group, cases) {
  assertBuiltPackage()
  if (cases.length + 1 > MAX_MEASUREMENTS) throw new Error(`${group}: at most ${MAX_MEASUREMENTS - 1} cases per group`)
  const rotate = Number(process.env.BENCH_ROTATE ?? 0) % cases.length
  const ordered = [...cases.slice(rotate), ...cases.slice(0, rotate)]

  // An empty function: the floor of what can be measured, for mitata's "optimised away" heuristic.
  const noop = (await measureCpu(() => {})).avg
  const stats = new Map()
  // mitata runs a full GC before each case (--expose-gc), so no case pays for collecting another's garbage.
  for (const { name, fn } of ordered) stats.set(name, await measureCpu(fn))

  const results = cases.map(({ name }) => {
    const { p50, avg, min, max, samples, batch } = stats.get(name)
    // mitata's heuristic: anything this close to an empty function was probably optimised away.
    return { name, p50, avg, min, max, samples, batch, suspect: avg < 1.42 * noop }
  })

  if (process.env.BENCH_JSON === '1') {
    const line = { group, cases: cases.map((c) => c.name), order: ordered.map((c) => c.name), noop, results }
    process.stdout.write(`${RESULT_MARKER}${JSON.stringify(line)}\n`)
  } else {
    const rows = results.map((r) => [r.name, { 'ns/op (median sample)': Number(r.p50.toFixed(2)), samples: r.samples }])
    console.table(Object.fromEntries(rows))
  }
}

// --- internal ---

/** The process's CPU time (all threads, user and system) in nanoseconds, with microsecond resolution. */
function cpuNow() {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1000
}

async function measureCpu(fn) {
  const batch = Math.max(4, Math.round(SAMPLE_CPU_NS / estimateCpuNs(fn) / 4) * 4)
  const stats = await measure(fn, {
    now: cpuNow,
    min_cpu_time: CASE_CPU_NS,
    batch_samples: batch, // a multiple of mitata's unroll factor, 4
    batch_threshold: Number.POSITIVE_INFINITY, // always batch: one call is far below the clock's resolution
  })
  return { p50: stats.p50, avg: stats.avg, min: stats.min, max: stats.max, samples: stats.samples.length, batch }
}

/** A rough cost per call (which also warms the function up), to size the batches. */
function estimateCpuNs(fn) {
  for (let calls = 16; ; calls *= 2) {
    const start = cpuNow()
    for (let i = 0; i < calls; i++) fn()
    const spent = cpuNow() - start
    if (spent >= 20e6) return Math.max(spent / calls, 0.1)
  }
}

/** The point is to measure what users install: the built dist, never the TypeScript source. */
function assertBuiltPackage() {
  const url = import.meta.resolve('@http-problem/core')
  if (!url.endsWith('/dist/index.js')) {
    throw new Error(`@http-problem/core resolved to ${url}, not the built dist (check NODE_OPTIONS --conditions)`)
  }
}
