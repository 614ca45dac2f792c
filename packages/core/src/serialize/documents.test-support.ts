// The problem documents the serializer tests render (html, xml, text): one copy, so each format is checked against
// the same input. Not part of the package: only test files import it.
import type { ProblemDocument } from '../problem/document'

/** The plain 404 an unmatched route gets. */
export const notFound: ProblemDocument = { type: 'about:blank', title: 'Not Found', status: 404 }

/** RFC 9457's validation example: every standard member and an `errors` extension. */
export const validation: ProblemDocument = {
  type: 'https://example.net/validation-error',
  title: 'Your request is not valid.',
  status: 422,
  detail: 'The request body has 2 errors.',
  instance: '/requests/7',
  errors: [
    { detail: 'must be a positive integer', pointer: '#/age' },
    { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
  ],
}
