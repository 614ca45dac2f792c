// Types for pack.mjs, which TypeScript tests and scripts import.

export type PublishedPackage = 'core' | 'express' | 'koa' | 'fastify' | 'fetch' | 'node' | 'opentelemetry' | 'nest'
export const root: string
export const publishedPackages: readonly PublishedPackage[]
export const tarballBudgets: Readonly<Record<PublishedPackage, number>>
export const tarballLimits: Readonly<Partial<Record<PublishedPackage, number>>>
export function pnpm(args: readonly string[], cwd: string): Promise<string>
export function packPublished(destination: string): Promise<Record<PublishedPackage, string>>
export function tarballTable(tarballs: Readonly<Record<PublishedPackage, string>>): string
