// The sentences the library writes into a problem's `detail` on its own behalf. An error whose detail is one of
// them carries a mark with its key (LIBRARY_TEXT), and the renderer sends the text of the negotiated language: the
// English sentence as written, Simplified Chinese from the `zhCN` locale (locale.ts), other languages from a locale's
// `texts`. A detail a developer wrote is never marked, so never translated. The English sentences live with the code
// that writes them (validation.ts, node-framework-errors.ts), so a bundle carries only those it can send;
// library-texts.test.ts checks every key in every language.

/** The key of a library-written text. The body keys are body-parser's `type` codes. */
export type LibraryTextKey =
  | 'validation.invalid'
  | 'validation.schema'
  | 'entity.parse.failed'
  | 'entity.verify.failed'
  | 'entity.too.large'
  | 'encoding.unsupported'
  | 'charset.unsupported'
  | 'request.aborted'
  | 'request.size.invalid'
  | 'parameters.too.many'
  | 'media.unsupported'
  | 'url.invalid'
  | 'parameter.too.long'

/** What a marked error carries: the key of its detail, and the English sentence it was marked with. */
export interface LibraryTextMark {
  readonly key: LibraryTextKey
  readonly text: string
}

/** Where an error keeps its {@link LibraryTextMark} (a non-enumerable own property). */
export const LIBRARY_TEXT: unique symbol = Symbol.for('@http-problem/core.libraryText') as never

/**
 * Marks an error's detail, the English `text`, as the library's text `key`, so that it is rendered in the negotiated
 * language as long as the detail is unchanged.
 */
export function markLibraryText<E extends object>(error: E, key: LibraryTextKey, text: string): E {
  const mark: LibraryTextMark = { key, text }
  Object.defineProperty(error, LIBRARY_TEXT, { value: mark, configurable: true, writable: true })
  return error
}
