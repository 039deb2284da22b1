/**
 * Every fixed port that a script or test binds sits below Linux's ephemeral
 * range (32768-60999, and above it nothing either): the kernel takes the local
 * port of every outgoing connection from that range, so a fixed port in it can
 * be held by any client socket when a broker or the API starts (a CI run once
 * failed so, on the fuzz broker's controller port 56092).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['.ci', 'scripts', 'test', 'bench', 'package.json', 'vitest.config.ts'];
const SOURCE = /\.(?:ts|mjs|js|sh|py|toml|json|cfg|conf)$|^run$/;
// A number that names a port: after "port", a colon of host:port, or "-p"; not the range's own bounds, nor 65535.
const PORT_NUMBER = /(?:port\w*\W{1,24}|(?:127\.0\.0\.1|localhost):|-p\s+)(\d{5})\b/gi;

function* files(path: string): Generator<string> {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) if (name !== 'node_modules') yield* files(join(path, name));
  } else if (SOURCE.test(path.split('/').pop() ?? '')) yield path;
}

/** `file:line: port` for every port of 32768 or more named in the scanned files. */
function highPorts(): string[] {
  const found: string[] = [];
  for (const file of SCANNED.flatMap((entry) => [...files(join(ROOT, entry))])) {
    if (file === import.meta.filename) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const [, digits] of line.replaceAll('32768-60999', '').matchAll(PORT_NUMBER)) {
          const port = Number(digits);
          if (port >= 32768 && port < 65535) found.push(`${relative(ROOT, file)}:${index + 1}: ${port}`);
        }
      });
  }
  return found;
}

describe('fixed ports in scripts and tests', () => {
  it('are all below the kernel’s ephemeral range', () => {
    expect(highPorts()).toEqual([]);
  });

  it('would be caught in the forms the scripts use', () => {
    const lines = ['KAFKA_PORT=${FUZZ_KAFKA_PORT:-55092}', "const API_PORT = 61190;", 'fetch("http://127.0.0.1:40001/ready")', 'kafkaPort: number(values[\'kafka-port\'], 49092)'];
    for (const line of lines) expect([...line.matchAll(PORT_NUMBER)].map(([, digits]) => digits)).toHaveLength(1);
  });
});
