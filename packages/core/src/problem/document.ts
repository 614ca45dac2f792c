import type { JsonValue } from '../util/json-value'

export type { JsonValue }

/** An RFC 9457 problem document with its members in wire order: type, title, status, detail, instance, then extensions. */
export interface ProblemDocument {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  readonly instance?: string
  readonly [extension: string]: JsonValue | undefined
}

/** What the HTML page shows besides the document. */
export interface PageContext {
  /** BCP 47 tag of the language the title and description are in, e.g. 'en' or 'zh-CN'. */
  readonly lang: string
  /** The status registry's one-sentence explanation of the status, in that language. */
  readonly description?: string
  /** Localised labels for the page chrome. */
  readonly labels: { readonly status: string; readonly details: string; readonly moreInfo: string }
}
