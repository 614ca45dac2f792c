import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { blocks, readBlocks, readmePath, renderClassTable, renderStatusClassTable, updateReadme } from '../../scripts/readme-table'
import { statuses } from './registry'

const fix = 'The README tables are out of date: run `npx -y pnpm@10 --filter @http-problem/core run readme:table`'

describe('README tables', () => {
  const onDisk = readBlocks(readFileSync(readmePath, 'utf8'))

  it.each(blocks)('keeps the $name table in packages/core/README.md in step with the registry', ({ name, render }) => {
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

  it('rewrites only the text between the markers and leaves the rest of the README alone', () => {
    const readme = 'intro\n<!-- classes:start -->\nstale\n<!-- classes:end -->\nmiddle\n<!-- status-classes:start --><!-- status-classes:end -->\nend\n'
    const updated = updateReadme(readme)
    expect(updated.startsWith('intro\n<!-- classes:start -->\n| Status |')).toBe(true)
    expect(updated).toContain(`${renderClassTable()}\n<!-- classes:end -->\nmiddle\n`)
    expect(updated.endsWith(`${renderStatusClassTable()}\n<!-- status-classes:end -->\nend\n`)).toBe(true)
    expect(updateReadme(updated)).toBe(updated)
  })

  it('refuses to update a README that lacks the markers', () => {
    expect(() => updateReadme('# no markers here\n')).toThrow(/classes:start/)
  })
})
