// The bundled server over stdio, for the fuzzer and the robustness tests: every request the editor
// makes, each answer checked for shape (a well-formed answer, never an error), and the process's
// memory read from /proc.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
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
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { Position, Range } from 'vscode-languageserver-types';

export interface ServerMemory {
  /** Resident set size, bytes. */
  readonly rss: number;
  /** Peak resident set size, bytes. */
  readonly peak: number;
}

const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    foldingRange: {},
    selectionRange: {},
    publishDiagnostics: { versionSupport: true },
    diagnostic: { dynamicRegistration: false },
  },
  workspace: {},
};

export class ServerSession {
  /** Every message the server sent: answers, notifications, log lines (for "never shows X" checks). */
  readonly transcript: string[] = [];
  private readonly exited: Promise<number | null>;
  private alive = true;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.alive = false;
        resolve(code);
      }),
    );
    child.stderr?.on('data', (d: Buffer) => this.transcript.push(`stderr: ${d.toString()}`));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => this.transcript.push(JSON.stringify(p)));
    connection.onNotification(LogMessageNotification.type, (p) => this.transcript.push(p.message));
    for (const method of ['taskSequence/resultLimitReached', 'window/showMessage', '$/logTrace', 'telemetry/event']) {
      connection.onNotification(method, (params: unknown) => this.transcript.push(`${method} ${JSON.stringify(params)}`));
    }
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
  }

  /** Starts the server; `nodeArgs` go to node before the script (e.g. --require a hook). */
  static async start(serverPath: string, cwd: string, nodeArgs: readonly string[] = []): Promise<ServerSession> {
    if (!fs.existsSync(serverPath)) {
      throw new Error(`${serverPath} is missing: build it first (node scripts/build.mjs --no-tests)`);
    }
    const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new ServerSession(child, connection);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: CAPABILITIES, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  get isAlive(): boolean {
    return this.alive && this.child.exitCode === null;
  }

  memory(): ServerMemory {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    } catch {
      return { rss: NaN, peak: NaN };
    }
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tasksequence-xml', version, text } });
  }

  async change(uri: string, version: number, range: Range | undefined, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [range ? { range, text } : { text }],
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** A request whose answer is recorded in the transcript; rejects when the server answers with an error. */
  async request<T>(method: string, params: unknown): Promise<T> {
    const result = await this.connection.sendRequest<T>(method, params);
    this.transcript.push(`${method} → ${JSON.stringify(result)}`);
    return result;
  }

  /**
   * Every request the editor makes for a document, answers checked for shape. Resolves with the
   * problems found (empty when all is well).
   */
  async exercise(uri: string, positions: readonly Position[]): Promise<string[]> {
    const problems: string[] = [];
    const expect = async (what: string, promise: Promise<unknown>, valid: (v: unknown) => boolean): Promise<void> => {
      try {
        const value = await promise;
        if (!valid(value)) {
          problems.push(`${what}: malformed answer ${JSON.stringify(value)?.slice(0, 300)}`);
        }
      } catch (e) {
        problems.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    const textDocument = { uri };
    const jobs: Promise<void>[] = [
      expect('diagnostics', this.request('textDocument/diagnostic', { textDocument }), (r) => isObject(r) && (r.kind === 'unchanged' || (r.kind === 'full' && Array.isArray(r.items) && r.items.every(isDiagnostic)))),
      expect('document symbols', this.request('textDocument/documentSymbol', { textDocument }), (r) => Array.isArray(r) && r.every((s) => isObject(s) && isRange(s.range ?? (isObject(s.location) ? s.location.range : undefined)))),
      expect('folding ranges', this.request('textDocument/foldingRange', { textDocument }), (r) => Array.isArray(r) && r.every((f) => isObject(f) && typeof f.startLine === 'number' && typeof f.endLine === 'number' && f.startLine <= f.endLine)),
      expect('selection ranges', this.request('textDocument/selectionRange', { textDocument, positions }), (r) => Array.isArray(r) && r.length === positions.length && r.every((s) => isObject(s) && isRange(s.range))),
    ];
    for (const position of positions) {
      jobs.push(
        expect(`completion at ${position.line}:${position.character}`, this.request('textDocument/completion', { textDocument, position }), (r) => r === null || Array.isArray(r) || (isObject(r) && Array.isArray(r.items))),
        expect(`hover at ${position.line}:${position.character}`, this.request('textDocument/hover', { textDocument, position }), (r) => r === null || (isObject(r) && r.contents !== undefined)),
        expect(
          `code actions at ${position.line}:${position.character}`,
          this.request('textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }),
          (r) => r === null || (Array.isArray(r) && r.every((a) => isObject(a) && typeof a.title === 'string')),
        ),
      );
    }
    await Promise.all(jobs);
    return problems;
  }

  async stop(): Promise<number | null> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), delay(10_000)]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone: the exit code says how.
    }
    const code = await Promise.race([this.exited, delay(5000).then(() => 'timeout' as const)]);
    this.connection.dispose();
    if (code === 'timeout') {
      this.child.kill();
      return null;
    }
    return code;
  }

  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null) {
      this.child.kill();
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isPosition(v: unknown): boolean {
  return isObject(v) && Number.isInteger(v.line) && Number.isInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
}

function isRange(v: unknown): boolean {
  return isObject(v) && isPosition(v.start) && isPosition(v.end);
}

function isDiagnostic(v: unknown): boolean {
  return isObject(v) && isRange(v.range) && typeof v.message === 'string';
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
