import type { ProblemDocument } from '../problem/document'
import type { Locale } from '../problem/locale'

/**
 * A renderer for a media type beyond JSON, which every handler offers: pass `htmlFormat`, `xmlFormat` and
 * `textFormat` in the `formats` option to offer them. The Node adapters (Express, Koa, Fastify, node) pass all three
 * by default; core and the fetch adapter pass none, so that a bundle for the edge carries no renderer it does not
 * use, nor the status descriptions the HTML page shows.
 *
 * @example
 * import { htmlFormat } from '@http-problem/core'
 * app.onError(errorHandler({ formats: [htmlFormat] })) // Hono: browsers get an HTML page
 */
export interface ProblemFormat {
  /** The media type this format renders. */
  readonly mediaType: 'text/html' | 'application/problem+xml' | 'text/plain'
  /** Serialises a document in the negotiated language. */
  readonly render: (document: ProblemDocument, locale: Locale) => string
  /** The `Content-Security-Policy` sent with this format; undefined sends the API policy. */
  readonly contentSecurityPolicy: string | undefined
}
