import { describe, expect, it } from 'vitest';
import { traceContextOf } from '../../../src/context/trace-context.js';

const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceContextOf', () => {
  it('keeps a well-formed traceparent and its tracestate', () => {
    expect(traceContextOf({ traceparent: VALID, tracestate: 'congo=t61rcWkgMzE' })).toEqual({ traceparent: VALID, tracestate: 'congo=t61rcWkgMzE' });
  });

  it.each([
    ['uppercase hex', VALID.toUpperCase()],
    ['version ff', `ff${VALID.slice(2)}`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['an all-zero parent id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['a short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['two headers joined by Node', `${VALID}, ${VALID}`],
  ])('ignores a traceparent with %s', (_what, traceparent) => {
    expect(traceContextOf({ traceparent, tracestate: 'congo=t61rcWkgMzE' })).toEqual({});
  });

  it('drops a tracestate longer than 512 characters or with control characters, keeping the traceparent', () => {
    expect(traceContextOf({ traceparent: VALID, tracestate: `a=${'x'.repeat(511)}` })).toEqual({ traceparent: VALID });
    expect(traceContextOf({ traceparent: VALID, tracestate: 'a=b\u0007' })).toEqual({ traceparent: VALID });
  });
});
