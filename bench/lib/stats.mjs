// Small, dependency-free statistics and formatting shared by the suites.

/** The median of a non-empty list of numbers (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Nanoseconds with three significant digits: `2.29`, `414`, `3,580`. */
export function formatNs(ns) {
  if (ns < 10) return ns.toFixed(2)
  if (ns < 100) return ns.toFixed(1)
  return Math.round(ns).toLocaleString('en-US')
}

/** A ratio as `1.65×`, with more digits below 10 and none above 100. */
export function formatRatio(ratio) {
  if (ratio >= 100) return `${Math.round(ratio)}×`
  if (ratio >= 10) return `${ratio.toFixed(1)}×`
  return `${ratio.toFixed(2)}×`
}

/** A markdown table from a header row and body rows (cells are strings; `|` in them is escaped). */
export function markdownTable(header, rows, align) {
  const cell = (text) => String(text).replaceAll('|', '\\|')
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`
  const rule = `|${header.map((_, i) => (align?.[i] === 'right' ? '---:' : '---')).map((r) => ` ${r} `).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}
