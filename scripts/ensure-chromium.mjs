// Makes sure the browser tests (test/browser) have Debian's Chromium, so that the README's one test command works
// on a fresh machine: when /usr/bin/chromium (or $CHROMIUM_PATH) is missing and we are root on a Debian-like system,
// it installs `chromium` and a CJK font (for the zh-CN screenshot) with apt-get. Otherwise it says what to do.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const font = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
const missing = [...(existsSync(chromium) ? [] : ['chromium']), ...(existsSync(font) ? [] : ['fonts-wqy-microhei'])]

if (missing.length === 0) process.exit(0)
if (process.env.CHROMIUM_PATH !== undefined && !existsSync(chromium)) {
  console.error(`CHROMIUM_PATH=${chromium} does not exist; point it at a Chromium binary.`)
  process.exit(1)
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(`The browser tests need ${missing.join(' and ')}: run \`apt-get install ${missing.join(' ')}\` as root, or set CHROMIUM_PATH.`)
  process.exit(existsSync(chromium) ? 0 : 1)
}
console.log(`installing ${missing.join(', ')} from Debian for the browser tests`)
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
try {
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, stdio: ['ignore', 'ignore', 'pipe'] })
} catch (error) {
  console.error(String(error.stderr ?? error))
  console.error(`Installing ${missing.join(', ')} failed: the browser tests cannot run without Chromium.`)
  process.exit(1)
}
if (!existsSync(chromium)) {
  console.error(`${chromium} is still missing after the install.`)
  process.exit(1)
}
