import { describe, expect, it } from 'vitest';
import { createWriteAccess } from '../../../src/access/write-access.js';

const KEY = 'k1-long-random-secret-0123';

describe('createWriteAccess: the verdict both front ends answer from', () => {
  it('accepts a configured key and nothing else', () => {
    const judge = createWriteAccess({ apiKeys: ['another-key-0123456789', KEY], openAccess: false });
    expect(judge(KEY)).toBe('accepted');
    expect(judge(`${KEY} `)).toBe('invalid');
    expect(judge('')).toBe('invalid');
    expect(judge(undefined)).toBe('missing');
  });

  it('refuses every write when no key is configured, whatever is presented', () => {
    const judge = createWriteAccess({ apiKeys: [], openAccess: false });
    expect([judge(undefined), judge(KEY)]).toEqual(['no_keys', 'no_keys']);
  });

  it('accepts anything under explicit open access', () => {
    const judge = createWriteAccess({ apiKeys: [], openAccess: true });
    expect([judge(undefined), judge('x')]).toEqual(['accepted', 'accepted']);
  });
});
