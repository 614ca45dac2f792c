import http from 'node:http'
import { createApp } from './app'

const port = Number(process.env.PORT ?? 3000)
const server = http.createServer(createApp()).listen(port, '127.0.0.1', () => {
  const base = `http://127.0.0.1:${port}`
  console.log(`http-problem node:http example listening on ${base}

Try:
  curl -i ${base}/users/42                                  # 404 problem+json with a detail
  curl -i ${base}/me                                        # 401 with WWW-Authenticate: Bearer …
  curl -i -X DELETE ${base}/reports/1                       # 405 with Allow: GET, HEAD
  curl -i -X POST ${base}/people -H 'content-type: application/json' -d '{"age":-1}'   # 422 with errors[]
  curl -i -X POST ${base}/people -H 'content-type: application/json' -d '{"age":'      # 400 for malformed JSON
  curl -i ${base}/boom                                      # 500 without the secret message
  curl -i ${base}/nowhere -H 'accept: application/problem+xml'                        # 404 as problem+xml
  curl -i ${base}/users/42 -H 'accept-language: zh-CN'      # Chinese title
  curl -I ${base}/nowhere                                   # HEAD: headers, no body
Open ${base}/users/42 in a browser for the HTML page.
Press Ctrl+C to stop.`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
