import { describe, expect, it } from 'vitest'
import {
  BadRequest,
  builtInLocales,
  defineProblemType,
  planResponse,
  resolveOptions,
  htmlFormat,
  statuses,
  toHttpError,
  validationProblem,
  nodeDefaults,
  zhCN,
  type LocaleInit,
} from '../index'
import { errorDescriptions } from './descriptions'
import { LIBRARY_TEXT, type LibraryTextKey } from './library-texts'

/** Every library text in English, by key. */
const libraryTexts = builtInLocales.en.texts as Readonly<Record<LibraryTextKey, string>>

const languages = Object.keys(builtInLocales) as (keyof typeof builtInLocales)[]
const errorCodes = statuses.filter((row) => row.code >= 400).map((row) => row.code)
const labelKeys = ['status', 'details', 'moreInfo'] as const
const textKeys = Object.keys(libraryTexts) as LibraryTextKey[]

/** Every text the library writes, as [language, where, text], with every key looked up in every built-in language. */
const allTexts: [string, string, string | undefined][] = languages.flatMap((tag) => {
  const locale: LocaleInit = builtInLocales[tag]
  return [
    ...errorCodes.map((code): [string, string, string | undefined] => [tag, `titles[${code}]`, locale.titles?.[code]]),
    // The descriptions travel with htmlFormat, in its table of both built-in languages.
    ...errorCodes.map((code): [string, string, string | undefined] => {
      const words = (errorDescriptions as Readonly<Record<number, { readonly en: string; readonly zh: string }>>)[code]
      return [tag, `descriptions[${code}]`, tag === 'en' ? words?.en : words?.zh]
    }),
    ...labelKeys.map((key): [string, string, string | undefined] => [tag, `labels.${key}`, locale.labels?.[key]]),
    ...textKeys.map((key): [string, string, string | undefined] => [tag, `texts.${key}`, locale.texts?.[key]]),
  ]
})

// ASCII words a Chinese text may keep: protocol names, header names and values, which are not translated.
const PROTOCOL_WORDS = new Set([
  'HTTP', 'URI', 'URL', 'WebDAV', 'TLS', 'XML', 'GET', 'RFC', 'API', 'infinity', 'Location', 'Upgrade', 'Retry-After',
  'If-Match', 'Expect', 'WWW-Authenticate', 'Proxy-Authenticate', 'Range', 'Content-Range', 'Content-Length', 'Allow',
  'Link', 'Depth', 'Accept',
])

describe('built-in texts', () => {
  it.each(allTexts)('%s has %s', (_tag, _where, text) => {
    expect(typeof text).toBe('string')
    expect(text).not.toBe('')
  })

  it.each(allTexts.filter(([tag]) => tag === 'zh-CN'))('zh-CN %s is Chinese, with no English left', (_tag, where, text) => {
    expect(text).toMatch(/\p{Script=Han}/u)
    const words = (text ?? '').match(/[A-Za-z][A-Za-z-]*/g) ?? []
    expect(words.filter((word) => !PROTOCOL_WORDS.has(word)), where).toEqual([])
  })

  it.each(textKeys)('zh-CN text %s differs from the English one', (key) => {
    expect(zhCN.texts?.[key]).not.toBe(libraryTexts[key])
  })
})

/** body-parser and raw-body `type` codes (and the other request failures), each the key of a library text. */
const bodyKinds = Object.entries(libraryTexts).filter(([key]) => !key.startsWith('validation.')) as [LibraryTextKey, string][]

// The Node adapters' defaults: Simplified Chinese and the framework error rules, as a Node server renders.
const options = resolveOptions({ traceId: false, formats: [htmlFormat] }, nodeDefaults)

function render(thrown: unknown, acceptLanguage: string, accept = 'application/problem+json', resolved = options) {
  const plan = planResponse(thrown, { method: 'GET', headers: { accept, 'accept-language': acceptLanguage } }, resolved)
  return { language: plan.headers['content-language'], body: plan.body }
}

describe('library-written details follow the response language', () => {
  it.each(bodyKinds)('sends body-parser %s in zh-CN and en', (type, english) => {
    const thrown = Object.assign(new Error('Unexpected token } in JSON at position 7: {"a":}'), { status: 400, type, expose: true })
    expect(JSON.parse(render(thrown, 'zh-CN').body).detail).toBe(zhCN.texts?.[type])
    expect(JSON.parse(render(thrown, 'en').body).detail).toBe(english)
  })

  it('sends a JSON.parse SyntaxError from co-body in Chinese', () => {
    const thrown = Object.assign(new SyntaxError('Unexpected token'), { status: 400, expose: true })
    expect(render(thrown, 'zh-CN')).toEqual({
      language: 'zh-CN',
      body: '{"type":"about:blank","title":"错误请求","status":400,"detail":"无法解析请求正文。"}',
    })
  })

  it('sends the default detail of a validation problem in Chinese, and the issues as written', () => {
    const error = validationProblem([{ detail: 'must be a positive integer', pointer: '#/age' }])
    expect(render(error, 'zh-CN').body).toBe(
      '{"type":"about:blank","title":"无法处理的内容","status":422,"detail":"请求无效。","errors":[{"detail":"must be a positive integer","pointer":"#/age"}]}',
    )
  })

  it('sends a schema failure from a framework in Chinese', () => {
    const thrown = Object.assign(new Error('body/age must be >= 0'), {
      statusCode: 400,
      validation: [{ instancePath: '/age', keyword: 'minimum', message: 'must be >= 0' }],
      validationContext: 'body',
    })
    expect(JSON.parse(render(thrown, 'zh-CN').body).detail).toBe('请求与所要求的结构不符。')
  })

  it('never translates a detail the developer wrote, even one equal to a library sentence', () => {
    expect(JSON.parse(render(validationProblem([], { detail: 'The request is not valid.' }), 'zh-CN').body).detail).toBe(
      'The request is not valid.',
    )
    expect(JSON.parse(render(new BadRequest('The request body could not be parsed.'), 'zh-CN').body).detail).toBe(
      'The request body could not be parsed.',
    )
    const foreign = Object.assign(new Error('Your order is empty.'), { status: 400, expose: true })
    expect(JSON.parse(render(foreign, 'zh-CN').body).detail).toBe('Your order is empty.')
  })

  it('sends the marked detail as it is once the error detail was changed', () => {
    const error = validationProblem([])
    ;(error as { detail: string }).detail = 'Changed by a handler.'
    expect(JSON.parse(render(error, 'zh-CN').body).detail).toBe('Changed by a handler.')
    expect((error as unknown as Record<symbol, unknown>)[LIBRARY_TEXT]).toEqual({ key: 'validation.invalid', text: 'The request is not valid.' })
  })

  it('takes the text of a language added in options, else the default language text', () => {
    const withFrench = resolveOptions({
      traceId: false,
      locales: { fr: { titles: { 422: 'Contenu impossible à traiter' }, texts: { 'validation.invalid': "La requête n'est pas valide." } } },
      defaultLanguage: 'zh-CN',
    }, nodeDefaults)
    expect(render(validationProblem([]), 'fr', 'application/problem+json', withFrench)).toEqual({
      language: 'fr',
      body: '{"type":"about:blank","title":"Contenu impossible à traiter","status":422,"detail":"La requête n\'est pas valide.","errors":[]}',
    })
    const partial = resolveOptions({ traceId: false, locales: { fr: { titles: { 400: 'Requête incorrecte' } } } }, nodeDefaults)
    const parseFailed = Object.assign(new Error('x'), { status: 400, type: 'entity.parse.failed', expose: true })
    expect(JSON.parse(render(parseFailed, 'fr', 'application/problem+json', partial).body).detail).toBe(
      'The request body could not be parsed.',
    )
  })

  it('refuses a locale text that is not a string', () => {
    expect(() => resolveOptions({ locales: { fr: { texts: { 'url.invalid': 42 as unknown as string } } } })).toThrow(TypeError)
  })

  it('writes the detail in the language of the title when the title could not follow the request', () => {
    // A custom title is in the default language (en): the library detail and the page follow it.
    const error = validationProblem([], { title: 'Your request is not valid.', type: 'https://example.com/probs/invalid' })
    expect(render(error, 'zh-CN')).toMatchObject({ language: 'en' })
    expect(JSON.parse(render(error, 'zh-CN').body).detail).toBe('The request is not valid.')
    const html = render(error, 'zh-CN', 'text/html').body
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('>Status 422<')
    expect(html).not.toMatch(/\p{Script=Han}/u)
  })

  it('renders a zh-CN HTML page with no English the library wrote', () => {
    const thrown = Object.assign(new Error('x'), { status: 413, type: 'entity.too.large', expose: true })
    const html = render(thrown, 'zh-CN', 'text/html').body
    const visible = html.replace(/<style>.*<\/style>/s, '').replace(/<[^>]+>/g, ' ')
    expect(visible).toContain('请求正文超出了服务器可接受的大小。')
    expect((visible.match(/[A-Za-z][A-Za-z-]*/g) ?? []).filter((word) => !PROTOCOL_WORDS.has(word))).toEqual([])
  })

  it('leaves a problem type title and detail to the type, and marks nothing', () => {
    const Type = defineProblemType()({ type: 'https://x.test/p', title: 'P', titles: { 'zh-CN': '问题' }, status: 400 })
    expect(render(new Type(undefined, { detail: 'The request is not valid.' }), 'zh-CN').body).toBe(
      '{"type":"https://x.test/p","title":"问题","status":400,"detail":"The request is not valid."}',
    )
    const foreign = toHttpError(Object.assign(new Error('Order 7 has no lines.'), { status: 400 }))
    expect(Object.getOwnPropertySymbols(foreign)).not.toContain(LIBRARY_TEXT)
  })
})
