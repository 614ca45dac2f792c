/**
 * Whether a string has the shape of a BCP 47 language tag (RFC 5646 §2.1): subtags of 1-8 letters or digits joined
 * by hyphens, the first one letters only, 35 characters at most (RFC 5646 §4.4.1). It goes into `Content-Language`
 * and the HTML page's `lang` as it is.
 *
 * @example
 * isLanguageTag('zh-CN') // true
 * isLanguageTag('中文')  // false
 */
export function isLanguageTag(tag: unknown): tag is string {
  return typeof tag === 'string' && LANGUAGE_TAG.test(tag)
}

// --- internal ---

const LANGUAGE_TAG = /^(?=.{1,35}$)[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/
