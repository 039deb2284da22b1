// Types for record-headers-schema.mjs, which stays plain JavaScript so that the gate runs it without a build.
export function recordHeadersSchema(asyncapiPath: string): Record<string, any>;
