// Runs `npm ci --no-audit --no-fund` unless node_modules was installed by this script from this
// very package-lock.json on this platform; `node scripts/npm-ci.mjs always` forces it.
// The stamp lives inside node_modules, so deleting node_modules (or a fresh clone) always installs.

import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const STAMP = 'node_modules/.helan-npm-ci-stamp'
const expected = `${process.platform}-${process.arch}\n${readFileSync('package-lock.json', 'utf8')}`
const always = process.argv.includes('always')

const upToDate =
  !always &&
  existsSync(STAMP) &&
  existsSync('node_modules/.bin/vite') &&
  existsSync('node_modules/.bin/vitest') &&
  readFileSync(STAMP, 'utf8') === expected

if (upToDate) {
  console.log('[hmi-web] node_modules matches package-lock.json: npm ci skipped (-Dhelan.npm.ci=always forces it)')
  process.exit(0)
}

const windows = process.platform === 'win32'
const result = spawnSync(windows ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', shell: windows })
if (result.status !== 0) {
  console.error(`[hmi-web] npm ci failed (${result.error?.message ?? `exit ${result.status}`})`)
  process.exit(result.status || 1)
}
writeFileSync(STAMP, expected)
