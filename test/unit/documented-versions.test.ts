import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const installed = (pkg: string) => (JSON.parse(read(`node_modules/${pkg}/package.json`)) as { version: string }).version;

// The pages tell consumers which Prism to run; the tests run the lock file's. One fact, checked in one place.
describe('the versions the docs name', () => {
  const pages = ['docs/CONSUMERS.md', 'contract/package/README.md'];
  // prism-http-server is named too: npm on Node 24+ resolves prism-cli 5.14.2's to 5.16.0, which hangs on malformed JSON.
  const packages = ['@stoplight/prism-cli', '@stoplight/prism-http-server'];
  it.each(pages.flatMap((page) => packages.map((pkg) => [page, pkg])))('%s names the %s the tests run', (page, pkg) => {
    const named = [...read(page).matchAll(new RegExp(`${pkg.replace('/', '\\/')}@([0-9.]+)`, 'g'))].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set([installed(pkg)]));
  });

  it('the README names the pinned Node.js', () => {
    expect(read('README.md')).toContain(`Node.js ${installed('node')}`);
  });
});
