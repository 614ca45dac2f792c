import { defineConfig } from 'vitest/config'

// Workspace packages resolve to each other's src/ through the "@http-problem/source" export condition,
// so tests run against the source; test/build/*.test.ts loads the built dist/ on purpose.
const conditions = ['@http-problem/source', 'import', 'module', 'node', 'default']

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
  },
})
