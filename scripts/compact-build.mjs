// Run by core's build after tsup, in the package's folder: takes out of dist/*.js and dist/*.cjs what only a reader
// of the sources needs, the indentation and the comment lines esbuild keeps from src/ (`//` lines, and lines that are
// a whole `/* … */` comment), so that the core tarball stays within its budget (docs/packaging.md). Each statement
// keeps its own line (a stack trace's line number still finds it), names are untouched, and the `// src/…` lines
// that say where each module starts stay. `/* @__PURE__ */` annotations stay too: bundlers need them to drop what an
// app does not use (esbuild's own whitespace minifier removes them, which is why it is not used). The result is
// checked to be the same program: both texts are parsed and printed without comments by TypeScript, and the two
// printouts must be equal (a template literal's text included).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import ts from 'typescript'

const files = readdirSync('dist').filter((file) => file.endsWith('.js') || file.endsWith('.cjs'))
if (files.length === 0) throw new Error(`${process.cwd()}: no builds in dist/`)
// Every file is checked before any is written: a failure leaves dist/ as tsup wrote it.
const compacted = files.map((file) => {
  const path = `dist/${file}`
  const before = readFileSync(path, 'utf8')
  const after = compact(before)
  if (print(before, path) !== print(after, path)) {
    throw new Error(`${path}: compacting would change the program (a multi-line template literal? write it with \\n)`)
  }
  if (count(before, '@__PURE__') !== count(after, '@__PURE__')) throw new Error(`${path}: compacting would lose a pure annotation`)
  return [path, after]
})
for (const [path, text] of compacted) writeFileSync(path, text)

function compact(text) {
  return text
    .split('\n')
    .filter((line) => !/^\s*\/\/(?! src\/)/.test(line) && !/^\s*\/\*(?!.*@__PURE__).*\*\/\s*$/.test(line))
    .map((line) => line.trimStart())
    .join('\n')
}

/** The program without comments, as TypeScript prints it; a text that does not parse cleanly is refused. */
function print(text, path) {
  const source = ts.createSourceFile('build.js', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS)
  if (source.parseDiagnostics.length > 0) throw new Error(`${path}: does not parse: ${source.parseDiagnostics[0].messageText}`)
  return ts.createPrinter({ removeComments: true }).printFile(source)
}

function count(text, word) {
  return text.split(word).length - 1
}
