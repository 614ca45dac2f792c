/** The five status classes of RFC 9110 §15, named after the first digit of the code. */
export type StatusClass = 'informational' | 'successful' | 'redirection' | 'client-error' | 'server-error'

/** How strongly the defining specification asks for a header: MUST, SHOULD, or MAY. */
export type HeaderRequirement = 'must' | 'should' | 'may'

/** What a response with this status may carry as content (RFC 9110 §6.4.1, §15.3.6). */
export type BodyRule = 'none' | 'empty' | 'allowed'

/**
 * How caches treat the status when the response has no explicit freshness information:
 * `heuristic` (RFC 9110 §15.1 "heuristically cacheable"), `no-store` (the defining RFC forbids storing it),
 * or `default` (stored only with explicit freshness).
 */
export type CacheRule = 'heuristic' | 'no-store' | 'default'

/** Extra facts about a status code's standing in the IANA registry. */
export type StatusFlag = 'webdav' | 'experimental' | 'historic' | 'temporary' | 'reserved' | 'deprecated'

/** A header the defining specification requires or recommends in a response with this status. */
export interface StatusHeaderRule {
  /** The header's name in its usual spelling, e.g. `WWW-Authenticate`. */
  readonly name: string
  readonly level: HeaderRequirement
  /** When the rule applies, in a few words, if not always (e.g. "if the condition is temporary"). */
  readonly when?: string
}

/** Title and one-sentence description of a status code in one language. */
export interface StatusText {
  readonly title: string
  readonly description: string
}

/** One row of the status registry: everything this toolkit knows about a status code. */
export interface StatusRow {
  readonly code: number
  /** The RFC 9110 / IANA reason phrase, used as the English `title` of an `about:blank` problem. */
  readonly phrase: string
  /** The http-errors class name, for the 4xx/5xx codes that get an error class. */
  readonly className?: string
  /** RFC 9110 names for the class where the phrase changed since http-errors named it. */
  readonly aliases?: readonly string[]
  /** The defining document, e.g. `RFC 9110`, and its section, e.g. `15.5.5`. */
  readonly rfc: string
  readonly section: string
  readonly body: BodyRule
  readonly cache: CacheRule
  readonly headers: readonly StatusHeaderRule[]
  readonly flags?: readonly StatusFlag[]
  /** One sentence in English, written by us, that explains the status to a reader. */
  readonly description: string
  /** Simplified Chinese title and description, written by us. */
  readonly zh: StatusText
}
