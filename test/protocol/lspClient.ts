// A minimal LSP client for the protocol tests, the fuzzer and the safety tests (the last two through
// test/fuzz/editorRequests.ts): it starts the BUNDLED server (server/dist/server.js) over stdio,
// speaks to it through vscode-languageserver-protocol, records what the server sends (diagnostics,
// notifications, log lines, stderr, the answers to `request`) and reads the process's memory from
// /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import type { Range } from 'vscode-languageserver-types';

/** The server's notice that an outline or folding result was cut at taskSequence.maxItemsComputed. */
export const RESULT_LIMIT_NOTIFICATION = 'taskSequence/resultLimitReached';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const serverPath = path.join(repoRoot, 'server', 'dist', 'server.js');

export interface StartOptions {
  readonly capabilities?: ClientCapabilities;
  /**
   * How to answer workspace/configuration: with these `taskSequence` settings, or (undefined) not
   * at all, which the connection turns into a MethodNotFound error.
   */
  readonly settings?: Record<string, unknown>;
  /** Arguments for node before the server script (e.g. `--require` a hook, `--expose-gc`). */
  readonly nodeArgs?: readonly string[];
}

/** Notifications recorded in `notifications` (and the transcript) besides diagnostics and log lines. */
const RECORDED_NOTIFICATIONS = [RESULT_LIMIT_NOTIFICATION, 'window/showMessage', '$/logTrace', 'telemetry/event'];

export interface ServerMemory {
  /** Resident set size, bytes (NaN when /proc cannot tell). */
  readonly rss: number;
  /** Peak resident set size, bytes. */
  readonly peak: number;
}

/** Capabilities of a client like VS Code: snippets, markdown, hierarchical symbols, code action literals. */
export function richCapabilities(extra: ClientCapabilities = {}): ClientCapabilities {
  return {
    ...extra,
    workspace: { ...extra.workspace },
    textDocument: {
      completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      publishDiagnostics: { versionSupport: true },
      ...extra.textDocument,
    },
  };
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  /** Everything the server sent, in order: pushes, notifications, log lines, stderr, answers to `request`. */
  readonly transcript: string[] = [];
  configurationRequests = 0;
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly exitCode: Promise<number | null>;
  private exited = false;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    settings: Record<string, unknown> | undefined,
  ) {
    this.exitCode = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exited = true;
        resolve(code);
      }),
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk.toString());
      this.transcript.push(`stderr: ${chunk.toString()}`);
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.transcript.push(JSON.stringify(params));
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
      this.transcript.push(params.message);
    });
    for (const method of RECORDED_NOTIFICATIONS) {
      connection.onNotification(method, (params: unknown) => {
        this.notifications.push({ method, params });
        this.transcript.push(`${method} ${JSON.stringify(params)}`);
      });
    }
    if (settings !== undefined) {
      connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
        this.configurationRequests++;
        return params.items.map((item) => (item.section === 'taskSequence' ? settings : null));
      });
    }
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    if (!fs.existsSync(serverPath)) {
      throw new Error(`${serverPath} is missing: run \`node scripts/build.mjs\` first`);
    }
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serverPath, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(connection, child, options.settings);
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? richCapabilities(),
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'tasksequence-xml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-content change, which incremental servers accept too). */
  change(uri: string, text: string): Promise<number> {
    return this.sendChange(uri, { text });
  }

  /** An incremental change: `text` replaces `range`. */
  edit(uri: string, range: Range, text: string): Promise<number> {
    return this.sendChange(uri, { range, text });
  }

  /** Sends one change as the document's next version, and resolves with that version. */
  private async sendChange(uri: string, change: TextDocumentContentChangeEvent): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The diagnostics pushed for `uri` once `predicate` holds for the latest push (or a timeout). */
  async diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const latest = [...this.published].reverse().find((p) => p.uri === uri);
      if (latest && predicate(latest)) {
        return latest;
      }
      if (Date.now() > end) {
        throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(this.published.filter((p) => p.uri === uri))}`);
      }
      await delay(20);
    }
  }

  /** A request whose answer goes to the transcript; rejects when the server answers with an error. */
  async request<T>(method: string, params: unknown): Promise<T> {
    const result = await this.connection.sendRequest<T>(method, params);
    this.transcript.push(`${method} → ${JSON.stringify(result)}`);
    return result;
  }

  get isAlive(): boolean {
    return !this.exited && this.child.exitCode === null;
  }

  /** The server process's memory, from /proc (NaN elsewhere). */
  memory(): ServerMemory {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    } catch {
      return { rss: NaN, peak: NaN };
    }
  }

  /** Shuts the server down as a client should, and resolves with its exit code. */
  async stop(): Promise<number | null> {
    try {
      // A server that never answers shutdown is still told to exit.
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), delay(10_000)]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The server may already be gone; the exit code tells.
    }
    const code = await Promise.race([this.exitCode, delay(5000).then(() => 'timeout' as const)]);
    this.connection.dispose();
    if (code === 'timeout') {
      this.child.kill();
      throw new Error('the server did not exit within 5 s of shutdown/exit');
    }
    return code;
  }

  /** Kills the process without ceremony (for tests that failed half-way). */
  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null) {
      this.child.kill();
    }
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A real corpus file when the shared corpus is there, else the project's own fixture. */
export function sampleDocument(): { name: string; text: string } {
  const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus', 'real', 'cmhub-gather-light.xml');
  const file = fs.existsSync(corpus) ? corpus : path.join(repoRoot, 'test', 'fixtures', 'protocol', 'deploy.xml');
  return { name: path.basename(file), text: fs.readFileSync(file, 'utf8') };
}

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'protocol', name), 'utf8');
}
