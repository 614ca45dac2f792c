import { nodeFrameworkErrors } from '../error/node-framework-errors'
import { zhCN } from '../problem/locale'
import { allFormats } from './every-format'
import type { ProblemOptions } from './options'

/**
 * The defaults of the Node adapters (Express, Koa, Fastify, node, NestJS), where bundle size does not matter: every
 * format (`everyFormat`), Simplified Chinese (`zhCN`) besides English, and the errors of Node frameworks
 * (`nodeFrameworkErrors`). Core and the fetch adapter leave them out; spread them in to get the same responses.
 *
 * @example
 * export default { fetch: withProblems(handler, { ...nodeDefaults, typeBase: 'https://example.com/probs/' }) }
 */
export const nodeDefaults: ProblemOptions = {
  formats: /* @__PURE__ */ allFormats(),
  locales: { 'zh-CN': zhCN },
  foreignErrors: [nodeFrameworkErrors],
}
