// A relative problem type sent without a typeBase is resolved by each client against the URL it requested, so the
// same problem gets a different type on every route (RFC 9457 §3.1.1 recommends absolute URIs). That is legal, and
// existing apps rely on it, so it is not an error; but it is never what someone who wrote `type: 'out-of-credit'`
// meant, so the renderer says so once per type. Core has no logger: `console` is the one output every runtime has
// (Node, Deno, Bun, browsers, workers); `log: false` silences it with the adapters' own logging.

/** Warns once per type that a relative type was sent unresolved; at most WARNED_TYPES types are remembered. */
export function warnRelativeType(type: string): void {
  if (warned.has(type) || warned.size >= WARNED_TYPES) return
  warned.add(type)
  try {
    // Short, as everything the renderer bundles: docs/rendering.md explains it at length.
    console.warn(`[http-problem] relative problem type "${type}" sent as it is: set typeBase (docs/rendering.md)`)
  } catch {
    // A console that throws (a test double, a locked-down sandbox) must never change the response.
  }
}

/** Whether a type that went through typeBase resolution is still relative. */
export function isRelativeType(type: string): boolean {
  return type !== 'about:blank' && !/^[a-z][a-z0-9+.-]*:/i.test(type)
}

// --- internal ---

const WARNED_TYPES = 100

const warned = new Set<string>()
