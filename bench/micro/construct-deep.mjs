// The same constructions as construct.mjs, but called 20 frames deep, as a throw inside a real route handler is.
// V8 records at most Error.stackTraceLimit (10) frames, and it also walks the constructor frames it then skips,
// so how much a subclass's own frames cost depends on how many frames there are to record: inside a mitata case
// there are only 5, here all 10 are recorded for every case.
import { NotFound } from '@http-problem/core'
import createError from 'http-errors'
import { do_not_optimize } from 'mitata'
import { runGroup } from './harness.mjs'

const DEPTH = 20

const makeError = () => new Error('Not Found')
const makeNotFound = () => new NotFound()
const makeHttpErrors = () => new createError.NotFound()
// The floor: a subclass whose one constructor only calls Error() (see construct.mjs).
class OneFrame extends Error {
  constructor() {
    super('Not Found')
  }
}
const makeOneFrame = () => new OneFrame()

// Guard against measuring the wrong thing: every case must record a full stack.
for (const make of [makeError, makeNotFound, makeHttpErrors, makeOneFrame]) {
  const frames = atDepth(DEPTH, make).stack.split('\n').length - 1
  if (frames !== Error.stackTraceLimit) throw new Error(`expected ${Error.stackTraceLimit} frames, got ${frames}`)
}

await runGroup('construct-deep', [
  { name: 'new NotFound(), 20 frames deep', fn: () => do_not_optimize(atDepth(DEPTH, makeNotFound)) },
  { name: "new Error('Not Found'), 20 frames deep", fn: () => do_not_optimize(atDepth(DEPTH, makeError)) },
  { name: 'floor: a subclass with an empty constructor, 20 frames deep', fn: () => do_not_optimize(atDepth(DEPTH, makeOneFrame)) },
  {
    name: 'http-errors new createError.NotFound(), 20 frames deep',
    fn: () => do_not_optimize(atDepth(DEPTH, makeHttpErrors)),
  },
])

// --- internal ---

function atDepth(depth, make) {
  return depth === 0 ? make() : atDepth(depth - 1, make)
}
