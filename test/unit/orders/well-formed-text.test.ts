import { describe, expect, it } from 'vitest';
import { toOrderEvent } from '../../../src/orders/order-event.js';
import { MalformedTextError, assertWellFormedText } from '../../../src/orders/well-formed-text.js';

const receivedAt = new Date('2026-11-27T17:40:00.000Z');
const context = { source: 'api/v2' as const, receivedAt };

/** The pointer the rule names, or undefined when it passes. */
function refused(value: unknown): string | undefined {
  try {
    assertWellFormedText(value);
    return undefined;
  } catch (error) {
    if (error instanceof MalformedTextError) return error.pointer;
    throw error;
  }
}

describe('assertWellFormedText', () => {
  it.each([
    ['a high surrogate alone', 'USER\ud800'],
    ['a low surrogate alone', '\udc00USER'],
    ['a pair in the wrong order', '\ude00\ud83d'],
    ['a high surrogate at the end, after a pair', '\ud83d\ude00\ud83d'],
  ])('refuses %s, naming the field', (_case, text) => {
    expect(refused({ created_by: text })).toBe('/created_by');
  });

  it.each([
    ['ASCII', 'USER14'],
    ['an emoji (a surrogate pair)', 'USER \ud83d\ude00'],
    ['letters beyond Latin', 'Zoë 日本 Ω'],
    ['the highest scalar value', '\u{10FFFF}'],
    ['U+FFFD itself', '\uFFFD'],
  ])('passes %s', (_case, text) => {
    expect(refused({ created_by: text })).toBeUndefined();
  });

  it('names an array item by its index', () => {
    expect(refused({ created_by: 'U', equipment: ['MOUSE', 'KEY\udfffBOARD'] })).toBe('/equipment/1');
  });

  it('escapes ~ and / in the pointer, as RFC 6901 asks', () => {
    expect(refused({ 'a/b~c': '\ud800' })).toBe('/a~1b~0c');
  });

  it('names the parent of a key that holds a lone surrogate, so the pointer stays text', () => {
    expect(refused({ nested: { 'k\ud800': 'v' } })).toBe('/nested');
  });

  it('says what is wrong without echoing the value', () => {
    const error = (() => {
      try {
        assertWellFormedText({ created_by: 'secret\ud800' });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toBe('/created_by is not well-formed Unicode: it holds a lone UTF-16 surrogate at UTF-16 offset 6');
    expect(error?.message).not.toContain('secret');
  });
});

describe('toOrderEvent, for every front end', () => {
  it.each([
    ['created_by', { created_by: 'USER\ud800', equipment: ['MOUSE'] }, '/created_by'],
    ['id', { id: 'order-\udc00', created_by: 'U', equipment: ['MOUSE'] }, '/id'],
    ['created_at', { created_at: '2026-01-01T10:00:00Z\ud800', created_by: 'U', equipment: ['MOUSE'] }, '/created_at'],
  ])('refuses a lone surrogate in %s before building anything', (_field, order, pointer) => {
    // Cast: a front end without a schema validator (gRPC) can hand over any string.
    expect(() => toOrderEvent(order as Parameters<typeof toOrderEvent>[0], context)).toThrow(
      expect.objectContaining({ name: 'MalformedTextError', pointer }),
    );
  });

  it('keeps an emoji sent as a surrogate pair, and the record value stays well-formed', () => {
    const event = toOrderEvent({ created_by: 'USER \ud83d\ude00', equipment: ['MOUSE'] }, context);
    expect(event.created_by).toBe('USER 😀');
    expect(JSON.stringify(event)).toContain('"created_by":"USER 😀"');
  });
});
