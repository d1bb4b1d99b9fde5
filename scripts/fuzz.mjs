// npm run fuzz: the fuzz and fault harness (test/fuzz/main.ts), bundled with esbuild and run on the
// library and on the bundled server (server/dist/server.js, built first when it is missing or older
// than server/src). Options are passed through: --count N --seed S --quick --only I
// --server-count N --no-server --no-library --no-specials --workers N. Exit code 1 on any finding.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const serverPath = path.join(root, 'server', 'dist', 'server.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : entry.name.endsWith('.ts') ? fs.statSync(full).mtimeMs : 0);
  }
  return newest;
}

function run(command, commandArgs) {
  return new Promise((resolve) => spawn(command, commandArgs, { cwd: root, stdio: 'inherit' }).on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

if (!args.includes('--no-server') && (!fs.existsSync(serverPath) || fs.statSync(serverPath).mtimeMs < newestSource(path.join(root, 'server', 'src')))) {
  console.error('fuzz: building server/dist/server.js (node scripts/build.mjs --no-tests)');
  if ((await run(process.execPath, ['scripts/build.mjs', '--no-tests'])) !== 0) {
    process.exit(2);
  }
}

// The harness lives in out/fuzz/ so that its paths to the repository resolve as from out/test/fuzz.
const outfile = path.join(root, 'out', 'test', 'fuzz', 'main.bundle.cjs');
await build({
  entryPoints: [path.join(root, 'test', 'fuzz', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.exit(await run(process.execPath, ['--enable-source-maps', '--stack-size=4000', outfile, ...args]));
