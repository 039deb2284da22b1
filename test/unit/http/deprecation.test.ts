import { describe, expect, it } from 'vitest';
import { loadContract } from '../../../src/contract.js';
import { deprecationHeadersOf, LEGACY_PATH } from '../../../src/http/deprecation.js';

const contract = loadContract().document;

/** A copy of the contract whose original operation has `changes` applied. */
function withOperation(changes: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(contract) as { paths: Record<string, { post: Record<string, unknown> }> };
  Object.assign(copy.paths[LEGACY_PATH]!.post, changes);
  return copy;
}

describe('deprecationHeadersOf', () => {
  it('takes the dates from the contract: Deprecation from x-deprecated-at, Sunset the last second of x-sunset', () => {
    expect(deprecationHeadersOf(contract)).toEqual({
      Deprecation: '@1795737600',
      Sunset: 'Wed, 30 Jun 2027 23:59:59 GMT',
      Link: '</api/v2/orders/computers>; rel="successor-version"',
    });
    expect(deprecationHeadersOf(withOperation({ 'x-sunset': '2028-01-31' })).Sunset).toBe('Mon, 31 Jan 2028 23:59:59 GMT');
  });

  it("matches the examples the contract gives for the three headers", () => {
    const headers = (contract.components as { headers: Record<string, { example: string }> }).headers;
    const examples = { Deprecation: headers.Deprecation?.example, Sunset: headers.Sunset?.example, Link: headers.Link?.example };
    expect(examples).toEqual(deprecationHeadersOf(contract));
  });

  it.each([
    [{ deprecated: false }, /must say deprecated: true/],
    [{ 'x-sunset': undefined }, /needs x-sunset: 'YYYY-MM-DD'/],
    [{ 'x-sunset': '2027-02-30' }, /needs x-sunset: 'YYYY-MM-DD'/],
    [{ 'x-deprecated-at': '27 Nov 2026' }, /needs x-deprecated-at: 'YYYY-MM-DD'/],
  ])('refuses to start, naming the field, when the operation says %o', (changes, message) => {
    expect(() => deprecationHeadersOf(withOperation(changes))).toThrow(message);
  });
});
