/**
 * A reader team's Python environment, made as the team would make it: a fresh
 * virtualenv in the OS temp folder (outside this repository), the wheel and
 * its dependencies installed by pip with no index, from a wheelhouse that
 * pip downloaded beforehand. Nothing of the repository is on its path.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, run } from '../consumer/contract-package.js';

const exec = promisify(execFile);
export const FIXTURES = join(ROOT, 'test/integration/fixtures/python');
// Kept between runs: pip download skips the files it already holds.
const WHEELHOUSE = join(ROOT, '.ci-cache/contract-wheelhouse');

export interface ReaderVenv {
  dir: string;
  /** Runs a program of the venv's bin folder (python, mypy) in `dir`; resolves with its output. */
  run(program: string, args: string[], env?: Record<string, string>): Promise<string>;
}

/** Downloads the wheel's dependencies and the reader's tools into the wheelhouse, as wheels only. */
async function fillWheelhouse(wheel: string): Promise<void> {
  const { stdout } = await exec('bash', [join(ROOT, 'scripts/contract/python-venv.sh')]);
  const pip = join(stdout.trim(), 'bin/pip');
  await run(pip, ['download', '--quiet', '--disable-pip-version-check', '--only-binary', ':all:', '--dest', WHEELHOUSE, `${wheel}[replay]`, '-r', join(FIXTURES, 'requirements.txt')], { cwd: ROOT });
}

/** The machine's pip settings (an index, extra find-links) would reach past the wheelhouse: none apply. */
function offlinePipEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name, value]) => !name.startsWith('PIP_') && value !== undefined)) as Record<string, string>;
  return { ...env, PIP_CONFIG_FILE: '/dev/null', PIP_NO_INDEX: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
}

export async function installWheelOffline(wheel: string): Promise<ReaderVenv> {
  await fillWheelhouse(wheel);
  const dir = await mkdtemp(join(tmpdir(), 'contract-reader-'));
  const venv = join(dir, 'venv');
  await run('python3', ['-m', 'venv', venv], { cwd: dir });
  const install = ['install', '--quiet', '--no-index', '--find-links', WHEELHOUSE, `${wheel}[replay]`, '-r', join(FIXTURES, 'requirements.txt')];
  await exec(join(venv, 'bin/pip'), install, { cwd: dir, env: offlinePipEnv() }).catch((error: { stderr?: string }) => {
    throw new Error(`pip install --no-index failed:\n${error.stderr ?? String(error)}`);
  });
  return {
    dir,
    // PYTHONPATH and the like from the caller's shell stay out: only the venv's site-packages.
    run: (program, args, extra = {}) => run(join(venv, 'bin', program), args, { cwd: dir, env: { ...extra, PYTHONPATH: '', PYTHONNOUSERSITE: '1' } }),
  };
}
