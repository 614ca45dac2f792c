import { expect, it } from 'vitest'

// CI runs the suite once per Node major and sets EXPECT_NODE_MAJOR, so a PATH mistake cannot go unnoticed.
it('runs on the Node version CI asked for', () => {
  const expected = process.env.EXPECT_NODE_MAJOR ?? process.versions.node.split('.')[0]
  expect(process.versions.node.split('.')[0]).toBe(expected)
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20)
})
