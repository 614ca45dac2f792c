// Serialising a problem document for the negotiated media type: JSON always, the other formats when the options
// carry them, with the small body cache kept on the resolved options.
import type { ProblemDocument } from '../problem/document'
import type { ProblemFormat } from './formats'
import type { Locale } from '../problem/locale'
import { utf8Length } from './utf8'

/** The media types a problem can be rendered as. */
export type ProblemMediaType =
  | 'application/problem+json'
  | 'application/json'
  | 'application/problem+xml'
  | 'text/html'
  | 'text/plain'

/** What serialising needs of the resolved options: the formats given, and the body cache it keeps there. */
export interface SerializeOptions {
  /** The renderers of `formats`, by media type. */
  readonly formats: ReadonlyMap<ProblemMediaType, ProblemFormat>
  /** Rendered bodies of documents that carry nothing but type, title and status; bounded by the serialiser. */
  readonly bodyCache: Map<Locale, Map<string, Map<number, CachedBody[]>>>
}

/** A rendered body kept for reuse, with the members that decide it besides status, locale and media type. */
export interface CachedBody {
  readonly type: string
  readonly title: string
  readonly body: string
  readonly length: string
}

export const CONTENT_TYPES: Readonly<Record<ProblemMediaType, string>> = {
  // RFC 9457 §6: the problem types define no parameters, so no charset (JSON is UTF-8 by RFC 8259 §8.1).
  'application/problem+json': 'application/problem+json',
  'application/json': 'application/json',
  'application/problem+xml': 'application/problem+xml; charset=utf-8',
  'text/html': 'text/html; charset=utf-8',
  'text/plain': 'text/plain; charset=utf-8',
}

/**
 * Serialises the document. A document with only type, title and status (an unmatched route, a hidden 500) comes
 * out the same every time, so its body and length are kept in a small cache on the resolved options: a flood of
 * 404s from a scanner costs a lookup, not a render.
 */
export function serialise(
  document: ProblemDocument,
  mediaType: ProblemMediaType,
  locale: Locale,
  options: SerializeOptions,
): { readonly body: string; readonly length: string } {
  const plain = Object.keys(document).length === 3
  // Keyed by objects and numbers, not by a string built per request: the lookup must cost less than a render.
  let byStatus: Map<number, CachedBody[]> | undefined
  if (plain) {
    const byLocale = options.bodyCache.get(locale) ?? new Map<string, Map<number, CachedBody[]>>()
    options.bodyCache.set(locale, byLocale)
    byStatus = byLocale.get(mediaType) ?? new Map<number, CachedBody[]>()
    byLocale.set(mediaType, byStatus)
    for (const cached of byStatus.get(document.status) ?? []) {
      if (cached.type === document.type && cached.title === document.title) return cached
    }
  }
  const render = SERIALIZERS[mediaType] ?? (options.formats.get(mediaType) as ProblemFormat).render
  const body = render(document, locale)
  const entry: CachedBody = { type: document.type, title: document.title, body, length: String(utf8Length(body)) }
  if (byStatus !== undefined) {
    const list = byStatus.get(document.status) ?? []
    // Bounded: a handful of types and titles per status, locale and media type is all real traffic produces.
    if (list.length >= BODY_CACHE_ENTRIES) list.length = 0
    list.push(entry)
    byStatus.set(document.status, list)
  }
  return entry
}

// --- internal ---

/** The serialisers always present; HTML, XML and plain text come from `options.formats` (see formats.ts). */
const SERIALIZERS: Readonly<Partial<Record<ProblemMediaType, (doc: ProblemDocument, locale: Locale) => string>>> = {
  'application/problem+json': (doc) => JSON.stringify(doc),
  'application/json': (doc) => JSON.stringify(doc),
}

const BODY_CACHE_ENTRIES = 16
