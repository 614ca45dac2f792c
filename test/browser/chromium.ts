// What the browser suites share: launching Debian's Chromium, and serving pages to it on loopback ports.
import { existsSync } from 'node:fs'
import http, { type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser } from 'playwright-core'

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** A server on an ephemeral loopback port. */
export interface Server {
  readonly origin: string
  readonly close: () => Promise<void>
}

/**
 * Launches Debian's Chromium with the flags this machine needs (docs: .library/env/machines/node.md). Playwright adds
 * --headless, --no-sandbox (chromiumSandbox: false) and a fresh temporary --user-data-dir itself. A missing browser
 * fails the tests: skipping would hide that the checks never ran.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need Debian's chromium. ` +
        '.ci/run installs it; elsewhere run `apt-get install chromium`, or set CHROMIUM_PATH to a Chromium binary.',
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Serves `listener` on an ephemeral loopback port. */
export async function listen(listener: RequestListener): Promise<Server> {
  const server = http.createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => closeServer(server),
  }
}

// --- internal ---

/** Closes a server, including the keep-alive and preconnected sockets Chromium holds open, which close() waits for. */
function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
