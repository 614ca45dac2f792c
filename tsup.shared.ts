import type { Options } from 'tsup'

/**
 * The build every package shares: ESM and CJS with type declarations for both, from src/index.ts. Core and fetch
 * build for any runtime (`neutral`); the Node adapters for Node.
 */
export function packageBuild(platform: 'neutral' | 'node'): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform,
    tsconfig: 'tsconfig.json',
  }
}
