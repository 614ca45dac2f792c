// The golden-file routine shared by test/golden/golden.test.ts and test/conformance: render each entry, then either
// write the files (UPDATE_GOLDEN=1) or compare them byte for byte and report files that no entry renders.
// The file format itself is in test/golden/wire.ts.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'

/** True when the run should write golden files instead of comparing them; honoured only when exactly `1`. */
export const updateGolden = process.env.UPDATE_GOLDEN === '1'

/** One golden file: `<name>.http` in the suite's directory holds what `render()` returns. */
export interface GoldenEntry {
  readonly name: string
  readonly render: () => string
}

/** A directory of golden files and how to regenerate it. */
export interface GoldenSuite {
  /** Absolute path of the directory holding the `.http` files. */
  readonly dir: string
  /** The directory as shown in messages, e.g. `test/golden`. */
  readonly label: string
  /** The command that regenerates the files, quoted in failure messages. */
  readonly updateCommand: string
  readonly entries: readonly GoldenEntry[]
}

/**
 * Registers the golden-file tests of a suite in the current `describe`: with UPDATE_GOLDEN=1 it writes changed
 * files and deletes stale ones, printing what it touched; otherwise it compares every file byte for byte and
 * fails on files that no entry renders.
 *
 * @example
 * describe('golden files', () => {
 *   const entries = cases.map((c) => ({ name: c.name, render: () => formatWire(planOf(c)) }))
 *   defineGoldenTests({ dir, label: 'test/golden', updateCommand, entries })
 * })
 */
export function defineGoldenTests(suite: GoldenSuite): void {
  const { dir, label, updateCommand, entries } = suite
  const fileOf = (name: string): string => join(dir, `${name}.http`)
  const staleFiles = (): string[] => {
    const names = new Set(entries.map((entry) => `${entry.name}.http`))
    return readdirSync(dir).filter((file) => file.endsWith('.http') && !names.has(file))
  }

  if (updateGolden) {
    const written: string[] = []
    afterAll(() => {
      console.info(
        written.length === 0
          ? 'UPDATE_GOLDEN=1: every golden file was already up to date.'
          : `UPDATE_GOLDEN=1: wrote ${written.length} golden file(s): ${written.join(', ')}. Review them with git diff ${label}.`,
      )
    })

    it.each(entries)('writes the golden file of $name (UPDATE_GOLDEN=1)', (entry) => {
      const file = fileOf(entry.name)
      const actual = Buffer.from(entry.render(), 'utf8')
      if (existsSync(file) && readFileSync(file).equals(actual)) return
      writeFileSync(file, actual)
      written.push(`${entry.name}.http`)
    })

    it('deletes golden files that no case renders (UPDATE_GOLDEN=1)', () => {
      for (const file of staleFiles()) {
        rmSync(join(dir, file))
        written.push(`${file} (deleted)`)
      }
    })
    return
  }

  it.each(entries)('renders $name byte for byte as its golden file', (entry) => {
    const file = fileOf(entry.name)
    if (!existsSync(file)) {
      throw new Error(`${label}/${entry.name}.http is missing: run \`${updateCommand}\` and review the diff`)
    }
    const expected = readFileSync(file)
    const actual = entry.render()
    if (Buffer.from(actual, 'utf8').equals(expected)) return
    // Compare as text first for a readable diff; identical text with different bytes means an encoding problem.
    expect(visible(actual), `differs from ${label}/${entry.name}.http; if intended, run \`${updateCommand}\``).toBe(
      visible(expected.toString('utf8')),
    )
    expect.fail(`${label}/${entry.name}.http is not valid UTF-8 or differs in bytes only`)
  })

  it('has no golden file without a case', () => {
    expect(staleFiles(), `remove these or run \`${updateCommand}\``).toEqual([])
  })
}

// --- internal ---

/** Shows CR in a diff, which would otherwise hide a CRLF/LF mismatch. */
function visible(text: string): string {
  return text.replaceAll('\r', '␍')
}
