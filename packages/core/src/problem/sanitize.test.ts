import { describe, it, expect } from 'vitest'
import { CIRCULAR, defaultLimits, TOO_LONG, toJsonValue, truncate, TRUNCATED, UNREADABLE, type ResolvedLimits } from './sanitize'

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

  it.each([
    ['a revoked Proxy', () => revoked()],
    ['a Proxy whose getPrototypeOf trap throws', () => new Proxy({ a: 1 }, { getPrototypeOf: () => { throw new Error('proto') } })],
    ['a revoked array Proxy', () => revoked([1, 2])],
  ])('writes "[Unreadable]" for %s, keeping its siblings', (_, make) => {
    expect(json({ ok: true, bad: make(), after: 1 })).toBe(`{"ok":true,"bad":"${UNREADABLE}","after":1}`)
    expect(json([make(), 2])).toBe(`["${UNREADABLE}",2]`)
    expect(json(make())).toBe(`"${UNREADABLE}"`)
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

describe('the visit budget', () => {
  /** Eight nested arrays, each holding `n` references to the next: n^8 values when walked as a tree. */
  const shared = (n: number): unknown => {
    let level: unknown = 1
    for (let i = 0; i < 8; i++) level = new Array(n).fill(level)
    return level
  }

  it('counts every value reached, a shared one each time, and leaves today\'s output unchanged below it', () => {
    const budget = { visits: 100 }
    expect(JSON.stringify(toJsonValue({ a: [1, 2], b: 'x' }, defaultLimits, '', budget))).toBe('{"a":[1,2],"b":"x"}')
    // The object, a, 1, 2 and b.
    expect(budget.visits).toBe(95)
    const node = { x: 1 }
    const twice = { visits: 100 }
    toJsonValue([node, node], defaultLimits, '', twice)
    expect(twice.visits).toBe(100 - 5)
  })

  it('writes the value it runs out at as "[Truncated]" and ends the arrays and objects around it there', () => {
    expect(json([1, 2, 3, 4, 5], { visits: 3 })).toBe(`[1,2,"${TRUNCATED}"]`)
    expect(json({ a: 1, b: { c: 2, d: 3 }, e: 4 }, { visits: 4 })).toBe(`{"a":1,"b":{"c":2,"d":"${TRUNCATED}"}}`)
    expect(json('text', { visits: 1 })).toBe('"text"')
  })

  it.each([8, 100])('walks eight levels of arrays sharing %i references each in bounded time', (n) => {
    const started = performance.now()
    const budget = { visits: defaultLimits.visits }
    const converted = toJsonValue(shared(n), defaultLimits, '', budget)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(budget.visits).toBe(-1)
    expect(JSON.stringify(converted)).toContain(`"${TRUNCATED}"`)
  })

  it('is bounded for cycles through arrays, Maps and Sets with heavy sharing', () => {
    const list: unknown[] = []
    const map = new Map<string, unknown>([['list', list]])
    const set = new Set<unknown>([map])
    for (let i = 0; i < 100; i++) list.push(list, map, set, Object.assign({ list }, { map, set }))
    const budget = { visits: defaultLimits.visits }
    const started = performance.now()
    const text = JSON.stringify(toJsonValue({ list, map, set }, defaultLimits, '', budget))
    expect(performance.now() - started).toBeLessThan(1000)
    // Maps and Sets have no own enumerable members, so JSON (and we) write them as {}; the cycles close at once.
    const parsed = JSON.parse(text) as { list: unknown[]; map: object; set: object }
    expect([parsed.map, parsed.set, parsed.list.length]).toEqual([{}, {}, 100])
    expect(parsed.list.slice(0, 4)).toEqual([CIRCULAR, {}, {}, { list: CIRCULAR, map: {}, set: {} }])
    expect(budget.visits).toBeGreaterThanOrEqual(0)
  })

  it('writes a typed array as JSON.stringify does, and lists only the indices it keeps of a huge one', () => {
    expect(json({ bytes: new Uint8Array([1, 2, 3]), view: new DataView(new ArrayBuffer(2)) })).toBe(
      JSON.stringify({ bytes: new Uint8Array([1, 2, 3]), view: new DataView(new ArrayBuffer(2)) }),
    )
    const huge = new Uint8Array(10_000_000)
    const started = performance.now()
    const converted = toJsonValue([huge, huge, huge], defaultLimits) as Array<Record<string, number>>
    expect(performance.now() - started).toBeLessThan(1000)
    expect(Object.keys(converted[0] ?? {})).toHaveLength(100)
  })

  it('lists the names of an object with 200 000 members once, however often it is shared', () => {
    const big: Record<string, number> = {}
    for (let i = 0; i < 200_000; i++) big[`k${i}`] = i
    const started = performance.now()
    // Listed 100 times, its names took seconds; listed once, tens of milliseconds.
    const converted = toJsonValue(new Array(100).fill(big), defaultLimits) as Array<Record<string, number>>
    expect(performance.now() - started).toBeLessThan(1500)
    expect(converted).toHaveLength(100)
  })

  it('stops converting as soon as the JSON is certain to exceed maxLength', () => {
    const budget = { visits: defaultLimits.visits }
    expect(toJsonValue(shared(100), defaultLimits, '', budget, 100)).toBe(TOO_LONG)
    // It stopped after about 50 values, not after the whole budget.
    expect(budget.visits).toBeGreaterThan(defaultLimits.visits - 100)
    expect(toJsonValue('x'.repeat(10), defaultLimits, '', undefined, 11)).toBe(TOO_LONG)
    expect(toJsonValue('x'.repeat(10), defaultLimits, '', undefined, 12)).toBe('x'.repeat(10))
  })
})

function revoked(target: object = {}): object {
  const { proxy, revoke } = Proxy.revocable(target, {})
  revoke()
  return proxy
}
