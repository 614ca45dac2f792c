// Golden files: the exact bytes core plans for each case in test/golden/cases.ts. A golden file changes only on
// purpose; regenerate with `UPDATE_GOLDEN=1 npx -y pnpm@10 exec vitest run test/golden/golden.test.ts` and review the diff.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { planResponse, resolveOptions } from '@http-problem/core'
import { goldenCases, SECRET, type GoldenCase } from './cases'
import { formatWire, parseWire } from './wire'
import { defineGoldenTests, updateGolden } from '../support/golden'
import { NODE_DEFAULTS } from '../support/node-defaults'

const dir = fileURLToPath(new URL('./', import.meta.url))
const UPDATE_COMMAND = 'UPDATE_GOLDEN=1 npx -y pnpm@10 exec vitest run test/golden/golden.test.ts'

const fileOf = (name: string): string => join(dir, `${name}.http`)

function render(testCase: GoldenCase): string {
  return formatWire(planResponse(testCase.thrown(), testCase.request, resolveOptions(testCase.options, NODE_DEFAULTS)))
}

describe('golden files', () => {
  it('names every case uniquely, in the file-name alphabet', () => {
    const names = goldenCases.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) expect(name).toMatch(/^[1-5][0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/)
  })

  defineGoldenTests({
    dir,
    label: 'test/golden',
    updateCommand: UPDATE_COMMAND,
    entries: goldenCases.map((testCase) => ({ name: testCase.name, render: () => render(testCase) })),
  })
  if (updateGolden) return

  it.each(goldenCases)('keeps $name a well-formed response', (testCase) => {
    const file = fileOf(testCase.name)
    if (!existsSync(file)) return // reported above
    const wire = parseWire(readFileSync(file, 'utf8'))
    const headers = new Map(wire.headers)
    expect(wire.status).toBeGreaterThanOrEqual(400)
    expect(wire.status).toBeLessThanOrEqual(599)
    expect(wire.phrase).not.toBe('')
    for (const [name] of wire.headers) expect(name).toMatch(/^[!#$%&'*+.^_`|~0-9a-z-]+$/)
    expect(headers.size).toBe(wire.headers.length)
    // RFC 9110 §9.3.2: HEAD carries the Content-Length a GET would have had.
    if (testCase.request.method === 'HEAD') expect(wire.body).toBe('')
    else expect(headers.get('content-length')).toBe(String(Buffer.byteLength(wire.body, 'utf8')))
    // Nothing secret, and no stack frame, ever reaches a golden file.
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain(SECRET)
    expect(text).not.toMatch(/\n\s+at |\.ts:\d+|node:internal/)
  })
})
