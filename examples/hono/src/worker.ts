// The fetch-handler version of the API in the shape Cloudflare Workers, Bun and Deno serve as it is:
//   bun run src/worker.ts · deno serve src/worker.ts · wrangler dev src/worker.ts
import { createFetchHandler } from './fetch-handler'

export default { fetch: createFetchHandler() }
