// Types for missing-exports.mjs, which stays plain JavaScript so that pack.mjs runs without a build.
export function missingExports(dir: string): string[];
