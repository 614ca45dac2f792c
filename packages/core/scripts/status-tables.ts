import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { statusClass } from '../src/status/lookup'
import { statuses } from '../src/status/registry'
import type { StatusClass, StatusRow } from '../src/status/types'

/** The document this script keeps in step with the status registry. */
export const tablesPath = fileURLToPath(new URL('../../../docs/status-codes.md', import.meta.url))

/**
 * Renders the markdown table of error classes, one row per status code that has a class.
 *
 * @example
 * renderClassTable().split('\n')[0] // '| Status | Class | Aliases | Title | 中文标题 | Defined in |'
 */
export function renderClassTable(): string {
  const rows: readonly StatusRow[] = statuses
  return table(
    ['Status', 'Class', 'Aliases', 'Title', '中文标题', 'Defined in'],
    rows.flatMap((row) =>
      row.className === undefined
        ? []
        : [[
            String(row.code),
            code(row.className),
            (row.aliases ?? []).map(code).join(', '),
            row.phrase,
            row.zh.title,
            citation(row),
          ]],
    ),
  )
}

/**
 * Renders the markdown table of the five status classes with the registered codes in each.
 *
 * @example
 * renderStatusClassTable().split('\n')[2] // '| `informational` | 100–199 | 100–104 (5) |'
 */
export function renderStatusClassTable(): string {
  const rows: readonly StatusRow[] = statuses
  return table(
    ['Class', 'Range', 'Codes in registry'],
    statusClasses.map((name, index) => {
      const first = (index + 1) * 100
      const codes = rows.map((row) => row.code).filter((c) => statusClass(c) === name)
      return [code(name), `${first}–${first + 99}`, `${compactRanges(codes)} (${codes.length})`]
    }),
  )
}

/**
 * Returns the document's text with every generated block replaced by a fresh rendering; throws if a marker is missing.
 *
 * @example
 * writeFileSync(tablesPath, updateTables(readFileSync(tablesPath, 'utf8')))
 */
export function updateTables(text: string): string {
  let next = text
  for (const block of blocks) next = replaceBlock(next, block.name, block.render())
  return next
}

/**
 * Reads the document's generated blocks, keyed by marker name, as they are on disk between their markers.
 *
 * @example
 * readBlocks(readFileSync(tablesPath, 'utf8')).classes // the current error class table
 */
export function readBlocks(text: string): Record<string, string | undefined> {
  return Object.fromEntries(blocks.map((block) => [block.name, between(text, block.name)?.trim()]))
}

/** The generated blocks of the document, by the name used in their `<!-- name:start -->` markers. */
export const blocks = [
  { name: 'classes', render: renderClassTable },
  { name: 'status-classes', render: renderStatusClassTable },
] as const

// --- internal ---

const statusClasses: readonly StatusClass[] = ['informational', 'successful', 'redirection', 'client-error', 'server-error']

function table(header: readonly string[], body: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n')
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|')
}

function code(text: string): string {
  return `\`${text}\``
}

function citation(row: StatusRow): string {
  const label = row.section === '' ? row.rfc : `${row.rfc} §${row.section}`
  const rfcNumber = /^RFC (\d+)$/.exec(row.rfc)?.[1]
  if (rfcNumber === undefined) return label
  const anchor = row.section === '' ? '' : `#section-${row.section}`
  return `[${label}](https://www.rfc-editor.org/rfc/rfc${rfcNumber}${anchor})`
}

// 100, 101, 102, 103, 104 -> '100–104'; runs of three or more become a range.
function compactRanges(codes: readonly number[]): string {
  const parts: string[] = []
  let start = 0
  while (start < codes.length) {
    let end = start
    while (end + 1 < codes.length && codes[end + 1] === (codes[end] ?? 0) + 1) end++
    const run = codes.slice(start, end + 1)
    parts.push(run.length >= 3 ? `${run[0]}–${run[run.length - 1]}` : run.join(', '))
    start = end + 1
  }
  return parts.join(', ')
}

function markers(name: string): { start: string; end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` }
}

function between(text: string, name: string): string | undefined {
  const { start, end } = markers(name)
  const from = text.indexOf(start)
  const to = text.indexOf(end, from)
  if (from === -1 || to === -1) return undefined
  return text.slice(from + start.length, to)
}

function replaceBlock(text: string, name: string, content: string): string {
  const { start, end } = markers(name)
  const from = text.indexOf(start)
  const to = text.indexOf(end, from)
  if (from === -1 || to === -1) throw new Error(`docs/status-codes.md is missing the ${start} ... ${end} markers`)
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`
}

function isRunDirectly(): boolean {
  const entry = process.argv[1]
  return entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href
}

// Last, so that every constant above is initialised before `npx tsx scripts/status-tables.ts` uses it.
if (isRunDirectly()) {
  const before = readFileSync(tablesPath, 'utf8')
  const after = updateTables(before)
  if (after === before) {
    console.log('The status tables are up to date.')
  } else {
    writeFileSync(tablesPath, after)
    console.log(`Updated the status tables in ${tablesPath}.`)
  }
}
