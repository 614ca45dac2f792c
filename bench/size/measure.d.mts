// Types for measure.mjs, which the bundle-size test imports from TypeScript.

/** One entry file to bundle, with its budget in gzipped bytes when it has one. */
export interface SizeCase {
  readonly name: string
  readonly label: string
  readonly library: string
  readonly source: string
  /** The most gzipped bytes the case may take, or with `over`, the most it may add to that case. */
  readonly budget?: number
  /** What CI enforces while `budget` is not met yet. */
  readonly limit?: number
  /** The name of the case whose size this one is measured over. */
  readonly over?: string
  readonly platform?: 'neutral' | 'node'
}

/** Sizes in bytes of one bundled case. */
export interface BundleSize {
  readonly minified: number
  readonly gzip: number
}

/** A measured case: its sizes, the bytes its budget counts, and whether they fit the budget and the CI limit. */
export interface SizeResult extends SizeCase, BundleSize {
  readonly counted: number
  readonly withinBudget: boolean | undefined
  readonly withinLimit: boolean | undefined
}

export const KB: number
export const cases: readonly SizeCase[]
export function bundleSize(entry: SizeCase): Promise<BundleSize>
export function measureCases(names?: readonly string[]): Promise<SizeResult[]>
export function sizeTable(results: readonly SizeResult[]): string
export function versions(): string[]
export function formatKb(bytes: number): string
