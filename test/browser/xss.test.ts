// The HTML problem page in a real browser: Debian's Chromium, driven by playwright-core, opens error pages whose
// detail, title and extensions carry script payloads, for every adapter, and nothing runs: no dialog, no console
// message, no page error, no `window.__pwned`, no request besides the page itself, no request to the canary
// server the payloads point at, no <script> element. The payloads are visible as text, the CSP header is present
// and allows exactly the page's stylesheet. Every page is opened twice: once as sent, and once with the CSP
// bypassed, so the escaping alone is shown to hold. docs/security.md lists what this proves.
import { createHash } from 'node:crypto'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  BadRequest,
  Conflict,
  Forbidden,
  InternalServerError,
  UnprocessableContent,
  type HttpError,
} from '@http-problem/core'
import { adapters } from '../support/adapters'
import { launchChromium, listen } from './chromium'

/** What Chromium's own navigation sends; the page is the text/html representation. */
const HTML_CONTENT_TYPE = 'text/html; charset=utf-8'

/** Every element the page may contain; a payload that became markup would add another. */
const PAGE_ELEMENTS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'p', 'h2', 'pre', 'a'])

let browser: Browser
/** Pages as served, CSP enforced. */
let enforced: { page: Page; events: Events }
/** The same pages with the CSP switched off: only the escaping stands between a payload and the DOM. */
let bypassed: { page: Page; events: Events }
const canary = { origin: '', hits: [] as string[], close: async () => {} }

/** Why the browser could not start: every test then fails with it, rather than being skipped. */
let launchError: unknown

beforeAll(async () => {
  Object.assign(canary, await startCanary())
  try {
    browser = await launchChromium()
  } catch (error) {
    launchError = error
    return
  }
  enforced = await preparePage(await browser.newContext())
  bypassed = await preparePage(await browser.newContext({ bypassCSP: true }))
})

beforeEach(() => {
  if (launchError !== undefined) throw launchError
})

afterAll(async () => {
  await browser?.close()
  await canary.close()
})

describe.each(adapters)('$name, HTML page in Chromium', (adapter) => {
  let origin: string
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ origin, close } = await listen(adapter.mount({ thrown: (path) => errorFor(path) })))
  })
  afterAll(() => close?.())

  it('runs no script from payloads in the detail', async () => {
    const visit = await openTwice(`${origin}/detail`)
    expect(visit.status).toBe(400)
    expect(visit.detail).toBe(payloads().join('\n'))
  })

  it('runs no script from payloads in a custom title', async () => {
    const visit = await openTwice(`${origin}/title`)
    expect(visit.status).toBe(403)
    const title = payloads().join(' ')
    expect(visit.h1).toBe(title)
    expect(visit.documentTitle).toBe(`403 ${title}`)
  })

  it('runs no script from payloads in nested extensions and arrays', async () => {
    const visit = await openTwice(`${origin}/extensions`)
    expect(visit.status).toBe(422)
    expect(JSON.parse(visit.pre ?? 'null')).toEqual(extensions())
  })

  it('runs no script from an exposed 500', async () => {
    const visit = await openTwice(`${origin}/server`)
    expect(visit.status).toBe(500)
    expect(visit.h1).toBe(payloads()[0])
    expect(visit.detail).toBe(payloads().join('\n'))
    expect(JSON.parse(visit.pre ?? 'null')).toEqual({ payloads: payloads() })
  })

  it.each(['javascript', 'data'])('links no %s: problem type', async (scheme) => {
    const visit = await openTwice(`${origin}/${scheme}-type`)
    expect(visit.status).toBe(409)
    expect(visit.links).toEqual([])
    expect(visit.h1).toBe(`A ${scheme}: type`)
  })

  it('links an https problem type with rel="noreferrer"', async () => {
    const visit = await openTwice(`${origin}/https-type`)
    expect(visit.status).toBe(409)
    expect(visit.links).toEqual([{ href: new URL(HTTPS_TYPE).href, rel: 'noreferrer', text: 'More about this problem' }])
  })

  it('does not show a payload in the path of an unmatched URL', async () => {
    const visit = await openTwice(`${origin}/unmatched/%3Cscript%3Ewindow.__pwned=1%3C/script%3E`)
    expect(visit.status).toBe(404)
    expect(visit.h1).toBe('Not Found')
    expect(visit.body).not.toMatch(/unmatched|script|pwned/)
  })
})

describe('the canary server', () => {
  it('received no request from any page', () => {
    expect(canary.hits).toEqual([])
  })
})

// --- internal ---

const HTTPS_TYPE = "https://errors.example.test/probs/out-of-stock?lang=en&ref='x'"

/** Script payloads, each trying a different way out of a text node, an attribute or the page's <title>. */
function payloads(): string[] {
  const c = canary.origin
  const bare = c.replace(/^http:/, '')
  return [
    '<script>window.__pwned=1</script>',
    `<script src="${c}/script.js"></script>`,
    '<img src=x onerror="window.__pwned=1">',
    `<img src="${c}/img.png" onerror=alert(1)>`,
    '"><svg onload=window.__pwned=1>',
    "'><svg/onload=alert(document.domain)>",
    '</title><script>window.__pwned=1</script>',
    '</p></main><script>alert(1)</script>',
    '</pre><script>window.__pwned=1</script>',
    '<a href="javascript:window.__pwned=1">click</a>',
    'javascript:alert(1)',
    `<style>@import url(${bare}/import.css)</style>`,
    `<link rel=stylesheet href="${c}/link.css">`,
    `<meta http-equiv="refresh" content="0;url=${c}/refresh">`,
    `<base href="${c}/base/">`,
    `<iframe srcdoc="<script>parent.__pwned=1</script>" src="${c}/frame"></iframe>`,
    `<form action="${c}/form"><button>go</button></form>`,
    `<script>fetch('${c}/fetch')</script>`,
    '<!--',
    '<![CDATA[ ]]>',
    '&lt;script&gt;window.__pwned=1&lt;/script&gt;',
  ]
}

function extensions(): Record<string, unknown> {
  const all = payloads()
  return {
    errors: all.map((message, index) => ({ field: `field${index}`, message })),
    nested: { deeper: { list: [all.slice(0, 4), { html: all[0] }] } },
    [all[0] as string]: all[4],
  }
}

/** The route: the path names the error. */
function errorFor(path: string): HttpError {
  const all = payloads()
  switch (path) {
    case '/detail':
      return new BadRequest(all.join('\n'))
    case '/title':
      return new Forbidden('Custom title', { type: 'https://errors.example.test/probs/forbidden', title: all.join(' ') })
    case '/extensions':
      return new UnprocessableContent('Check the fields', { extensions: extensions() })
    case '/server':
      return new InternalServerError(all.join('\n'), {
        expose: true,
        type: 'https://errors.example.test/probs/server',
        title: all[0],
        extensions: { payloads: all },
      })
    case '/javascript-type':
      return new Conflict('A type that is a script', { type: 'javascript:alert(1)', title: 'A javascript: type' })
    case '/data-type':
      return new Conflict('A type that is a document', {
        type: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
        title: 'A data: type',
      })
    case '/https-type':
      return new Conflict('Out of stock', { type: HTTPS_TYPE, title: 'Out of stock' })
    default:
      return new BadRequest('Unknown test route')
  }
}

/** What one page load showed. */
interface Visit {
  readonly status: number
  readonly body: string
  readonly h1: string | null
  readonly detail: string | null
  readonly pre: string | null
  readonly documentTitle: string
  readonly links: readonly { href: string | null; rel: string; text: string | null }[]
}

/** Everything a page reported during one visit. */
interface Events {
  /** Every URL opened in the page so far. */
  readonly opened: Set<string>
  dialogs: string[]
  messages: string[]
  requests: string[]
  canaryCalls: unknown[]
}

/**
 * One page per context, reused for every visit (a new page costs a renderer process): listeners record into the
 * events of the current visit.
 */
async function preparePage(context: BrowserContext): Promise<{ page: Page; events: Events }> {
  const page = await context.newPage()
  // The browser asks for /favicon.ico on its own, sometimes after the visit's server closed; answer it here so it
  // can never log a refused connection into the next visit's console.
  await page.route((url) => isFavicon(url.href), (route) => route.fulfill({ status: 204, body: '' }))
  const events: Events = { opened: new Set(), dialogs: [], messages: [], requests: [], canaryCalls: [] }
  page.on('dialog', (dialog) => {
    events.dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    // Chromium logs the error status of every page opened here (they are all errors), and of the favicon it asks
    // the same server for, possibly after the next visit began; any other message counts.
    const { url } = message.location()
    const ownStatus = /^Failed to load resource: the server responded with a status of \d{3}\b/.test(message.text())
    if (ownStatus && (events.opened.has(url) || isFavicon(url))) return
    events.messages.push(`${message.type()}: ${message.text()} (${url})`)
  })
  page.on('pageerror', (error) => events.messages.push(`pageerror: ${error.message}`))
  page.on('request', (request) => {
    // The browser's own favicon request is not the page's doing: a payload's requests would go to the canary.
    if (!isFavicon(request.url())) events.requests.push(request.url())
  })
  // A binding a payload could call; the payloads use window.__pwned, this catches anything cleverer.
  await page.exposeFunction('__canary', (value: unknown) => events.canaryCalls.push(value))
  return { page, events }
}

/**
 * Opens a URL in both contexts at once, CSP enforced and bypassed, checks both visits, and returns what the page
 * shows, which must be the same in both.
 */
async function openTwice(url: string): Promise<Visit> {
  const [asSent, withoutCsp] = await Promise.all([open('enforced', url), open('bypassed', url)])
  expect(withoutCsp, 'the page looks the same without its CSP').toEqual(asSent)
  return asSent
}

/**
 * Opens a URL and checks everything that would show a script ran or a payload became markup, then returns what
 * the page shows.
 */
async function open(csp: 'enforced' | 'bypassed', url: string): Promise<Visit> {
  try {
    return await inspect(csp === 'enforced' ? enforced : bypassed, url)
  } catch (error) {
    if (error instanceof Error) error.message = `[CSP ${csp}] ${error.message}`
    throw error
  }
}

async function inspect({ page, events }: { page: Page; events: Events }, url: string): Promise<Visit> {
  events.dialogs = []
  events.messages = []
  events.requests = []
  events.canaryCalls = []
  const { dialogs, messages, requests, canaryCalls } = events
  events.opened.add(url)
  const response = await page.goto(url)
  if (response === null) throw new Error(`no response for ${url}`)
  expect((await response.request().allHeaders()).accept).toMatch(/^text\/html,/)
  const headers = await response.allHeaders()
  expect(headers['content-type']).toBe(HTML_CONTENT_TYPE)

  const seen = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'))
    return {
      pwned: (window as { __pwned?: unknown }).__pwned,
      scripts: document.scripts.length,
      elements: Array.from(new Set(all.map((element) => element.localName))),
      handlers: all.flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith('on'))),
      styles: Array.from(document.querySelectorAll('style'), (style) => style.textContent ?? ''),
      lang: document.documentElement.lang,
      url: location.href,
      documentTitle: document.title,
      body: document.body.textContent ?? '',
      h1: document.querySelector('h1')?.textContent ?? null,
      detail: document.querySelector('.detail')?.textContent ?? null,
      pre: document.querySelector('pre')?.textContent ?? null,
      links: Array.from(document.querySelectorAll('a'), (a) => ({ href: a.getAttribute('href'), rel: a.rel, text: a.textContent })),
    }
  })

  expect(seen.url, 'the page navigated away').toBe(url)
  expect(seen.pwned).toBeUndefined()
  expect(seen.scripts).toBe(0)
  expect(seen.handlers).toEqual([])
  expect(seen.elements.filter((name) => !PAGE_ELEMENTS.has(name))).toEqual([])
  expect(seen.lang).toBe('en')
  expect(dialogs).toEqual([])
  expect(messages).toEqual([])
  expect(canaryCalls).toEqual([])
  expect(requests).toEqual([url])
  expect(canary.hits).toEqual([])

  // The CSP allows exactly the one stylesheet the page carries, by hash, and no script at all.
  expect(seen.styles).toHaveLength(1)
  const hash = createHash('sha256').update(seen.styles[0] as string).digest('base64')
  const policy = headers['content-security-policy'] ?? ''
  expect(policy.split(/;\s*/)).toEqual([
    "default-src 'none'",
    `style-src 'sha256-${hash}'`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ])
  expect(headers['x-content-type-options']).toBe('nosniff')
  return { status: response.status(), ...seen }
}

function isFavicon(url: string): boolean {
  return /^http:\/\/127\.0\.0\.1:\d+\/favicon\.ico$/.test(url)
}

/** A server that payloads point at: any request it receives means a payload was loaded or run. */
async function startCanary(): Promise<{ origin: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = []
  const server = await listen((req, res) => {
    hits.push(`${req.method} ${req.url}`)
    res.end()
  })
  return { ...server, hits }
}
