// Runs one benchmark file in a fresh `node` process and returns the JSON result line it prints.
import { spawn } from 'node:child_process'

/**
 * Spawns `node [flags] file` with `env` added, rejects on a non-zero exit or a missing result line.
 * `marker` is the prefix of the result line; anything else the child prints is passed through to stderr.
 */
export function runNodeFile(file, { flags = [], env = {}, marker, cwd, timeoutMs = 180_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, file], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const lines = stdout.split('\n')
      for (const line of lines) if (line !== '' && !line.startsWith(marker)) process.stderr.write(`${line}\n`)
      if (code !== 0) return reject(new Error(`${file} exited with ${signal ?? code}`))
      const result = lines.find((line) => line.startsWith(marker))
      if (result === undefined) return reject(new Error(`${file} printed no result line`))
      resolve(JSON.parse(result.slice(marker.length)))
    })
  })
}
