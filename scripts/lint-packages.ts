// Lints what users install: packs every published package with pnpm (as a release does) and runs publint and
// @arethetypeswrong/cli on each tarball. Run by `pnpm run lint:packages`, part of the test command.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packPublished, publishedPackages, root } from './pack.mjs'

const bin = (name: string): string => join(root, 'node_modules', '.bin', name)
const dir = mkdtempSync(join(tmpdir(), 'http-problem-lint-'))
let failed = false
try {
  const tarballs = await packPublished(dir)
  for (const name of publishedPackages) {
    console.log(`\n::: @http-problem/${name}`)
    for (const [tool, args] of [
      ['publint', ['run', tarballs[name], '--strict']],
      ['attw', [tarballs[name], '--profile', 'strict', '--format', 'table-flipped']],
    ] as const) {
      try {
        execFileSync(bin(tool), args, { stdio: 'inherit', cwd: root })
      } catch {
        console.error(`${tool} failed for @http-problem/${name}`)
        failed = true
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
if (failed) process.exit(1)
