import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { blocks, readBlocks, tablesPath, renderClassTable, renderStatusClassTable, updateTables } from '../../scripts/status-tables'
import { statuses } from './registry'

const fix = 'The status tables in docs/status-codes.md are out of date: run `npx -y pnpm@10 --filter @http-problem/core run status-tables`'

describe('status tables', () => {
  const onDisk = readBlocks(readFileSync(tablesPath, 'utf8'))

  it.each(blocks)('keeps the $name table in docs/status-codes.md in step with the registry', ({ name, render }) => {
    expect(onDisk[name], `${fix} (the <!-- ${name}:start --> / <!-- ${name}:end --> markers are missing)`).toBeDefined()
    expect(onDisk[name], fix).toBe(render())
  })

  it('lists one class table row per status code with a class, in registry order', () => {
    const codes = renderClassTable()
      .split('\n')
      .slice(2)
      .map((line) => Number(line.split(' | ')[0]?.replace('| ', '')))
    expect(codes).toEqual(statuses.filter((row) => 'className' in row).map((row) => row.code))
  })

  it('shows the class name, aliases, phrase, Chinese title and citation of a row', () => {
    expect(renderClassTable()).toContain(
      '| 413 | `PayloadTooLarge` | `ContentTooLarge` | Content Too Large | 内容过大 | [RFC 9110 §15.5.14](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14) |',
    )
  })

  it('counts every registered code in exactly one status class', () => {
    const counts = renderStatusClassTable()
      .split('\n')
      .slice(2)
      .map((line) => Number(/\((\d+)\) \|$/.exec(line)?.[1]))
    expect(counts).toEqual([5, 10, 9, 29, 11])
    expect(counts.reduce((a, b) => a + b, 0)).toBe(statuses.length)
  })

  it('rewrites only the text between the markers and leaves the rest of the document alone', () => {
    const readme = 'intro\n<!-- classes:start -->\nstale\n<!-- classes:end -->\nmiddle\n<!-- status-classes:start --><!-- status-classes:end -->\nend\n'
    const updated = updateTables(readme)
    expect(updated.startsWith('intro\n<!-- classes:start -->\n| Status |')).toBe(true)
    expect(updated).toContain(`${renderClassTable()}\n<!-- classes:end -->\nmiddle\n`)
    expect(updated.endsWith(`${renderStatusClassTable()}\n<!-- status-classes:end -->\nend\n`)).toBe(true)
    expect(updateTables(updated)).toBe(updated)
  })

  it('refuses to update a document that lacks the markers', () => {
    expect(() => updateTables('# no markers here\n')).toThrow(/classes:start/)
  })
})
