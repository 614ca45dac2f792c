/**
 * The number of bytes `text` takes in UTF-8, counting a lone surrogate as the three bytes of U+FFFD (what
 * TextEncoder and Node write for it), without encoding the string.
 *
 * @example
 * utf8Length('Not Found') // 9
 * utf8Length('未找到') // 9
 */
export function utf8Length(text: string): number {
  // Most bodies are ASCII: one regex scan (native code) is far cheaper than the loop below.
  if (!NON_ASCII.test(text)) return text.length
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) {
      bytes += 1
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      // A surrogate pair: two UTF-16 units, four UTF-8 bytes.
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 2
        i++
      } else {
        bytes += 2
      }
    } else {
      bytes += 2
    }
  }
  return bytes
}

// --- internal ---

const NON_ASCII = /[^\x00-\x7f]/
