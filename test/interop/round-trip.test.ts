// Issue #7: every status, through every adapter, parsed back by parseProblem, gives an equal error.
import { createServer, get, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createError, parseProblem, statuses, type ErrorStatus, type HttpError } from '@http-problem/core'
import { adapters as frameworkAdapters } from '../support/adapters'
import { nestAdapters } from '../support/nest-adapters'

/** Every adapter, and Nest's filter on both of Nest's platforms. */
const adapters = [...frameworkAdapters, ...nestAdapters]

const errorStatuses = statuses.filter((row) => 'className' in row).map((row) => row.code as ErrorStatus)

/** The error each status throws: exposed, with a detail, an instance and extensions, so every member travels. */
function errorFor(status: ErrorStatus): HttpError {
  const error = createError(status, `detail of ${status}`, {
    expose: true,
    instance: `/occurrences/${status}`,
    extensions: { code: `E${status}`, tags: ['a', 'b'], nested: { n: status } },
  })
  return error
}

describe.each(adapters)('$name', (adapter) => {
  let server: Server
  let base: string
  beforeAll(async () => {
    server = createServer(adapter.mount({ thrown: (path) => errorFor(Number(path.slice(1)) as ErrorStatus) }))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it.each(errorStatuses)('gives back an equal %s error, JSON and XML', async (status) => {
    const original = errorFor(status)
    for (const accept of ['application/problem+json', 'application/problem+xml']) {
      const parsed = await parseProblem(await request(`${base}/${status}`, accept))
      expect(parsed.constructor).toBe(original.constructor)
      expect(parsed.status).toBe(original.status)
      expect(parsed.type).toBe(original.type)
      expect(parsed.title).toBe(original.title)
      expect(parsed.detail).toBe(original.detail)
      expect(parsed.instance).toBe(original.instance)
      // Issue 14: a well-formed `code` member comes back as the error's code (and stays an extension member).
      expect(parsed.code).toBe(`E${status}`)
      // RFC 9457 Appendix B: XML carries text only, so numbers come back as strings there.
      expect(parsed.extensions).toEqual(
        accept.endsWith('json') ? original.extensions : { code: `E${status}`, tags: ['a', 'b'], nested: { n: String(status) } },
      )
    }
  })
})

/**
 * A fetch Response built from a raw node:http exchange: fetch() itself turns a 407 into a network error (the Fetch
 * standard reserves it for proxies), and the round trip must cover every status.
 */
function request(url: string, accept: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { accept } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const headers = new Headers()
        for (const [name, value] of Object.entries(res.headers)) {
          for (const item of Array.isArray(value) ? value : [value ?? '']) headers.append(name, item)
        }
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers }))
      })
    }).on('error', reject)
  })
}
