import { createApp } from './app'

const port = Number(process.env.PORT ?? 3000)
const platform = process.env.PLATFORM === 'fastify' ? 'fastify' : 'express'
const app = await createApp(platform)
await app.listen(port, '127.0.0.1')
const base = `http://127.0.0.1:${port}`
console.log(`http-problem NestJS example (${platform} platform) listening on ${base}

Try:
  curl -i ${base}/users/42                                  # 404 problem+json with a detail
  curl -i ${base}/projects/7                                # 403 from ForbiddenException, errorCode as code
  curl -i -X POST ${base}/people -H 'content-type: application/json' -d '{"email":"x","age":-1,"address":{"city":"A"},"admin":true}'   # 400 with errors[] and pointers
  curl -i ${base}/boom                                      # 500 without the secret message, one log line
  curl -i ${base}/nowhere -H 'accept: application/problem+xml'                        # Nest's router 404 as problem+xml
  curl -I ${base}/nowhere                                   # HEAD: headers, no body
  curl ${base}/openapi.json                                 # the OpenAPI 3.1 document, problems from ApiProblemResponse
Open ${base}/users/42 in a browser for the HTML page. PLATFORM=fastify runs it on Nest's Fastify platform.
Press Ctrl+C to stop.`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void app.close().then(() => process.exit(0)))
}
