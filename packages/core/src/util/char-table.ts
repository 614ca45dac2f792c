/**
 * A lookup table of the ASCII characters in `chars`: `table[code] === 1` for each. A function, so that a module can
 * build its table as a `/* @__PURE__ *\/` call and bundles that never use the table drop it.
 *
 * @example
 * const DIGIT = charTable('0123456789')
 * DIGIT['7'.charCodeAt(0)] // 1
 */
export function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128)
  for (const ch of chars) table[ch.charCodeAt(0)] = 1
  return table
}

// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
// / DIGIT / ALPHA: the characters of methods, field names, schemes and media types. The one table of them.
const TCHAR = /* @__PURE__ */ charTable("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

/**
 * Tells whether a char code is an RFC 9110 §5.6.2 `tchar`.
 *
 * @example
 * isTchar(0x2b) // true: '+'
 */
export function isTchar(c: number): boolean {
  return c < 128 && TCHAR[c] === 1
}
