// npm run fuzz (scripts/fuzz.mjs bundles this file and runs it):
//
//   --count N     library inputs (default 100 000; --quick: 2 000)
//   --seed S      base seed (default 1); input i of seed S is always the same text
//   --quick       a short run (no large hostile inputs, a short server phase)
//   --only I      run input I alone, print what happens (reproduce a finding)
//   --server-count N   inputs sent through the server (default 1 500; --quick: 60)
//   --no-server / --no-library / --no-specials
//   --workers N   library worker threads (default: the number of cores, at most 4)
//
// Library: every input through parse, all checks and all features, in worker threads under a
// watchdog (an input that stops progress is a hang, the worker is replaced); a result over the time
// bound is slow; an exception or a malformed result is a crash; every 10th input also compares the
// tree builder's fast path with its sax path. Then the hostile inputs (1 MB attribute, 100 000
// nested groups, 1 000 000 siblings, 50 MB, DOCTYPE entities, billion laughs, external entities).
// Server: inputs through server/dist/server.js over stdio; every request must get a well-formed
// answer within a time bound, the process must stay alive, its live heap must come back to the
// warmed-up baseline after the documents close, and a secret file named in documents must never
// show up in anything it sends. The run ends with a summary: inputs, crashes, hangs, the slowest
// input, the server's RSS and live heap before and after.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateTaskSequence } from '../bench/generator';
import { delay, repoRoot, serverPath } from '../protocol/lspClient';
import { exerciseServer, requestCount, startServer } from './editorRequests';
import { inputFor, seedDocuments, specialInputs } from './inputs';
import { exerciseLibrary } from './library';
import { FRAGMENTS } from './mutate';
import { Prng, seedFor } from './prng';
import { runInputs, runSpecial, type Finding } from './run';

/** The watchdog: a library worker that starts no new input for this long is hung. */
const LIBRARY_HANG_MS = 60_000;
/** The same for the hostile inputs (50 MB and a million siblings take a while). */
const SPECIAL_HANG_MS = 300_000;
/** A server document (open, 7 requests, an edit, 7 requests, close) not answered within this is hung. */
const SERVER_HANG_MS = 60_000;

interface Options {
  readonly count: number;
  readonly seed: number;
  readonly quick: boolean;
  readonly only: number | undefined;
  readonly serverCount: number;
  readonly library: boolean;
  readonly server: boolean;
  readonly specials: boolean;
  readonly workers: number;
}

function parseOptions(args: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const quick = args.includes('--quick');
  const only = value('--only');
  return {
    count: Number(value('--count') ?? (quick ? 2000 : 100_000)),
    seed: Number(value('--seed') ?? 1),
    quick,
    only: only === undefined ? undefined : Number(only),
    serverCount: Number(value('--server-count') ?? (quick ? 60 : 1500)),
    library: !args.includes('--no-library'),
    server: !args.includes('--no-server'),
    specials: !args.includes('--no-specials'),
    workers: Number(value('--workers') ?? Math.max(1, Math.min(os.cpus().length, 4))),
  };
}

// ---------------------------------------------------------------------------------------------
// Worker side

interface WorkerJob {
  readonly kind: 'inputs' | 'specials';
  readonly seed: number;
  readonly indices: number[];
  readonly quick: boolean;
  readonly secretFile: string;
}

type WorkerMessage =
  | { type: 'start'; index: number }
  | { type: 'finding'; finding: Finding }
  | { type: 'special'; name: string; size: number; ms: number }
  | { type: 'done'; inputs: number; totalMs: number; slowestMs: number; slowestId: string; heapAfterWarmup: number; heapAtEnd: number };

function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

function workerMain(job: WorkerJob): void {
  const post = (m: WorkerMessage): void => parentPort!.postMessage(m);
  if (job.kind === 'specials') {
    const specials = specialInputs(job.secretFile);
    for (const index of job.indices) {
      post({ type: 'start', index });
      const report = runSpecial(specials[index]);
      post({ type: 'special', name: report.name, size: report.size, ms: report.ms });
      if (report.finding) {
        post({ type: 'finding', finding: report.finding });
      }
    }
    post({ type: 'done', inputs: 0, totalMs: 0, slowestMs: 0, slowestId: '', heapAfterWarmup: 0, heapAtEnd: heapAfterGc() });
    return;
  }
  const seeds = seedDocuments(repoRoot);
  const warmup = job.indices.slice(0, Math.min(300, job.indices.length >> 2));
  const rest = job.indices.slice(warmup.length);
  const loop = {
    seed: job.seed,
    seeds,
    differentialEvery: 10,
    keepText: true,
    onInput: (index: number) => post({ type: 'start', index }),
    onFinding: (finding: Finding) => post({ type: 'finding', finding }),
  };
  const first = runInputs({ ...loop, indices: warmup });
  const heapAfterWarmup = heapAfterGc();
  const second = runInputs({ ...loop, indices: rest });
  const slowest = first.slowestMs > second.slowestMs ? first : second;
  post({
    type: 'done',
    inputs: first.inputs + second.inputs,
    totalMs: first.totalMs + second.totalMs,
    slowestMs: slowest.slowestMs,
    slowestId: slowest.slowestId,
    heapAfterWarmup,
    heapAtEnd: heapAfterGc(),
  });
}

// ---------------------------------------------------------------------------------------------
// Main side: workers under a watchdog

interface LibrarySummary {
  inputs: number;
  totalMs: number;
  slowestMs: number;
  slowestId: string;
  findings: Finding[];
  hangs: number;
  heapGrowth: number[];
  specials: { name: string; size: number; ms: number }[];
  /** Inputs started so far, for the progress line. */
  started: number;
}

/** Runs `indices` in a worker; a worker that makes no progress for `hangMs` is killed, its input recorded as a hang, and a new one continues after it. */
async function runWorker(job: WorkerJob, hangMs: number, summary: LibrarySummary): Promise<void> {
  let remaining = job.indices;
  while (remaining.length > 0) {
    const current: WorkerJob = { ...job, indices: remaining };
    let lastStart = Date.now();
    let lastIndex: number | undefined;
    let completed = 0;
    const worker = new Worker(__filename, { workerData: current, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
    const outcome = await new Promise<'done' | 'hang' | 'error'>((resolve) => {
      const timer = setInterval(() => {
        if (Date.now() - lastStart > hangMs) {
          clearInterval(timer);
          void worker.terminate();
          resolve('hang');
        }
      }, 1000);
      worker.on('message', (m: WorkerMessage) => {
        switch (m.type) {
          case 'start':
            summary.started++;
            lastStart = Date.now();
            if (lastIndex !== undefined) {
              completed++;
            }
            lastIndex = m.index;
            break;
          case 'finding':
            summary.findings.push(m.finding);
            break;
          case 'special':
            summary.specials.push({ name: m.name, size: m.size, ms: m.ms });
            process.stderr.write(`fuzz: ${m.name} (${(m.size / 1e6).toFixed(2)} M chars): ${m.ms.toFixed(0)} ms\n`);
            break;
          case 'done':
            summary.inputs += m.inputs;
            summary.totalMs += m.totalMs;
            if (m.slowestMs > summary.slowestMs) {
              summary.slowestMs = m.slowestMs;
              summary.slowestId = m.slowestId;
            }
            if (m.heapAfterWarmup > 0) {
              summary.heapGrowth.push(m.heapAtEnd - m.heapAfterWarmup);
            }
            clearInterval(timer);
            resolve('done');
            break;
        }
      });
      worker.on('error', (e) => {
        clearInterval(timer);
        summary.findings.push({ id: lastIndex === undefined ? 'worker' : `${job.seed}:${lastIndex}`, kind: 'worker', problem: 'crash', detail: `the worker died: ${e.stack ?? e.message}`, size: 0 });
        resolve('error');
      });
    });
    if (outcome === 'done') {
      return;
    }
    // Continue after the input that hung or killed the worker.
    if (outcome === 'hang') {
      summary.hangs++;
      if (job.kind === 'specials') {
        const special = specialInputs(job.secretFile)[lastIndex ?? remaining[0]];
        summary.findings.push({ id: `special: ${special.name}`, kind: special.name, problem: 'hang', detail: `no progress for ${hangMs} ms`, size: 0 });
      } else {
        const input = inputFor(job.seed, lastIndex ?? remaining[0], seedDocuments(repoRoot));
        summary.findings.push({ id: input.id, kind: input.kind, problem: 'hang', detail: `no progress for ${hangMs} ms`, size: input.text.length, text: input.text });
      }
    }
    if (job.kind === 'inputs') {
      summary.inputs += completed;
    }
    const at = lastIndex === undefined ? 0 : remaining.indexOf(lastIndex) + 1;
    remaining = remaining.slice(Math.max(at, 1));
  }
}

async function fuzzLibrary(options: Options, secretFile: string): Promise<LibrarySummary> {
  const summary: LibrarySummary = { inputs: 0, totalMs: 0, slowestMs: 0, slowestId: '', findings: [], hangs: 0, heapGrowth: [], specials: [], started: 0 };
  const shards: number[][] = Array.from({ length: options.workers }, () => []);
  for (let i = 0; i < options.count; i++) {
    shards[i % options.workers].push(i);
  }
  // Progress on stderr every 30 s.
  const started = Date.now();
  const progress = setInterval(
    () => process.stderr.write(`fuzz: library, ${summary.started} inputs started, ${summary.findings.length} findings, ${((Date.now() - started) / 1000).toFixed(0)} s\n`),
    30_000,
  );
  try {
    await Promise.all(shards.map((indices) => runWorker({ kind: 'inputs', seed: options.seed, indices, quick: options.quick, secretFile }, LIBRARY_HANG_MS, summary)));
    if (options.specials) {
      const indices = specialInputs(secretFile)
        .map((s, i) => (options.quick && s.large ? -1 : i))
        .filter((i) => i >= 0);
      await runWorker({ kind: 'specials', seed: options.seed, indices, quick: options.quick, secretFile }, SPECIAL_HANG_MS, summary);
    }
  } finally {
    clearInterval(progress);
  }
  return summary;
}

// ---------------------------------------------------------------------------------------------
// Server

interface ServerSummary {
  inputs: number;
  requests: number;
  problems: string[];
  hangs: number;
  slowestMs: number;
  slowestId: string;
  alive: boolean;
  exitCode: number | null | undefined;
  memory: { label: string; rss: number; peak: number; heap: number }[];
  secretSeen: boolean;
}

const WARMED_UP = 'warmed up (50 inputs, all closed)';
const INPUTS_CLOSED = 'every fuzz input closed';
const ALL_CLOSED = 'large documents closed too, idle';

/** True when `promise` settles within `ms` (its rejection is the caller's: it is passed on). */
async function finishesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function fuzzServer(options: Options, secretFile: string, secret: string): Promise<ServerSummary> {
  const summary: ServerSummary = { inputs: 0, requests: 0, problems: [], hangs: 0, slowestMs: 0, slowestId: '', alive: true, exitCode: undefined, memory: [], secretSeen: false };
  // A hook in the server collects garbage every half second and reports its live heap on stderr, so
  // that a leak shows as a live heap that does not come back (RSS alone stays up: V8 keeps pages).
  const hook = path.join(path.dirname(secretFile), 'heap-hook.cjs');
  fs.writeFileSync(hook, "setInterval(() => { global.gc(); process.stderr.write('HEAP ' + process.memoryUsage().heapUsed + '\\n'); }, 500).unref();\n");
  const session = await startServer(['--expose-gc', '--require', hook]);
  const seeds = seedDocuments(repoRoot);
  const liveHeap = async (): Promise<number> => {
    await delay(1200);
    for (let i = session.stderr.length - 1; i >= 0; i--) {
      const m = /HEAP (\d+)\s*$/.exec(session.stderr[i]);
      if (m) {
        return Number(m[1]);
      }
    }
    return NaN;
  };
  const note = async (label: string): Promise<void> => {
    const heap = await liveHeap();
    const m = session.memory();
    summary.memory.push({ label, rss: m.rss, peak: m.peak, heap });
    process.stderr.write(`fuzz: server ${label}: live heap ${(heap / 1048576).toFixed(1)} MB, RSS ${(m.rss / 1048576).toFixed(1)} MB, peak ${(m.peak / 1048576).toFixed(1)} MB\n`);
  };
  await note('after start');
  const step = Math.max(1, Math.floor(options.count / options.serverCount));
  const texts: { id: string; text: string }[] = [];
  for (let n = 0; n < options.serverCount; n++) {
    const input = inputFor(options.seed, n * step, seeds);
    texts.push({ id: input.id, text: input.text });
  }
  for (const special of specialInputs(secretFile)) {
    if (!special.large || !options.quick) {
      texts.push({ id: `special: ${special.name}`, text: special.make() });
    }
  }
  const exerciseOne = async (id: string, text: string, n: number): Promise<void> => {
    const uri = `file:///fuzz/${n}.xml`;
    const rng = new Prng(seedFor(options.seed, 1_000_000 + n));
    let document = TextDocument.create(uri, 'tasksequence-xml', 1, text);
    await session.open(uri, text);
    const positions = [0, text.length >> 1, rng.int(text.length + 1)].map((o) => document.positionAt(o));
    const problems = await exerciseServer(session, uri, positions);
    summary.requests += requestCount(positions);
    // An edit: a markup fragment typed somewhere, then the requests again.
    const at = document.positionAt(rng.int(text.length + 1));
    const fragment = rng.pick(FRAGMENTS);
    document = TextDocument.update(document, [{ range: { start: at, end: at }, text: fragment }], 2);
    await session.edit(uri, { start: at, end: at }, fragment);
    problems.push(...(await exerciseServer(session, uri, positions.map((p) => document.positionAt(document.offsetAt(p))))));
    summary.requests += requestCount(positions);
    await session.close(uri);
    for (const p of problems) {
      summary.problems.push(`${id}: ${p}`);
    }
    summary.inputs++;
    if (!session.isAlive) {
      summary.alive = false;
      throw new Error(`the server died on ${id}`);
    }
  };
  try {
    for (let n = 0; n < texts.length; n++) {
      const start = performance.now();
      if (!(await finishesWithin(exerciseOne(texts[n].id, texts[n].text, n), SERVER_HANG_MS))) {
        // The server is stuck on this document: what it would answer next cannot be trusted.
        summary.hangs++;
        throw new Error(`${texts[n].id}: the server did not answer within ${SERVER_HANG_MS / 1000} s (hang)`);
      }
      const ms = performance.now() - start;
      if (ms > summary.slowestMs) {
        summary.slowestMs = ms;
        summary.slowestId = texts[n].id;
      }
      if (n === Math.min(50, texts.length - 1)) {
        await note(WARMED_UP);
      }
      if (n % 100 === 0) {
        process.stderr.write(`fuzz: server, ${n}/${texts.length} inputs\n`);
      }
    }
    await note(INPUTS_CLOSED);
    // Memory with large documents open, then closed.
    for (const size of options.quick ? [2_000_000] : [2_000_000, 10_000_000]) {
      const uri = `file:///fuzz/large-${size}.xml`;
      const text = generateTaskSequence(size, { seed: size });
      await session.open(uri, text);
      await session.request('textDocument/diagnostic', { textDocument: { uri } });
      await session.request('textDocument/documentSymbol', { textDocument: { uri } });
      await note(`${(size / 1e6).toFixed(0)} MB document open`);
      await session.close(uri);
    }
    await delay(options.quick ? 2000 : 8000);
    await note(ALL_CLOSED);
  } catch (e) {
    summary.problems.push(e instanceof Error ? e.message : String(e));
  } finally {
    summary.alive = session.isAlive;
    summary.secretSeen = session.transcript.some((line) => line.includes(secret));
    try {
      summary.exitCode = await session.stop();
    } catch (e) {
      summary.exitCode = null;
      summary.problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  return summary;
}

// ---------------------------------------------------------------------------------------------

/** A worker's live heap may grow this much from after its warm-up to its end. */
const LIBRARY_HEAP_GROWTH_LIMIT = 32 * 1048576;
/** The server's live heap, every document closed, may stand this much above its warmed-up baseline. */
const SERVER_HEAP_GROWTH_LIMIT = 16 * 1048576;

function count(findings: readonly Finding[], problem: Finding['problem']): number {
  return findings.filter((f) => f.problem === problem).length;
}

function mb(bytes: number, digits = 1): string {
  return Number.isNaN(bytes) ? '–' : `${(bytes / 1048576).toFixed(digits)} MB`;
}

function signedMb(bytes: number): string {
  return Number.isNaN(bytes) ? '–' : `${bytes < 0 ? '-' : '+'}${mb(Math.abs(bytes))}`;
}

function serverMemoryAt(server: ServerSummary, label: string): ServerSummary['memory'][number] | undefined {
  return server.memory.find((m) => m.label === label);
}

/** Live heap after closing everything, above the warmed-up baseline (NaN when either is missing). */
function serverHeapGrowth(server: ServerSummary): number {
  return (serverMemoryAt(server, ALL_CLOSED)?.heap ?? NaN) - (serverMemoryAt(server, WARMED_UP)?.heap ?? NaN);
}

/** The figures of the run, in one block at the end. */
function summaryLines(lib: LibrarySummary | undefined, server: ServerSummary | undefined): string[] {
  const lines = ['summary:'];
  const libraryInputs = lib ? lib.inputs + lib.specials.length : 0;
  lines.push(
    `  inputs: ${libraryInputs + (server?.inputs ?? 0)} (library ${lib ? `${lib.inputs} + ${lib.specials.length} hostile` : 'not run'}; server ${server ? `${server.inputs} documents, ${server.requests} requests` : 'not run'})`,
  );
  lines.push(`  crashes: ${lib ? count(lib.findings, 'crash') : '–'} in the library; ${server ? `${server.problems.length} failed or malformed answers, server ${server.alive ? 'alive' : 'DEAD'}, exit code ${server.exitCode}` : 'server not run'}`);
  lines.push(
    `  hangs: ${(lib?.hangs ?? 0) + (server?.hangs ?? 0)} (library watchdog: no new input for ${LIBRARY_HANG_MS / 1000} s, hostile inputs ${SPECIAL_HANG_MS / 1000} s; server: a document unanswered after ${SERVER_HANG_MS / 1000} s); over the time bound (2 s + 1 ms per 500 chars an input, 4 × that for a differential one): ${lib ? count(lib.findings, 'slow') : '–'}`,
  );
  const slowestSpecial = lib?.specials.reduce<{ name: string; ms: number } | undefined>((a, b) => (a && a.ms >= b.ms ? a : b), undefined);
  lines.push(
    `  slowest: library input ${lib ? `${lib.slowestMs.toFixed(0)} ms (${lib.slowestId})` : '–'}; hostile input ${slowestSpecial ? `${slowestSpecial.ms.toFixed(0)} ms (${slowestSpecial.name})` : '–'}; server document ${server ? `${server.slowestMs.toFixed(0)} ms (${server.slowestId})` : '–'}`,
  );
  if (server) {
    const start = server.memory[0];
    const warm = serverMemoryAt(server, WARMED_UP);
    const inputs = serverMemoryAt(server, INPUTS_CLOSED);
    const end = serverMemoryAt(server, ALL_CLOSED);
    lines.push(
      `  server RSS: ${mb(start?.rss ?? NaN)} after start, baseline ${mb(warm?.rss ?? NaN)} warmed up; ${mb(inputs?.rss ?? NaN)} after every fuzz input closed (${signedMb((inputs?.rss ?? NaN) - (warm?.rss ?? NaN))}); ${mb(end?.rss ?? NaN)} after the large documents closed too (${signedMb((end?.rss ?? NaN) - (warm?.rss ?? NaN))}; peak ${mb(end?.peak ?? NaN)})`,
    );
    lines.push(
      `  server live heap after GC: baseline ${mb(warm?.heap ?? NaN)}; ${mb(inputs?.heap ?? NaN)} after every fuzz input closed; ${mb(end?.heap ?? NaN)} after the large documents closed (${signedMb(serverHeapGrowth(server))}, limit +${mb(SERVER_HEAP_GROWTH_LIMIT)}; RSS does not come down as far, V8 keeps its pages)`,
    );
  }
  if (lib) {
    lines.push(`  library live heap growth after warm-up, per worker: ${lib.heapGrowth.map(signedMb).join(', ') || '–'} (limit +${mb(LIBRARY_HEAP_GROWTH_LIMIT)})`);
  }
  return lines;
}

/** Replaces out/fuzz/findings with these findings; its path, or undefined when there are none. */
function writeFindings(findings: readonly Finding[]): string | undefined {
  const dir = path.join(repoRoot, 'out', 'fuzz', 'findings');
  fs.rmSync(dir, { recursive: true, force: true });
  if (!findings.length) {
    return undefined;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const f of findings) {
    const base = path.join(dir, f.id.replace(/[^\w.-]+/g, '_'));
    fs.writeFileSync(`${base}.txt`, `${f.problem} on ${f.id} (${f.kind}, ${f.size} chars)\n${f.detail}\n`);
    if (f.text !== undefined) {
      fs.writeFileSync(`${base}.xml`, f.text);
    }
  }
  return dir;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const secret = `TSFUZZ-SECRET-${process.pid}-${Date.now()}`;
  const secretFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tsfuzz-')), 'secret.txt');
  fs.writeFileSync(secretFile, `${secret}\n`);
  const started = Date.now();

  if (options.only !== undefined) {
    const input = inputFor(options.seed, options.only, seedDocuments(repoRoot));
    const outcome = exerciseLibrary(input.text, { differential: true, seed: options.only });
    console.log(`${input.id} (${input.kind}, ${input.text.length} chars): ${outcome.ms.toFixed(0)} ms${outcome.failure ? `\n${outcome.failure}` : ', no problem'}`);
    const file = path.join(repoRoot, 'out', 'fuzz', `input-${options.seed}-${options.only}.xml`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, input.text);
    console.log(`input written to ${file}`);
    return outcome.failure ? 1 : 0;
  }

  const lines: string[] = [];
  let failed = false;
  let lib: LibrarySummary | undefined;
  let server: ServerSummary | undefined;
  if (options.library) {
    process.stderr.write(`fuzz: library, ${options.count} inputs from seed ${options.seed} in ${options.workers} workers\n`);
    lib = await fuzzLibrary(options, secretFile);
    lines.push(
      `library: ${lib.inputs} inputs (seed ${options.seed}) in ${(lib.totalMs / 1000).toFixed(0)} s of work; ${count(lib.findings, 'crash')} crashes, ${lib.hangs} hangs, ${count(lib.findings, 'slow')} over the time bound; slowest ${lib.slowestMs.toFixed(0)} ms (${lib.slowestId}); heap growth after warm-up per worker: ${lib.heapGrowth.map(mb).join(', ') || '–'}`,
    );
    for (const s of lib.specials) {
      lines.push(`  hostile input: ${s.name}, ${(s.size / 1e6).toFixed(2)} M chars: ${s.ms.toFixed(0)} ms`);
    }
    for (const f of lib.findings.slice(0, 30)) {
      lines.push(`  ${f.problem}: ${f.id} (${f.kind}, ${f.size} chars): ${f.detail.split('\n').slice(0, 4).join(' | ')}`);
    }
    const dir = writeFindings(lib.findings);
    if (dir) {
      lines.push(`  findings written to ${dir}; reproduce one with: npm run fuzz -- --seed ${options.seed} --only <index>`);
    }
    failed ||= lib.findings.length > 0 || lib.heapGrowth.some((g) => g > LIBRARY_HEAP_GROWTH_LIMIT);
  }
  if (options.server) {
    if (!fs.existsSync(serverPath)) {
      lines.push(`server: skipped, ${serverPath} is missing (node scripts/build.mjs --no-tests)`);
    } else {
      process.stderr.write(`fuzz: server, ${options.serverCount} inputs and the hostile ones\n`);
      server = await fuzzServer(options, secretFile, secret);
      lines.push(
        `server: ${server.inputs} documents, ${server.requests} requests; ${server.problems.length} malformed or failed answers, ${server.hangs} hangs; slowest document ${server.slowestMs.toFixed(0)} ms (${server.slowestId}); process ${server.alive ? 'alive' : 'DEAD'} to the end (exit code ${server.exitCode}); secret file content ${server.secretSeen ? 'SEEN' : 'never seen'} in its output`,
      );
      lines.push(`  memory (live heap after GC / RSS / peak RSS): ${server.memory.map((m) => `${m.label} ${mb(m.heap)} / ${mb(m.rss, 0)} / ${mb(m.peak, 0)}`).join('; ')}`);
      for (const p of server.problems.slice(0, 30)) {
        lines.push(`  ${p}`);
      }
      failed ||= server.problems.length > 0 || !server.alive || server.secretSeen || server.exitCode !== 0 || !(serverHeapGrowth(server) < SERVER_HEAP_GROWTH_LIMIT);
    }
  }
  lines.push(...summaryLines(lib, server));
  lines.push(`${failed ? 'FINDINGS' : 'no findings'}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(lines.join('\n'));
  fs.rmSync(path.dirname(secretFile), { recursive: true, force: true });
  return failed ? 1 : 0;
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
} else {
  workerMain(workerData as WorkerJob);
}
