/**
 * Verifies pacts against the provider in a process of its own:
 * `tsx test/pact/verify-provider.ts <pact-file> [change]`. pact's native core
 * prints its report straight to file descriptor 1, where nothing in the
 * test's own process can read it; a child's output can be read whole.
 * Exit: 0 verified, 1 not.
 */
import { Verifier } from '@pact-foundation/pact';
import { CHANGES, type ChangeName } from './provider-changes.js';
import { startProvider } from './provider.js';

const [pact, change] = process.argv.slice(2);
if (!pact || (change !== undefined && !(change in CHANGES))) {
  console.error(`usage: verify-provider.ts <pact-file> [${Object.keys(CHANGES).join('|')}]`);
  process.exit(2);
}
const provider = await startProvider(change === undefined ? {} : CHANGES[change as ChangeName]);
try {
  await new Verifier(provider.verifierOptions([pact])).verifyProvider();
} catch {
  process.exitCode = 1;
} finally {
  await provider.close();
}
