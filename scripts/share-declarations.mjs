// Run by each package's build after tsup, in the package's folder: replaces dist/index.d.ts (the ESM declarations)
// with a re-export of dist/index.d.cts. tsup writes the two as identical copies; one copy halves what the
// declarations add to the tarball, and ESM and CommonJS consumers then see the very same declared types (one
// HttpError class type, not two structurally equal ones). The consumer test (test/packaging/consumer.test.ts) and
// attw check that both module systems still resolve every export with its types.
import { readFileSync, writeFileSync } from 'node:fs'

const esm = 'dist/index.d.ts'
const cjs = 'dist/index.d.cts'
if (readFileSync(esm, 'utf8') !== readFileSync(cjs, 'utf8')) {
  throw new Error(`${process.cwd()}: ${esm} and ${cjs} differ; sharing them would lose the difference`)
}
writeFileSync(esm, "export * from './index.cjs'\n")
