// Says in one line which Node.js runs the project's scripts: npm puts
// node_modules/.bin first on PATH, so that is the lock file's pinned `node`
// package unless something put another binary there (CI does, for its Node 24 run).
import { readFileSync, realpathSync } from 'node:fs';

const label = process.argv[2] ?? 'node';
const pinned = JSON.parse(readFileSync(new URL('../../node_modules/node/package.json', import.meta.url), 'utf8'));
const pinnedBinary = realpathSync(new URL('../../node_modules/node/bin/node', import.meta.url));
const running = realpathSync(process.execPath);
const origin =
  running === pinnedBinary ? 'pinned by package-lock.json' : `${running}, not the pinned v${pinned.version}`;
console.log(`${label}: Node.js ${process.version} (${origin})`);
