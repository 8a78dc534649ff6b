import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A vendor payload from `test/fixtures/<vendor>/<name>.json` (copied from the vendor's docs). */
export function fixture(vendor: string, name: string): unknown {
  const path = fileURLToPath(new URL(`../fixtures/${vendor}/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
