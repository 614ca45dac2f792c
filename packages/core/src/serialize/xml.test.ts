import { describe, it, expect } from 'vitest'
import { DOMParser, type Element } from '@xmldom/xmldom'
import type { ProblemDocument } from '../problem/document'
import { renderXml } from './xml'
import { notFound, validation } from './documents.test-support'

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
const OPEN = '<problem xmlns="urn:ietf:rfc:7807">'

const hostile = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'a]]>b',
  '<![CDATA[x]]>',
  '&amp; & &#x26; &lt;',
  '</problem><problem>',
  "quotes ' \"",
]

describe('renderXml', () => {
  it('writes the about:blank 404 as a declaration and one problem element', () => {
    expect(renderXml(notFound)).toBe(
      DECLARATION + OPEN + '<type>about:blank</type><title>Not Found</title><status>404</status></problem>',
    )
  })

  it('writes an errors array as i elements holding one child element per member', () => {
    expect(renderXml(validation)).toBe(
      DECLARATION +
        OPEN +
        '<type>https://example.net/validation-error</type><title>Your request is not valid.</title>' +
        '<status>422</status><detail>The request body has 2 errors.</detail><instance>/requests/7</instance>' +
        '<errors><i><detail>must be a positive integer</detail><pointer>#/age</pointer></i>' +
        "<i><detail>must be 'green', 'red' or 'blue'</detail><pointer>#/profile/color</pointer></i></errors>" +
        '</problem>',
    )
  })

  it('writes nested objects, arrays and every scalar kind the way JSON would spell them', () => {
    const doc: ProblemDocument = {
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      limits: {
        max: 10,
        ratio: 0.5,
        big: 1e21,
        tiny: 5e-7,
        negativeZero: -0,
        flag: true,
        off: false,
        none: null,
        empty: '',
        list: [],
        object: {},
        matrix: [[1, 2], [], [null, 'x']],
      },
    }
    expect(renderXml(doc)).toBe(
      DECLARATION +
        OPEN +
        '<type>about:blank</type><title>Too Many Requests</title><status>429</status>' +
        '<limits><max>10</max><ratio>0.5</ratio><big>1e+21</big><tiny>5e-7</tiny><negativeZero>0</negativeZero>' +
        '<flag>true</flag><off>false</off><none/><empty></empty><list></list><object></object>' +
        '<matrix><i><i>1</i><i>2</i></i><i></i><i><i/><i>x</i></i></matrix></limits></problem>',
    )
  })

  it('follows the key order of the document', () => {
    const doc = { status: 400, zeta: 1, title: 'Bad Request', alpha: 2, type: 'about:blank' } as ProblemDocument
    expect(renderXml(doc)).toBe(
      DECLARATION +
        OPEN +
        '<status>400</status><zeta>1</zeta><title>Bad Request</title><alpha>2</alpha><type>about:blank</type></problem>',
    )
  })

  it('skips undefined members and writes undefined array items as empty elements, as JSON writes null', () => {
    const doc = {
      ...notFound,
      detail: undefined,
      items: [1, undefined, 3],
      nested: { gone: undefined, kept: 'yes' },
    } as unknown as ProblemDocument
    expect(renderXml(doc)).toBe(
      DECLARATION +
        OPEN +
        '<type>about:blank</type><title>Not Found</title><status>404</status>' +
        '<items><i>1</i><i/><i>3</i></items><nested><kept>yes</kept></nested></problem>',
    )
  })

  it('keeps Chinese text and emoji, and replaces lone surrogates with U+FFFD', () => {
    const doc: ProblemDocument = {
      type: 'about:blank',
      title: '未找到',
      status: 404,
      detail: '找不到资源 🙂 \uD800 x \uDC00 y \uDBFF\uDFFF \uDE00\uD83D',
    }
    expect(renderXml(doc)).toBe(
      DECLARATION +
        OPEN +
        '<type>about:blank</type><title>未找到</title><status>404</status>' +
        '<detail>找不到资源 🙂 \uFFFD x \uFFFD y \uDBFF\uDFFF \uFFFD\uFFFD</detail></problem>',
    )
  })

  it('replaces characters XML 1.0 does not allow and keeps CR as a character reference', () => {
    const doc: ProblemDocument = { ...notFound, detail: 'a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh\ti\nj\rk\u0085l\u007Fm' }
    expect(renderXml(doc)).toContain(
      '<detail>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\ti\nj&#xD;k\u0085l\u007Fm</detail>',
    )
  })

  it.each(hostile)('escapes %j so that it stays text', (value) => {
    const xml = renderXml({ ...notFound, detail: value, extra: { nested: [value] } })
    expectWellFormed(xml)
    expect(xml).not.toContain('<script')
    expect(xml).not.toContain('<img')
    expect(xml).not.toContain('<![CDATA[')
    const problem = parse(xml)
    expect(childText(problem, 'detail')).toBe(value)
    expect(problem.getElementsByTagName('i')[0]?.textContent).toBe(value)
  })

  it('escapes every markup character exactly once', () => {
    expect(renderXml({ ...notFound, detail: '<a href="x">&amp;</a>]]>' })).toContain(
      '<detail>&lt;a href="x"&gt;&amp;amp;&lt;/a&gt;]]&gt;</detail>',
    )
  })

  it('skips member names that are not XML element names, at any depth', () => {
    const invalid = ['1abc', '-x', '.x', 'a b', 'a:b', 'xmlns', 'xml', 'XmlThing', 'xMl-data', '', 'a\u0000b', '\uD800', 'a/b', 'a<b', '\u00D7x', 'a\u00F7']
    const valid = ['_x', 'a-b.c1', 'données', '名前', 'a\u00B7b', '\u{10000}x', 'i', 'x_m_l', 'mxl']
    const members = Object.fromEntries([...invalid, ...valid].map((name) => [name, 1]))
    const xml = renderXml({ ...notFound, ...members, nested: { ...members }, list: [{ ...members }] })
    expectWellFormed(xml)
    const fields = valid.map((name) => `<${name}>1</${name}>`).join('')
    expect(xml).toBe(
      DECLARATION +
        OPEN +
        '<type>about:blank</type><title>Not Found</title><status>404</status>' +
        fields +
        `<nested>${fields}</nested><list><i>${fields}</i></list></problem>`,
    )
  })

  it('writes an own __proto__ member like any other', () => {
    const doc = { ...notFound, ...(JSON.parse('{"__proto__":{"polluted":true}}') as object) } as ProblemDocument
    expect(renderXml(doc)).toContain('<__proto__><polluted>true</polluted></__proto__>')
  })

  it('puts every element in the RFC 9457 namespace and parses back to the same values', () => {
    const doc: ProblemDocument = {
      ...validation,
      detail: 'line one\r\nline two\ttabbed ✓ 🙂',
      meta: { hostile, flags: [true, false, null], count: 3 },
    }
    const xml = renderXml(doc)
    expectWellFormed(xml)
    const problem = parse(xml)
    expect(problem.localName).toBe('problem')
    const elements = problem.getElementsByTagName('*')
    expect(elements.length).toBeGreaterThan(10)
    for (let i = 0; i < elements.length; i++) expect(elements[i]?.namespaceURI).toBe('urn:ietf:rfc:7807')
    expect(fromXml(problem)).toEqual({
      type: 'https://example.net/validation-error',
      title: 'Your request is not valid.',
      status: '422',
      detail: 'line one\r\nline two\ttabbed ✓ 🙂',
      instance: '/requests/7',
      errors: [
        { detail: 'must be a positive integer', pointer: '#/age' },
        { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
      ],
      meta: { hostile, flags: ['true', 'false', ''], count: '3' },
    })
  })

  it('does not modify the document', () => {
    const doc = deepFreeze({ ...validation, detail: '<b>\u0000', nested: { list: [1, { a: 'x' }] } })
    const copy = structuredClone(doc)
    renderXml(doc)
    expect(doc).toEqual(copy)
  })

  it('gives the same bytes for the same document', () => {
    expect(renderXml(validation)).toBe(renderXml(structuredClone(validation)))
  })
})

// --- internal ---

function parse(xml: string): Element {
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`)
    },
  })
  const root = parser.parseFromString(xml, 'application/xml').documentElement
  if (!root) throw new Error('no document element')
  return root
}

// xmldom is lenient about characters and stray markup, so check those rules of XML 1.0 directly.
function expectWellFormed(xml: string): void {
  const body = xml.slice(DECLARATION.length)
  // §2.2 Char, checked by code point so that only lone surrogates fail.
  for (const char of body) {
    const code = char.codePointAt(0) ?? 0
    const allowed =
      code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
    expect(allowed, `U+${code.toString(16)} is not an XML Char`).toBe(true)
  }
  // §2.4: ']]>' never appears in character data; every '&' starts one of the references we write.
  expect(body).not.toContain(']]>')
  expect(body.replace(/&(?:amp|lt|gt|#xD);/g, '')).not.toContain('&')
  // A literal CR would reach the application as LF (§2.11).
  expect(body).not.toContain('\r')
  parse(xml)
}

type Parsed = string | Parsed[] | { [name: string]: Parsed }

// RFC 9457 Appendix B: children all named i make an array, other children an object, no children a scalar.
function fromXml(element: Element): Parsed {
  const children: Element[] = []
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) children.push(node as Element)
  }
  if (children.length === 0) return element.textContent ?? ''
  if (children.every((child) => child.localName === 'i')) return children.map(fromXml)
  return Object.fromEntries(children.map((child) => [child.localName, fromXml(child)]))
}

function childText(element: Element, name: string): string | null | undefined {
  return element.getElementsByTagName(name)[0]?.textContent
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
