import { isProblemCode } from '../error/http-error'
import type { JsonValue } from '../render/document'

/**
 * Separates a received `code` member from the other extension members: a well-formed code becomes the rebuilt
 * error's `code`; a malformed one (a number, a sentence) stays an extension member, as any unknown member does.
 */
export function splitCode(members: Readonly<Record<string, JsonValue>>): {
  readonly code: string | undefined
  readonly extensions: Readonly<Record<string, JsonValue>>
} {
  const code = members.code
  if (!Object.hasOwn(members, 'code') || !isProblemCode(code)) return { code: undefined, extensions: members }
  const extensions = Object.create(null) as Record<string, JsonValue>
  for (const name of Object.keys(members)) if (name !== 'code') extensions[name] = members[name] as JsonValue
  return { code, extensions }
}
