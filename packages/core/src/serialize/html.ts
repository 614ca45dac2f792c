import { defineCharacterRules, replaceCharacters } from './characters'
import { errorDescriptions } from '../status/descriptions'
import { lookup } from '../util/read'
import type { JsonValue, PageContext, ProblemDocument } from '../problem/document'
import type { ProblemFormat } from './formats'
import { isLanguageTag } from '../negotiate/language-tag'
import type { Locale } from '../problem/locale'
import { STANDARD_MEMBERS } from '../util/standard-members'

/**
 * The `Content-Security-Policy` to send with {@link renderHtml} pages: it allows the page's one inline
 * stylesheet, by hash, and nothing else (no scripts, images, fonts, frames, forms or base URL).
 *
 * @example
 * headers['content-security-policy'] = HTML_CONTENT_SECURITY_POLICY
 */
export const HTML_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'sha256-cbJwqcnqKicHfJ8MYlckTwyeFwg6bTT0ZOHEQinBPMc='; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * Renders a problem document as a small, self-contained `text/html` page for people who open the URL in a
 * browser: status and title, the detail, the status description, extension members as JSON, and a link
 * to the problem type's documentation when `type` is an http(s) URL (RFC 9457 §3.1.1).
 *
 * Every dynamic string is escaped, and characters HTML does not allow in a document (controls other than
 * whitespace, lone surrogates, noncharacters) become U+FFFD. An invalid `lang` falls back to `en`. The
 * page has no scripts, external resources or forms, so {@link HTML_CONTENT_SECURITY_POLICY} covers it.
 *
 * @example
 * renderHtml(
 *   { type: 'about:blank', title: 'Not Found', status: 404 },
 *   { lang: 'en', labels: { status: 'Status', details: 'Details', moreInfo: 'More information' } },
 * )
 * // '<!doctype html><html lang="en"><head>…<title>404 Not Found</title>…<h1 dir="auto">Not Found</h1>…'
 */
export function renderHtml(doc: ProblemDocument, page: PageContext): string {
  const title = escapeHtml(doc.title)
  const status = String(doc.status)
  const labels = page.labels
  let html =
    PAGE_START +
    (isLanguageTag(page.lang) ? page.lang : 'en') +
    HEAD_START +
    status +
    ' ' +
    title +
    HEAD_END +
    title +
    '</h1><p class="status" dir="auto">' +
    escapeHtml(labels.status) +
    ' ' +
    status +
    '</p>'
  if (doc.detail) html += '<p class="detail" dir="auto">' + escapeHtml(doc.detail) + '</p>'
  if (page.description) html += '<p dir="auto">' + escapeHtml(page.description) + '</p>'

  let extensions: Record<string, JsonValue> | undefined
  for (const name of Object.keys(doc)) {
    const value = doc[name]
    if (value === undefined || STANDARD_MEMBERS.has(name)) continue
    // A null prototype keeps an extension named `__proto__` an ordinary member.
    extensions ??= Object.create(null) as Record<string, JsonValue>
    extensions[name] = value
  }
  if (extensions) {
    // JSON syntax reads left to right whatever the language of the strings inside it.
    html +=
      '<h2 dir="auto">' +
      escapeHtml(labels.details) +
      '</h2><pre dir="ltr">' +
      escapeHtml(JSON.stringify(extensions, null, 2)) +
      '</pre>'
  }

  const href = documentationUrl(doc.type)
  if (href !== undefined) {
    html +=
      '<p dir="auto"><a href="' + escapeHtml(href) + '" rel="noreferrer">' + escapeHtml(labels.moreInfo) + '</a></p>'
  }
  return html + PAGE_END
}

/**
 * The HTML page as a format: pass it in `formats` to offer `text/html` (the Node adapters do by default). It brings
 * the status descriptions in English and Simplified Chinese that the page shows; a locale's own `descriptions`
 * override them.
 *
 * @example
 * import { htmlFormat } from '@http-problem/core'
 * app.onError(errorHandler({ formats: [htmlFormat] }))
 */
export const htmlFormat: ProblemFormat = {
  mediaType: 'text/html',
  render: (doc, locale) => renderHtml(doc, { lang: locale.tag, description: describe(doc.status, locale), labels: locale.labels }),
  contentSecurityPolicy: HTML_CONTENT_SECURITY_POLICY,
}

// --- internal ---

const PAGE_START = '<!doctype html><html lang="'
const HEAD_START =
  '"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>'
// The end of the head holds the page's only stylesheet, between <style> and </style>. HTML_CONTENT_SECURITY_POLICY
// carries the SHA-256 of exactly that text, and html.test.ts recomputes it, so any edit there must update the hash.
// Literals only: a bundler folds them into one string, which it can drop from a bundle without the page.
const HEAD_END =
  '</title><style>' +
  ':root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#5a5a66;--panel:#f3f3f5;--link:#0a58ca}' +
  '@media (prefers-color-scheme:dark){:root{--fg:#ececf1;--bg:#16161a;--muted:#a8a8b3;--panel:#222228;--link:#8ab4ff}}' +
  'body{margin:0;background:var(--bg);color:var(--fg);' +
  'font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}' +
  'main{max-width:40rem;margin:0 auto;padding:3rem 1.25rem}' +
  'h1{font-size:1.75rem;line-height:1.25;margin:0 0 .25rem}' +
  'h2{font-size:1.125rem;margin:2rem 0 .5rem}' +
  '.status{margin-top:0;color:var(--muted)}' +
  '.detail{white-space:pre-line}' +
  'pre{margin:0;padding:1rem;border-radius:.375rem;background:var(--panel);' +
  'font:.875rem/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}' +
  'a{color:var(--link)}' +
  '</style></head><body><main><h1 dir="auto">'
const PAGE_END = '</main></body></html>'

// Only absolute http(s) URLs with an authority and no whitespace or controls are linked; every other
// scheme (javascript:, data:, about:, tag:, relative references) is left as plain data.
const HTTP_URL = /^https?:\/\/[^\s\u0000-\u001F\u007F-\u009F]+$/i

// Markup characters for text and attribute values become references. C0 controls other than ASCII whitespace (TAB,
// LF, FF, CR), C1 controls, lone surrogates and noncharacters are parse errors, and become U+FFFD.
const HTML_TEXT = /* @__PURE__ */ defineCharacterRules({
  escapes: { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' },
  isAllowed: (code) => (code >= 0x20 && code < 0x7f) || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d,
  noncharacters: true,
})

function documentationUrl(type: string): string | undefined {
  if (!HTTP_URL.test(type)) return undefined
  let url: URL
  try {
    url = new URL(type)
  } catch {
    return undefined
  }
  // The WHATWG parser normalises and percent-encodes, so href is what a browser would request anyway.
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
}

function escapeHtml(text: string): string {
  return replaceCharacters(text, HTML_TEXT)
}

/** The locale's own description of a status, else the built-in one of its language (en and zh-CN only). */
function describe(status: number, locale: Locale): string | undefined {
  const own = lookup(locale.descriptions, String(status))
  if (typeof own === 'string') return own
  const builtIn = lookup(errorDescriptions as Readonly<Record<number, { readonly en: string; readonly zh: string }>>, String(status))
  if (builtIn === undefined) return undefined
  return locale.tag === 'en' ? builtIn.en : locale.tag === 'zh-CN' ? builtIn.zh : undefined
}
