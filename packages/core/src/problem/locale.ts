import type { LibraryTextKey } from '../status/library-texts'
import { nodeFrameworkTexts } from '../error/node-framework-errors'
import { INVALID } from '../validation/validation'
import { errorStatusRows } from '../status/table'
import { errorTitlesZh } from '../status/titles-zh'
import { lookup } from '../util/read'

/**
 * The words of one language: status titles and descriptions, the labels of the HTML page, and the details the
 * library writes itself (`texts`).
 */
export interface LocaleInit {
  /** Titles of `about:blank` problems by status code. */
  readonly titles?: Readonly<Record<number, string>>
  /**
   * One-sentence explanations by status code, shown on the HTML page. The built-in English and Chinese ones come
   * with `htmlFormat`; these override them or add them for another language.
   */
  readonly descriptions?: Readonly<Record<number, string>>
  /** Labels of the HTML page. */
  readonly labels?: Partial<LocaleLabels>
  /**
   * The details the library writes itself (a body parser's failure, a validation problem's default detail), by key;
   * a detail your code wrote is never translated. A language without one falls back to the default language's text.
   */
  readonly texts?: Partial<Readonly<Record<LibraryTextKey, string>>>
}

/** Labels of the HTML page. */
export interface LocaleLabels {
  readonly status: string
  readonly details: string
  readonly moreInfo: string
}

/** A language with every field present. */
export interface Locale {
  readonly tag: string
  readonly titles: Readonly<Record<number, string>>
  readonly descriptions: Readonly<Record<number, string>>
  readonly labels: LocaleLabels
  readonly texts: Partial<Readonly<Record<LibraryTextKey, string>>>
}

/**
 * Simplified Chinese (`zh-CN`): the titles of the error statuses, the HTML page's labels and the details the library
 * writes. The Node adapters offer it by default (see `nodeDefaults`); core and the fetch adapter offer English alone
 * unless given it, to keep edge bundles small. Pass it in `locales`, where your own words for `zh-CN` override its.
 *
 * @example
 * app.onError(errorHandler({ locales: { 'zh-CN': zhCN } })) // Hono: Accept-Language: zh-CN gets Chinese titles
 */
export const zhCN: LocaleInit = {
  titles: errorTitlesZh,
  labels: { status: '状态码', details: '详细信息', moreInfo: '了解此问题' },
  texts: {
    'validation.invalid': '请求无效。',
    'validation.schema': '请求与所要求的结构不符。',
    'entity.parse.failed': '无法解析请求正文。',
    'entity.verify.failed': '请求正文未通过校验。',
    'entity.too.large': '请求正文超出了服务器可接受的大小。',
    'encoding.unsupported': '不支持请求正文所用的内容编码。',
    'charset.unsupported': '不支持请求正文所用的字符集。',
    'request.aborted': '请求在正文接收完毕之前被中止。',
    'request.size.invalid': '请求正文与其声明的长度不一致。',
    'parameters.too.many': '请求正文包含的参数过多。',
    'media.unsupported': '不支持请求正文的媒体类型。',
    'url.invalid': '无法解码请求的 URL。',
    'parameter.too.long': '请求中的某个路径参数过长。',
  } satisfies Readonly<Record<LibraryTextKey, string>>,
}

/**
 * The languages this package ships: English (`en`), always offered, and Simplified Chinese (`zh-CN`, {@link zhCN}),
 * offered by the Node adapters. They hold the titles of the error statuses (4xx and 5xx), the only ones a problem
 * carries, the HTML page's labels and the details the library writes; the status descriptions the page shows travel
 * with `htmlFormat`.
 *
 * @example
 * builtInLocales['zh-CN'].titles[404] // '未找到'
 */
export const builtInLocales: Readonly<Record<'en' | 'zh-CN', LocaleInit>> = {
  en: /* @__PURE__ */ englishWithTexts(),
  'zh-CN': zhCN,
}

/**
 * Merges the user's languages over an adapter's (`defaults`), word by word, and both over English: English is always
 * offered, a language's missing labels are English ones, and a user entry adds a language or overrides single words.
 */
export function resolveLocales(
  user: Readonly<Record<string, LocaleInit>> | undefined,
  defaults?: Readonly<Record<string, LocaleInit>>,
): ReadonlyMap<string, Locale> {
  const merged = new Map<string, Locale>()
  const en = english()
  const tags = new Set(['en', ...Object.keys(defaults ?? {}), ...Object.keys(user ?? {})])
  for (const tag of tags) {
    const layers = [tag === 'en' ? en : {}, lookup(defaults ?? {}, tag) ?? {}, lookup(user ?? {}, tag) ?? {}]
    merged.set(tag, {
      tag,
      titles: Object.assign({}, ...layers.map((layer) => layer.titles)),
      descriptions: Object.assign({}, ...layers.map((layer) => layer.descriptions)),
      labels: Object.assign({}, en.labels, ...layers.map((layer) => layer.labels)),
      texts: Object.assign({}, ...layers.map((layer) => layer.texts)),
    })
  }
  return merged
}

// --- internal ---

/**
 * English as every handler offers it: the registry's reason phrases as titles, and the page's labels. Its library
 * texts are the details as written, so it needs none.
 */
function english(): LocaleInit {
  return {
    titles: Object.fromEntries(errorStatusRows.map((row) => [row.code, row.phrase])),
    labels: { status: 'Status', details: 'Details', moreInfo: 'More about this problem' },
  }
}

/** English with its library texts listed, for reference (builtInLocales). */
function englishWithTexts(): LocaleInit {
  const texts: Readonly<Record<LibraryTextKey, string>> = { 'validation.invalid': INVALID, ...nodeFrameworkTexts }
  return { ...english(), texts }
}
