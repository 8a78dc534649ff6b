import { spawnSync } from 'node:child_process';

/**
 * Before any test: makes sure Debian's Chromium is there for the browser test (installed with
 * apt when missing, so `npm test` alone works on a fresh machine) and a Redis answers at
 * 127.0.0.1:6379 for the idempotency and rate-limit tests (started when not up), and builds the playground
 * bundle when it is missing or older than its sources (`npm install` has normally built it
 * already). Failures are reported, not thrown: only the playground's own tests need these, and
 * they fail saying what is missing.
 */
export default function globalSetup(globalConfig: { rootDir: string }): void {
  const chromium = spawnSync('bash', ['scripts/ensureChromium.sh'], { cwd: globalConfig.rootDir, stdio: 'inherit' });
  if (chromium.status !== 0) console.error('\nChromium could not be installed (scripts/ensureChromium.sh); the browser test will fail.');
  const redis = spawnSync('bash', ['scripts/ensureRedis.sh'], { cwd: globalConfig.rootDir, stdio: 'inherit' });
  if (redis.status !== 0) console.error('\nNo Redis at 127.0.0.1:6379 (scripts/ensureRedis.sh); the idempotency and rate-limit tests will fail.');
  // A child process: Jest loads this file as CommonJS, and the build script is ESM TypeScript.
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/buildPlayground.ts', '--if-stale'], { cwd: globalConfig.rootDir, stdio: 'inherit' });
  if (result.status !== 0) console.error('\nThe playground could not be built (npm run build:playground); its tests will fail.');
}
