import type { JsonValue } from '../util/json-value'

/**
 * Reads an `application/problem+xml` body (RFC 9457 Appendix B) into a JSON value: the root's children become
 * members; an element whose children are all `<i>` is an array, one with other children an object, and text a
 * string (XML cannot say more, so numbers and booleans stay strings). Returns undefined for anything that is not
 * a well-formed `<problem>` document in the `urn:ietf:rfc:7807` namespace. It reads only what problem documents
 * use: no DTDs, no processing instructions other than the declaration, no entities beyond the five predefined
 * ones and character references.
 *
 * @example
 * readProblemXml('<problem xmlns="urn:ietf:rfc:7807"><status>404</status></problem>') // { status: '404' }
 */
export function readProblemXml(xml: string): Record<string, JsonValue> | undefined {
  try {
    const reader = new Reader(xml)
    reader.skipProlog()
    const root = reader.element(0)
    reader.skipMisc()
    if (!reader.done() || root.name !== 'problem' || root.namespace !== NAMESPACE) return undefined
    const value = toValue(root)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, JsonValue>) : undefined
  } catch {
    return undefined
  }
}

// --- internal ---

const NAMESPACE = 'urn:ietf:rfc:7807'
const MAX_DEPTH = 32

interface Element {
  readonly name: string
  readonly namespace: string | undefined
  readonly children: Element[]
  text: string
}

function toValue(element: Element): JsonValue {
  if (element.children.length === 0) return element.text
  if (element.children.every((child) => child.name === 'i')) return element.children.map(toValue)
  const object = Object.create(null) as Record<string, JsonValue>
  for (const child of element.children) object[child.name] = toValue(child)
  return object
}

class Reader {
  private i = 0
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length
  }

  skipProlog(): void {
    if (this.s.startsWith('\uFEFF', this.i)) this.i++
    if (this.s.startsWith('<?xml', this.i)) this.i = this.indexOrThrow('?>', this.i) + 2
    this.skipMisc()
  }

  skipMisc(): void {
    for (;;) {
      this.skipSpace()
      if (this.s.startsWith('<!--', this.i)) this.i = this.indexOrThrow('-->', this.i) + 3
      else return
    }
  }

  element(depth: number, inherited?: string): Element {
    if (depth > MAX_DEPTH || this.s[this.i] !== '<') throw new Error('element expected')
    this.i++
    const qname = this.name()
    let namespace = inherited
    for (;;) {
      this.skipSpace()
      const c = this.s[this.i]
      if (c === '>' || c === '/') break
      const attribute = this.name()
      this.skipSpace()
      this.expect('=')
      this.skipSpace()
      const value = this.quoted()
      if (attribute === 'xmlns') namespace = value
    }
    // Problem documents use the default namespace only; a prefixed name is not one of its elements.
    if (qname.includes(':')) throw new Error('prefixed element')
    const element: Element = { name: qname, namespace, children: [], text: '' }
    if (this.s.startsWith('/>', this.i)) {
      this.i += 2
      return element
    }
    this.expect('>')
    for (;;) {
      const lt = this.s.indexOf('<', this.i)
      if (lt === -1) throw new Error('unclosed element')
      element.text += decode(this.s.slice(this.i, lt))
      this.i = lt
      if (this.s.startsWith('</', this.i)) {
        this.i += 2
        if (this.name() !== qname) throw new Error('mismatched end tag')
        this.skipSpace()
        this.expect('>')
        return element
      }
      if (this.s.startsWith('<!--', this.i)) {
        this.i = this.indexOrThrow('-->', this.i) + 3
      } else if (this.s.startsWith('<![CDATA[', this.i)) {
        const end = this.indexOrThrow(']]>', this.i)
        element.text += this.s.slice(this.i + 9, end)
        this.i = end + 3
      } else {
        const child = this.element(depth + 1, namespace)
        if (child.namespace !== NAMESPACE) throw new Error('foreign namespace')
        element.children.push(child)
      }
    }
  }

  private name(): string {
    const start = this.i
    while (this.i < this.s.length && !/[\s/>=<"']/.test(this.s[this.i] as string)) this.i++
    if (this.i === start) throw new Error('name expected')
    return this.s.slice(start, this.i)
  }

  private quoted(): string {
    const quote = this.s[this.i]
    if (quote !== '"' && quote !== "'") throw new Error('quote expected')
    const end = this.indexOrThrow(quote, this.i + 1)
    const value = decode(this.s.slice(this.i + 1, end))
    this.i = end + 1
    return value
  }

  private skipSpace(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++
  }

  private expect(text: string): void {
    if (!this.s.startsWith(text, this.i)) throw new Error(`${text} expected`)
    this.i += text.length
  }

  private indexOrThrow(text: string, from: number): number {
    const at = this.s.indexOf(text, from)
    if (at === -1) throw new Error(`${text} expected`)
    return at
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (match, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
      return code <= 0x10ffff ? String.fromCodePoint(code) : match
    }
    const entity = ENTITIES[ref]
    if (entity === undefined) throw new Error('unknown entity')
    return entity
  })
}
