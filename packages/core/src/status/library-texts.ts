// The sentences the library writes into a problem's `detail` on its own behalf, in every built-in language. An error
// whose detail is one of them carries its key (LIBRARY_TEXT), and the renderer sends the text of the negotiated
// language. A detail a developer wrote is never marked, so never translated. locale.test.ts checks that every key
// has a text in every built-in language.

/** Every library-written detail, by key: the English text and its Simplified Chinese translation. */
export const libraryTexts = {
  // validationProblem() without a detail of its own
  'validation.invalid': { en: 'The request is not valid.', 'zh-CN': '请求无效。' },
  // a framework's schema validation failure (Fastify's `error.validation`)
  'validation.schema': { en: 'The request did not match the schema.', 'zh-CN': '请求与所要求的结构不符。' },
  // body-parser, raw-body, co-body and Fastify's request errors, keyed by body-parser's `type` codes
  'entity.parse.failed': { en: 'The request body could not be parsed.', 'zh-CN': '无法解析请求正文。' },
  'entity.verify.failed': { en: 'The request body failed verification.', 'zh-CN': '请求正文未通过校验。' },
  'entity.too.large': { en: 'The request body is larger than this server accepts.', 'zh-CN': '请求正文超出了服务器可接受的大小。' },
  'encoding.unsupported': { en: 'The content encoding of the request body is not supported.', 'zh-CN': '不支持请求正文所用的内容编码。' },
  'charset.unsupported': { en: 'The charset of the request body is not supported.', 'zh-CN': '不支持请求正文所用的字符集。' },
  'request.aborted': { en: 'The request was aborted before its body was received.', 'zh-CN': '请求在正文接收完毕之前被中止。' },
  'request.size.invalid': { en: 'The request body did not match its declared length.', 'zh-CN': '请求正文与其声明的长度不一致。' },
  'parameters.too.many': { en: 'The request body has too many parameters.', 'zh-CN': '请求正文包含的参数过多。' },
  'media.unsupported': { en: 'The media type of the request body is not supported.', 'zh-CN': '不支持请求正文的媒体类型。' },
  'url.invalid': { en: 'The request URL could not be decoded.', 'zh-CN': '无法解码请求的 URL。' },
  'parameter.too.long': { en: 'A path parameter of the request is too long.', 'zh-CN': '请求中的某个路径参数过长。' },
} as const satisfies Readonly<Record<string, { readonly en: string; readonly 'zh-CN': string }>>

/** The key of a library-written text. */
export type LibraryTextKey = keyof typeof libraryTexts

/** Where an error keeps the key of its library-written detail (a non-enumerable own property). */
export const LIBRARY_TEXT: unique symbol = Symbol.for('@http-problem/core.libraryText') as never

/**
 * Marks an error's detail as written by the library when it is one of the English texts above, so that it is
 * rendered in the negotiated language; any other detail is left unmarked. Returns the error.
 */
export function markLibraryText<E extends object>(error: E, english: string | undefined): E {
  const key = english === undefined ? undefined : keysByEnglish().get(english)
  if (key !== undefined) Object.defineProperty(error, LIBRARY_TEXT, { value: key, configurable: true, writable: true })
  return error
}

/** The built-in texts of one language, by key. */
export function libraryTextsIn(tag: 'en' | 'zh-CN'): Readonly<Record<LibraryTextKey, string>> {
  const keys = Object.keys(libraryTexts) as LibraryTextKey[]
  return Object.fromEntries(keys.map((key) => [key, libraryTexts[key][tag]])) as Record<LibraryTextKey, string>
}

// --- internal ---

let byEnglish: Map<string, LibraryTextKey> | undefined

function keysByEnglish(): Map<string, LibraryTextKey> {
  byEnglish ??= new Map((Object.keys(libraryTexts) as LibraryTextKey[]).map((key) => [libraryTexts[key].en, key]))
  return byEnglish
}
