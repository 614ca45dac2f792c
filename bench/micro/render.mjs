// Rendering a 404: the full plan (negotiation, document, body, headers) for a browser and for curl, against
// JSON.stringify of the same problem object.
import { do_not_optimize } from 'mitata'
import { NotFound, planResponse, resolveOptions } from '@http-problem/core'
import { runGroup } from './harness.mjs'

/** Chrome's Accept header for a top-level navigation. */
const CHROME_ACCEPT = [
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8',
  'application/signed-exchange;v=b3;q=0.7',
].join(',')

const resolved = resolveOptions() // once per app, as adapters do
const error = new NotFound()
const browser = { method: 'GET', headers: { accept: CHROME_ACCEPT, 'accept-language': 'en-US,en;q=0.9' } }
const curl = { method: 'GET', headers: { accept: '*/*', 'accept-language': 'en-US,en;q=0.9' } }
const problem = { type: 'about:blank', title: 'Not Found', status: 404 }

// Guard against measuring the wrong thing: the browser case must render HTML and curl's must render JSON.
expectContentType(planResponse(error, browser, resolved), 'text/html; charset=utf-8')
expectContentType(planResponse(error, curl, resolved), 'application/problem+json')

await runGroup('render', [
  { name: 'planResponse, browser Accept (HTML)', fn: () => do_not_optimize(planResponse(error, browser, resolved)) },
  { name: 'planResponse, curl */* (JSON)', fn: () => do_not_optimize(planResponse(error, curl, resolved)) },
  { name: 'JSON.stringify(problem)', fn: () => do_not_optimize(JSON.stringify(problem)) },
])

// --- internal ---

function expectContentType(plan, expected) {
  const actual = plan.headers['content-type']
  if (actual !== expected) throw new Error(`expected ${expected}, got ${actual}`)
}
