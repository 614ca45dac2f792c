import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

// One place that serves a test app on a real socket and closes it after the test: a test file that imports serve()
// gets the afterEach below registered once for all of its tests.

const servers: Server[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** Serves a listener on a free port of 127.0.0.1 until the end of the current test; resolves to the port. */
export async function serve(listener: RequestListener): Promise<number> {
  const server = createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** Closes a server the test started on its own (a framework's `app.server`) with the others after the test. */
export function closeAfterTest(server: Server): void {
  servers.push(server)
}
