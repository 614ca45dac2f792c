import { htmlFormat } from '../serialize/html'
import { textFormat } from '../serialize/text'
import { xmlFormat } from '../serialize/xml'
import type { ProblemOptions } from './options'

/**
 * Options that offer every format besides JSON: an HTML page, XML and plain text. The Node adapters use them as
 * their defaults (servers answer browsers, XML clients and terminals too); core and the fetch adapter offer JSON
 * alone unless given them.
 *
 * @example
 * app.onError(errorHandler({ ...everyFormat, typeBase: 'https://example.com/probs/' }))
 */
export const everyFormat: ProblemOptions = { formats: /* @__PURE__ */ allFormats() }

/** The three formats, in a new array each time (a call annotated pure, so that an unused one is dropped). */
export function allFormats(): ProblemOptions['formats'] {
  return [htmlFormat, xmlFormat, textFormat]
}
