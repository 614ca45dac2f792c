// Golden files: the exact bytes core plans for each case in test/golden/cases.ts. A golden file changes only on
// purpose; regenerate with `UPDATE_GOLDEN=1 npx -y pnpm@10 exec vitest run test/golden.test.ts` and review the diff.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { planResponse, resolveOptions } from '@http-problem/core'
import { goldenCases, SECRET, type GoldenCase } from './golden/cases'
import { formatWire, parseWire } from './golden/wire'

const dir = fileURLToPath(new URL('./golden/', import.meta.url))
const update = process.env.UPDATE_GOLDEN === '1'
const UPDATE_COMMAND = 'UPDATE_GOLDEN=1 npx -y pnpm@10 exec vitest run test/golden.test.ts'

const fileOf = (name: string): string => join(dir, `${name}.http`)

function render(testCase: GoldenCase): string {
  return formatWire(planResponse(testCase.thrown(), testCase.request, resolveOptions(testCase.options)))
}

/** Shows CR in a diff, which would otherwise hide a CRLF/LF mismatch. */
function visible(text: string): string {
  return text.replaceAll('\r', '␍')
}

describe('golden files', () => {
  it('names every case uniquely, in the file-name alphabet', () => {
    const names = goldenCases.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) expect(name).toMatch(/^[1-5][0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/)
  })

  if (update) {
    const written: string[] = []
    afterAll(() => {
      console.info(
        written.length === 0
          ? 'UPDATE_GOLDEN=1: every golden file was already up to date.'
          : `UPDATE_GOLDEN=1: wrote ${written.length} golden file(s): ${written.join(', ')}. Review them with git diff test/golden.`,
      )
    })

    it.each(goldenCases)('writes the golden file of $name (UPDATE_GOLDEN=1)', (testCase) => {
      const file = fileOf(testCase.name)
      const actual = Buffer.from(render(testCase), 'utf8')
      if (existsSync(file) && readFileSync(file).equals(actual)) return
      writeFileSync(file, actual)
      written.push(`${testCase.name}.http`)
    })

    it('deletes golden files that no case renders (UPDATE_GOLDEN=1)', () => {
      const names = new Set(goldenCases.map((c) => `${c.name}.http`))
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.http') && !names.has(f))) {
        rmSync(join(dir, file))
        written.push(`${file} (deleted)`)
      }
    })
    return
  }

  it.each(goldenCases)('renders $name byte for byte as its golden file', (testCase) => {
    const file = fileOf(testCase.name)
    if (!existsSync(file)) {
      throw new Error(`test/golden/${testCase.name}.http is missing: run \`${UPDATE_COMMAND}\` and review the diff`)
    }
    const expected = readFileSync(file)
    const actual = render(testCase)
    if (Buffer.from(actual, 'utf8').equals(expected)) return
    // Compare as text first for a readable diff; identical text with different bytes means an encoding problem.
    expect(visible(actual), `differs from test/golden/${testCase.name}.http; if intended, run \`${UPDATE_COMMAND}\``).toBe(
      visible(expected.toString('utf8')),
    )
    expect.fail(`test/golden/${testCase.name}.http is not valid UTF-8 or differs in bytes only`)
  })

  it('has no golden file without a case', () => {
    const names = new Set(goldenCases.map((c) => `${c.name}.http`))
    const stale = readdirSync(dir).filter((f) => f.endsWith('.http') && !names.has(f))
    expect(stale, `remove these or run \`${UPDATE_COMMAND}\``).toEqual([])
  })

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
