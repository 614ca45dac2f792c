// node:http with no framework, writing fixed problem+json 404 bytes: the ceiling for any 404 on this machine.
import { serve } from '../serve.mjs'

const body = Buffer.from('{"type":"about:blank","title":"Not Found","status":404}')
const headers = { 'content-type': 'application/problem+json', 'content-length': String(body.length) }

serve((req, res) => {
  res.writeHead(404, headers)
  res.end(body)
})
