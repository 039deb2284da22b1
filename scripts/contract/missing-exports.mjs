/**
 * Which files a package's `exports` name but the package lacks. Used by
 * `npm run contract:pack` before packing, and by the consumer test on the
 * package as npm installed it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The `exports` targets of the package in `dir` that are not there; a `*`
 * target must match at least one file.
 *
 * @param {string} dir
 * @returns {string[]}
 */
export function missingExports(dir) {
  const { exports = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const targets = Object.values(exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  return targets.filter((target) => {
    if (!target.includes('*')) return !existsSync(join(dir, target));
    const folder = join(dir, dirname(target));
    const [prefix, suffix] = target.slice(dirname(target).length + 1).split('*');
    return !existsSync(folder) || !readdirSync(folder).some((file) => file.startsWith(prefix) && file.endsWith(suffix));
  });
}
