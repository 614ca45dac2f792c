// Run by each package's build after tsup, in the package's folder: replaces each entry's ESM declarations
// (dist/<entry>.d.ts) with a re-export of its CommonJS declarations (dist/<entry>.d.cts). tsup writes the two as
// identical copies; one copy halves what the declarations add to the tarball, and ESM and CommonJS consumers then
// see the very same declared types (one HttpError class type, not two structurally equal ones). The consumer test
// (test/packaging/consumer.test.ts) and attw check that both module systems still resolve every export with its types.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'

const entries = readdirSync('dist')
  .filter((file) => file.endsWith('.d.cts'))
  .map((file) => file.slice(0, -'.d.cts'.length))
if (entries.length === 0) throw new Error(`${process.cwd()}: no declarations in dist/`)
for (const entry of entries) {
  const esm = `dist/${entry}.d.ts`
  const cjs = `dist/${entry}.d.cts`
  if (readFileSync(esm, 'utf8') !== readFileSync(cjs, 'utf8')) {
    throw new Error(`${process.cwd()}: ${esm} and ${cjs} differ; sharing them would lose the difference`)
  }
  writeFileSync(esm, `export * from './${entry}.cjs'\n`)
}
