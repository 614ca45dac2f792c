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
