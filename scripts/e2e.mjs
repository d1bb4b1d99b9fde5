#!/usr/bin/env node
// End-to-end launcher that works offline: it runs the extension inside a real VS Code.
//
// The VS Code is code-server 4.100.3 (= VS Code 1.100.3), installed from the npm registry.
// Debian's chromium, driven by playwright-core, is the workbench client. This needs nothing
// but the npm registry and Debian apt, so it also works where @vscode/test-electron cannot
// download VS Code (for machines that can, see test/e2e/runTest.ts).
//
//   node scripts/e2e.mjs          run the Mocha suite (out/e2e/suite/index.js) in the extension host
//   node scripts/e2e.mjs --ui     drive the workbench like a user (test/e2e/ui/drive.mjs) and save
//                                 screenshots into docs/images/
//
// Steps: (1) install missing Debian packages (apt-get update once, then install); (2) install
// code-server into .vscode-test/code-server/ (reused when present); (3) compile test/e2e with tsc;
// (4) start code-server on 127.0.0.1 in its own process group, with a fresh user-data dir,
// extensions dir and a copy of the workspace; (5) open the workbench in headless chromium with
// ?payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]] and wait for
// codeAutomationExit(code); (6) print "N passed, N failed" and exit with the suite's result.
// Every process it starts is killed on exit, error, timeout, SIGINT, SIGTERM or SIGHUP.
//
// Options (argv / env):
//   --ui                 run the Playwright UI driver instead of the Mocha suite
//   --no-compile         skip `tsc -p test/e2e` (E2E_NO_COMPILE=1)
//   --verbose, VERBOSE=1 print every log line from the workbench and the extension host
//   E2E_TIMEOUT_MS       limit for the suite or UI run, after the workbench URL is opened (default 300000)
//   E2E_PORT             port for code-server (default: a free port)
//   E2E_EXTENSION_PATH   extension folder under test (default: the repo root)
//   E2E_TESTS_PATH       module exporting run() (default: out/e2e/suite/index.js)
//   E2E_WORKSPACE        folder to open; it is copied first (default: test/e2e/workspace)
//   E2E_SHOTS_DIR        where --ui saves its PNGs (default: docs/images)
//   E2E_CACHE_DIR        cache dir (default: .vscode-test); code-server goes into <cache>/code-server
//   E2E_CODE_SERVER_BIN  use an existing code-server binary instead of installing one
//   E2E_CHROMIUM         chromium binary (default /usr/bin/chromium)
//   E2E_NO_APT=1         never call apt-get (fail if something is missing)
//   E2E_KEEP=1           keep the run dir (logs, user data) even when the run passes
//   E2E_GREP             passed to the suite (Mocha grep)
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CS_VERSION = '4.100.3';
const RG_NPM_VERSION = '1.15.11'; // the @vscode/ripgrep version pinned in code-server 4.100.3's lib/vscode
const RG_TAG = 'v13.0.0-10'; // the ripgrep-prebuilt tag that version downloads

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const envFlag = (name) => !!process.env[name] && process.env[name] !== '0' && process.env[name] !== 'false';

if (argv.includes('--help') || argv.includes('-h')) {
  const src = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  console.log(src.slice(1, src.findIndex((l) => l.startsWith('import'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
for (const a of argv) {
  if (!['--ui', '--no-compile', '--verbose'].includes(a)) {
    console.error(`e2e: unknown argument ${a} (try --help)`);
    process.exit(2);
  }
}

const cacheDir = path.resolve(process.env.E2E_CACHE_DIR || path.join(repo, '.vscode-test'));
const opts = {
  ui: argv.includes('--ui'),
  verbose: argv.includes('--verbose') || envFlag('VERBOSE'),
  compile: !argv.includes('--no-compile') && !envFlag('E2E_NO_COMPILE'),
  timeoutMs: Number(process.env.E2E_TIMEOUT_MS || 300_000),
  port: Number(process.env.E2E_PORT || 0),
  extensionPath: path.resolve(process.env.E2E_EXTENSION_PATH || repo),
  testsPath: path.resolve(process.env.E2E_TESTS_PATH || path.join(repo, 'out/e2e/suite/index.js')),
  workspace: path.resolve(process.env.E2E_WORKSPACE || path.join(repo, 'test/e2e/workspace')),
  shotsDir: path.resolve(process.env.E2E_SHOTS_DIR || path.join(repo, 'docs/images')),
  chromium: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
  codeServerBin: process.env.E2E_CODE_SERVER_BIN ? path.resolve(process.env.E2E_CODE_SERVER_BIN) : '',
  noApt: envFlag('E2E_NO_APT'),
  keep: envFlag('E2E_KEEP'),
};

// ---------------------------------------------------------------------------------------------
// logging, process bookkeeping, cleanup

const t0 = Date.now();
const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(1)}s]`;
const log = (...a) => console.log(stamp(), ...a);
const vlog = (...a) => opts.verbose && console.log(stamp(), ...a);
const show = (p) => {
  const r = path.relative(repo, p);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : p;
};
const fail = (msg) => Object.assign(new Error(msg), { e2eUser: true });

const runId = crypto.randomBytes(6).toString('hex'); // tags every process we start (env E2E_RUN_ID)
const groups = new Set(); // pids of process-group leaders we started
let browser; // playwright Browser
let runDir = '';
let cleaning;
let signalled = 0; // exit code after SIGINT/SIGTERM/SIGHUP

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Pids (other than ours) whose environment carries E2E_RUN_ID=<runId>: the processes we started,
 * including any that left their process group (e.g. setsid'd terminals). Linux only. */
function taggedPids() {
  const out = [];
  const needle = Buffer.from(`\0E2E_RUN_ID=${runId}\0`);
  let entries = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      const env = Buffer.concat([Buffer.from([0]), fs.readFileSync(`/proc/${d}/environ`), Buffer.from([0])]);
      if (!env.includes(needle)) continue;
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') out.push(Number(d)); // zombies are dead already
    } catch {
      /* gone or not ours to read */
    }
  }
  return out;
}

function killNow() {
  // synchronous last resort (process 'exit' handler): SIGKILL the groups and stragglers
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
  for (const pid of taggedPids()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    if (browser) {
      await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
      browser = undefined;
    }
    for (const pid of groups) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {}
    }
    for (let i = 0; i < 50 && [...groups].some((pid) => alive(-pid)); i++) await sleep(100);
    killNow();
    let left = taggedPids();
    for (let i = 0; i < 30 && left.length; i++) {
      await sleep(100);
      left = taggedPids();
    }
    if (left.length) log(`warning: processes still alive after cleanup: ${left.join(' ')}`);
    groups.clear();
  })();
  return cleaning;
}

process.on('exit', killNow);
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => {
    if (signalled) return;
    signalled = code;
    log(`${sig}: stopping${runDir ? ` (run dir kept: ${runDir})` : ''}`);
    cleanup().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------------------------------------
// helpers

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {}
  }
  return '';
}

/** Run a command to completion, output to a log file (and the console with VERBOSE). */
function run(cmd, args, { env = process.env, cwd = repo, logFile, label = cmd } = {}) {
  return new Promise((resolve, reject) => {
    const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
    const child = spawn(cmd, args, {
      cwd,
      env: { ...env, E2E_RUN_ID: runId },
      detached: true,
      stdio: ['ignore', opts.verbose ? 'inherit' : out, opts.verbose ? 'inherit' : out],
    });
    groups.add(child.pid);
    child.on('error', (e) => {
      groups.delete(child.pid);
      reject(e);
    });
    child.on('exit', (code, sig) => {
      groups.delete(child.pid);
      if (typeof out === 'number') fs.closeSync(out);
      if (code === 0) resolve();
      else {
        const tail = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n') : '';
        reject(fail(`${label} failed (${sig || `exit ${code}`})${logFile ? `; log: ${logFile}` : ''}${tail ? `\n${tail}` : ''}`));
      }
    });
  });
}

/** The variables `npm run` adds describe the project (its prefix, package, lifecycle): they must
 * not leak into the nested `npm install` of code-server. Real settings (npm_config_cache,
 * npm_config_registry, ...) are kept. */
function cleanNpmEnv(extra) {
  const drop = /^(INIT_CWD|npm_command|npm_execpath|npm_node_execpath|npm_lifecycle_.*|npm_package_.*|npm_config_(local_prefix|prefix|global_prefix|user_agent|npm_version))$/;
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!drop.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 1. Debian packages

async function ensureAptPackages(needInstallTools) {
  const exists = (p) => fs.existsSync(p);
  const wanted = [];
  if (opts.chromium === '/usr/bin/chromium') wanted.push(['chromium', () => exists('/usr/bin/chromium')]);
  else if (!exists(opts.chromium)) throw fail(`E2E_CHROMIUM=${opts.chromium} does not exist`);
  wanted.push(['fonts-dejavu-core', () => exists('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')]);
  if (needInstallTools) {
    // ripgrep: replaces @vscode/ripgrep's GitHub download; libkrb5-dev: headers for `kerberos`;
    // build-essential, python3, pkg-config: node-gyp for the native modules; curl: diagnostics.
    wanted.push(
      ['ripgrep', () => !!which('rg')],
      ['libkrb5-dev', () => exists('/usr/include/gssapi/gssapi.h')],
      ['build-essential', () => !!which('make') && !!which('g++')],
      ['python3', () => !!which('python3')],
      ['pkg-config', () => !!which('pkg-config')],
      ['curl', () => !!which('curl')],
    );
  }
  const missing = wanted.filter(([, ok]) => !ok()).map(([name]) => name);
  if (!missing.length) return;
  if (opts.noApt || !which('apt-get')) {
    throw fail(`missing system packages: ${missing.join(' ')} (install them${opts.noApt ? ', E2E_NO_APT is set' : '; apt-get not found'})`);
  }
  let sudo = [];
  if (process.getuid && process.getuid() !== 0) {
    if (!which('sudo')) throw fail(`missing system packages: ${missing.join(' ')}; not root and no sudo`);
    sudo = ['sudo', '-n'];
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  const logFile = path.join(cacheDir, 'apt.log');
  const t = Date.now();
  log(`apt-get install ${missing.join(' ')} (log: ${logFile})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    run(sudo[0] || 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], { env, logFile, label: `apt-get ${args.find((a) => a === 'update' || a === 'install')}` });
  const wait = ['-o', 'DPkg::Lock::Timeout=600']; // another apt run (or a parallel e2e run) holds the lock
  await apt([...wait, 'update', '-qq']);
  await apt([...wait, 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
  log(`apt done in ${((Date.now() - t) / 1000).toFixed(0)}s`);
}

// ---------------------------------------------------------------------------------------------
// 2. code-server from the npm registry

const csDir = path.join(cacheDir, 'code-server');
const csXdg = { XDG_CONFIG_HOME: path.join(csDir, 'xdg-config'), XDG_DATA_HOME: path.join(csDir, 'xdg-data') };
const csStamp = path.join(csDir, `.installed-${CS_VERSION}`);
const csBin = opts.codeServerBin || path.join(csDir, 'node_modules', '.bin', 'code-server');
const needsInstall = () => !opts.codeServerBin && !(fs.existsSync(csStamp) && fs.existsSync(csBin));

async function installCodeServer() {
  // Gotchas (see /work/shared/e2e/01-code-server-playwright-ui.sh):
  //  * node-gyp must not download Node headers: point nodedir at the headers installed next to
  //    this node (nodesource's nodejs ships /usr/include/node).
  //  * node-pty's postinstall runs `npx node-gyp`; npm `yes=false` in ~/.npmrc aborts it.
  //  * code-server's postinstall.sh refuses to run as root without unsafe_perm.
  //  * @vscode/ripgrep's postinstall downloads from api.github.com: pre-seed its cache
  //    ($TMPDIR/vscode-ripgrep-cache-<ver>/ripgrep-<tag>-<target>.tar.gz) with Debian's rg.
  //  * every code-server run writes $XDG_CONFIG_HOME/code-server and $XDG_DATA_HOME/code-server:
  //    keep them in the cache, not in ~.
  const t = Date.now();
  const tmp = path.join(csDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  const rg = which('rg');
  if (target && rg) {
    const rgCache = path.join(tmp, `vscode-ripgrep-cache-${RG_NPM_VERSION}`);
    fs.mkdirSync(rgCache, { recursive: true });
    const tgz = path.join(rgCache, `ripgrep-${RG_TAG}-${target}.tar.gz`);
    const r = spawnSync('tar', ['-h', '-C', path.dirname(rg), '-czf', tgz, path.basename(rg)], { stdio: 'inherit' });
    if (r.status !== 0) throw fail('could not pack Debian rg for the @vscode/ripgrep cache');
  }
  if (!fs.existsSync(path.join(csDir, 'package.json'))) {
    fs.writeFileSync(path.join(csDir, 'package.json'), JSON.stringify({ name: 'e2e-code-server', private: true }, null, 2) + '\n');
  }
  const headers = path.resolve(path.dirname(process.execPath), '..');
  const env = cleanNpmEnv({
    ...(fs.existsSync(path.join(headers, 'include', 'node', 'node.h')) ? { npm_config_nodedir: headers } : {}),
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_update_notifier: 'false',
    TMPDIR: tmp,
    ...csXdg,
  });
  const logFile = path.join(csDir, 'install.log');
  log(`npm install code-server@${CS_VERSION} into ${show(csDir)} (builds native modules, ~2-3 min; log: ${logFile})`);
  const npm = which('npm') || 'npm';
  await run(npm, ['install', '--no-audit', '--no-fund', '--prefix', csDir, `code-server@${CS_VERSION}`], {
    cwd: csDir,
    env,
    logFile,
    label: 'npm install code-server',
  });
  if (!fs.existsSync(csBin)) throw fail(`code-server installed but ${csBin} is missing; log: ${logFile}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(csStamp, new Date().toISOString() + '\n');
  log(`code-server installed in ${((Date.now() - t) / 1000).toFixed(0)}s`);
}

// ---------------------------------------------------------------------------------------------
// 3. compile the suite, check the extension

async function prepareSuite() {
  const pkgFile = path.join(opts.extensionPath, 'package.json');
  if (!fs.existsSync(pkgFile)) throw fail(`no package.json in the extension folder ${opts.extensionPath}`);
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  const main = pkg.main && path.resolve(opts.extensionPath, pkg.main);
  if (main && !fs.existsSync(main) && !fs.existsSync(main + '.js')) {
    throw fail(`the extension is not built: ${show(main)} is missing (run \`node scripts/build.mjs\` first)`);
  }
  if (opts.compile && fs.existsSync(path.join(repo, 'test/e2e/tsconfig.json'))) {
    const t = Date.now();
    const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(repo, 'test/e2e')], { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw fail(`tsc -p test/e2e failed:\n${r.stdout}${r.stderr}`);
    vlog(`compiled test/e2e in ${Date.now() - t} ms`);
  }
  if (!opts.ui && !fs.existsSync(opts.testsPath)) throw fail(`suite not found: ${opts.testsPath}`);
  return `${pkg.publisher}.${pkg.name}`;
}

// ---------------------------------------------------------------------------------------------
// 4. code-server

async function startCodeServer() {
  fs.mkdirSync(path.join(cacheDir, 'runs'), { recursive: true });
  runDir = fs.mkdtempSync(path.join(cacheDir, 'runs', 'run-'));
  const ud = path.join(runDir, 'user-data');
  const exts = path.join(runDir, 'extensions');
  const ws = path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.mkdirSync(exts, { recursive: true });
  if (!fs.existsSync(opts.workspace)) throw fail(`workspace folder not found: ${opts.workspace}`);
  // tests may edit files: never touch the repo's copy (its README.md stays out of the explorer)
  fs.cpSync(opts.workspace, ws, { recursive: true, filter: (src) => src !== path.join(opts.workspace, 'README.md') });
  fs.writeFileSync(
    path.join(ud, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'security.workspace.trust.startupPrompt': 'never',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'update.showReleaseNotes': false,
        'git.enabled': false,
        'chat.commandCenter.enabled': false,
        'window.commandCenter': false,
        'editor.minimap.enabled': false,
        'editor.stickyScroll.enabled': false,
        'editor.wordBasedSuggestions': 'off', // only the extension's completions count
        'files.autoSave': 'off',
      },
      null,
      2,
    ),
  );
  const resultFile = path.join(runDir, 'result.json');
  const logFile = path.join(runDir, 'code-server.log');
  const env = {
    ...cleanNpmEnv({}),
    ...csXdg,
    E2E_RUN_ID: runId,
    EXT_TEST_RESULT: resultFile,
    // no extension gallery: offline, its first query only fails after a DNS timeout (~10 s) and
    // holds up the extension host; tests must not depend on marketplace state anyway
    EXTENSIONS_GALLERY: process.env.E2E_EXTENSIONS_GALLERY || '{}',
    // the server would otherwise run the login shell ($SHELL -i -l) to copy its environment into
    // the extension host, and wait up to 10 s for a slow profile before it starts the host;
    // VSCODE_CLI=1 skips that (code-server rejects --force-disable-user-env)
    VSCODE_CLI: '1',
    ...(process.env.E2E_GREP ? { E2E_GREP: process.env.E2E_GREP } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    const port = opts.port || (await freePort());
    const out = fs.openSync(logFile, 'a');
    const cs = spawn(
      csBin,
      [
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        '--user-data-dir', ud,
        '--extensions-dir', exts,
      ],
      { cwd: runDir, env, detached: true, stdio: ['ignore', out, out] }, // detached = own process group
    );
    fs.closeSync(out);
    groups.add(cs.pid);
    let exited = null;
    cs.on('exit', (code, sig) => {
      exited = sig || `exit ${code}`;
    });
    cs.on('error', (e) => {
      exited = e.message;
    });
    const base = `http://127.0.0.1:${port}`;
    const end = Date.now() + 60_000;
    let up = false;
    while (!exited) {
      try {
        up = (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
      } catch {}
      if (up) break;
      if (Date.now() > end) throw fail(`code-server did not answer on ${base}/healthz in 60 s; log ${logFile}:\n${tail(logFile)}`);
      await sleep(250);
    }
    if (!up) {
      // the free port was taken between the probe and code-server's listen: try another one
      if (!opts.port && attempt < 3 && /EADDRINUSE/.test(tail(logFile))) continue;
      throw fail(`code-server stopped (${exited}); log ${logFile}:\n${tail(logFile)}`);
    }
    log(`code-server ${CS_VERSION} up on ${base} (pid ${cs.pid}, run dir ${show(runDir)})`);
    return { port, base, ws, resultFile, logFile, isAlive: () => !exited };
  }
}

function tail(file, n = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// 5. the browser

async function launchBrowser() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw fail('playwright-core is not installed (npm install -D playwright-core@1.57.0)');
  }
  browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    // playwright already uses a fresh temporary profile
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    env: { ...process.env, E2E_RUN_ID: runId },
    handleSIGINT: false, // our handlers close it (and kill the group on 'exit')
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  return page;
}

/** Page console message → text. Messages forwarded from the extension host look like
 * console.log('%c INFO', 'color: #33f', '%s%s', fmt, ...args) or '%c[Extension Host]', 'color: blue', …. */
async function consoleText(msg) {
  let v;
  try {
    v = await Promise.all(msg.args().map((a) => a.jsonValue()));
  } catch {
    v = [msg.text()];
  }
  let origin = '';
  while (typeof v[0] === 'string' && /^%c/.test(v[0])) {
    origin ||= v[0].replace(/^%c\s*/, '').trim();
    v.splice(0, 2);
  }
  if (v[0] === '%s%s' || v[0] === '%s') v.shift();
  return { origin, text: util.format(...v.map((x) => (x === undefined ? '' : x))) };
}

// ---------------------------------------------------------------------------------------------
// 6a. Mocha suite in the extension host

/** vscode-remote://127.0.0.1:PORT/abs/path: a path on the code-server side (the same machine). */
function remoteUri(cs, p) {
  return `vscode-remote://127.0.0.1:${cs.port}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
}

async function runSuite(page, cs, extensionId) {
  const remote = (p) => remoteUri(cs, p);
  const payload = [
    ['extensionDevelopmentPath', remote(opts.extensionPath)],
    ['extensionTestsPath', remote(opts.testsPath)],
  ];
  const url = `${cs.base}/?folder=${encodeURIComponent(cs.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  let done;
  const exited = new Promise((r) => (done = r));
  // In test mode the workbench's log service hands every line to codeAutomationLog, including the
  // extension host's console (Mocha's spec reporter). The same lines also reach the page console,
  // so print from one channel only: codeAutomationLog; the console only with VERBOSE.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    if (opts.verbose) console.log(stamp(), `[log:${type}]`, text);
    else if (isMochaLine(text)) console.log(text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => done(code));
  if (opts.verbose) {
    page.on('console', async (m) => {
      const { origin, text } = await consoleText(m);
      console.log(stamp(), `[console${origin ? ":" + origin : ""}]`, text);
    });
  }
  page.on('pageerror', (e) => vlog('page error:', e.message));
  log(`running ${extensionId} suite ${show(opts.testsPath)}`);
  const code = await Promise.race([
    page.goto(url).then(() => exited),
    sleep(opts.timeoutMs).then(() => 'timeout'),
    (async () => {
      while (cs.isAlive()) await sleep(500);
      return 'code-server exited';
    })(),
  ]);
  log(`codeAutomationExit: ${code}`);
  let result;
  try {
    result = JSON.parse(fs.readFileSync(cs.resultFile, 'utf8'));
  } catch {}
  if (result) {
    for (const f of result.failuresDetail || []) console.log(`FAILED: ${f.title}: ${String(f.message).split('\n')[0]}`);
    console.log(`${result.passes} passed, ${result.failures} failed`);
  } else if (code === 0) {
    log(`the suite passed but wrote no result file (EXT_TEST_RESULT)`);
  } else {
    if (code === 'timeout') log(`timed out after ${opts.timeoutMs} ms (E2E_TIMEOUT_MS)`);
    log(`no result from the suite; code-server log ${cs.logFile}:\n${tail(cs.logFile)}`);
    console.log('0 passed, 1 failed');
  }
  return code === 0 && (!result || result.failures === 0) ? 0 : 1;
}

function isMochaLine(text) {
  // spec reporter: suite titles and tests (indented), failure details (indented), summaries;
  // plus errors. Workbench log lines are not indented, so they are left out.
  return /^(\s{2,}\S|✔|✓|\d+ (passing|failing|pending))|AssertionError|Error:/.test(text);
}

// ---------------------------------------------------------------------------------------------
// 6b. UI driver

async function runUi(page, cs, extensionId) {
  const remote = (p) => remoteUri(cs, p);
  const payload = [['extensionDevelopmentPath', remote(opts.extensionPath)]];
  const url = `${cs.base}/?folder=${encodeURIComponent(cs.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  if (opts.verbose) {
    page.on('console', async (m) => {
      const { origin, text } = await consoleText(m);
      console.log(stamp(), `[console${origin ? ":" + origin : ""}]`, text);
    });
  }
  const { drive } = await import(pathToFileURL(path.join(repo, 'test/e2e/ui/drive.mjs')).href);
  fs.mkdirSync(opts.shotsDir, { recursive: true });
  log(`driving the workbench (${extensionId}); screenshots -> ${show(opts.shotsDir)}`);
  const result = await Promise.race([
    drive({ page, url, workspace: cs.ws, shotsDir: opts.shotsDir, failureDir: runDir, extensionId, log: (...a) => log(' ', ...a) }),
    sleep(opts.timeoutMs).then(() => ({ passed: 0, failed: 1, timeout: true })),
  ]);
  if (result.timeout) log(`timed out after ${opts.timeoutMs} ms (E2E_TIMEOUT_MS)`);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------

/** One installer at a time per cache dir: a lock dir holding the installer's pid. */
async function withInstallLock(fn) {
  const lock = path.join(cacheDir, 'code-server.install.lock');
  fs.mkdirSync(cacheDir, { recursive: true });
  for (let waited = 0; ; waited++) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8').trim()) || 0;
      } catch {}
      if ((owner && !alive(owner)) || (!owner && waited > 10)) {
        fs.rmSync(lock, { recursive: true, force: true }); // stale: its installer died
        continue;
      }
      if (waited === 0) log(`another run (pid ${owner || '?'}) is installing code-server; waiting`);
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function main() {
  const install = needsInstall();
  await ensureAptPackages(install);
  if (install) await withInstallLock(() => (needsInstall() ? installCodeServer() : undefined));
  else vlog(`reusing ${csBin}`);
  const extensionId = await prepareSuite();
  const tRun = Date.now();
  const cs = await startCodeServer();
  const page = await launchBrowser();
  const code = opts.ui ? await runUi(page, cs, extensionId) : await runSuite(page, cs, extensionId);
  log(`run took ${((Date.now() - tRun) / 1000).toFixed(1)}s`);
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (e) {
  if (signalled) await new Promise(() => {}); // the signal handler cleans up and exits
  console.error(`e2e: ${e.e2eUser ? e.message : e.stack || e}`);
  if (runDir) console.error(`e2e: logs in ${runDir}`);
  console.log('0 passed, 1 failed');
  exitCode = 1;
} finally {
  await cleanup();
}
if (runDir && exitCode === 0 && !opts.keep) fs.rmSync(runDir, { recursive: true, force: true });
else if (runDir) log(`run dir kept: ${runDir}`);
process.exit(exitCode);
