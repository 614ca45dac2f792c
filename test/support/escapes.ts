// Unhandled rejections and uncaught exceptions are the crashes the hostile and fault suites hunt for: in a real
// server they end the process. Vitest would only report them at the end of the run; this fails the test that caused
// them instead.
import { setTimeout as delay } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'

/**
 * Call once at the top of a test file: after each test (and a short settle, for a rejection reported once the
 * microtask queue drains or a late timer fires) nothing may have escaped to the process.
 */
export function failOnEscapes(settleMs = 30): void {
  const escaped: unknown[] = []
  const onEscape = (error: unknown): void => {
    escaped.push(error)
  }
  beforeAll(() => {
    process.on('unhandledRejection', onEscape)
    process.on('uncaughtException', onEscape)
  })
  afterEach(async () => {
    await delay(settleMs)
    expect(escaped.splice(0)).toEqual([])
  })
  afterAll(() => {
    process.off('unhandledRejection', onEscape)
    process.off('uncaughtException', onEscape)
  })
}
