import { nodeDefaults, type ProblemOptions } from '@http-problem/core'

/**
 * What the Node adapters offer by default (core's `nodeDefaults`: every format, Simplified Chinese, the Node
 * framework error rules). Suites that compare all adapters (and core's plan) byte for byte pass it to core and the
 * fetch adapter too, whose default is JSON and English only, with the generic error rules.
 */
export const NODE_DEFAULTS: ProblemOptions = nodeDefaults
