import { statusRules, type StatusRules } from './rules'
import { statusTable, type StatusTableRow } from './table'
import { statusTexts, type StatusTexts } from './texts'
import type { StatusRow } from './types'

/**
 * Every registered or reserved HTTP status code from 100 to 599, sorted by code: its RFC 9110 / IANA phrase, its
 * error class name, its rules and its descriptions. The columns are written down in `table.ts`, `rules.ts` and
 * `texts.ts`, so that an error class bundles only the first; this is where they meet.
 *
 * @example
 * const notFound = statuses.find((row) => row.code === 404)
 * notFound?.phrase // 'Not Found'
 * notFound?.className // 'NotFound'
 */
export const statuses: Registry = /* @__PURE__ */ joinRows()

/**
 * One row of the registry, with its literal types kept.
 *
 * @example
 * type NotFoundRow = Extract<StatusEntry, { code: 404 }> // NotFoundRow['phrase'] is 'Not Found'
 */
export type StatusEntry = (typeof statuses)[number]

/**
 * Every status code in the registry, as a union of number literals.
 *
 * @example
 * const ok: StatusCode = 404 // 509 would not compile: it was never registered
 */
export type StatusCode = StatusEntry['code']

/**
 * The registered 1xx codes.
 *
 * @example
 * const interim: InformationalStatus = 103
 */
export type InformationalStatus = CodesStartingWith<'1'>

/**
 * The registered 2xx codes.
 *
 * @example
 * const created: SuccessfulStatus = 201
 */
export type SuccessfulStatus = CodesStartingWith<'2'>

/**
 * The registered 3xx codes.
 *
 * @example
 * const moved: RedirectionStatus = 308
 */
export type RedirectionStatus = CodesStartingWith<'3'>

/**
 * The registered 4xx codes.
 *
 * @example
 * const missing: ClientErrorStatus = 404
 */
export type ClientErrorStatus = CodesStartingWith<'4'>

/**
 * The registered 5xx codes.
 *
 * @example
 * const down: ServerErrorStatus = 503
 */
export type ServerErrorStatus = CodesStartingWith<'5'>

/**
 * The registered 4xx and 5xx codes: the codes that have an error class.
 *
 * @example
 * function fail(status: ErrorStatus): never { throw new Error(String(status)) }
 */
export type ErrorStatus = ClientErrorStatus | ServerErrorStatus

/**
 * The http-errors class name of an error status.
 *
 * @example
 * type Name = ClassNameOf<404> // 'NotFound'
 */
export type ClassNameOf<S extends ErrorStatus> = Extract<StatusEntry, { code: S }>['className']

// --- internal ---

type CodesStartingWith<D extends string> = { [K in StatusCode]: `${K}` extends `${D}${string}` ? K : never }[StatusCode]

type Rules = typeof statusRules
type Texts = typeof statusTexts

/** One table row with its rules and texts, as one flat object type with every literal kept. */
type Joined<Row> = Row extends { readonly code: infer C extends keyof Rules & keyof Texts }
  ? { readonly [K in keyof (Row & Rules[C] & Texts[C])]: (Row & Rules[C] & Texts[C])[K] }
  : never

/** The registry tuple: the table's, row for row, joined (generic, so that the mapped type stays a tuple). */
type JoinAll<Rows extends readonly unknown[]> = { readonly [I in keyof Rows]: Joined<Rows[I]> }
type Registry = JoinAll<typeof statusTable>

function joinRows(): Registry {
  // Widened, or the compiler would spread every pairing of the literal row types.
  const table: readonly StatusTableRow[] = statusTable
  const rules: Readonly<Record<number, StatusRules>> = statusRules
  const texts: Readonly<Record<number, StatusTexts>> = statusTexts
  // Column order of a row: the table's, then the rules', then the texts'.
  const rows: StatusRow[] = table.map((row) => ({ ...row, ...rules[row.code], ...texts[row.code] }) as StatusRow)
  return rows as unknown as Registry
}
