import { htmlFormat, textFormat, xmlFormat, type ProblemOptions } from '@http-problem/core'

/**
 * Every format: what the Node adapters offer by default. Suites that compare all adapters (and core's plan) byte
 * for byte pass it to core and the fetch adapter too, whose default is JSON only (see docs/rendering.md).
 */
export const EVERY_FORMAT = { formats: [htmlFormat, xmlFormat, textFormat] } as const satisfies ProblemOptions
