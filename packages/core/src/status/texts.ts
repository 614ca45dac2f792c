import { errorDescriptions, otherDescriptions, type Descriptions } from './descriptions'
import type { TableCode } from './table'
import { errorTitlesZh, otherTitlesZh } from './titles-zh'
import type { StatusRow } from './types'

/** The columns of a registry row that explain a status to a reader. */
export type StatusTexts = Pick<StatusRow, 'description' | 'zh'>

/** The codes of the table's 4xx and 5xx rows. */
export type ErrorTableCode = {
  [K in TableCode]: `${K}` extends `4${string}` | `5${string}` ? K : never
}[TableCode]

/**
 * Every row's words in the registry's shape, for `statuses` and `getStatus`: joined from the Chinese titles
 * (titles-zh.ts) and the descriptions (descriptions.ts), which are kept apart so that a renderer bundle takes the
 * titles without the descriptions. Typed by column, not as literals, so the declarations carry no second copy.
 */
export const statusTexts: { readonly [C in TableCode]: StatusTexts } = /* @__PURE__ */ joinTexts()

// --- internal ---

function joinTexts(): { readonly [C in TableCode]: StatusTexts } {
  const titles: Readonly<Record<number, string>> = { ...otherTitlesZh, ...errorTitlesZh }
  const descriptions: Readonly<Record<number, Descriptions>> = { ...otherDescriptions, ...errorDescriptions }
  const joined: Record<number, StatusTexts> = {}
  for (const [code, title] of Object.entries(titles)) {
    const words = descriptions[Number(code)] as Descriptions
    joined[Number(code)] = { description: words.en, zh: { title, description: words.zh } }
  }
  return joined as { readonly [C in TableCode]: StatusTexts }
}
