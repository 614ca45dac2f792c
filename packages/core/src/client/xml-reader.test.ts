import { describe, expect, it } from 'vitest'
import { renderXml } from '../serialize/xml'
import { readProblemXml } from './xml-reader'

describe('readProblemXml', () => {
  it('reads back what renderXml writes, with text for scalars', () => {
    const xml = renderXml({
      type: 'about:blank',
      title: 'Not <Found> & "gone"',
      status: 404,
      detail: 'line 1\r\nline 2 😀',
      errors: [{ detail: 'bad', pointer: '#/a' }],
      nested: { ok: true, n: null },
    })
    expect(readProblemXml(xml)).toEqual({
      type: 'about:blank',
      title: 'Not <Found> & "gone"',
      status: '404',
      detail: 'line 1\r\nline 2 😀',
      errors: [{ detail: 'bad', pointer: '#/a' }],
      nested: { ok: 'true', n: '' },
    })
  })

  it.each([
    ['not XML', 'hello'],
    ['another root', '<error xmlns="urn:ietf:rfc:7807"/>'],
    ['no namespace', '<problem><title>x</title></problem>'],
    ['a child in another namespace', '<problem xmlns="urn:ietf:rfc:7807"><title xmlns="urn:x">x</title></problem>'],
    ['a prefixed child', '<problem xmlns="urn:ietf:rfc:7807" xmlns:a="urn:x"><a:title>x</a:title></problem>'],
    ['mismatched tags', '<problem xmlns="urn:ietf:rfc:7807"><title>x</detail></problem>'],
    ['an unknown entity', '<problem xmlns="urn:ietf:rfc:7807"><title>&xxe;</title></problem>'],
    ['a DOCTYPE', '<!DOCTYPE problem [<!ENTITY a "b">]><problem xmlns="urn:ietf:rfc:7807"/>'],
    ['trailing content', '<problem xmlns="urn:ietf:rfc:7807"/><problem xmlns="urn:ietf:rfc:7807"/>'],
    ['deep nesting', `<problem xmlns="urn:ietf:rfc:7807">${'<a>'.repeat(100)}${'</a>'.repeat(100)}</problem>`],
    ['an unclosed root', '<problem xmlns="urn:ietf:rfc:7807"><title>x</title>'],
  ])('refuses %s', (_, xml) => {
    expect(readProblemXml(xml)).toBeUndefined()
  })

  it('decodes character references and CDATA', () => {
    expect(readProblemXml('<problem xmlns="urn:ietf:rfc:7807"><title>&#x41;&#66;<![CDATA[<c>]]></title></problem>')).toEqual({ title: 'AB<c>' })
  })
})
