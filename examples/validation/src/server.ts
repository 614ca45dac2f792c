import { createApp } from './app'

const port = Number(process.env.PORT ?? 3000)
const server = createApp().listen(port, '127.0.0.1', () => {
  const base = `http://127.0.0.1:${port}`
  const json = "-H 'content-type: application/json'"
  console.log(`http-problem validation example listening on ${base}

Try:
  curl -i -X POST ${base}/people ${json} -d '{"name":"Ada","age":-1,"profile":{"color":"pink"}}'   # 422, errors[] from zod
  curl -i -X POST ${base}/orders ${json} -d '{"items":[{"sku":"abc","quantity":0}]}'                # 422, errors[] from ajv
  curl -i '${base}/people?limit=500'                                                                # 422, location: query
  curl -i ${base}/account/12345                                                                     # 403 out-of-credit, typed
  curl -i ${base}/account/12345 -H 'accept-language: zh-CN'                                         # the same, Chinese title
  curl -i ${base}/account/abc                                                                       # 422, location: path
  curl -i -X POST ${base}/people ${json} -d '{"name":'                                              # 400 from the JSON parser
  curl -s ${base}/openapi.json                                                                      # the OpenAPI 3.1 document
Press Ctrl+C to stop.`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
