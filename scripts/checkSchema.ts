/**
 * `npm run schema:check [-- --against <git-ref>]`: CI's gate on the printed SDLs. Fails when a
 * breaking change (against the committed files, or against the files at <git-ref>, e.g. a pull
 * request's base) is not acknowledged, or when the committed files are not what
 * `npm run schema:print` writes now.
 */
import { parseArgs } from 'node:util';
import { acknowledgementTemplate, checkPrintedSchemas, describeCheck, ACKNOWLEDGEMENTS_PATH } from './printedSchemas.js';

const { values } = parseArgs({ options: { against: { type: 'string' } } });
const checks = await checkPrintedSchemas({ against: values.against });
for (const check of checks) console.log(describeCheck(check).join('\n'));

let failed = false;
if (checks.some((check) => check.refused.length > 0)) {
  failed = true;
  console.error(`\nBreaking changes not acknowledged. If they are intended, add to "acknowledged" in ${ACKNOWLEDGEMENTS_PATH}:\n${acknowledgementTemplate(checks)}`);
}
const stale = checks.filter((check) => check.stale);
if (stale.length > 0) {
  failed = true;
  console.error(`\nStale: ${stale.map((check) => check.path).join(', ')}. Run \`npm run schema:print\` and commit the result.`);
}
process.exit(failed ? 1 : 0);
