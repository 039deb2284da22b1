/**
 * `npm run contract:example-pacts`: runs the two example consumers' tests and
 * writes their pacts into contract/pacts/ (or the folder given), replacing
 * the old files (pact-js would merge into them).
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordAnalyticsReaderPact } from './analytics-reader.pact.js';
import { recordWebShopPact } from './web-shop.pact.js';

export const EXAMPLE_PACTS = ['web-shop-computer-orders-api.json', 'analytics-reader-computer-orders-api.json'];

export async function writeExamplePacts(dir: string): Promise<void> {
  // pact's native core reports usage over the network unless told not to.
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  await Promise.all(EXAMPLE_PACTS.map((file) => rm(join(dir, file), { force: true })));
  await recordWebShopPact(dir);
  await recordAnalyticsReaderPact(dir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? fileURLToPath(new URL('../../../contract/pacts', import.meta.url)));
  await writeExamplePacts(dir);
  console.log(`example pacts written to ${dir}`);
}
