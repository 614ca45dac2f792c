import { isProblemCode } from '../error/http-error'
import type { JsonValue } from '../util/json-value'

/**
 * The code a received problem carries: its `code` member when well-formed, for the rebuilt error's `code`. The member
 * also stays among the extensions, where clients written before `code` existed read it.
 */
export function receivedCode(members: Readonly<Record<string, JsonValue>>): string | undefined {
  const code = Object.hasOwn(members, 'code') ? members.code : undefined
  return isProblemCode(code) ? code : undefined
}
