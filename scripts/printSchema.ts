/**
 * `npm run schema:print`: writes the plain and the subgraph SDL to `schema/printed/`, unless a
 * breaking change in them is not acknowledged in `acknowledged-breaking-changes.json` (then it
 * prints the changes and the entries to add, and writes nothing).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { acknowledgementTemplate, checkPrintedSchemas, describeCheck, PRINTED_DIR, ACKNOWLEDGEMENTS_PATH, ROOT } from './printedSchemas.js';

const checks = await checkPrintedSchemas();
for (const check of checks) console.log(describeCheck(check).join('\n'));

if (checks.some((check) => check.refused.length > 0)) {
  console.error(`\nRefusing to print: breaking changes not acknowledged. If they are intended, add to "acknowledged" in ${ACKNOWLEDGEMENTS_PATH}:\n${acknowledgementTemplate(checks)}`);
  process.exit(1);
}
mkdirSync(`${ROOT}${PRINTED_DIR}`, { recursive: true });
for (const check of checks.filter((c) => c.stale)) {
  writeFileSync(`${ROOT}${check.path}`, check.current);
  console.log(`wrote ${check.path}`);
}
