// @http-problem/nest on the older Nest majors of its peer range: core and nest packed with pnpm, installed with npm
// into a project outside the workspace next to Nest 10 or 11 (CommonJS, where Nest 12 is ESM-only), both of its
// platforms and the @nestjs/swagger of that major, and one app served through the package's ESM and its CommonJS
// build on each platform.
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pnpm, root } from '../../scripts/pack.mjs'

const run = promisify(execFile)
/** The majors below the workspace's (Nest 12) that the peer range names. */
const majors = [10, 11] as const
/** The @nestjs/swagger majors that go with each Nest major: the first as `@nestjs/swagger`, others under aliases. */
const swaggerMajors = { 10: [7, 8], 11: [11] } as const

describe.each(majors)('Nest %i', (major) => {
  let project: string

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), `http-problem-nest${major}-`))
    cpSync(join(root, 'test', 'packaging', 'nest-major'), project, { recursive: true })
    for (const name of ['core', 'nest']) await pnpm(['pack', '--pack-destination', project], join(root, 'packages', name))
    const tarball = (name: string): string =>
      `file:${join(project, readdirSync(project).find((file) => file.startsWith(`http-problem-${name}-`)) as string)}`
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: `http-problem-nest${major}`,
        private: true,
        dependencies: {
          '@http-problem/core': tarball('core'),
          '@http-problem/nest': tarball('nest'),
          '@nestjs/common': `^${major}.0.0`,
          '@nestjs/core': `^${major}.0.0`,
          '@nestjs/platform-express': `^${major}.0.0`,
          '@nestjs/platform-fastify': `^${major}.0.0`,
          ...Object.fromEntries(
            swaggerMajors[major].map((swagger, i) => [i === 0 ? '@nestjs/swagger' : `swagger${swagger}`, `${i === 0 ? '' : 'npm:@nestjs/swagger@'}^${swagger}.0.0`]),
          ),
          'class-transformer': '^0.5.1',
          'class-validator': '^0.14.0',
          'reflect-metadata': '^0.2.0',
          rxjs: '^7.8.0',
        },
        overrides: { '@http-problem/core': tarball('core') },
      }),
    )
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, maxBuffer: 16 * 1024 * 1024 })
  }, 600_000)

  afterAll(() => rmSync(project, { recursive: true, force: true }), 120_000)

  it('is the major installed', async () => {
    const { stdout } = await run(process.execPath, ['-p', "require('@nestjs/core/package.json').version"], { cwd: project })
    expect(stdout.trim().split('.')[0]).toBe(String(major))
  })

  it.each([
    ['import', 'express'],
    ['require', 'express'],
    ['import', 'fastify'],
    ['require', 'fastify'],
  ])('answers as on Nest 12 with the package loaded by %s on the %s platform, and logs the 500 once', async (mode, platform) => {
    const { stdout } = await run(process.execPath, ['run.mjs', mode, platform], { cwd: project })
    const { answers, lines, swagger } = JSON.parse(stdout.trim()) as { answers: Record<string, unknown>; lines: string[]; swagger: unknown }
    const problem = (status: number, body: object) => ({ status, contentType: 'application/problem+json', body })
    expect(answers).toEqual({
      'GET /users/42': problem(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user with id 42' }),
      'GET /forbidden': problem(403, { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'No access' }),
      'GET /boom': problem(500, { type: 'about:blank', title: 'Internal Server Error', status: 500 }),
      'GET /nowhere': problem(404, { type: 'about:blank', title: 'Not Found', status: 404 }),
      'POST /people': problem(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request is not valid.',
        errors: [
          { detail: 'property admin should not exist', pointer: '#/admin' },
          { detail: 'email must be an email', pointer: '#/email' },
        ],
      }),
    })
    expect(lines).toEqual(['secret internals | TypeError: secret internals'])
    // ApiProblemResponse, read by this major's @nestjs/swagger.
    expect(swagger).toEqual(SWAGGER_ANSWER)
  }, 60_000)

  it.each(swaggerMajors[major].slice(1))('documents ApiProblemResponse with @nestjs/swagger %i too', async (swagger) => {
    const { stdout } = await run(process.execPath, ['run.mjs', 'import', 'express', `swagger${swagger}`], { cwd: project })
    expect((JSON.parse(stdout.trim()) as { swagger: unknown }).swagger).toEqual(SWAGGER_ANSWER)
  }, 60_000)
})

/** What each @nestjs/swagger major makes of `ApiProblemResponse([404, 405])` on the /users/42 operation. */
const SWAGGER_ANSWER = { statuses: ['404', '405'], allowRequired: true, example: { type: 'about:blank', title: 'Not Found', status: 404 } }
