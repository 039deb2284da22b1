// Types for proto-from-openapi.mjs, which stays plain JavaScript so that `npm run generate` runs without a build.
export class ProtoContractError extends Error {}
/** The .proto's path under generated/proto/ (from its package) and its text. */
export function protoFromOpenApi(document: Record<string, unknown>): { path: string; text: string };
