// Prints, for a few typical errors, the exact response @http-problem/core plans: status line, headers, body.
import {
  InternalServerError,
  MethodNotAllowed,
  NotFound,
  TooManyRequests,
  Unauthorized,
  UnprocessableContent,
  getStatus,
  planResponse,
  resolveOptions,
  textFormat,
  zhCN,
  type RequestView,
} from '@http-problem/core'

// Core renders JSON in English unless given more; plain text and Simplified Chinese are added here for the terminal
// and the Chinese browser below (the Node adapters offer both by default, see docs/rendering.md#defaults-per-host).
const options = resolveOptions({
  typeBase: 'https://example.com/probs/',
  instanceFromPath: true,
  formats: [textFormat],
  locales: { 'zh-CN': zhCN },
})

const cases: ReadonlyArray<{ readonly label: string; readonly thrown: unknown; readonly request: RequestView }> = [
  { label: 'curl asks for a missing user', thrown: new NotFound('No user with id 42'), request: get('/users/42', '*/*') },
  {
    label: 'a client without a valid token',
    thrown: new Unauthorized('The access token expired', {
      challenge: { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } },
    }),
    request: get('/me', 'application/json'),
  },
  { label: 'DELETE on a read-only resource', thrown: new MethodNotAllowed({ allow: ['GET', 'HEAD'] }), request: get('/reports/1', '*/*', 'DELETE') },
  { label: 'a client over its rate limit', thrown: new TooManyRequests('Slow down', { retryAfter: 30 }), request: get('/search', '*/*') },
  {
    label: 'a form with two invalid fields (RFC 9457 validation example)',
    thrown: new UnprocessableContent({
      type: 'validation-error',
      title: 'Your request is not valid.',
      extensions: {
        errors: [
          { detail: 'must be a positive integer', pointer: '#/age' },
          { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
        ],
      },
    }),
    request: get('/people', 'application/problem+json'),
  },
  {
    label: 'a bug: the database password must not leak',
    thrown: new InternalServerError('connect ECONNREFUSED db:5432 password=hunter2'),
    request: get('/orders?token=secret', '*/*'),
  },
  { label: 'a Chinese browser opens a missing page', thrown: new NotFound(), request: get('/nope', 'text/plain', 'GET', 'zh-CN,zh;q=0.9') },
]

for (const { label, thrown, request } of cases) {
  const plan = planResponse(thrown, request, options)
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${String(value)}`)
  console.log(`\n# ${label}\n> ${request.method} ${request.path}  (${headers.join('; ')})`)
  console.log(`HTTP/1.1 ${plan.status} ${getStatus(plan.status)?.phrase ?? ''}`)
  for (const [name, value] of Object.entries(plan.headers)) console.log(`${name}: ${value}`)
  console.log(`\n${plan.body}`)
}

function get(path: string, accept: string, method = 'GET', acceptLanguage?: string): RequestView {
  return { method, path, headers: acceptLanguage === undefined ? { accept } : { accept, 'accept-language': acceptLanguage } }
}
