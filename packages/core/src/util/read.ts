/** Reads one property of an untrusted value; a throwing getter or Proxy trap reads as undefined. */
export function read(target: unknown, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}
