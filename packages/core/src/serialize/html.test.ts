import { createHash } from 'node:crypto'
import { describe, it, expect } from 'vitest'
import type { PageContext, ProblemDocument } from '../problem/document'
import { HTML_CONTENT_SECURITY_POLICY, renderHtml } from './html'
import { notFound, validation } from './documents.test-support'

const english: PageContext = {
  lang: 'en',
  description: 'The origin server did not find a current representation for the target resource.',
  labels: { status: 'Status', details: 'Details', moreInfo: 'More information' },
}

const STYLESHEET = stylesheetOf(renderHtml(notFound, english))

function page(lang: string, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${title}</title><style>${STYLESHEET}</style></head><body><main>${body}</main></body></html>`
  )
}

describe('renderHtml', () => {
  it('renders the about:blank 404 as a complete page', () => {
    expect(renderHtml(notFound, english)).toBe(
      page(
        'en',
        '404 Not Found',
        '<h1 dir="auto">Not Found</h1><p class="status" dir="auto">Status 404</p>' +
          '<p dir="auto">The origin server did not find a current representation for the target resource.</p>',
      ),
    )
  })

  it('shows the detail, the extensions as indented JSON and a link to an https type', () => {
    const json =
      '{\n  &quot;errors&quot;: [\n    {\n      &quot;detail&quot;: &quot;must be a positive integer&quot;,\n' +
      '      &quot;pointer&quot;: &quot;#/age&quot;\n    },\n    {\n' +
      '      &quot;detail&quot;: &quot;must be &#39;green&#39;, &#39;red&#39; or &#39;blue&#39;&quot;,\n' +
      '      &quot;pointer&quot;: &quot;#/profile/color&quot;\n    }\n  ]\n}'
    expect(renderHtml(validation, { ...english, description: 'The server understands the content type.' })).toBe(
      page(
        'en',
        '422 Your request is not valid.',
        '<h1 dir="auto">Your request is not valid.</h1><p class="status" dir="auto">Status 422</p>' +
          '<p class="detail" dir="auto">The request body has 2 errors.</p>' +
          '<p dir="auto">The server understands the content type.</p>' +
          `<h2 dir="auto">Details</h2><pre dir="ltr">${json}</pre>` +
          '<p dir="auto"><a href="https://example.net/validation-error" rel="noreferrer">More information</a></p>',
      ),
    )
  })

  it('shows nested extension objects and leaves out what the page context does not provide', () => {
    const doc: ProblemDocument = { ...notFound, status: 429, title: 'Too Many Requests', limit: { max: 10, windows: [1, null] } }
    const { description: _, ...withoutDescription } = english
    expect(renderHtml(doc, withoutDescription)).toBe(
      page(
        'en',
        '429 Too Many Requests',
        '<h1 dir="auto">Too Many Requests</h1><p class="status" dir="auto">Status 429</p>' +
          '<h2 dir="auto">Details</h2><pre dir="ltr">{\n  &quot;limit&quot;: {\n    &quot;max&quot;: 10,\n' +
          '    &quot;windows&quot;: [\n      1,\n      null\n    ]\n  }\n}</pre>',
      ),
    )
  })

  it('renders Chinese labels and text, keeps emoji, and replaces lone surrogates', () => {
    const chinese: PageContext = {
      lang: 'zh-CN',
      description: '源服务器未找到目标资源的当前表示。',
      labels: { status: '状态', details: '详细信息', moreInfo: '更多信息' },
    }
    const doc: ProblemDocument = { ...notFound, title: '未找到', detail: '没有 🙂 \uD800 \uDFFF 资源', hint: '\uD800' }
    expect(renderHtml(doc, chinese)).toBe(
      page(
        'zh-CN',
        '404 未找到',
        '<h1 dir="auto">未找到</h1><p class="status" dir="auto">状态 404</p>' +
          '<p class="detail" dir="auto">没有 🙂 \uFFFD \uFFFD 资源</p><p dir="auto">源服务器未找到目标资源的当前表示。</p>' +
          // JSON.stringify writes a lone surrogate as an escape sequence (ES2019 well-formed JSON.stringify).
          '<h2 dir="auto">详细信息</h2><pre dir="ltr">{\n  &quot;hint&quot;: &quot;\\ud800&quot;\n}</pre>',
      ),
    )
  })

  it('replaces controls, noncharacters and lone surrogates but keeps whitespace and other text', () => {
    const detail =
      'a\u0000b\u0001c\u000Bd\u001Fe\u007Ff\u0085g\u009Fh\uFDD0i\uFDEFj\uFFFEk\uFFFFl' +
      '\uD83F\uDFFEm\uDBFF\uDFFFn\uD83F\uDFFDo\uD800p\t\n\f\rq🙂中'
    const html = renderHtml({ ...notFound, detail }, english)
    expect(html).toContain(
      '<p class="detail" dir="auto">' +
        'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi\uFFFDj\uFFFDk\uFFFDl' +
        '\uFFFDm\uFFFDn\uD83F\uDFFDo\uFFFDp\t\n\f\rq🙂中</p>',
    )
  })

  it.each([
    ['title', { ...notFound, title: '</title><script>alert(1)</script>' }],
    ['detail', { ...notFound, detail: '"><img src=x onerror=alert(1)>' }],
    ['extension', { ...notFound, note: '</pre><script>alert(1)</script>', '"><svg onload=alert(1)>': 1 }],
    ['type', { ...notFound, type: 'https://example.com/"><script>alert(1)</script>' }],
  ] satisfies [string, ProblemDocument][])('keeps a hostile %s inert', (_, doc) => {
    expectInert(renderHtml(doc, english))
  })

  it('keeps hostile labels, description and language inert', () => {
    const html = renderHtml(notFound, {
      lang: 'en" onload="alert(1)',
      description: '<script>alert(1)</script>',
      labels: { status: '<b onclick=x>', details: "'><iframe>", moreInfo: '<a href=javascript:x>' },
    })
    expectInert(html)
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<p dir="auto">&lt;script&gt;alert(1)&lt;/script&gt;</p>')
  })

  it('escapes the five markup characters in text and attributes', () => {
    const doc: ProblemDocument = { ...notFound, title: `<&>"'`, type: "https://example.com/a'b?q=<x>&y=\"z\"" }
    const html = renderHtml(doc, english)
    expect(html).toContain('<title>404 &lt;&amp;&gt;&quot;&#39;</title>')
    expect(html).toContain('<h1 dir="auto">&lt;&amp;&gt;&quot;&#39;</h1>')
    // The URL parser percent-encodes what it must; the attribute escape handles the rest.
    expect(html).toContain('<a href="https://example.com/a&#39;b?q=%3Cx%3E&amp;y=%22z%22" rel="noreferrer">')
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)//https://example.com',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'about:blank',
    'tag:example.com,2024:problem',
    'urn:example:problem',
    '/types/not-found',
    '//evil.example/path',
    'http:evil.example',
    'https:/evil.example',
    'https://',
    'https://exa mple.com/',
    ' https://example.com/',
    'https://example.com/\n',
    'https://example.com/\u0000',
    'https://[::1/',
    'ftp://example.com/',
  ])('does not link the type %j', (type) => {
    const html = renderHtml({ ...notFound, type }, english)
    expect(html).not.toContain('<a ')
    expect(html).not.toContain('href')
    expectInert(html)
  })

  it.each([
    ['https://example.com/probs/out-of-credit', 'https://example.com/probs/out-of-credit'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://Example.COM/a b'.replace(' ', '%20'), 'https://example.com/a%20b'],
    ['https://例子.测试/问题', 'https://xn--fsqu00a.xn--0zwm56d/%E9%97%AE%E9%A2%98'],
  ])('links the type %j as %j', (type, href) => {
    expect(renderHtml({ ...notFound, type }, english)).toContain(
      `<p dir="auto"><a href="${href}" rel="noreferrer">More information</a></p>`,
    )
  })

  it.each([
    ['en', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['de-CH-1996', 'de-CH-1996'],
    ['x-klingon', 'x-klingon'],
    ['', 'en'],
    ['en_US', 'en'],
    ['en-', 'en'],
    ['-en', 'en'],
    ['1en', 'en'],
    ['en US', 'en'],
    ['abcdefghi', 'en'],
    ['a'.repeat(8) + '-bbbbbbbb'.repeat(3), 'aaaaaaaa-bbbbbbbb-bbbbbbbb-bbbbbbbb'],
    ['a'.repeat(8) + '-bbbbbbbb'.repeat(3) + '-c', 'en'],
    ['en"><script>', 'en'],
    ['en\n', 'en'],
  ])('uses lang %j as %j', (lang, expected) => {
    expect(renderHtml(notFound, { ...english, lang })).toContain(`<html lang="${expected}">`)
  })

  it('shows an own __proto__ member as an ordinary extension', () => {
    const doc = { ...notFound, ...(JSON.parse('{"__proto__":{"polluted":true}}') as object) } as ProblemDocument
    expect(renderHtml(doc, english)).toContain(
      '<pre dir="ltr">{\n  &quot;__proto__&quot;: {\n    &quot;polluted&quot;: true\n  }\n}</pre>',
    )
  })

  it('leaves out an empty detail and undefined extensions', () => {
    const doc = { ...notFound, detail: '', gone: undefined } as unknown as ProblemDocument
    expect(renderHtml(doc, english)).toBe(renderHtml(notFound, english))
  })

  it('does not modify its inputs', () => {
    const doc = deepFreeze(structuredClone(validation))
    const context = deepFreeze(structuredClone(english))
    renderHtml(doc, context)
    expect(doc).toEqual(validation)
    expect(context).toEqual(english)
  })
})

describe('HTML_CONTENT_SECURITY_POLICY', () => {
  it('allows nothing but the stylesheet the page carries, by its SHA-256', () => {
    const hash = createHash('sha256').update(STYLESHEET, 'utf8').digest('base64')
    expect(HTML_CONTENT_SECURITY_POLICY).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    )
  })

  it('matches the stylesheet of every page, whatever the document holds', () => {
    expect(stylesheetOf(renderHtml(validation, english))).toBe(STYLESHEET)
    expect(stylesheetOf(renderHtml({ ...notFound, title: '</style><style>*{}' }, english))).toBe(STYLESHEET)
  })

  it('uses a stylesheet that honours the colour scheme and loads nothing', () => {
    expect(STYLESHEET).toContain('@media (prefers-color-scheme:dark)')
    expect(STYLESHEET).toContain('system-ui')
    expect(STYLESHEET).not.toMatch(/url\(|@import|@font-face|expression\(/i)
  })
})

// --- internal ---

const ALLOWED_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'p', 'pre', 'a'])
const ALLOWED_ATTRIBUTES = new Set(['lang', 'charset', 'name', 'content', 'class', 'dir', 'href', 'rel'])

function stylesheetOf(html: string): string {
  const match = /<style>([^<]*)<\/style>/.exec(html)
  if (!match?.[1]) throw new Error('no stylesheet')
  return match[1]
}

// Every '<' that dynamic content contains is escaped, so each '<' in the output opens a tag we wrote. Read
// each tag and allow only the page's own elements and attributes, with quoted values.
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script|<img|<svg|<iframe|<form|<object|<embed|<link|<base/i)
  const tags = html.match(/<[^>]*>/g) ?? []
  expect(tags.join('')).not.toMatch(/\son\w+\s*=/i)
  for (const tag of tags) {
    const match = /^<\/?([!a-z0-9]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>$/i.exec(tag)
    expect(match, `unexpected tag ${tag}`).not.toBeNull()
    expect(ALLOWED_TAGS.has(match?.[1]?.toLowerCase() ?? '')).toBe(true)
    for (const [, attribute] of (match?.[2] ?? '').matchAll(/\s+([a-z-]+)/g)) {
      if (match?.[1] === '!doctype') continue
      expect(ALLOWED_ATTRIBUTES.has(attribute ?? ''), `unexpected attribute ${attribute}`).toBe(true)
    }
  }
  // An unescaped '<' in text would have shown up as a tag above; a stray '>' or quote in text is harmless.
  expect(html.match(/<a /g)?.length ?? 0).toBeLessThanOrEqual(1)
  const link = /<a href="([^"]*)"/.exec(html)?.[1]
  if (link !== undefined) expect(link).toMatch(/^https?:\/\//)
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
