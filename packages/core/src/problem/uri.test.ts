import { describe, expect, it } from 'vitest'
import { toUriReference } from './uri'

describe('toUriReference', () => {
  it.each([
    ['about:blank', 'about:blank'],
    ['https://example.com/probs/out-of-credit', 'https://example.com/probs/out-of-credit'],
    ['/orders/7', '/orders/7'],
    ['orders/7', 'orders/7'],
    ['tag:example.com,2026:problem', 'tag:example.com,2026:problem'],
    ['urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66', 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66'],
    ['https://[2001:db8::1]:8080/p', 'https://[2001:db8::1]:8080/p'],
    ['https://user@[::1]/p', 'https://user@[::1]/p'],
    ['/a%20b', '/a%20b'],
    ['/a%zz', '/a%25zz'],
    ['/100%', '/100%25'],
    ['https://example.com/probs/ü', 'https://example.com/probs/%C3%BC'],
    ['/订单/7', '/%E8%AE%A2%E5%8D%95/7'],
    ['/emoji/😀', '/emoji/%F0%9F%98%80'],
    ['#frag', '#frag'],
    ['?q=1', '?q=1'],
  ])('keeps or encodes %j as %j', (input, expected) => {
    expect(toUriReference(input)).toBe(expected)
  })

  it.each([
    '',
    'a b',
    'a\tb',
    'a\r\nb',
    '<x>',
    'a"b',
    'a{b}',
    'a|b',
    'a\\b',
    'a^b',
    'a`b',
    'a#b#c',
    '1a:b',
    '/a[b]',
    'https://exa[mple.com/',
    'https://[::1/',
    'https://[::1]x/',
    '\ud800',
    'x\udc00y',
    'x'.repeat(2049),
  ])('refuses %j', (input) => {
    expect(toUriReference(input)).toBeUndefined()
  })

  it('encodes a no-break space like any other non-ASCII character', () => {
    expect(toUriReference('/a\u00a0b')).toBe('/a%C2%A0b')
  })

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, ['a']]) expect(toUriReference(value)).toBeUndefined()
  })

  it('stays linear on long hostile input', () => {
    const hostile = `https://${'['.repeat(1000)}`
    expect(toUriReference(hostile)).toBeUndefined()
    expect(toUriReference(`/${'%'.repeat(600)}`)).toBe(`/${'%25'.repeat(600)}`)
  })
})
