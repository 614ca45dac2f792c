import { describe, it, expect } from 'vitest'
import type { ProblemDocument } from '../problem/document'
import { renderText } from './text'
import { notFound, validation } from './documents.test-support'

// Every sequence a terminal, editor or log viewer might start a new line at.
const LINE_BREAK = /\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]/

describe('renderText', () => {
  it('writes the about:blank 404 as one line', () => {
    expect(renderText(notFound)).toBe('404 Not Found\n')
  })

  it('puts the detail after a blank line', () => {
    expect(renderText({ ...notFound, detail: 'No route for GET /x' })).toBe('404 Not Found\n\nNo route for GET /x\n')
  })

  it('lists type, instance and extensions as name: value lines after the detail', () => {
    expect(renderText(validation)).toBe(
      '422 Your request is not valid.\n\nThe request body has 2 errors.\n\n' +
        'type: https://example.net/validation-error\n' +
        'instance: /requests/7\n' +
        'errors: [{"detail":"must be a positive integer","pointer":"#/age"},' +
        '{"detail":"must be \'green\', \'red\' or \'blue\'","pointer":"#/profile/color"}]\n',
    )
  })

  it('shows the instance of an about:blank problem and skips undefined members', () => {
    const doc = { ...notFound, instance: '/logs/abc', gone: undefined, detail: undefined } as unknown as ProblemDocument
    expect(renderText(doc)).toBe('404 Not Found\n\ninstance: /logs/abc\n')
  })

  it('writes nested extensions as compact JSON in document order', () => {
    const doc: ProblemDocument = {
      ...notFound,
      status: 429,
      title: 'Too Many Requests',
      limit: { max: 10, ratio: 0.5, windows: [1, null, true], none: null },
      retry: 30,
      'rate-limit.policy': 'default',
    }
    expect(renderText(doc)).toBe(
      '429 Too Many Requests\n\n' +
        'limit: {"max":10,"ratio":0.5,"windows":[1,null,true],"none":null}\n' +
        'retry: 30\n' +
        'rate-limit.policy: "default"\n',
    )
  })

  it('keeps Chinese and emoji, and replaces lone surrogates in text with U+FFFD', () => {
    const doc: ProblemDocument = { ...notFound, title: '未找到', detail: '没有 🙂 \uD800 \uDC00 资源', hint: '\uDFFF🙂' }
    expect(renderText(doc)).toBe('404 未找到\n\n没有 🙂 \uFFFD \uFFFD 资源\n\nhint: "\\udfff🙂"\n')
  })

  it('turns control characters and line separators in text into spaces', () => {
    const doc: ProblemDocument = { ...notFound, detail: 'a\r\nb\rc\nd\te\u0000f\u000Bg\u000Ch\u0085i\u2028j\u2029k\u007Fl\u009Fm' }
    expect(renderText(doc)).toBe('404 Not Found\n\na  b c d e f g h i j k l m\n')
  })

  it('escapes C1 controls and line separators inside extension JSON so it stays valid', () => {
    const value = 'a\u0085b\u2028c\u2029d\u007Fe\nf\u0000g'
    const text = renderText({ ...notFound, note: value })
    expect(text).toBe('404 Not Found\n\nnote: "a\\u0085b\\u2028c\\u2029d\\u007fe\\nf\\u0000g"\n')
    expect(JSON.parse(text.slice(text.indexOf('note: ') + 6, -1))).toBe(value)
  })

  it('quotes extension names that are not plain identifiers', () => {
    const doc = {
      ...notFound,
      plain_name: 1,
      'with space': 2,
      'a:b': 3,
      'x\r\ntype': 4,
      '9lives': 5,
      '名前': 6,
      '': 7,
    } as ProblemDocument
    expect(renderText(doc)).toBe(
      '404 Not Found\n\n' +
        // Integer-like keys come first in every JavaScript object; none of these is one.
        'plain_name: 1\n"with space": 2\n"a:b": 3\n"x\\r\\ntype": 4\n"9lives": 5\n"名前": 6\n"": 7\n',
    )
  })

  it.each([
    ['detail', (fake: string) => ({ ...notFound, detail: `ok${fake}` })],
    ['title', (fake: string) => ({ ...notFound, title: `Not Found${fake}` })],
    ['type', (fake: string) => ({ ...notFound, type: `https://example.com/${fake}` })],
    ['instance', (fake: string) => ({ ...notFound, instance: `/x${fake}` })],
    ['extension value', (fake: string) => ({ ...notFound, note: `ok${fake}`, deep: { list: [`x${fake}`] } })],
    ['extension name', (fake: string) => ({ ...notFound, [`ok${fake}`]: 1 })],
  ] satisfies [string, (fake: string) => ProblemDocument][])(
    'cannot fake a member line through the %s',
    (_, build) => {
      for (const breaker of ['\r\n', '\n', '\r', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029', '\n\n']) {
        const text = renderText(build(`${breaker}admin: true${breaker}instance: /evil`))
        expect(text.endsWith('\n')).toBe(true)
        const lines = text.slice(0, -1).split(LINE_BREAK)
        expect(lines.some((line) => line.startsWith('admin:'))).toBe(false)
        expect(lines.some((line) => line.startsWith('instance: /evil'))).toBe(false)
      }
    },
  )

  it('always ends with exactly one newline', () => {
    for (const doc of [notFound, validation, { ...notFound, detail: 'x\n' }, { ...notFound, z: '\n' }]) {
      const text = renderText(doc)
      expect(text.endsWith('\n')).toBe(true)
      expect(text.endsWith('\n\n')).toBe(false)
    }
  })

  it('does not modify the document', () => {
    const doc = deepFreeze(structuredClone({ ...validation, detail: 'a\r\nb' }))
    const copy = structuredClone(doc)
    renderText(doc)
    expect(doc).toEqual(copy)
  })
})

// --- internal ---

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
