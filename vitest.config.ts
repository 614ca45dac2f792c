import { defineConfig } from 'vitest/config'

// Workspace packages resolve to each other's src/ through the "@http-problem/source" export condition,
// so tests run against the source; test/build/*.test.ts loads the built dist/ on purpose.
// 'import' must not be listed: vitest passes these to Node as --conditions, and Express 5's dependencies would then
// require() the ESM builds of dual packages (is-promise) and break.
const conditions = ['@http-problem/source', 'node', 'development|production']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@http-problem/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 20_000,
    setupFiles: ['./test/support/fast-check-seed.ts'],
  },
})
