import { everyFormat, type ProblemOptions } from '@http-problem/core'

/**
 * Every format: what the Node adapters offer by default (core's `everyFormat`). Suites that compare all adapters (and
 * core's plan) byte for byte pass it to core and the fetch adapter too, whose default is JSON only.
 */
export const EVERY_FORMAT: ProblemOptions = everyFormat
