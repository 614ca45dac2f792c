// prepack guard for every published package: only pnpm may pack or publish them.
// pnpm rewrites "workspace:^" dependencies to real versions and applies publishConfig.exports (which drops the
// workspace-only "@http-problem/source" condition); npm does neither, so its tarball would not install or would
// point bundlers at TypeScript sources that are not shipped.
const agent = process.env.npm_config_user_agent ?? ''
if (!agent.startsWith('pnpm/')) {
  console.error(
    `Refusing to pack ${process.env.npm_package_name ?? 'this package'} with ${agent.split(' ')[0] || 'an unknown client'}: ` +
      'use `npx -y pnpm@10 pack` or `npx -y pnpm@10 publish`, which rewrite workspace: ranges and the exports map.',
  )
  process.exit(1)
}
