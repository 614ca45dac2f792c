// Packs the published packages the way a release does (`pnpm pack`), for the tests and scripts that check what users
// install rather than the workspace's src/.
import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The repository root. */
export const root = fileURLToPath(new URL('../..', import.meta.url))

/** The folder under packages/ of every published package, core first. */
export const publishedPackages = ['core', 'express', 'koa', 'fastify', 'fetch', 'node'] as const
export type PublishedPackage = (typeof publishedPackages)[number]

/**
 * Runs pnpm: the one running this process when there is one (`pnpm test` sets npm_execpath), else `npx -y pnpm@10`,
 * the command the README gives.
 */
export async function pnpm(args: readonly string[], cwd: string): Promise<string> {
  const execPath = process.env.npm_execpath
  const [file, prefix] =
    execPath !== undefined && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['npx', ['-y', 'pnpm@10']]
  const { stdout } = await run(file, [...prefix, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 })
  return stdout
}

/**
 * Packs every published package's built dist/ into `destination` (the caller builds first) and returns each
 * tarball's path by package folder.
 */
export async function packPublished(destination: string): Promise<Record<PublishedPackage, string>> {
  const tarballs: Partial<Record<PublishedPackage, string>> = {}
  for (const name of publishedPackages) {
    const before = new Set(readdirSync(destination))
    await pnpm(['pack', '--pack-destination', destination], join(root, 'packages', name))
    const added = readdirSync(destination).filter((file) => file.endsWith('.tgz') && !before.has(file))
    if (added.length !== 1) throw new Error(`pnpm pack of packages/${name} wrote ${added.length} tarballs`)
    tarballs[name] = join(destination, added[0] as string)
  }
  return tarballs as Record<PublishedPackage, string>
}
