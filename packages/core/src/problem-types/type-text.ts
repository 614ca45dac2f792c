// A problem type's URI and its texts, shared by the renderer, the client and the OpenAPI output.

/** Localised title and default detail of one problem type, by language tag. */
export interface ProblemTypeText {
  readonly title?: Readonly<Record<string, string>>
  /** Used only when the error has no detail of its own; a user's own detail is never translated. */
  readonly detail?: Readonly<Record<string, string>>
}

/**
 * Resolves a problem type against the configured base: absolute URIs and `about:blank` stay as they are.
 *
 * @example
 * resolveType('out-of-credit', 'https://example.com/probs/') // 'https://example.com/probs/out-of-credit'
 */
export function resolveType(type: string, base: string | undefined): string {
  if (base === undefined || /^[a-z][a-z0-9+.-]*:/i.test(type)) return type
  try {
    return new URL(type, base).href
  } catch {
    return type
  }
}
