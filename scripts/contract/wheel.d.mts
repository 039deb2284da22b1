// Types for wheel.mjs, which stays plain JavaScript so that pack.mjs runs without a build.
export function readerHeadersSchema(asyncapiPath: string): Record<string, unknown>;
export function buildWheel(options: {
  root: string;
  pkg: string;
  build: string;
  out: string;
  version: string;
  run: (command: string, args: string[]) => void;
}): string;
