// npm run bench: how fast the language service is, on the BUNDLED code.
//
//   node scripts/bench.mjs [--quick] [--json FILE] [--markdown FILE] [--no-server] [--no-library] [--sizes 50k,2m]
//
// Library (in this process, after warm-up, many runs): a bare sax pass over the text with the
// parser's options (the baseline), parse to the model, all checks, outline and folding; for
// synthetic task sequences of 50 KB, 500 KB, 2 MB and 10 MB and for the real corpus when it is
// beside the project; each timing includes the young-generation collections that move what it kept,
// the sax pass in a worker thread (a heap of its own). Server (server/dist/server.js over stdio,
// driven by a real LSP client): initialize, open → diagnostics, one-character edit → diagnostics
// (pull, which has no debounce; and push, with the server's debounce subtracted), completion /
// hover / code action / outline / folding on a cached parse, and the server's peak memory with the
// document open.
// Prints one markdown report (machine, tables, targets); --json writes the raw figures.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Worker } from 'node:worker_threads';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const lsp = require('vscode-languageserver-protocol/node');

// ---------------------------------------------------------------------------------------------
// Arguments

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const jsonFile = option('--json');
const markdownFile = option('--markdown');
const runServer = !args.includes('--no-server');
const runLibrary = !args.includes('--no-library');
/** Node options for the server process (e.g. "--max-semi-space-size=32"), to compare launch settings. */
const serverNodeArgs = (option('--server-node-args') ?? '').split(' ').filter(Boolean);
const SIZE_NAMES = { '50k': 50_000, '500k': 500_000, '2m': 2_000_000, '10m': 10_000_000 };
const sizeList = (option('--sizes') ?? (quick ? '50k,500k' : '50k,500k,2m,10m')).split(',').map((s) => {
  const size = SIZE_NAMES[s.toLowerCase()];
  if (!size) {
    console.error(`unknown size ${s}: use ${Object.keys(SIZE_NAMES).join(', ')}`);
    process.exit(2);
  }
  return { label: s.toUpperCase().replace('K', ' KB').replace('M', ' MB'), size };
});

// ---------------------------------------------------------------------------------------------
// Helpers

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/**
 * A young-generation collection. Not a full one: the optimized code of the parser and the checks is
 * bound to the hidden classes of their per-run objects, which a full collection frees once the run
 * is over, so after each one V8 optimized some 110 functions again (--trace-opt: "weak objects";
 * about 10 without it) and the checks took 60–95 ms at 2 MB instead of 45. The timings after it
 * measured code that had not warmed up again; sax, a few small functions, recovered almost at once.
 */
function collectYoungGeneration() {
  gc({ type: 'minor' });
}

/**
 * Runs `f` `repeat` times; the mean ms per run, including the cost of collecting what it allocated.
 * It starts on an empty young generation and ends with the two young-generation collections that
 * first copy, then promote what it kept. Without them a 2 MB parse left its 11 MB tree in the young
 * generation and the collections that moved it (10 + 28 ms) fell between timings, uncounted, while
 * a 10 MB parse overflowed the young generation and paid for them inside its own timing: the
 * figures flattered the sizes that fit, and the growth exponent read the difference as
 * non-linearity. A server that keeps the tree pays for moving it once either way.
 */
function timeWithCollection(f, repeat) {
  collectYoungGeneration();
  const start = performance.now();
  for (let i = 0; i < repeat; i++) {
    f();
  }
  collectYoungGeneration();
  collectYoungGeneration();
  return (performance.now() - start) / repeat;
}

function quantile(sorted, q) {
  if (sorted.length === 0) {
    return NaN;
  }
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0],
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1],
  };
}

function ms(value) {
  if (value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** "median (p10–p90)" in ms. */
function cell(s) {
  return s ? `${ms(s.p50)} (${ms(s.p10)}–${ms(s.p90)})` : '–';
}

function mb(bytes) {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memory: mb(os.totalmem()),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

function delay(msec) {
  return new Promise((resolve) => setTimeout(resolve, msec));
}

// ---------------------------------------------------------------------------------------------
// The bundled library

const HARNESS_FILE = path.join(root, 'out', 'bench', 'harness.cjs');

async function bundleHarness() {
  const outfile = HARNESS_FILE;
  // The same options as the server bundle (scripts/build.mjs), production flavour.
  await build({
    entryPoints: [path.join(root, 'test', 'bench', 'harness.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
  });
  return require(outfile);
}

function stepTypesOf(lib) {
  try {
    return lib.allStepTypes();
  } catch {
    return undefined;
  }
}

function runsFor(size) {
  if (quick) {
    return size <= 100_000 ? { warmup: 3, runs: 15 } : { warmup: 2, runs: 8 };
  }
  if (size <= 100_000) {
    return { warmup: 5, runs: 40 };
  }
  if (size <= 1_000_000) {
    return { warmup: 5, runs: 30 };
  }
  return size <= 3_000_000 ? { warmup: 3, runs: 15 } : { warmup: 2, runs: 9 };
}

/**
 * The bare sax pass, timed in a worker thread: a heap of its own. In the heap of the other timings
 * it paid for collecting the trees the parse timings left behind (at 2 MB the same pass took 42 ms
 * in some rounds and 74 in others), which made the ratio depend on where a collection fell.
 */
class SaxBaseline {
  constructor(texts) {
    this.worker = new Worker(SAX_WORKER, { eval: true, workerData: { harness: HARNESS_FILE, texts } });
    this.worker.on('message', (ms) => this.pending?.resolve(ms));
    this.worker.on('error', (error) => this.pending?.reject(error));
  }

  /** Mean ms of `repeat` passes over every text, timed as timeWithCollection does, in the worker. */
  time(repeat) {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(repeat);
    });
  }

  stop() {
    return this.worker.terminate();
  }
}

const SAX_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
const vm = require('node:vm');
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc');
const lib = require(workerData.harness);
parentPort.on('message', (repeat) => {
  collect({ type: 'minor' });
  const start = performance.now();
  for (let i = 0; i < repeat; i++) {
    workerData.texts.forEach((t) => lib.saxPass(t));
  }
  // The same collections as timeWithCollection: sax keeps nothing, so they cost it next to nothing.
  collect({ type: 'minor' });
  collect({ type: 'minor' });
  parentPort.postMessage((performance.now() - start) / repeat);
});
`;

/**
 * Times every operation on `texts` (one document, or the corpus taken together), interleaved in
 * each round so that a change of machine load hits all of them alike; each timed with the
 * collection of what it allocated (timeWithCollection).
 */
async function measureLibrary(lib, texts, { warmup, runs }) {
  const service = lib.getLanguageService();
  const limit = { maxItems: lib.DEFAULT_SETTINGS.maxItemsComputed };
  const documents = texts.map((text, i) => lib.TextDocument.create(`file:///bench/${i}.xml`, 'tasksequence-xml', 1, text));
  const samples = { sax: [], parse: [], checks: [], parseAndChecks: [], ratio: [], symbols: [], folding: [] };
  // Small documents are timed in batches (each sample is the mean of `repeat` passes), so that one
  // sample is long enough to be above timer and scheduling noise.
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const repeat = Math.max(1, Math.round(500_000 / chars));
  const time = (f) => timeWithCollection(f, repeat);
  const baseline = new SaxBaseline(texts);
  let parsed = [];
  try {
    for (let round = 0; round < warmup + runs; round++) {
      const sax = await baseline.time(repeat);
      const parse = time(() => {
        parsed = texts.map((t) => lib.parseTaskSequence(t));
      });
      const checks = time(() => parsed.forEach((p) => lib.runChecks(p)));
      const symbols = time(() => parsed.forEach((p, i) => service.findDocumentSymbols(documents[i], p, limit)));
      const folding = time(() => parsed.forEach((p, i) => service.getFoldingRanges(documents[i], p, limit)));
      if (round >= warmup) {
        samples.sax.push(sax);
        samples.parse.push(parse);
        samples.checks.push(checks);
        samples.parseAndChecks.push(parse + checks);
        samples.ratio.push((parse + checks) / sax);
        samples.symbols.push(symbols);
        samples.folding.push(folding);
      }
    }
  } finally {
    await baseline.stop();
  }
  const problems = parsed.reduce((n, p) => n + lib.runChecks(p).length, 0);
  const elements = parsed.reduce((n, p) => n + countElements(p.roots), 0);
  return { ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)])), problems, elements };
}

function countElements(elements) {
  let n = 0;
  const pending = [...elements];
  while (pending.length) {
    const e = pending.pop();
    n++;
    for (const c of e.children) {
      pending.push(c);
    }
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// The bundled server over stdio

const serverPath = path.join(root, 'server', 'dist', 'server.js');

function serverSourcesNewer() {
  if (!fs.existsSync(serverPath)) {
    return true;
  }
  const built = fs.statSync(serverPath).mtimeMs;
  const newer = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? newer(full) : e.name.endsWith('.ts') && fs.statSync(full).mtimeMs > built;
    });
  return newer(path.join(root, 'server', 'src'));
}

function debounceOfServer() {
  const source = path.join(root, 'server', 'src', 'server.ts');
  const m = fs.existsSync(source) ? /VALIDATION_DELAY_MS\s*=\s*(\d+)/.exec(fs.readFileSync(source, 'utf8')) : null;
  return m ? Number(m[1]) : undefined;
}

function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

const CAPABILITIES_PULL = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    foldingRange: {},
    publishDiagnostics: { versionSupport: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
  },
  workspace: {},
};

function capabilitiesPush() {
  const c = structuredClone(CAPABILITIES_PULL);
  delete c.textDocument.diagnostic;
  return c;
}

class Session {
  static async start(capabilities) {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, [...serverNodeArgs, serverPath, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(child.stdout), new lsp.StreamMessageWriter(child.stdin));
    const session = new Session(child, connection);
    connection.listen();
    const sent = performance.now();
    session.initializeResult = await connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: null,
    });
    const answered = performance.now();
    session.initialize = { roundTrip: answered - sent, fromSpawn: answered - spawnedAt };
    await connection.sendNotification(lsp.InitializedNotification.type, {});
    return session;
  }

  constructor(child, connection) {
    this.child = child;
    this.connection = connection;
    this.waiters = [];
    this.stderr = '';
    child.stderr.on('data', (d) => (this.stderr += d));
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
      const at = performance.now();
      this.waiters = this.waiters.filter((w) => !(w.uri === params.uri && (w.version === undefined || params.version === w.version) && (w.resolve({ params, at }), true)));
    });
    connection.onNotification(lsp.LogMessageNotification.type, () => undefined);
    connection.onNotification('taskSequence/resultLimitReached', () => undefined);
    connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
  }

  published(uri, version) {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  async open(uri, text) {
    await this.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tasksequence-xml', version: 1, text } });
  }

  async change(uri, version, offsetRange, text, document) {
    const range = { start: document.positionAt(offsetRange[0]), end: document.positionAt(offsetRange[1]) };
    await this.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async timed(method, params) {
    const start = performance.now();
    const result = await this.connection.sendRequest(method, params);
    return { ms: performance.now() - start, result };
  }

  memory() {
    return memoryOf(this.child.pid);
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest(lsp.ShutdownRequest.type), delay(5000)]);
      await this.connection.sendNotification(lsp.ExitNotification.type);
    } catch {
      // gone already
    }
    await Promise.race([new Promise((resolve) => this.child.once('exit', resolve)), delay(3000)]);
    this.connection.dispose();
    if (this.child.exitCode === null) {
      this.child.kill();
    }
  }
}

/** Offsets of characters inside attribute values and element text: places where a one-character edit keeps the document well-formed. */
function editableOffsets(text, rng, count) {
  const offsets = [];
  const re = /name="([^"&<]{2,})"/g;
  const all = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    all.push(m.index + 6 + 1);
  }
  for (let i = 0; i < count && all.length; i++) {
    offsets.push(all[rng.int(all.length)]);
  }
  return offsets;
}

/**
 * Keystrokes of an admin who types a word into a name="…" value and erases it again, one character
 * each, then does the same elsewhere: the document stays well-formed and keeps the problems it had
 * (plus at most one). A character typed at a random place each time made problems pile up instead:
 * after 200 edits of the 50 KB document 250 diagnostics instead of 37, so that the samples measured
 * the growing answer more than the keystroke.
 */
function* keystrokes(currentText, rng) {
  for (;;) {
    const at = editableOffsets(currentText(), rng, 1)[0];
    for (let i = 0; i < TYPED_WORD.length; i++) {
      yield { range: [at + i, at + i], text: TYPED_WORD[i] };
    }
    for (let i = TYPED_WORD.length; i > 0; i--) {
      yield { range: [at + i - 1, at + i], text: '' };
    }
  }
}

const TYPED_WORD = 'Copy';

/** `document` with the characters in the offset range [start, end) replaced by `text`, as the next version. */
function editedDocument(lib, document, [start, end], text, version) {
  return lib.TextDocument.update(document, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text }], version);
}

/** Positions where an admin asks for completion or hover: step types, property values, variable names, element names, anywhere. */
function requestOffsets(text, rng, count) {
  const patterns = [/type="([^"]*)"/g, /<variable name="([^"]*)"/g, /property="([^"]*)"/g, /<(step|group|condition|expression|operator)\b/g, />([^<]{3,})</g];
  const pools = patterns.map((re) => {
    const pool = [];
    for (let m = re.exec(text); m && pool.length < 20000; m = re.exec(text)) {
      pool.push(m.index + m[0].indexOf(m[1]) + Math.min(m[1].length, 2));
    }
    return pool;
  });
  const offsets = [];
  for (let i = 0; i < count; i++) {
    const pool = pools[i % (pools.length + 1)];
    offsets.push(pool && pool.length ? pool[rng.int(pool.length)] : rng.int(text.length));
  }
  return offsets;
}

/**
 * Warm-up before the server's samples, in proportion to the work: the optimizing compiler takes a
 * function up after enough runs of it, and one edit of a 50 KB document runs the checks' code 40
 * times less than one of 2 MB. At 50 KB the edit → diagnostics time kept falling for the first few
 * hundred edits after the server started (p50 about 3 ms, then 1.5 ms); those edits are reported
 * apart, and the very first one after opening on its own.
 */
const WARMUP_CHARS = 25_000_000;
const MIN_WARMUP = 5;

function warmupRuns(chars) {
  return Math.max(MIN_WARMUP, Math.ceil(WARMUP_CHARS / chars));
}

async function measureServer(lib, label, size, text, requestCount, editCount) {
  const uri = `file:///bench/${label.replace(/\W+/g, '')}.xml`;
  const rng = new lib.Prng(7);
  const result = { label, size, chars: text.length };

  // Pull diagnostics (what VS Code's client uses): no debounce.
  const session = await Session.start(CAPABILITIES_PULL);
  try {
    result.initialize = session.initialize;
    result.memoryIdle = session.memory();
    let document = lib.TextDocument.create(uri, 'tasksequence-xml', 1, text);
    const openedAt = performance.now();
    await session.open(uri, text);
    const first = await session.timed('textDocument/diagnostic', { textDocument: { uri } });
    result.openToDiagnostics = performance.now() - openedAt;
    result.diagnostics = first.result.items?.length ?? 0;
    const editSamples = [];
    let version = 1;
    /** Makes one edit, in the server and in `document`: the ms until its diagnostics (pull) are back. */
    const editToDiagnostics = async (range, typed) => {
      version++;
      const before = document;
      document = editedDocument(lib, before, range, typed, version);
      const start = performance.now();
      await session.change(uri, version, range, typed, before);
      await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      return performance.now() - start;
    };
    // The first edits after opening run code the server has not optimised yet: they are timed
    // apart (the first one is reported as such), like the library's warm-up runs.
    const editWarmup = warmupRuns(text.length);
    result.editWarmup = editWarmup;
    const typing = keystrokes(() => document.getText(), rng);
    for (let e = 0; e < editWarmup + editCount; e++) {
      const { range, text: typed } = typing.next().value;
      editSamples.push(await editToDiagnostics(range, typed));
    }
    result.firstEditToDiagnostics = editSamples[0];
    result.editToDiagnosticsWarmingUp = stats(editSamples.slice(1, editWarmup));
    result.editToDiagnostics = stats(editSamples.slice(editWarmup));
    // Typing a new element: "<step " left unfinished (the document is broken) after a random end
    // tag, then removed again. Both edits need a full parse (the second because the version before
    // it has a problem). That path gets its own warm-up, in proportion, as the edits in values did.
    const brokenSamples = [];
    for (let e = 0; e < editWarmup + editCount; e++) {
      const current = document.getText();
      const ends = [];
      for (let at = current.indexOf('</step>'); at >= 0 && ends.length < 5000; at = current.indexOf('</step>', at + 7)) {
        ends.push(at + 7);
      }
      const offset = ends[rng.int(ends.length)];
      for (const [range, inserted] of [[[offset, offset], '\n<step '], [[offset, offset + 7], '']]) {
        const ms = await editToDiagnostics(range, inserted);
        if (e >= editWarmup) {
          brokenSamples.push(ms);
        }
      }
    }
    result.brokenEditToDiagnostics = stats(brokenSamples);
    const current = document.getText();
    const offsets = requestOffsets(current, rng, requestCount);
    const requests = { completion: [], hover: [], codeAction: [], documentSymbol: [], foldingRange: [] };
    const diagnostics = (await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })).items ?? [];
    // The first rounds warm up (not sampled), as many as the edits did.
    const wholeDocumentRequests = Math.max(5, requestCount / 5);
    for (let round = 0; round < editWarmup + offsets.length; round++) {
      const i = round - editWarmup;
      const sample = (name, timing) => i >= 0 && requests[name].push(timing.ms);
      const position = document.positionAt(offsets[round % offsets.length]);
      sample('completion', await session.timed('textDocument/completion', { textDocument: { uri }, position }));
      sample('hover', await session.timed('textDocument/hover', { textDocument: { uri }, position }));
      const diagnostic = diagnostics.length ? diagnostics[rng.int(diagnostics.length)] : undefined;
      const range = diagnostic ? diagnostic.range : { start: position, end: position };
      sample('codeAction', await session.timed('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: diagnostic ? [diagnostic] : [] } }));
      if (i < wholeDocumentRequests) {
        sample('documentSymbol', await session.timed('textDocument/documentSymbol', { textDocument: { uri } }));
        sample('foldingRange', await session.timed('textDocument/foldingRange', { textDocument: { uri } }));
      }
    }
    result.requests = Object.fromEntries(Object.entries(requests).map(([k, v]) => [k, stats(v)]));
    // Resident size with the document open once the server has been idle for a moment (it
    // collects superseded parses when idle), and the peak (VmHWM) since it started.
    await delay(3000);
    result.memoryOpen = session.memory();
    await session.connection.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await delay(1500);
    result.memoryClosed = session.memory();
  } finally {
    await session.stop();
  }

  // Push diagnostics: open → publish (no delay on opening), edit → publish minus the debounce.
  const push = await Session.start(capabilitiesPush());
  try {
    let document = lib.TextDocument.create(uri, 'tasksequence-xml', 1, text);
    const firstPublish = push.published(uri, 1);
    const openedAt = performance.now();
    await push.open(uri, text);
    result.openToPublish = (await firstPublish).at - openedAt;
    const samples = [];
    let version = 1;
    const typing = keystrokes(() => document.getText(), rng);
    for (let e = 0; e < Math.min(editCount, 5); e++) {
      const { range, text: typed } = typing.next().value;
      version++;
      const before = document;
      document = editedDocument(lib, before, range, typed, version);
      const published = push.published(uri, version);
      const start = performance.now();
      await push.change(uri, version, range, typed, before);
      samples.push((await published).at - start);
    }
    result.editToPublishRaw = stats(samples);
  } finally {
    await push.stop();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Report

function exponent(small, large, key) {
  if (!small || !large) {
    return undefined;
  }
  const a = small.library[key]?.p50;
  const b = large.library[key]?.p50;
  return Math.log(b / a) / Math.log(large.chars / small.chars);
}

function verdict(ok) {
  return ok === undefined ? '–' : ok ? 'met' : '**not met**';
}

function report(data) {
  const lines = [];
  const m = data.machine;
  lines.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memory}, Node ${m.node}, ${m.platform}; load average at start ${m.loadAverage}.`);
  if (data.serverNodeArgs.length) {
    lines.push(`Server started with node ${data.serverNodeArgs.join(' ')}.`);
  }
  lines.push(`Bundled code (esbuild, as shipped). Times in ms: median (p10–p90) over ${quick ? 'a quick series of' : 'repeated'} runs in one process after warm-up, each timing from an empty young generation to the two young-generation collections that copy and promote what it kept (not a full collection, after which V8 optimizes the code again); the sax pass in a worker thread, a heap of its own.`);
  lines.push('');
  if (data.library.length) {
    lines.push('### Library');
    lines.push('');
    lines.push('| Document | Size | Elements | sax baseline | Parse | All checks | Parse + checks | ÷ baseline | Outline | Folding |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const row of data.library) {
      const l = row.library;
      lines.push(
        `| ${row.label} | ${(row.chars / 1e6).toFixed(2)} M chars | ${l.elements.toLocaleString('en-US')} | ${cell(l.sax)} | ${cell(l.parse)} | ${cell(l.checks)} | ${cell(l.parseAndChecks)} | ${l.ratio.p50.toFixed(2)} (${l.ratio.p10.toFixed(2)}–${l.ratio.p90.toFixed(2)}) | ${cell(l.symbols)} | ${cell(l.folding)} |`,
      );
    }
    const synthetic = data.library.filter((r) => r.synthetic);
    const small = synthetic.find((r) => r.size === 500_000);
    const large = synthetic.find((r) => r.size === 10_000_000);
    if (small && large) {
      lines.push('');
      lines.push(
        `Growth from 500 KB to 10 MB (exponent of time in size; 1 = linear): sax ${exponent(small, large, 'sax').toFixed(2)}, parse ${exponent(small, large, 'parse').toFixed(2)}, checks ${exponent(small, large, 'checks').toFixed(2)}, parse + checks ${exponent(small, large, 'parseAndChecks').toFixed(2)}, outline ${exponent(small, large, 'symbols').toFixed(2)}, folding ${exponent(small, large, 'folding').toFixed(2)}.`,
      );
    }
    lines.push('');
  }
  if (data.server.length) {
    lines.push('### Server (server/dist/server.js over stdio)');
    lines.push('');
    lines.push(`Debounce of push diagnostics in the server: ${data.debounce ?? 'unknown'} ms (subtracted below; pull diagnostics have none).`);
    lines.push('');
    lines.push(
      `The 1-char edits type a word into a name="…" value and erase it again, then elsewhere (the parse is updated in place). Before the samples, edits and requests warm the server up in proportion to the work: ${(WARMUP_CHARS / 1e6).toFixed(0)} M characters re-checked, and as many rounds of requests. Those warm-up edits after the first one (shown apart) took, p50 / p90: ${data.server.map((r) => `${ms(r.editToDiagnosticsWarmingUp.p50)} / ${ms(r.editToDiagnosticsWarmingUp.p90)} ms at ${r.label.replace('synthetic ', '')} (${r.editWarmup} edits)`).join(', ')}. The edits that need a full parse type an unfinished "<step " after an end tag and remove it again (the version before the removal has a problem, so it is parsed again too); they get a warm-up of their own, as many pairs.`,
    );
    lines.push('');
    lines.push('| Document | initialize | open → diagnostics (pull) | open → publish (push) | first edit after open → diagnostics (pull) | 1-char edit → diagnostics (pull) | edit → publish − debounce (push) | edit that needs a full parse → diagnostics (pull) | RSS open, idle (peak) | RSS after close |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const s of data.server) {
      const pushEdit = s.editToPublishRaw && data.debounce !== undefined ? { ...s.editToPublishRaw, p50: s.editToPublishRaw.p50 - data.debounce, p10: s.editToPublishRaw.p10 - data.debounce, p90: s.editToPublishRaw.p90 - data.debounce } : undefined;
      lines.push(
        `| ${s.label} | ${ms(s.initialize.roundTrip)} (${ms(s.initialize.fromSpawn)} from spawn) | ${ms(s.openToDiagnostics)} | ${ms(s.openToPublish)} | ${s.firstEditToDiagnostics === undefined ? '—' : ms(s.firstEditToDiagnostics)} | ${cell(s.editToDiagnostics)} | ${cell(pushEdit)} | ${cell(s.brokenEditToDiagnostics)} | ${mb(s.memoryOpen.rss)} (${mb(s.memoryOpen.hwm)}) | ${mb(s.memoryClosed.rss)} |`,
      );
    }
    lines.push('');
    lines.push('Requests on a cached parse, p50 / p95 ms:');
    lines.push('');
    lines.push('| Document | completion | hover | code action | outline | folding |');
    lines.push('|---|---|---|---|---|---|');
    for (const s of data.server) {
      const r = s.requests;
      const pp = (x) => `${ms(x.p50)} / ${ms(x.p95)} (n=${x.n})`;
      lines.push(`| ${s.label} | ${pp(r.completion)} | ${pp(r.hover)} | ${pp(r.codeAction)} | ${pp(r.documentSymbol)} | ${pp(r.foldingRange)} |`);
    }
    lines.push('');
  }
  lines.push('### Targets');
  lines.push('');
  lines.push('| Target | Measured | |');
  lines.push('|---|---|---|');
  for (const t of targets(data)) {
    lines.push(`| ${t.target} | ${t.measured} | ${verdict(t.ok)} |`);
  }
  return lines.join('\n');
}

function targets(data) {
  const out = [];
  const lib = (size) => data.library.find((r) => r.synthetic && r.size === size);
  const srv = (size) => data.server.find((r) => r.size === size);
  for (const size of [2_000_000, 10_000_000]) {
    const row = lib(size);
    if (row) {
      const ratio = row.library.parseAndChecks.p50 / row.library.sax.p50;
      out.push({ target: `parse + all checks ≤ 1.5 × bare sax, ${row.label}`, measured: `${ratio.toFixed(2)} ×`, ok: ratio <= 1.5 });
    }
  }
  const two = srv(2_000_000);
  if (two) {
    out.push({ target: '2 MB: 1-char edit → diagnostics ≤ 150 ms after the debounce (pull: none)', measured: `p50 ${ms(two.editToDiagnostics.p50)} ms, p90 ${ms(two.editToDiagnostics.p90)} ms`, ok: two.editToDiagnostics.p50 <= 150 });
    const c = two.requests.completion.p95;
    const h = two.requests.hover.p95;
    out.push({ target: '2 MB: completion and hover p95 ≤ 20 ms', measured: `completion ${ms(c)} ms, hover ${ms(h)} ms`, ok: c <= 20 && h <= 20 });
    out.push({ target: 'server RSS ≤ 150 MB with a 2 MB document open', measured: `${mb(two.memoryOpen.rss)} (peak ${mb(two.memoryOpen.hwm)})`, ok: two.memoryOpen.hwm <= 150 * 1048576 });
  }
  const small = srv(50_000);
  if (small) {
    const p95 = {
      ...Object.fromEntries(Object.entries(small.requests).map(([k, r]) => [k, r.p95])),
      'diagnostics after an edit': small.editToDiagnostics.p95,
      'diagnostics after an edit that needs a full parse': small.brokenEditToDiagnostics.p95,
    };
    const over = Object.entries(p95).filter(([, v]) => v > 5);
    out.push({
      target: '50 KB: every request ≤ 5 ms (p95)',
      measured: over.length ? `over: ${over.map(([k, v]) => `${k} ${ms(v)} ms`).join(', ')}` : `worst p95 ${ms(Math.max(...Object.values(p95)))} ms`,
      ok: over.length === 0,
    });
  }
  const init = data.server.map((s) => s.initialize.roundTrip);
  if (init.length) {
    out.push({ target: 'initialize ≤ 300 ms', measured: `${ms(Math.max(...init))} ms worst of ${init.length}`, ok: Math.max(...init) <= 300 });
  }
  const a = lib(500_000);
  const b = lib(10_000_000);
  if (a && b) {
    const e = exponent(a, b, 'parseAndChecks');
    out.push({ target: 'cost linear in size (exponent 500 KB → 10 MB)', measured: e.toFixed(2), ok: e <= 1.15 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const data = { machine: machine(), date: new Date().toISOString(), quick, library: [], server: [], debounce: debounceOfServer(), serverNodeArgs };
  const lib = await bundleHarness();
  const stepTypes = stepTypesOf(lib);
  const documents = sizeList.map(({ label, size }) => ({ label: `synthetic ${label}`, size, text: lib.generateTaskSequence(size, { seed: 42, stepTypes }) }));
  process.stderr.write(`bench: ${stepTypes?.length ?? 'built-in'} step types; documents ${documents.map((d) => `${d.label} = ${d.text.length} chars`).join(', ')}\n`);
  if (runLibrary) {
    for (const d of documents) {
      process.stderr.write(`bench: library, ${d.label}\n`);
      const library = await measureLibrary(lib, [d.text], runsFor(d.size));
      data.library.push({ label: d.label, size: d.size, chars: d.text.length, synthetic: true, library });
    }
    const corpus = lib.corpusFiles(lib.corpusDir(root));
    if (corpus) {
      process.stderr.write(`bench: library, corpus (${corpus.length} files)\n`);
      const texts = corpus.map((c) => c.text);
      const chars = texts.reduce((n, t) => n + t.length, 0);
      data.library.push({ label: `real corpus, ${corpus.length} files together`, size: chars, chars, synthetic: false, library: await measureLibrary(lib, texts, quick ? { warmup: 2, runs: 5 } : { warmup: 3, runs: 20 }) });
    }
  }
  if (runServer) {
    if (serverSourcesNewer()) {
      process.stderr.write('bench: server/dist/server.js is missing or older than server/src: building it (node scripts/build.mjs --no-tests)\n');
      await new Promise((resolve, reject) =>
        spawn(process.execPath, ['scripts/build.mjs', '--no-tests'], { cwd: root, stdio: 'inherit' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`)))),
      );
    }
    for (const d of documents) {
      process.stderr.write(`bench: server, ${d.label}\n`);
      const requests = d.size <= 100_000 ? 200 : d.size <= 1_000_000 ? 100 : d.size <= 3_000_000 ? 60 : 20;
      // A p95 over 40 samples is the second slowest: at 50 KB, where a sample costs 2 ms, 100 of them.
      const edits = d.size <= 100_000 ? (quick ? 10 : 100) : d.size <= 3_000_000 ? (quick ? 5 : 15) : quick ? 3 : 6;
      data.server.push(await measureServer(lib, d.label, d.size, d.text, quick ? Math.ceil(requests / 4) : requests, edits));
    }
  }
  const markdown = report(data);
  console.log(markdown);
  if (markdownFile) {
    fs.mkdirSync(path.dirname(path.resolve(markdownFile)), { recursive: true });
    fs.writeFileSync(markdownFile, `# Benchmark results\n\nProduced by \`npm run bench\` (scripts/bench.mjs) on ${data.date.slice(0, 10)}.\n\n${markdown}\n`);
  }
  if (jsonFile) {
    fs.mkdirSync(path.dirname(path.resolve(jsonFile)), { recursive: true });
    fs.writeFileSync(jsonFile, JSON.stringify(data, null, 2));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
