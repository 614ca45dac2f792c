/** Reads one property of an untrusted value; a throwing getter or Proxy trap reads as undefined. */
export function read(target: unknown, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

/**
 * Looks a string from elsewhere (a foreign error's `type`, a response's media type, a language tag) up in a table
 * of our own. Only own members count, so `__proto__`, `constructor` or `toString` never reach `Object.prototype`.
 */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}
