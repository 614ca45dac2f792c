import { describe, it, expect } from 'vitest'
import { CIRCULAR, defaultLimits, toJsonValue, truncate, TRUNCATED, UNREADABLE, type ResolvedLimits } from './sanitize'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const limits = (overrides: Partial<ResolvedLimits> = {}): ResolvedLimits => ({ ...defaultLimits, ...overrides })
const json = (value: unknown, overrides?: Partial<ResolvedLimits>): string | undefined => {
  const converted = toJsonValue(value, limits(overrides))
  return converted === undefined ? undefined : JSON.stringify(converted)
}

describe('truncate', () => {
  it('returns text that fits unchanged, including text of exactly the limit', () => {
    expect(truncate('', 3)).toBe('')
    expect(truncate('abc', 3)).toBe('abc')
    expect(truncate('ab', 3)).toBe('ab')
  })

  it('cuts longer text to exactly the limit, the last code unit being …', () => {
    expect(truncate('abcdef', 4)).toBe('abc…')
    expect(truncate('abcdef', 4)).toHaveLength(4)
    expect(truncate('abcdef', 1)).toBe('…')
  })

  it('never splits a surrogate pair, dropping the whole pair instead', () => {
    // The pair sits at code units 3-4; a cut after unit 3 would leave its high half alone.
    expect(truncate('abc😀def', 5)).toBe('abc…')
    expect(truncate('abcd😀ef', 5)).toBe('abcd…')
    expect(truncate('ab😀def', 5)).toBe('ab😀…')
  })

  it('never leaves a lone high surrogate, at any limit, in text made of emoji', () => {
    const text = '😀'.repeat(20)
    for (let max = 1; max < text.length; max++) {
      const cut = truncate(text, max)
      expect(cut.length).toBeLessThanOrEqual(max)
      expect(cut.endsWith('…')).toBe(true)
      expect(cut.slice(0, -1)).toBe('😀'.repeat(cut.slice(0, -1).length / 2))
      expect(cut).not.toMatch(LONE_SURROGATE)
    }
  })

  it('cuts a megabyte in one step', () => {
    const cut = truncate('x'.repeat(1024 * 1024), 2048)
    expect(cut).toBe(`${'x'.repeat(2047)}…`)
  })
})

describe('toJsonValue', () => {
  it('keeps strings, finite numbers, booleans and null as they are', () => {
    expect(json({ s: 'text', n: -1.5, z: 0, t: true, f: false, nil: null })).toBe(
      '{"s":"text","n":-1.5,"z":0,"t":true,"f":false,"nil":null}',
    )
  })

  it('writes a BigInt as its decimal string', () => {
    expect(json(12345678901234567890n)).toBe('"12345678901234567890"')
    expect(json({ id: -42n })).toBe('{"id":"-42"}')
  })

  it('writes NaN and the infinities as null, as JSON.stringify does', () => {
    expect(json({ a: NaN, b: Infinity, c: -Infinity })).toBe('{"a":null,"b":null,"c":null}')
    expect(json([NaN])).toBe('[null]')
  })

  it('leaves functions, symbols and undefined out of objects and writes them as null in arrays', () => {
    expect(json({ f: () => 1, s: Symbol('x'), u: undefined, kept: 1 })).toBe('{"kept":1}')
    expect(json([() => 1, Symbol('x'), undefined, 2])).toBe('[null,null,null,2]')
  })

  it('returns undefined for a value JSON would omit entirely', () => {
    expect(toJsonValue(undefined, defaultLimits)).toBeUndefined()
    expect(toJsonValue(() => 1, defaultLimits)).toBeUndefined()
    expect(toJsonValue(Symbol('x'), defaultLimits)).toBeUndefined()
    expect(toJsonValue({ toJSON: () => undefined }, defaultLimits)).toBeUndefined()
  })

  it('writes a Date as its ISO string through toJSON', () => {
    expect(json({ at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) })).toBe('{"at":"2026-01-02T03:04:05.000Z"}')
  })

  it('writes an invalid Date as null, as JSON.stringify does', () => {
    expect(json({ at: new Date(NaN) })).toBe(JSON.stringify({ at: new Date(NaN) }))
    expect(json({ at: new Date(NaN) })).toBe('{"at":null}')
  })

  it('honours toJSON and passes it the member name', () => {
    const value = { toJSON: (key: string) => `key=${key}` }
    expect(json({ member: value })).toBe('{"member":"key=member"}')
    expect(json([value])).toBe('["key=0"]')
  })

  it('walks an object returned by toJSON without calling its toJSON again, as JSON.stringify does', () => {
    const value = { toJSON: () => ({ inner: 1, toJSON: () => 'never' }) }
    expect(json(value)).toBe(JSON.stringify(value))
    expect(json(value)).toBe('{"inner":1}')
  })

  it('writes a cycle as "[Circular]" at the point where it closes', () => {
    const node: Record<string, unknown> = { name: 'a' }
    node.self = node
    node.list = [node, { back: node }]
    expect(json(node)).toBe(`{"name":"a","self":"${CIRCULAR}","list":["${CIRCULAR}",{"back":"${CIRCULAR}"}]}`)
  })

  it('writes a value reached twice without a cycle in full both times', () => {
    const shared = { x: 1 }
    expect(json({ a: shared, b: [shared, shared] })).toBe('{"a":{"x":1},"b":[{"x":1},{"x":1}]}')
  })

  it('writes "[Unreadable]" for a member whose getter throws, keeping its siblings', () => {
    const hostile = {
      shown: 1,
      get secret(): string {
        throw new Error('no')
      },
    }
    expect(json(hostile)).toBe(`{"shown":1,"secret":"${UNREADABLE}"}`)
    expect(json({ ok: 1, nested: hostile })).toBe(`{"ok":1,"nested":{"shown":1,"secret":"${UNREADABLE}"}}`)
  })

  it('writes boxed primitives as JSON.stringify does', () => {
    // eslint-disable-next-line no-new-wrappers
    const boxed = { n: new Number(5), s: new String('ab'), b: new Boolean(false) }
    expect(json(boxed)).toBe(JSON.stringify(boxed))
  })

  it('writes "[Unreadable]" for a value whose toJSON throws, keeping its siblings', () => {
    const hostile = {
      toJSON(): never {
        throw new Error('no')
      },
    }
    expect(json({ before: 1, bad: hostile, after: 2 })).toBe(`{"before":1,"bad":"${UNREADABLE}","after":2}`)
  })

  it.each([
    ['get', { get: () => { throw new Error('get') } }],
    ['ownKeys', { ownKeys: () => { throw new Error('ownKeys') } }],
    ['getOwnPropertyDescriptor', { getOwnPropertyDescriptor: () => { throw new Error('gOPD') } }],
  ] as const)('writes "[Unreadable]" for a Proxy whose %s trap throws', (_, handler) => {
    const proxy = new Proxy({ a: 1 }, handler as ProxyHandler<object>)
    expect(json({ ok: true, proxy })).toBe(`{"ok":true,"proxy":"${UNREADABLE}"}`)
  })

  it('writes "[Unreadable]" for an array Proxy whose item getter throws', () => {
    const proxy = new Proxy([1, 2], {
      get(target, key, receiver) {
        if (key === '1') throw new Error('no')
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    expect(json({ list: proxy })).toBe(`{"list":"${UNREADABLE}"}`)
  })

  it('writes objects past limits.depth as "[Truncated]"', () => {
    const deep = { a: { b: { c: { d: 1 } } } }
    expect(json(deep, { depth: 1 })).toBe(`{"a":"${TRUNCATED}"}`)
    expect(json(deep, { depth: 3 })).toBe(`{"a":{"b":{"c":"${TRUNCATED}"}}}`)
    expect(json(deep, { depth: 4 })).toBe('{"a":{"b":{"c":{"d":1}}}}')
    expect(json([[[1]]], { depth: 2 })).toBe(`[["${TRUNCATED}"]]`)
  })

  it('truncates a 10 000-level nesting at the default depth of 8 without overflowing the stack', () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 10_000; i++) deep = { next: deep }
    const expected = '{"next":'.repeat(8) + `"${TRUNCATED}"` + '}'.repeat(8)
    expect(json(deep)).toBe(expected)
  })

  it('keeps at most limits.members members of an object and items of an array', () => {
    const object = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]))
    expect(json(object, { members: 3 })).toBe('{"k0":0,"k1":1,"k2":2}')
    expect(json(Array.from({ length: 10 }, (_, i) => i), { members: 3 })).toBe('[0,1,2]')
  })

  it('counts only members that are written against limits.members', () => {
    expect(json({ f: () => 1, u: undefined, a: 1, b: 2, c: 3 }, { members: 2 })).toBe('{"a":1,"b":2}')
  })

  it('applies the default member limit of 100 to a huge object and a huge array', () => {
    const object = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]))
    const converted = toJsonValue(object, defaultLimits) as Record<string, number>
    expect(Object.keys(converted)).toHaveLength(100)
    expect(Object.keys(converted).at(-1)).toBe('k99')
    expect(toJsonValue(new Array(1_000_000).fill(0), defaultLimits)).toHaveLength(100)
  })

  it('cuts strings and BigInt digits to limits.stringLength, ending with …', () => {
    expect(json({ s: 'abcdefgh', b: 123456789n }, { stringLength: 4 })).toBe('{"s":"abc…","b":"123…"}')
  })

  it('leaves out members whose names are longer than limits.stringLength', () => {
    expect(json({ short: 1, [`long${'x'.repeat(20)}`]: 2 }, { stringLength: 10 })).toBe('{"short":1}')
  })

  it('reads only own enumerable string keys, never inherited or symbol ones', () => {
    const value = Object.assign(Object.create({ inherited: 1 }) as object, { own: 2, [Symbol('s')]: 3 })
    Object.defineProperty(value, 'hidden', { value: 4, enumerable: false })
    expect(json(value)).toBe('{"own":2}')
  })

  it('makes a member named __proto__ an ordinary own member and pollutes nothing', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":1},"toString":"x"}')
    const converted = toJsonValue(parsed, defaultLimits) as Record<string, unknown>
    expect(JSON.stringify(converted)).toBe('{"__proto__":{"polluted":true},"constructor":{"prototype":1},"toString":"x"}')
    expect(Object.getPrototypeOf(converted)).toBeNull()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('produces valid JSON for everything at once', () => {
    const cycle: Record<string, unknown> = {}
    cycle.cycle = cycle
    const value = {
      big: 1n,
      nan: NaN,
      date: new Date(0),
      fn() {},
      cycle,
      proxy: new Proxy({}, { ownKeys: () => { throw new Error('x') } }),
      bad: { toJSON: () => { throw new Error('x') } },
    }
    const text = json(value) as string
    expect(JSON.parse(text)).toEqual({
      big: '1',
      nan: null,
      date: '1970-01-01T00:00:00.000Z',
      cycle: { cycle: CIRCULAR },
      proxy: UNREADABLE,
      bad: UNREADABLE,
    })
  })
})
