import { BadRequest, ContentTooLarge, UnprocessableContent } from '@http-problem/core'

/** POST /people accepts up to 10 KiB of JSON, like `express.json({ limit: '10kb' })` in the Express example. */
export const JSON_LIMIT = 10 * 1024

export interface Person {
  readonly name?: unknown
  readonly age?: unknown
}

/** The 413 for a body over the limit, with the sentence body-parser's error gets in the Express example. */
export function tooLarge(): ContentTooLarge {
  return new ContentTooLarge('The request body is larger than this server accepts.')
}

/**
 * Reads a person the way `express.json()` does: only `application/json` is parsed (anything else reads as no
 * body), an empty body is `{}`, and only an object or array may be at the top. Malformed JSON is a 400 whose
 * detail never quotes the body.
 */
export function parsePerson(contentType: string | null | undefined, text: string): Person {
  if (contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/json' || text === '') return {}
  const unparsable = new BadRequest('The request body could not be parsed.')
  if (!/^[\t\n\r ]*[[{]/.test(text)) throw unparsable
  try {
    return JSON.parse(text) as Person
  } catch {
    throw unparsable
  }
}

/** Checks a person by hand and throws the same 422 validation problem as the Express example. */
export function checkPerson(person: Person): void {
  const errors: { detail: string; pointer: string }[] = []
  if (typeof person.name !== 'string' || person.name === '') errors.push({ detail: 'must be a non-empty string', pointer: '#/name' })
  if (!Number.isInteger(person.age) || (person.age as number) < 0) errors.push({ detail: 'must be a positive integer', pointer: '#/age' })
  if (errors.length > 0) {
    throw new UnprocessableContent({ type: 'https://example.com/probs/validation-error', title: 'Your request is not valid.', extensions: { errors } })
  }
}
