import type { Options } from 'tsup'

/**
 * The build every package shares: ESM and CJS with type declarations for both, from src/index.ts (and any further
 * subpath entries). Core and fetch build for any runtime (`neutral`); the Node adapters for Node.
 */
export function packageBuild(platform: 'neutral' | 'node', entries: readonly string[] = []): Options {
  return {
    entry: ['src/index.ts', ...entries],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    // Each entry stands alone (no shared chunk file): a subpath entry loads only what it uses.
    splitting: false,
    target: 'es2022',
    platform,
    tsconfig: 'tsconfig.json',
  }
}
