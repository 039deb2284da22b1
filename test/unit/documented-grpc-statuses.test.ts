import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

// The mapping the gRPC server implements (issue 17); every page that shows it must show this one.
const MAPPING = {
  OK: '202',
  INVALID_ARGUMENT: '400',
  UNAUTHENTICATED: '401',
  PERMISSION_DENIED: '403',
  ALREADY_EXISTS: '409',
  RESOURCE_EXHAUSTED: '503',
  UNAVAILABLE: '503',
  DEADLINE_EXCEEDED: 'none',
  INTERNAL: '500',
};

/** The rows `| `CODE` | `202` | … |` of a Markdown table, as { CODE: '202' }. */
const table = (markdown: string) =>
  Object.fromEntries([...markdown.matchAll(/^\s*\| `([A-Z_]+)` \| `?(\d{3}|none)`? \|/gm)].map(([, code, http]) => [code, http]));

// One table, three pages: a test keeps them from drifting apart.
describe('the gRPC status table', () => {
  it.each([
    ['docs/GRPC.md', read('docs/GRPC.md')],
    ['contract/package/README.md', read('contract/package/README.md')],
    ["openapi.yaml's info.description (the docs site)", (parse(read('openapi.yaml')) as { info: { description: string } }).info.description],
  ])('in %s maps each status to its HTTP answer', (_page, text) => {
    expect(table(text)).toEqual(MAPPING);
  });

  it('in the README names the same pairs', () => {
    const section = read('README.md').split('\n## gRPC\n')[1]?.split('\n## ')[0] ?? '';
    const pairs = Object.fromEntries([...section.matchAll(/`([A-Z_]+)`\s*=\s*`(\d{3})`/g)].map(([, code, http]) => [code, http]));
    const { DEADLINE_EXCEEDED: _none, ...withHttp } = MAPPING;
    expect(pairs).toEqual(withHttp);
    expect(section).toContain('`DEADLINE_EXCEEDED` means the order may have been published');
  });
});
