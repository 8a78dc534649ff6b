/**
 * Builds the playground (GraphiQL, bundled) into `playground/dist/` with Vite; no network needed.
 *
 *   npm run build:playground    always builds
 *   npm install                 builds too (the `prepare` script: `--if-possible`, which skips when
 *                               Vite is absent, as after `npm install --omit=dev`)
 *   npm test                    `--if-stale`: builds when missing or older than its sources
 *                               (test/support/globalSetup.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const viteCli = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const manifest = path.join(root, 'playground', 'dist', '.vite', 'manifest.json');
/** What the bundle is made of: its sources, its Vite config, and GraphiQL's installed version. */
const inputs = [path.join(root, 'playground', 'src'), path.join(root, 'playground', 'vite.config.ts'), path.join(root, 'node_modules', 'graphiql', 'package.json')];

/** Whether `playground/dist/` is missing or older than anything it is built from. */
export function isPlaygroundStale(): boolean {
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return inputs.some((input) => newestChange(input) > built);
}

/** Runs `vite build`; throws when it fails. Returns the seconds it took. */
export function buildPlayground(): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [viteCli, 'build', '--config', path.join(root, 'playground', 'vite.config.ts')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vite build of the playground failed (exit ${result.status ?? result.signal}).`);
  return (performance.now() - started) / 1000;
}

function newestChange(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newestChange(path.join(file, name))));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--if-possible') && !existsSync(viteCli)) {
    console.log('Playground not built: Vite is not installed (devDependencies omitted). Tessera will say so at /graphiql.');
  } else if (process.argv.includes('--if-stale') && !isPlaygroundStale()) {
    // Up to date: nothing to say.
  } else {
    console.log(`Playground built into playground/dist/ in ${buildPlayground().toFixed(1)} s.`);
  }
}
