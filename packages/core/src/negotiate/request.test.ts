import { describe, it, expect } from 'vitest'
import type { HeaderSource } from '../index'
import { isMultiplexed, pathOf, readHeader, traceIdOf } from './request'

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const PARENT_ID = '00f067aa0ba902b7'
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_ID}-01`

describe('readHeader', () => {
  it('reads a header from a Node-style object with lower-case names', () => {
    expect(readHeader({ accept: 'text/html' }, 'accept')).toBe('text/html')
    expect(readHeader({ accept: '' }, 'accept')).toBe('')
  })

  it('gives undefined for an absent header, an absent object and null', () => {
    expect(readHeader({}, 'accept')).toBeUndefined()
    expect(readHeader({ accept: undefined }, 'accept')).toBeUndefined()
    expect(readHeader(undefined, 'accept')).toBeUndefined()
    expect(readHeader(null as unknown as HeaderSource, 'accept')).toBeUndefined()
  })

  it('joins a repeated Node header with ", " (RFC 9110 §5.3)', () => {
    expect(readHeader({ accept: ['text/html', 'application/json'] }, 'accept')).toBe('text/html, application/json')
    expect(readHeader({ accept: [] }, 'accept')).toBe('')
  })

  it('skips array entries that are not strings', () => {
    const headers = { accept: ['text/html', 7, null, 'text/plain'] } as unknown as HeaderSource
    expect(readHeader(headers, 'accept')).toBe('text/html, text/plain')
  })

  it('ignores values that are neither strings nor arrays', () => {
    expect(readHeader({ accept: 42 } as unknown as HeaderSource, 'accept')).toBeUndefined()
    expect(readHeader({ accept: { toString: () => 'text/html' } } as unknown as HeaderSource, 'accept')).toBeUndefined()
  })

  it('reads a fetch Headers object case-insensitively, and gives undefined for a missing header', () => {
    const headers = new Headers({ Accept: 'text/plain', 'Accept-Language': 'zh-CN' })
    expect(readHeader(headers, 'accept')).toBe('text/plain')
    expect(readHeader(headers, 'accept-language')).toBe('zh-CN')
    expect(readHeader(headers, 'traceparent')).toBeUndefined()
  })

  it('joins a repeated fetch header as Headers.get does', () => {
    const headers = new Headers([
      ['accept', 'text/html'],
      ['accept', 'text/plain'],
    ])
    expect(readHeader(headers, 'accept')).toBe('text/html, text/plain')
  })

  it('treats a get() that returns a non-string as absent', () => {
    expect(readHeader({ get: () => 5 } as unknown as HeaderSource, 'accept')).toBeUndefined()
    expect(readHeader({ get: () => null }, 'accept')).toBeUndefined()
  })

  it('never throws for a hostile header object, treating the header as absent', () => {
    const throwingGet = new Proxy({}, { get: () => { throw new Error('trap') } }) as HeaderSource
    const throwingMethod = { get: () => { throw new Error('get') } } as HeaderSource
    const throwingGetter = Object.defineProperty({}, 'accept', { get: () => { throw new Error('getter') } }) as HeaderSource
    const throwingArray = { accept: new Proxy(['text/html'], { get: () => { throw new Error('array') } }) } as HeaderSource
    for (const headers of [throwingGet, throwingMethod, throwingGetter, throwingArray]) {
      expect(() => readHeader(headers, 'accept')).not.toThrow()
      expect(readHeader(headers, 'accept')).toBeUndefined()
    }
  })
})

describe('traceIdOf', () => {
  it('takes the trace-id of a version 00 traceparent', () => {
    expect(traceIdOf({ traceparent: TRACEPARENT })).toBe(TRACE_ID)
    expect(traceIdOf(new Headers({ traceparent: TRACEPARENT }))).toBe(TRACE_ID)
  })

  it('accepts a later version with extra fields after the flags (W3C Trace Context §3.2.4)', () => {
    expect(traceIdOf({ traceparent: `01-${TRACE_ID}-${PARENT_ID}-01-future-fields` })).toBe(TRACE_ID)
  })

  it('tolerates the surrounding whitespace a header value may carry', () => {
    expect(traceIdOf({ traceparent: ` ${TRACEPARENT}\t` })).toBe(TRACE_ID)
  })

  it.each([
    ['an all-zero trace-id', `00-${'0'.repeat(32)}-${PARENT_ID}-01`],
    ['an all-zero parent-id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE_ID}-${PARENT_ID}-01`],
    ['upper-case hex in the trace-id', `00-${TRACE_ID.toUpperCase()}-${PARENT_ID}-01`],
    ['upper-case hex in the version', `0A-${TRACE_ID}-${PARENT_ID}-01`],
    ['a 31-digit trace-id', `00-${TRACE_ID.slice(1)}-${PARENT_ID}-01`],
    ['a 33-digit trace-id', `00-${TRACE_ID}0-${PARENT_ID}-01`],
    ['a 15-digit parent-id', `00-${TRACE_ID}-${PARENT_ID.slice(1)}-01`],
    ['a one-digit flags field', `00-${TRACE_ID}-${PARENT_ID}-1`],
    ['a one-digit version', `0-${TRACE_ID}-${PARENT_ID}-01`],
    ['trailing data on version 00', `${TRACEPARENT}-extra`],
    ['a non-hex trace-id', `00-${'g'.repeat(32)}-${PARENT_ID}-01`],
    ['underscores instead of dashes', TRACEPARENT.replaceAll('-', '_')],
    ['an empty value', ''],
    ['garbage', 'not a traceparent'],
  ])('ignores a traceparent with %s', (_, traceparent) => {
    expect(traceIdOf({ traceparent })).toBeUndefined()
  })

  it('uses a conservative x-request-id when there is no traceparent', () => {
    expect(traceIdOf({ 'x-request-id': 'req-42' })).toBe('req-42')
    expect(traceIdOf({ 'x-request-id': 'A.b_c:d-9' })).toBe('A.b_c:d-9')
    expect(traceIdOf({ 'x-request-id': 'x'.repeat(128) })).toBe('x'.repeat(128))
  })

  it.each([
    ['empty', ''],
    ['129 characters long', 'x'.repeat(129)],
    ['holding a space', 'req 42'],
    ['holding markup', '<script>'],
    ['holding a quote', 'a"b'],
    ['holding non-ASCII', 'réq'],
    ['holding CR LF', 'a\r\nb'],
  ])('ignores an x-request-id %s', (_, id) => {
    expect(traceIdOf({ 'x-request-id': id })).toBeUndefined()
  })

  it('prefers a valid traceparent to x-request-id', () => {
    expect(traceIdOf({ traceparent: TRACEPARENT, 'x-request-id': 'req-42' })).toBe(TRACE_ID)
  })

  it('falls back to x-request-id when the traceparent is invalid', () => {
    expect(traceIdOf({ traceparent: 'junk', 'x-request-id': 'req-42' })).toBe('req-42')
  })

  it('gives undefined without either header, or without headers', () => {
    expect(traceIdOf({})).toBeUndefined()
    expect(traceIdOf(undefined)).toBeUndefined()
  })

  it('reads only the start of a huge traceparent, and still rejects it', () => {
    expect(traceIdOf({ traceparent: `00-${TRACE_ID}-${PARENT_ID}-01${'-x'.repeat(100_000)}` })).toBeUndefined()
    expect(traceIdOf({ traceparent: 'a'.repeat(1_000_000) })).toBeUndefined()
  })
})

describe('pathOf', () => {
  it.each([
    ['/', '/'],
    ['/orders/7', '/orders/7'],
    ['/orders/7?token=secret', '/orders/7'],
    ['/orders/7#fragment', '/orders/7'],
    ['/orders/7?a=1#b', '/orders/7'],
    ['/orders/7#b?a=1', '/orders/7'],
    ['/a/b/', '/a/b/'],
    ['/%E6%9C%AA', '/%E6%9C%AA'],
    ["/a-b._~!$&'()*+,;=:@/c", "/a-b._~!$&'()*+,;=:@/c"],
    ['/x'.repeat(512), '/x'.repeat(512)],
  ])('reads %j as %j', (target, expected) => {
    expect(pathOf(target)).toBe(expected)
  })

  it.each([
    ['a protocol-relative path', '//evil.example/x'],
    ['two slashes alone', '//'],
    ['a space', '/a b'],
    ['backslashes', '\\\\evil'],
    ['a backslash inside', '/a\\b'],
    ['a relative path', 'orders/7'],
    ['an absolute URL', 'https://example.com/x'],
    ['an asterisk form', '*'],
    ['the empty string', ''],
    ['only a query string', '?a=1'],
    ['a path over 1024 characters', `/${'a'.repeat(1024)}`],
    ['a CR LF', '/a\r\nSet-Cookie: x=1'],
    ['a NUL', '/a\u0000b'],
    ['a tab', '/a\tb'],
    ['a double quote', '/a"b'],
    ['angle brackets', '/<script>'],
    ['non-ASCII', '/未找到'],
    ['a lone surrogate', '/\ud800'],
  ])('gives undefined for %s', (_, target) => {
    expect(pathOf(target)).toBeUndefined()
  })

  it('accepts a path of exactly 1024 characters and cuts the query before measuring', () => {
    const path = `/${'a'.repeat(1023)}`
    expect(pathOf(path)).toBe(path)
    expect(pathOf(`${path}?${'q'.repeat(5000)}`)).toBe(path)
  })

  it('gives undefined for anything that is not a string', () => {
    expect(pathOf(undefined)).toBeUndefined()
    expect(pathOf(42 as unknown as string)).toBeUndefined()
    expect(pathOf(null as unknown as string)).toBeUndefined()
  })
})

describe('pathOf and stray percent signs', () => {
  it.each(['/%', '/%zz', '/a%4', '/p/1/%E0%A4%A'])('refuses %j, which is not a URI path', (path) => {
    expect(pathOf(path)).toBeUndefined()
  })

  it('keeps well-formed percent-encoding', () => {
    expect(pathOf('/a%20b/%E4%B8%AD')).toBe('/a%20b/%E4%B8%AD')
  })
})

describe('isMultiplexed', () => {
  it.each(['2.0', '2', '3', 'HTTP/2', 'http/3', 'HTTP/2.0'])('takes %j for HTTP/2 or later', (version) => {
    expect(isMultiplexed(version)).toBe(true)
  })

  it.each(['1.1', '1.0', '0.9', 'HTTP/1.1', '', 'h2', 'x2', undefined, 2 as unknown as string])('takes %j for HTTP/1.x', (version) => {
    expect(isMultiplexed(version)).toBe(false)
  })
})
