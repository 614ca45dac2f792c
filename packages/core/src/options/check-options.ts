// Checks of the options a user gives resolveOptions(): each mistake is a TypeError that says what to write instead,
// thrown once when the handler is created, never per request.
import { isLanguageTag } from '../negotiate/language-tag'
import type { LocaleInit } from '../problem/locale'

/** Throws unless `tag` is a BCP 47 language tag; `where` names the option. */
export function checkTag(tag: unknown, where: string): void {
  if (!isLanguageTag(tag)) {
    throw new TypeError(`${where}: ${describe(tag)} is not a language tag; use a BCP 47 tag such as "en" or "zh-CN"`)
  }
}

/** Throws unless `locales` maps language tags to locale objects whose texts are strings. */
export function checkLocales(locales: Readonly<Record<string, LocaleInit>> | undefined): void {
  if (locales === undefined) return
  if (locales === null || typeof locales !== 'object') throw new TypeError('locales must be an object keyed by language tag')
  for (const [tag, init] of Object.entries(locales)) {
    checkTag(tag, 'locales')
    const where = `locales[${JSON.stringify(tag)}]`
    if (init === null || typeof init !== 'object') throw new TypeError(`${where} must be an object`)
    checkTexts(init.titles, `${where}.titles`, false)
    checkTexts(init.descriptions, `${where}.descriptions`, false)
    checkTexts(init.labels, `${where}.labels`, false)
    checkTexts(init.texts, `${where}.texts`, false)
  }
}

/** Every member of `texts` must be a string; with `byTag`, every name a language tag. */
export function checkTexts(texts: object | undefined, where: string, byTag: boolean): void {
  if (texts === undefined) return
  if (texts === null || typeof texts !== 'object') throw new TypeError(`${where} must be an object`)
  for (const [name, text] of Object.entries(texts)) {
    if (byTag) checkTag(name, where)
    if (text !== undefined && typeof text !== 'string') {
      throw new TypeError(`${where}[${JSON.stringify(name)}] must be a string, got ${describe(text)}`)
    }
  }
}

/** A value as an error message shows it: a string quoted, otherwise its type. */
export function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value
}
