/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): a well-formed
 * `traceparent`, and `tracestate` with it, travel on into the Kafka record.
 * A malformed one is dropped, never a reason to refuse an order: the spec
 * tells a receiver to ignore what it cannot parse.
 */
export interface TraceContext {
  traceparent?: string;
  tracestate?: string;
}

// version 00: version-traceId-parentId-flags, lowercase hex; ff is not a version.
const TRACEPARENT = /^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
// Printable ASCII, at most the 512 characters the spec asks vendors to pass on.
const TRACESTATE = /^[\x20-\x7e]{1,512}$/;

/**
 * @example
 * traceContextOf({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
 * // { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }
 */
/** `headers`: HTTP's request headers, or gRPC's metadata as a map (both with lower-case names). */
export function traceContextOf(headers: Readonly<Record<string, unknown>>): TraceContext {
  const { traceparent, tracestate } = headers;
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent)) return {};
  return typeof tracestate === 'string' && TRACESTATE.test(tracestate) ? { traceparent, tracestate } : { traceparent };
}
