// Parent side of the micro-benchmarks: runs every group file several times, each in a fresh process, and
// reduces the runs to medians. Ratios are taken inside each run first (both cases share the process and its JIT
// state), then their median over runs is reported.
import { fileURLToPath } from 'node:url'
import { runNodeFile } from '../lib/spawn.mjs'
import { formatNs, formatRatio, markdownTable, median } from '../lib/stats.mjs'
import { RESULT_MARKER } from './harness.mjs'

/** The groups, one file each in this folder, with the case every other case is compared with. */
export const groups = [
  { name: 'construct', file: 'construct.mjs', title: 'Constructing a 404', baseline: "new Error('Not Found')" },
  {
    name: 'construct-deep',
    file: 'construct-deep.mjs',
    title: 'Constructing a 404 twenty frames deep',
    baseline: "new Error('Not Found'), 20 frames deep",
  },
  {
    name: 'construct-no-stack',
    file: 'construct-no-stack.mjs',
    title: 'Constructing a 404 without a stack',
    baseline: 'object literal { type, title, status }',
  },
  { name: 'render', file: 'render.mjs', title: 'Rendering a 404', baseline: 'JSON.stringify(problem)' },
  {
    name: 'telemetry',
    file: 'telemetry.mjs',
    title: 'The error path in a span, with and without `withTelemetry()`',
    baseline: '500 in a span, no hook',
  },
]

/**
 * The project's performance targets, each a ratio of two cases measured in the same process. The supplementary
 * rows measure the construction targets where a real handler throws (a full 10-frame stack), see construct-deep.mjs.
 */
export const targets = [
  {
    group: 'construct',
    label: "`new NotFound()` vs `new Error('Not Found')`",
    of: 'new NotFound()',
    to: "new Error('Not Found')",
    goal: '≤ 1.2×',
    met: (ratio) => ratio <= 1.2,
  },
  {
    group: 'construct',
    label: 'Supplementary: `new NotFound()` vs the floor, a subclass whose constructor only calls `Error()`',
    of: 'new NotFound()',
    to: 'floor: a subclass with an empty constructor',
    goal: '≤ 1.1× (what our constructor adds)',
    met: (ratio) => ratio <= 1.1,
  },
  {
    group: 'construct',
    label: '`new createError.NotFound()` (http-errors) vs `new NotFound()`',
    of: 'http-errors new createError.NotFound()',
    to: 'new NotFound()',
    goal: '≥ 2.5× (we are faster)',
    met: (ratio) => ratio >= 2.5,
  },
  {
    group: 'construct-no-stack',
    label: '`NotFound.expected()` (an expected 404, no stack) vs an object literal',
    of: 'NotFound.expected()',
    to: 'object literal { type, title, status }',
    goal: '≤ 2×',
    met: (ratio) => ratio <= 2,
  },
  {
    group: 'construct-deep',
    label: "Supplementary: `new NotFound()` vs `new Error('Not Found')`, 20 frames deep",
    of: 'new NotFound(), 20 frames deep',
    to: "new Error('Not Found'), 20 frames deep",
    goal: '≤ 1.2×',
    met: (ratio) => ratio <= 1.2,
  },
  {
    group: 'construct-deep',
    label: 'Supplementary: `new createError.NotFound()` vs `new NotFound()`, 20 frames deep',
    of: 'http-errors new createError.NotFound(), 20 frames deep',
    to: 'new NotFound(), 20 frames deep',
    goal: '≥ 2.5× (we are faster)',
    met: (ratio) => ratio >= 2.5,
  },
  {
    group: 'render',
    label: '`planResponse` for a browser (HTML) vs `JSON.stringify` of the same problem',
    of: 'planResponse, browser Accept (HTML)',
    to: 'JSON.stringify(problem)',
    goal: '≤ 2×',
    met: (ratio) => ratio <= 2,
  },
]

/**
 * Runs the suite: `runs` fresh processes per group, interleaved (construct, construct-deep, render, construct,
 * …) so that a burst of load on the machine spreads over the groups instead of hitting one. Returns markdown and
 * the raw results.
 */
export async function runMicro({ runs, filter, log }) {
  const selected = groups.filter((g) => filter === undefined || filter.test(g.name))
  const raw = Object.fromEntries(selected.map((g) => [g.name, []]))
  for (let run = 0; run < runs; run++) {
    for (const group of selected) {
      log(`micro: ${group.name} run ${run + 1}/${runs}`)
      const file = fileURLToPath(new URL(group.file, import.meta.url))
      // --expose-gc lets mitata collect garbage before each case, so one case's garbage is not another's GC pause.
      const result = await runNodeFile(file, {
        flags: ['--expose-gc'],
        env: { BENCH_JSON: '1', BENCH_ROTATE: String(run) },
        marker: RESULT_MARKER,
      })
      raw[group.name].push(result)
    }
  }

  return { markdown: summarize(raw), raw }
}

/** The markdown tables for raw results (what `runMicro` returns as `raw`, or a saved micro-latest.json). */
export function summarize(raw) {
  const selected = groups.filter((g) => raw[g.name] !== undefined)
  const sections = selected.map((group) => groupSection(group, raw[group.name]))
  const targetRows = targets.filter((t) => raw[t.group] !== undefined).map((t) => targetRow(t, raw[t.group]))
  const suspects = selected.flatMap((g) => raw[g.name].flatMap((r) => r.results.filter((c) => c.suspect)))
  const notes = [...new Set(suspects.map((c) => c.name))].map(
    (name) => `> ⚠ mitata flagged \`${name}\` as possibly optimised away in some runs.`,
  )
  const targetHeader = ['Target', 'Measured (median)', 'Min–max across runs', 'Goal', 'Status']
  const targetTable = markdownTable(targetHeader, targetRows, ['left', 'right', 'right', 'left', 'left'])

  return [...sections, targetRows.length === 0 ? '' : `### Targets\n\n${targetTable}`, notes.join('\n')]
    .filter((s) => s !== '')
    .join('\n\n')
}

// --- internal ---

function groupSection(group, runs) {
  // Cases keep the order of the group file, whatever rotation each run used.
  const rows = runs[0].cases.map((name) => {
    const perRun = runs.map((r) => nsOf(r, name))
    const ratios = runs.map((r) => ratioIn(r, name, group.baseline))
    const isBaseline = name === group.baseline
    return [
      isBaseline ? `${name} (baseline)` : name,
      formatNs(median(perRun)),
      `${formatNs(Math.min(...perRun))}–${formatNs(Math.max(...perRun))}`,
      isBaseline ? '1×' : formatRatio(median(ratios)),
    ]
  })
  const header = ['Case', 'Median ns/op', 'Min–max across runs', `Ratio vs \`${group.baseline}\``]
  const table = markdownTable(header, rows, ['left', 'right', 'right', 'right'])
  return `### ${group.title} (${runs.length} ${runs.length === 1 ? 'run' : 'runs'})\n\n${table}`
}

function targetRow(target, runs) {
  const ratios = runs.map((r) => ratioIn(r, target.of, target.to))
  const mid = median(ratios)
  return [
    target.label,
    formatRatio(mid),
    `${formatRatio(Math.min(...ratios))}–${formatRatio(Math.max(...ratios))}`,
    target.goal,
    target.met(mid) ? 'met' : 'missed',
  ]
}

/** A case's time in one run: the median of mitata's samples. */
function nsOf(run, name) {
  return caseIn(run, name).p50
}

/** How many times slower `of` is than `to` in one run: both were measured in the same process, seconds apart. */
function ratioIn(run, of, to) {
  return nsOf(run, of) / nsOf(run, to)
}

function caseIn(run, name) {
  const found = run.results.find((c) => c.name === name)
  if (found === undefined) throw new Error(`no case named ${name} in group ${run.group}`)
  return found
}
