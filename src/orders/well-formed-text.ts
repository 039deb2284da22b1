/**
 * Every string of an order must be well-formed Unicode: scalar values only.
 *
 * Why: JSON lets a client escape a lone UTF-16 surrogate (`"\ud800"`), which
 * JavaScript keeps as it came and `JSON.stringify` writes back out as the same
 * escape. Such a record is poison for the topic's readers: Rust's serde_json
 * refuses to parse it, Python fails on the first UTF-8 encode (a Parquet or
 * database write), Go silently replaces it. JSON Schema cannot refuse it
 * portably (a pattern is matched per code point, or per code unit, depending
 * on the validator), so the rule lives here, in the order domain, and every
 * front end that builds its event with `toOrderEvent` gets it. A surrogate
 * pair (an emoji sent as `"\ud83d\ude00"`) is one scalar value and passes.
 */

/** A lone surrogate: with the `u` flag, a well-formed pair is one code point and never matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

export class MalformedTextError extends Error {
  override name = 'MalformedTextError';
  /** JSON Pointer to the offending string within the order, e.g. `/created_by` or `/equipment/0`. */
  readonly pointer: string;

  constructor(pointer: string, where: string) {
    // The value itself is not echoed: it is not text, and could not be shown as such.
    super(`${pointer} is not well-formed Unicode: it holds a lone UTF-16 surrogate ${where}`);
    this.pointer = pointer;
  }
}

const escapePointerToken = (token: string): string => token.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Throws {@link MalformedTextError} naming the first string (object keys
 * included) that holds a lone surrogate, anywhere in `value`.
 *
 * @example
 * assertWellFormedText({ created_by: 'USER14 \u{1F600}', equipment: ['MOUSE'] }); // passes
 * assertWellFormedText({ created_by: 'USER\ud800' }); // throws, pointer '/created_by'
 */
export function assertWellFormedText(value: unknown, pointer = ''): void {
  if (typeof value === 'string') {
    const match = LONE_SURROGATE.exec(value);
    if (match) throw new MalformedTextError(pointer || '/', `at UTF-16 offset ${match.index}`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    // Such a key is named by its parent: a pointer holding it would carry the surrogate on.
    if (LONE_SURROGATE.test(key)) throw new MalformedTextError(pointer || '/', 'in a property name');
    assertWellFormedText(child, `${pointer}/${escapePointerToken(key)}`);
  }
}
