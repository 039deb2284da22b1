/**
 * Secrets given directly (`NAME`) or as a file (`NAME_FILE`, as Kubernetes
 * mounts a secret), and PEM files. Messages name the variable and the file,
 * never the secret itself.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';

type Env = Record<string, string | undefined>;

/** Reads a file a variable names, failing with the variable's name when it cannot. */
export function readNamedFile(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unreadable';
    throw new ConfigError(`${name} names a file that cannot be read (${code}): "${path}"`);
  }
}

/**
 * The value of `name`, or the content of the file `${name}_FILE` names (one
 * trailing newline dropped); undefined when neither is set.
 *
 * @example
 * secret({ KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka' }, 'KAFKA_SASL_PASSWORD');
 */
export function secret(env: Env, name: string): { value: string; from: string } | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`];
  if (direct !== undefined && direct !== '' && file !== undefined && file !== '') {
    throw new ConfigError(`set ${name} or ${name}_FILE, not both`);
  }
  if (file !== undefined && file !== '') {
    return { value: readNamedFile(`${name}_FILE`, file).replace(/\r?\n$/, ''), from: `${name}_FILE` };
  }
  return direct === undefined || direct === '' ? undefined : { value: direct, from: name };
}

const PEM_LABELS = { certificate: /-----BEGIN CERTIFICATE-----/, key: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ };

/** Reads a PEM file and checks that it holds a certificate or a private key. */
export function pemFile(name: string, path: string, kind: keyof typeof PEM_LABELS): string {
  const pem = readNamedFile(name, path);
  if (!PEM_LABELS[kind].test(pem)) {
    throw new ConfigError(`${name} must name a PEM file holding a ${kind === 'key' ? 'private key' : 'certificate'}: "${path}"`);
  }
  return pem;
}
