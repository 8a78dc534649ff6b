import { spawnSync } from 'node:child_process';

/**
 * Before any test: builds the playground bundle when it is missing or older than its sources
 * (`npm install` has normally built it already). A failed build is reported, not thrown: only
 * the playground's own tests need the bundle, and they fail saying it is missing.
 */
export default function globalSetup(globalConfig: { rootDir: string }): void {
  // A child process: Jest loads this file as CommonJS, and the build script is ESM TypeScript.
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/buildPlayground.ts', '--if-stale'], { cwd: globalConfig.rootDir, stdio: 'inherit' });
  if (result.status !== 0) console.error('\nThe playground could not be built (npm run build:playground); its tests will fail.');
}
