// Constructing a 404 with a stack: ours, the native Error, the cheapest Error subclass, http-errors and @hapi/boom.
// The constructions without a stack are in construct-no-stack.mjs: few cases per process (see harness.mjs).
import Boom from '@hapi/boom'
import { NotFound } from '@http-problem/core'
import createError from 'http-errors'
import { do_not_optimize } from 'mitata'
import { runGroup } from './harness.mjs'

// The cheapest subclass there is: one constructor that does nothing but call Error(). V8 walks each constructor frame
// of a `new` before it records the stack, so no error class can cost less than this; it is the floor of new NotFound().
class OneFrame extends Error {
  constructor() {
    super('Not Found')
  }
}

await runGroup('construct', [
  { name: 'new NotFound()', fn: () => do_not_optimize(new NotFound()) },
  { name: "new NotFound('No user 42')", fn: () => do_not_optimize(new NotFound('No user 42')) },
  { name: 'floor: a subclass with an empty constructor', fn: () => do_not_optimize(new OneFrame()) },
  { name: "new Error('Not Found')", fn: () => do_not_optimize(new Error('Not Found')) },
  { name: 'http-errors createError(404)', fn: () => do_not_optimize(createError(404)) },
  { name: 'http-errors new createError.NotFound()', fn: () => do_not_optimize(new createError.NotFound()) },
  { name: '@hapi/boom Boom.notFound()', fn: () => do_not_optimize(Boom.notFound()) },
])
