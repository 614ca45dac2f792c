import type { statusRules } from '../status/rules'
import {
  formatBlockedBy,
  formatChallenge,
  formatMediaTypeList,
  formatRetryAfter,
  formatTokenList,
  formatUnsatisfiedRange,
  type Challenge,
  type RetryAfter,
} from './header-values'

/**
 * The typed inputs that become response headers, per status: required where the RFC says MUST, optional where
 * it says SHOULD or MAY. Omitting a required input is a compile error and, from plain JavaScript, a TypeError.
 *
 * @example
 * const init: StatusInputs[405] = { allow: ['GET', 'HEAD'] }
 */
export interface StatusInputs {
  /** RFC 9110 §15.5.2: a 401 MUST carry at least one challenge in `WWW-Authenticate`. */
  401: { readonly challenge: Challenge | readonly Challenge[] }
  /** RFC 9110 §15.5.6: a 405 MUST carry `Allow` (an empty list is valid). */
  405: { readonly allow: readonly string[] }
  /** RFC 9110 §15.5.8: a 407 MUST carry a challenge in `Proxy-Authenticate`. */
  407: { readonly challenge: Challenge | readonly Challenge[] }
  /** RFC 9110 §15.5.14: `Retry-After` if the condition is temporary. */
  413: { readonly retryAfter?: RetryAfter }
  /** RFC 9110 §15.5.16, §12.5.3 and RFC 5789 §2.2: what the server would have accepted. */
  415: {
    readonly accept?: readonly string[]
    readonly acceptEncoding?: readonly string[]
    readonly acceptPatch?: readonly string[]
  }
  /**
   * RFC 9110 §15.5.17, §14.4: a 416 to a byte-range request SHOULD carry `Content-Range: bytes *\/<complete-length>`;
   * a 416 for another range unit has no length to give.
   */
  416: { readonly completeLength?: number }
  /** RFC 9110 §15.5.22: a 426 MUST carry `Upgrade`, most preferred protocol first. */
  426: { readonly upgrade: string | readonly string[] }
  /** RFC 6585 §4: `Retry-After` MAY say how long to wait. */
  429: { readonly retryAfter?: RetryAfter }
  /** RFC 7725 §4: a `Link` with `rel="blocked-by"` SHOULD identify the blocking entity. */
  451: { readonly blockedBy?: string }
  /** RFC 9110 §15.6.4: `Retry-After` MAY say how long the service will be unavailable. */
  503: { readonly retryAfter?: RetryAfter }
}

/** The header-producing inputs of status `S` (an empty object type for statuses that have none). */
export type StatusInputsOf<S extends number> = S extends keyof StatusInputs ? StatusInputs[S] : {}

/** One input field: the header it writes and how it formats the value. */
export interface InputRule {
  readonly header: string
  readonly required: boolean
  readonly format: (value: never) => string
}

/**
 * The runtime side of {@link StatusInputs}: one rule per field. The `satisfies` clause makes the compiler check
 * that every field in the interface has a rule here and that `required` matches the interface.
 */
export const statusInputs = {
  401: { challenge: { header: 'www-authenticate', required: true, format: formatChallenge } },
  405: { allow: { header: 'allow', required: true, format: (v: readonly string[]) => formatTokenList('allow', v) } },
  407: { challenge: { header: 'proxy-authenticate', required: true, format: formatChallenge } },
  413: { retryAfter: { header: 'retry-after', required: false, format: formatRetryAfter } },
  415: {
    accept: { header: 'accept', required: false, format: (v: readonly string[]) => formatMediaTypeList('accept', v) },
    acceptEncoding: {
      header: 'accept-encoding',
      required: false,
      format: (v: readonly string[]) => formatTokenList('acceptEncoding', v),
    },
    acceptPatch: {
      header: 'accept-patch',
      required: false,
      format: (v: readonly string[]) => formatMediaTypeList('acceptPatch', v),
    },
  },
  416: { completeLength: { header: 'content-range', required: false, format: formatUnsatisfiedRange } },
  426: {
    upgrade: {
      header: 'upgrade',
      required: true,
      format: (v: string | readonly string[]) => formatTokenList('upgrade', typeof v === 'string' ? [v] : v, true),
    },
  },
  429: { retryAfter: { header: 'retry-after', required: false, format: formatRetryAfter } },
  451: { blockedBy: { header: 'link', required: false, format: formatBlockedBy } },
  503: { retryAfter: { header: 'retry-after', required: false, format: formatRetryAfter } },
} as const satisfies {
  readonly [S in keyof StatusInputs]: {
    readonly [F in keyof StatusInputs[S]]-?: InputRule & { readonly required: {} extends Pick<StatusInputs[S], F> ? false : true }
  }
}

/**
 * The one fact behind `required`: the status registry's level for the header (rules.ts). A rule is required exactly
 * when the registry says MUST; the compiler checks every rule against it, so the two tables cannot disagree, and no
 * registry data reaches a bundle (a type-only import).
 */
type RegistryRequires<S, H extends string> = S extends keyof typeof statusRules
  ? H extends Lowercase<Extract<(typeof statusRules)[S]['headers'][number], { readonly level: 'must' }>['name']>
    ? true
    : false
  : false

/** True when every rule's `required` is the registry's; the alias below fails to compile otherwise. */
type RulesFollowRegistry = {
  [S in keyof typeof statusInputs]: {
    [F in keyof (typeof statusInputs)[S]]: (typeof statusInputs)[S][F] extends { readonly header: infer H extends string; readonly required: infer R }
      ? [R] extends [RegistryRequires<S, H>]
        ? [RegistryRequires<S, H>] extends [R]
          ? true
          : false
        : false
      : false
  }[keyof (typeof statusInputs)[S]]
}[keyof typeof statusInputs]

type MustBeTrue<T extends true> = T

/** Compiles only while every input rule agrees with the registry (see {@link RegistryRequires}). */
export type InputRulesAgreeWithRegistry = MustBeTrue<[RulesFollowRegistry] extends [true] ? true : false>

/**
 * Builds the headers an error of `status` demands from its init, in lower case, checking required inputs unless
 * `lenient` (the http-errors compatible `createError` path, which has no such inputs).
 */
export function headersFromInputs(
  status: number,
  init: object | undefined,
  lenient: boolean,
  cls: { readonly name: string },
): Record<string, string> | undefined {
  const rules = (statusInputs as Readonly<Record<number, Readonly<Record<string, InputRule>>>>)[status]
  if (rules === undefined) return undefined
  let headers: Record<string, string> | undefined
  for (const field in rules) {
    const rule = rules[field] as InputRule
    const value = init === undefined ? undefined : (init as Record<string, unknown>)[field]
    if (value === undefined) {
      if (rule.required && !lenient) {
        throw new TypeError(`${cls.name} needs \`${field}\`: a ${status} response must carry ${headerLabel(rule.header)}`)
      }
      continue
    }
    headers ??= {}
    headers[rule.header] = (rule.format as (v: unknown) => string)(value)
  }
  return headers
}

// --- internal ---

/** A lower-case header name in its usual spelling: `www-authenticate` → `WWW-Authenticate`. */
export function headerLabel(header: string): string {
  return header.replace(/(^|-)([a-z])/g, (_, dash: string, ch: string) => dash + ch.toUpperCase()).replace('Www', 'WWW')
}
