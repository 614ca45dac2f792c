// Cross-origin, in a real browser: a page on one origin (127.0.0.1, one port) fetches an API on another
// (127.0.0.1, another port) built with each framework's usual CORS middleware (Express + cors, Koa + @koa/cors,
// Fastify + @fastify/cors, Hono + hono/cors, node:http + cors), whose routes throw 404 and 401. Chromium
// enforces CORS, and the page can still read the status, the Content-Type, the WWW-Authenticate challenge and the
// problem document, because the handler keeps the headers the CORS middleware set. Navigating to an error URL
// renders the HTML problem page, in English and in Chinese; screenshots of both go to test/artifacts/.
import { mkdirSync } from 'node:fs'
import type { RequestListener } from 'node:http'
import { fileURLToPath } from 'node:url'
import fastifyCors from '@fastify/cors'
import { getRequestListener } from '@hono/node-server'
import koaCors from '@koa/cors'
import cors from 'cors'
import express4 from 'express4'
import express5 from 'express5'
import { Hono } from 'hono'
import { cors as honoCors } from 'hono/cors'
import Koa2 from 'koa2'
import Koa3 from 'koa3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { htmlFormat, NotFound, Unauthorized, zhCN } from '@http-problem/core'
import * as expressAdapter from '@http-problem/express'
import { problemDetails } from '@http-problem/fastify'
import * as fetchAdapter from '@http-problem/fetch'
import * as koaAdapter from '@http-problem/koa'
import * as nodeAdapter from '@http-problem/node'
import { fastifyApp } from '../support/adapters'
import { launchChromium, listen, type Server } from './chromium'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

/** An API mounted with its framework's usual CORS middleware, allowing one origin. */
interface Api {
  readonly name: string
  readonly mount: (allowedOrigin: string) => RequestListener
  /** Screenshots are taken from one API only: the pages are the same bytes for all of them. */
  readonly screenshots?: boolean
}

const apis: readonly Api[] = [
  { name: 'Express 5 + cors', mount: expressApi(express5), screenshots: true },
  { name: 'Express 4 + cors', mount: expressApi(express4) },
  { name: 'Koa 3 + @koa/cors', mount: koaApi(Koa3) },
  { name: 'Koa 2 + @koa/cors', mount: koaApi(Koa2) },
  { name: 'Fastify 5 + @fastify/cors', mount: fastifyApi },
  { name: 'Hono 4 + hono/cors', mount: honoApi },
  { name: 'node:http + cors', mount: nodeApi },
]

const CHALLENGE = 'Bearer realm="api", error="invalid_token", error_description="The access token expired"'

let browser: Browser
/** The app's origin, which the APIs allow. */
let app: Server
/** A third origin, which no API allows. */
let stranger: Server
// Pages are opened once and reused by every API (a new page costs a renderer process).
/** The app's page, which fetches from the APIs. */
let appPage: Page
/** A page on the stranger origin. */
let strangerPage: Page
/** Tabs that open error URLs directly, as someone following a link would: English and Chinese. */
let englishTab: Page
let chineseTab: Page

/** Why the browser could not start: every test then fails with it, rather than being skipped. */
let launchError: unknown

beforeAll(async () => {
  const page: RequestListener = (_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8')
    res.end('<!doctype html><html lang="en"><title>App</title><p>The app</p></html>')
  }
  app = await listen(page)
  stranger = await listen(page)
  try {
    browser = await launchChromium()
  } catch (error) {
    launchError = error
    return
  }
  const english = await browser.newContext({ locale: 'en-US', viewport: { width: 800, height: 600 } })
  const chinese = await browser.newContext({ locale: 'zh-CN', viewport: { width: 800, height: 600 } })
  ;[appPage, strangerPage, englishTab, chineseTab] = await Promise.all([
    english.newPage(),
    english.newPage(),
    english.newPage(),
    chinese.newPage(),
  ])
  await Promise.all([appPage.goto(`${app.origin}/`), strangerPage.goto(`${stranger.origin}/`)])
})

beforeEach(() => {
  if (launchError !== undefined) throw launchError
})

afterAll(async () => {
  await browser?.close()
  await app?.close()
  await stranger?.close()
})

describe.each(apis)('$name on another origin', ({ mount, screenshots }) => {
  let api: Server

  beforeAll(async () => {
    api = await listen(mount(app.origin))
  })
  afterAll(() => api?.close())

  it('lets the page read the status and problem document of a 404', async () => {
    const res = await fetchFrom(appPage, `${api.origin}/api/orders/7`)
    expect(res).toEqual({
      crossOrigin: true,
      status: 404,
      contentType: 'application/problem+json',
      contentLanguage: 'en',
      challenge: null,
      body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such order' },
    })
  })

  it('lets the page read the status, challenge and problem document of a 401, after a preflight', async () => {
    // Authorization is not a CORS-safelisted header: Chromium sends a preflight OPTIONS first.
    const res = await fetchFrom(appPage, `${api.origin}/api/me`, { authorization: 'Bearer expired' })
    expect(res).toEqual({
      crossOrigin: true,
      status: 401,
      contentType: 'application/problem+json',
      contentLanguage: 'en',
      challenge: CHALLENGE,
      body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The access token expired' },
    })
  })

  it("lets the page read notFound()'s 404 for an unmatched path, in the language it asked for", async () => {
    const res = await fetchFrom(appPage, `${api.origin}/api/nothing-here`, { 'accept-language': 'zh-CN' })
    expect(res).toEqual({
      crossOrigin: true,
      status: 404,
      contentType: 'application/problem+json',
      contentLanguage: 'zh-CN',
      challenge: null,
      body: { type: 'about:blank', title: '未找到', status: 404 },
    })
  })

  it('keeps the response from an origin the CORS policy does not allow', async () => {
    const outcome = await strangerPage.evaluate(async (url) => {
      try {
        await fetch(url)
        return 'read'
      } catch (error) {
        return (error as Error).name
      }
    }, `${api.origin}/api/orders/7`)
    expect(outcome).toBe('TypeError')
  })

  it.each([
    { language: 'English', tab: () => englishTab, lang: 'en', title: 'Not Found', file: 'problem-page.png' },
    { language: 'Chinese', tab: () => chineseTab, lang: 'zh-CN', title: '未找到', file: 'problem-page-zh-CN.png' },
  ])('renders the HTML problem page when the error URL is opened, in $language', async ({ tab, lang, title, file }) => {
    const response = await tab().goto(`${api.origin}/api/orders/7`)
    expect(response?.status()).toBe(404)
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8')
    // One read of the DOM as loaded (Playwright's selector methods would wait for elements that are missing).
    const shown = await tab().evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelector('h1')?.textContent,
      detail: document.querySelector('.detail')?.textContent,
      scripts: document.scripts.length,
    }))
    expect(shown).toEqual({ lang, h1: title, detail: 'No such order', scripts: 0 })
    if (screenshots) {
      mkdirSync(ARTIFACTS, { recursive: true })
      await tab().screenshot({ path: `${ARTIFACTS}${file}`, fullPage: true })
    }
  })
})

// --- internal ---

/** What the page could read of a cross-origin response. */
interface Read {
  readonly crossOrigin: boolean
  readonly status: number
  readonly contentType: string | null
  readonly contentLanguage: string | null
  readonly challenge: string | null
  readonly body: unknown
}

/** Runs fetch() inside the page, so that Chromium applies CORS exactly as it would for the app's own script. */
function fetchFrom(page: Page, url: string, headers: Record<string, string> = {}): Promise<Read> {
  return page.evaluate(
    async ({ url, headers }) => {
      const res = await fetch(url, { headers })
      return {
        crossOrigin: new URL(url).origin !== location.origin,
        status: res.status,
        contentType: res.headers.get('content-type'),
        contentLanguage: res.headers.get('content-language'),
        challenge: res.headers.get('www-authenticate'),
        body: (await res.json()) as unknown,
      }
    },
    { url, headers },
  )
}

/** The routes every API serves: a 404 with a detail, a 401 with a challenge, and notFound() for the rest. */
function thrownFor(path: string): Error | undefined {
  if (path.startsWith('/api/orders/')) return new NotFound('No such order')
  if (path === '/api/me') {
    return new Unauthorized('The access token expired', {
      challenge: {
        scheme: 'Bearer',
        params: { realm: 'api', error: 'invalid_token', error_description: 'The access token expired' },
      },
    })
  }
  return undefined
}

function expressApi(express: typeof express4 | typeof express5) {
  return (allowedOrigin: string): RequestListener => {
    const app = express()
    app.disable('x-powered-by')
    app.use(cors({ origin: allowedOrigin, exposedHeaders: ['WWW-Authenticate'] }))
    // A plain middleware rather than a route: Express 4 and 5 spell wildcards differently.
    app.use((req, _res, next) => next(thrownFor(req.path)))
    app.use(expressAdapter.notFound())
    app.use(expressAdapter.errorHandler())
    return app as unknown as RequestListener
  }
}

function koaApi(Koa: typeof Koa2 | typeof Koa3) {
  return (allowedOrigin: string): RequestListener => {
    const app = new Koa()
    app.silent = true
    app.on('error', () => {})
    app.use(koaAdapter.errorHandler())
    app.use(koaCors({ origin: allowedOrigin, exposeHeaders: ['WWW-Authenticate'] }))
    app.use(async (ctx, next) => {
      const error = thrownFor(ctx.path)
      if (error !== undefined) throw error
      await next()
    })
    app.use(koaAdapter.notFound())
    return app.callback()
  }
}

function fastifyApi(allowedOrigin: string): RequestListener {
  const { app, listener } = fastifyApp()
  void app.register(fastifyCors, { origin: allowedOrigin, exposedHeaders: ['WWW-Authenticate'] })
  void app.register(problemDetails)
  app.get('/api/*', (request, reply) => {
    const error = thrownFor(request.url.split('?', 1)[0] as string)
    if (error !== undefined) throw error
    return reply.callNotFound()
  })
  return listener
}

function honoApi(allowedOrigin: string): RequestListener {
  const app = new Hono()
  app.use('*', honoCors({ origin: allowedOrigin, exposeHeaders: ['WWW-Authenticate'] }))
  app.use('*', async (c, next) => {
    const error = thrownFor(c.req.path)
    if (error !== undefined) throw error
    await next()
  })
  // The fetch adapter renders JSON and English only unless given more; this app serves a browser in two languages,
  // so it offers the page and Chinese.
  const options = { formats: [htmlFormat], locales: { 'zh-CN': zhCN } }
  app.onError(fetchAdapter.errorHandler(options))
  app.notFound(fetchAdapter.notFound(options))
  return getRequestListener(fetchAdapter.withProblems(app.fetch, options))
}

function nodeApi(allowedOrigin: string): RequestListener {
  // node:http has no middleware of its own; the cors package is a plain (req, res, next) function. It answers a
  // preflight itself and never calls next.
  const allow = cors({ origin: allowedOrigin, exposedHeaders: ['WWW-Authenticate'] })
  return nodeAdapter.errorHandler(async (req, res) => {
    await new Promise<void>((resolve) => allow(req, res, () => resolve()))
    const error = thrownFor(new URL(req.url ?? '/', 'http://localhost').pathname)
    if (error !== undefined) throw error
    return nodeAdapter.notFound()(req, res)
  })
}
