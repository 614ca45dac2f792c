import { libraryTextsIn, type LibraryTextKey } from '../status/library-texts'
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
 * The built-in languages, made from the status registry: English (`en`) and Simplified Chinese (`zh-CN`). They hold
 * the titles of the error statuses (4xx and 5xx), the only ones a problem carries, the HTML page's labels and the
 * details the library writes; the status descriptions the page shows travel with `htmlFormat`.
 *
 * @example
 * builtInLocales['zh-CN'].titles[404] // '未找到'
 */
export const builtInLocales: Readonly<Record<'en' | 'zh-CN', LocaleInit>> = {
  en: {
    titles: /* @__PURE__ */ indexWords((row) => row.phrase),
    labels: { status: 'Status', details: 'Details', moreInfo: 'More about this problem' },
    texts: /* @__PURE__ */ libraryTextsIn('en'),
  },
  'zh-CN': {
    titles: errorTitlesZh,
    labels: { status: '状态码', details: '详细信息', moreInfo: '了解此问题' },
    texts: /* @__PURE__ */ libraryTextsIn('zh-CN'),
  },
}

/** Merges the built-in languages with the user's: a user entry adds a language or overrides single words. */
export function resolveLocales(user: Readonly<Record<string, LocaleInit>> | undefined): ReadonlyMap<string, Locale> {
  const merged = new Map<string, Locale>()
  const english = builtInLocales.en
  for (const [tag, init] of Object.entries({ ...builtInLocales, ...user })) {
    const base: LocaleInit = lookup(builtInLocales as Readonly<Record<string, LocaleInit>>, tag) ?? {}
    merged.set(tag, {
      tag,
      titles: { ...base.titles, ...init.titles },
      descriptions: { ...base.descriptions, ...init.descriptions },
      labels: { ...(english.labels as LocaleLabels), ...base.labels, ...init.labels },
      texts: { ...base.texts, ...init.texts },
    })
  }
  return merged
}

// --- internal ---

/** A word for every error status (4xx and 5xx), keyed by code. Annotated pure, so a bundle without the renderer drops it. */
function indexWords(word: (row: (typeof errorStatusRows)[number]) => string): Readonly<Record<number, string>> {
  return Object.fromEntries(errorStatusRows.map((row) => [row.code, word(row)]))
}
