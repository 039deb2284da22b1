#!/usr/bin/env node
/**
 * Checks every registered consumer pact against the contract, offline:
 * `npm run contract:verify-pacts [-- [--oas FILE] [--asyncapi FILE] [PACT|DIR|URL ...]]`.
 *
 * The pacts are contract/pacts/*.json, plus any file, folder of *.json files
 * or http(s) URL named on the command line (a team trying its pact before it
 * opens a pull request). The contracts are openapi.yaml and asyncapi.yaml,
 * or the files named, bundled with Redocly into one self-contained document
 * each, as the contract package ships them. opc
 * (@pactflow/openapi-pact-comparator) compares HTTP interactions with the
 * OpenAPI document and asynchronous messages with the AsyncAPI one.
 *
 * A pact message has no Kafka key, so the reader's pact carries it as the
 * metadata `kafka_key`; it is taken out before opc sees the headers, and
 * checked here against the message's Kafka binding key.
 *
 * Prints each incompatibility with the consumer, the interaction and what is
 * wrong. Exit: 0 every pact compatible; 1 at least one is not; 2 the check
 * itself could not run.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const exec = promisify(execFile);
const KEY_METADATA = 'kafka_key';
// `npm run` starts scripts in the package root; relative paths are the caller's.
const caller = process.env.npm_lifecycle_event === 'contract:verify-pacts' ? (process.env.INIT_CWD ?? process.cwd()) : process.cwd();
const isUrl = (source) => /^https?:\/\//.test(source);

function fail(message) {
  console.error(`contract:verify-pacts: ${message}`);
  process.exit(2);
}

function parseArguments(argv) {
  const options = { oas: join(root, 'openapi.yaml'), asyncapi: join(root, 'asyncapi.yaml'), extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--oas' || argument === '--asyncapi') {
      const value = argv[++i];
      if (value === undefined) fail(`${argument} needs a file`);
      options[argument.slice(2)] = resolve(caller, value);
    } else {
      options.extra.push(isUrl(argument) ? argument : resolve(caller, argument));
    }
  }
  return options;
}

/** Each source as `{ name, text }`: a URL fetched, a folder's *.json files read, a file read. */
async function readPacts(sources) {
  const pacts = [];
  for (const source of sources) {
    if (isUrl(source)) {
      const response = await fetch(source).catch((error) => fail(`could not fetch ${source}: ${error.message}`));
      if (!response.ok) fail(`could not fetch ${source}: HTTP ${response.status}`);
      pacts.push({ name: source, text: await response.text() });
    } else if ((await stat(source).catch(() => fail(`no such file or folder: ${source}`))).isDirectory()) {
      const files = (await readdir(source)).filter((file) => file.endsWith('.json')).sort();
      for (const file of files) pacts.push({ name: join(source, file), text: await readFile(join(source, file), 'utf8') });
    } else {
      pacts.push({ name: source, text: await readFile(source, 'utf8') });
    }
  }
  return pacts.map(({ name, text }) => {
    try {
      return { name, pact: JSON.parse(text) };
    } catch {
      return fail(`${name} is not JSON`);
    }
  });
}

async function bundle(source, output) {
  const args = ['bundle', source, '--output', output, ...(source.endsWith('openapi.yaml') ? ['--config', join(root, 'redocly.yaml')] : [])];
  try {
    await exec(join(root, 'node_modules/.bin/redocly'), args, { env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
  } catch (error) {
    fail(`could not bundle ${source}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
  return output;
}

/** Follows `$ref`s within one bundled document. */
function deref(document, node) {
  for (let seen = 0; node?.$ref?.startsWith('#/') && seen < 32; seen++) {
    node = node.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((at, part) => at?.[part], document);
  }
  return node;
}

/**
 * Takes `kafka_key` out of each asynchronous message and checks it against
 * the binding key of the messages of the AsyncAPI operation it names.
 */
function checkKafkaKeys(pact, asyncapi) {
  const problems = [];
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const [index, interaction] of (pact.interactions ?? []).entries()) {
    if (interaction?.type?.toLowerCase() !== 'asynchronous/messages' || !(KEY_METADATA in (interaction.metadata ?? {}))) continue;
    const { [KEY_METADATA]: key, ...headers } = interaction.metadata;
    interaction.metadata = headers;
    const operation = asyncapi.operations?.[interaction.comments?.references?.AsyncAPI?.operationId];
    if (!operation) continue; // opc reports the missing or unknown operation
    const keys = (operation.messages ?? []).map((message) => deref(asyncapi, deref(asyncapi, message)?.bindings?.kafka?.key)).filter(Boolean);
    const matches = keys.some((schema) => ajv.validate(structuredClone(deref(asyncapi, schema)), key));
    if (keys.length === 0 || !matches) {
      problems.push({
        code: 'message.key.incompatible',
        message: keys.length === 0 ? `The spec's messages declare no Kafka key, but the pact expects ${KEY_METADATA} "${key}"` : `Kafka key "${key}" is incompatible with the message's bindings.kafka.key: ${ajv.errorsText()}`,
        mockDetails: { interactionDescription: interaction.description, location: `[root].interactions[${index}].metadata.${KEY_METADATA}` },
        type: 'error',
      });
    }
  }
  return problems;
}

/** A V3 message pact keeps its messages apart from `interactions`, where opc never looks: say so rather than pass them unseen. */
function v3Messages(pact) {
  if (!Array.isArray(pact.messages)) return [];
  pact.interactions ??= [];
  return pact.messages.map((message, index) => ({
    code: 'message.v3.unsupported',
    message: 'A V3 message cannot be compared with asyncapi.yaml (opc reads messages of V4 pacts only): write the pact with PactV4',
    mockDetails: { interactionDescription: message?.description, location: `[root].messages[${index}]` },
    type: 'error',
  }));
}

function describe(result) {
  const at = result.mockDetails?.location ? ` (pact: ${result.mockDetails.location}${result.specDetails?.location ? `; spec: ${result.specDetails.location}` : ''})` : '';
  return `[${result.code}] ${result.message}${at}`;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const registered = join(root, 'contract/pacts');
  const pacts = await readPacts([registered, ...options.extra]);
  if (pacts.length === 0) fail('no pacts to check');

  const work = await mkdtemp(join(tmpdir(), 'verify-pacts-'));
  try {
    const [oas, asyncapiFile] = await Promise.all([bundle(options.oas, join(work, 'openapi.json')), bundle(options.asyncapi, join(work, 'asyncapi.yaml'))]);
    const asyncapi = parse(await readFile(asyncapiFile, 'utf8'));
    const files = [];
    const ours = [];
    for (const [index, { pact }] of pacts.entries()) {
      ours.push([...v3Messages(pact), ...checkKafkaKeys(pact, asyncapi)]);
      files.push(join(work, `${index}.json`));
      await writeFile(files.at(-1), JSON.stringify(pact));
    }
    console.log(`opc: ${pacts.length} pact(s) against ${basename(options.oas)} and ${basename(options.asyncapi)} (bundled)`);
    // opc exits with the number of pacts that have errors, so its exit code is not a failure of the run; its output says.
    const { stdout, stderr } = await exec(process.execPath, [join(root, 'node_modules/@pactflow/openapi-pact-comparator/dist/cli.cjs'), '--oas', oas, '--asyncapi', asyncapiFile, ...files]).catch((error) => error);
    const lines = (stdout ?? '').split('\n').filter(Boolean);
    if (lines.length !== pacts.length) fail(`opc did not report on every pact:\n${stdout ?? ''}${stderr ?? ''}`);

    let broken = 0;
    for (const [index, { name, pact }] of pacts.entries()) {
      const consumer = pact.consumer?.name ?? '(unnamed consumer)';
      const results = [...JSON.parse(lines[index]), ...ours[index]];
      const errors = results.filter((result) => result.type === 'error');
      const warnings = results.filter((result) => result.type === 'warning');
      const count = pact.interactions?.length ?? 0;
      console.log(`${errors.length === 0 ? 'ok' : 'INCOMPATIBLE'}: consumer ${consumer}, ${count} interaction(s), ${name.startsWith(root) ? name.slice(root.length + 1) : name}`);
      for (const result of [...errors, ...warnings]) {
        const interaction = result.mockDetails?.interactionDescription ?? '(the pact as a whole)';
        console.log(`  ${result.type === 'error' ? 'error' : 'warning'}: consumer ${consumer}, interaction "${interaction}": ${describe(result)}`);
        for (const cause of result.causes ?? []) console.log(`    because: ${describe(cause)}`);
      }
      if (errors.length > 0) broken++;
    }
    console.log(broken === 0 ? `every pact (${pacts.length}) is compatible with the contract` : `${broken} of ${pacts.length} pact(s) incompatible with the contract`);
    return broken === 0 ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
