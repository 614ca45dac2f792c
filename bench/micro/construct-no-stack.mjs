// Constructing a 404 without a stack: ours, the two ways (`expected()` and `captureStack: false`), against a bare
// object literal, the floor of any allocation.
import { NotFound } from '@http-problem/core'
import { do_not_optimize } from 'mitata'
import { runGroup } from './harness.mjs'

await runGroup('construct-no-stack', [
  { name: 'NotFound.expected()', fn: () => do_not_optimize(NotFound.expected()) },
  { name: 'new NotFound({ captureStack: false })', fn: () => do_not_optimize(new NotFound({ captureStack: false })) },
  {
    name: 'object literal { type, title, status }',
    fn: () => do_not_optimize({ type: 'about:blank', title: 'Not Found', status: 404 }),
  },
])
