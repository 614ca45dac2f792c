// Issue 14, part 2, over real sockets: an error's `code` survives the trip through a real Express app to
// parseProblem(), and with `Accept-Language: zh-CN` no text the library wrote itself reaches the client in English.
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BadRequest,
  createError,
  defineProblemType,
  parseProblem,
  ServiceUnavailable,
  validationProblem,
} from '@http-problem/core'
import { errorHandler } from '@http-problem/express'

const require = createRequire(import.meta.url)
const express5 = require('express5') as typeof import('express')

const OutOfCredit = defineProblemType<{ balance: number }>()({
  type: 'https://example.com/probs/out-of-credit',
  title: 'You do not have enough credit.',
  titles: { 'zh-CN': '您的余额不足。' },
  status: 403,
  code: 'E_CREDIT',
})

let base = ''
let close: () => Promise<void> = async () => {}

beforeAll(async () => {
  const app: Express = express5()
  app.set('env', 'test') // Express prints 5xx stacks unless env is test
  app.get('/users/42', () => {
    throw createError(404, 'No user 42', { code: 'E_USER' })
  })
  app.get('/credit', () => {
    throw new OutOfCredit({ balance: 30 }, { detail: 'Your balance is 30, but that costs 50.' })
  })
  app.get('/maintenance', () => {
    throw new ServiceUnavailable('replica db-7 down', { code: 'E_MAINTENANCE' })
  })
  app.get('/enoent', () => {
    throw Object.assign(new Error("ENOENT: no such file or directory, open '/srv/secret'"), { code: 'ENOENT', errno: -2 })
  })
  app.post('/orders', express5.json(), () => {
    throw new BadRequest('Order 7 has no lines.')
  })
  app.post('/validate', express5.json(), () => {
    throw validationProblem([{ detail: 'must be a positive integer', pointer: '#/age' }])
  })
  app.use(errorHandler({ traceId: false, log: false }))
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(() => resolve()))
  }
})

afterAll(() => close())

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(base + path, { headers: { accept: 'application/problem+json', ...headers } })
}

describe('code over the wire', () => {
  it('travels from createError props through Express to parseProblem', async () => {
    const response = await get('/users/42')
    expect(await response.clone().text()).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"detail":"No user 42","code":"E_USER"}',
    )
    const error = await parseProblem(response)
    expect(error.status).toBe(404)
    expect(error.code).toBe('E_USER')
    expect(error.detail).toBe('No user 42')
  })

  it('travels as the default code of a problem type, rebuilt as that type', async () => {
    const error = await parseProblem(await get('/credit'), { types: [OutOfCredit] })
    expect(error).toBeInstanceOf(OutOfCredit)
    expect(error.code).toBe('E_CREDIT')
    expect(error.extensions).toEqual({ code: 'E_CREDIT', balance: 30 })
  })

  it('is sent for a 5xx whose detail stays hidden', async () => {
    const response = await get('/maintenance')
    expect(response.status).toBe(503)
    expect(await response.clone().text()).toBe('{"type":"about:blank","title":"Service Unavailable","status":503,"code":"E_MAINTENANCE"}')
    expect((await parseProblem(response)).code).toBe('E_MAINTENANCE')
  })

  it('is never copied from a Node system error', async () => {
    const response = await get('/enoent')
    expect(await response.clone().text()).toBe('{"type":"about:blank","title":"Internal Server Error","status":500}')
    expect((await parseProblem(response)).code).toBeUndefined()
  })
})

describe('Accept-Language: zh-CN', () => {
  const zh = { 'accept-language': 'zh-CN', 'content-type': 'application/json' }

  it('gets a body-parser 400 with no English the library wrote', async () => {
    const response = await fetch(`${base}/orders`, { method: 'POST', headers: { accept: 'application/problem+json', ...zh }, body: '{"lines":' })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-language')).toBe('zh-CN')
    expect(await response.text()).toBe('{"type":"about:blank","title":"错误请求","status":400,"detail":"无法解析请求正文。"}')
  })

  it('gets a body-parser 400 as an HTML page entirely in Chinese', async () => {
    const response = await fetch(`${base}/orders`, { method: 'POST', headers: { accept: 'text/html', ...zh }, body: '{"lines":' })
    const html = await response.text()
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('<p class="detail" dir="auto">无法解析请求正文。</p>')
    const visible = html.replace(/<style>.*<\/style>/s, '').replace(/<[^>]+>/g, ' ')
    expect(visible.match(/[A-Za-z]{2,}/g) ?? []).toEqual([])
  })

  it('gets a validation 400/422 whose default detail is Chinese and whose issues stay as written', async () => {
    const response = await fetch(`${base}/validate`, { method: 'POST', headers: { accept: 'application/problem+json', ...zh }, body: '{}' })
    expect(response.status).toBe(422)
    expect(response.headers.get('content-language')).toBe('zh-CN')
    expect(await response.text()).toBe(
      '{"type":"about:blank","title":"无法处理的内容","status":422,"detail":"请求无效。","errors":[{"detail":"must be a positive integer","pointer":"#/age"}]}',
    )
  })

  it('keeps a detail the developer wrote as it is', async () => {
    const response = await fetch(`${base}/orders`, { method: 'POST', headers: { accept: 'application/problem+json', ...zh }, body: '{}' })
    expect(await response.text()).toBe('{"type":"about:blank","title":"错误请求","status":400,"detail":"Order 7 has no lines."}')
  })

  it('gets the same body-parser 400 in English without the header', async () => {
    const response = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: { accept: 'application/problem+json', 'content-type': 'application/json' },
      body: '{"lines":',
    })
    expect(response.headers.get('content-language')).toBe('en')
    expect(await response.text()).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request body could not be parsed."}',
    )
  })
})
