// Types for wheel.mjs, which stays plain JavaScript so that pack.mjs runs without a build.
export function recordHeadersSchema(asyncapi: object): { $comment: string; allOf: Array<Record<string, unknown>> };
export function buildWheel(options: {
  root: string;
  pkg: string;
  build: string;
  out: string;
  asyncapi: object;
  version: string;
  run: (command: string, args: string[]) => void;
}): string;
