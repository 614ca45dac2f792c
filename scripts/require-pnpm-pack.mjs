// prepack guard for every published package: only pnpm may pack or publish them.
// pnpm rewrites "workspace:^" dependencies to real versions and applies publishConfig.exports (which drops the
// workspace-only "@http-problem/source" condition); npm does neither, so its tarball would not install or would
// point bundlers at TypeScript sources that are not shipped.
// npm sets npm_execpath to its own CLI for every script it runs, while a user agent inherited from an outer pnpm
// (`npm pack` inside a pnpm script) survives as npm configuration, so the path is what tells the clients apart.
const agent = process.env.npm_config_user_agent ?? ''
const execPath = process.env.npm_execpath ?? ''
if (!agent.startsWith('pnpm/') || !/pnpm/.test(execPath.split(/[\\/]/).pop() ?? '')) {
  console.error(
    `Refusing to pack ${process.env.npm_package_name ?? 'this package'} with ${/pnpm/.test(execPath) ? agent.split(' ')[0] : 'npm'}: ` +
      'use `npx -y pnpm@10 pack` or `npx -y pnpm@10 publish`, which rewrite workspace: ranges and the exports map.',
  )
  process.exit(1)
}
