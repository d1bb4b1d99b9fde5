// Every request the editor makes for a document, sent to the bundled server through the protocol
// tests' client (test/protocol/lspClient.ts), each answer checked for shape: a well-formed answer,
// never an error. For the fuzzer's server phase and the safety tests.

import type { Position } from 'vscode-languageserver-types';
import { richCapabilities, TestClient } from '../protocol/lspClient';

/**
 * Starts the bundled server for `exerciseServer`: a client like VS Code that pulls diagnostics and
 * answers workspace/configuration with the defaults; `nodeArgs` go to node (e.g. --require a hook).
 */
export function startServer(nodeArgs: readonly string[] = []): Promise<TestClient> {
  return TestClient.start({
    capabilities: richCapabilities({ textDocument: { foldingRange: {}, selectionRange: {}, diagnostic: { dynamicRegistration: false } } }),
    settings: {},
    nodeArgs,
  });
}

/** How many requests `exerciseServer` sends for `positions`. */
export function requestCount(positions: readonly Position[]): number {
  return 4 + positions.length * 3;
}

/**
 * Diagnostics (pull), symbols, folding and selection ranges for `uri`, and completion, hover and
 * code actions at each position. Resolves with the problems found (empty when all is well).
 */
export async function exerciseServer(client: TestClient, uri: string, positions: readonly Position[]): Promise<string[]> {
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
    expect('diagnostics', client.request('textDocument/diagnostic', { textDocument }), (r) => isObject(r) && (r.kind === 'unchanged' || (r.kind === 'full' && Array.isArray(r.items) && r.items.every(isDiagnostic)))),
    expect('document symbols', client.request('textDocument/documentSymbol', { textDocument }), (r) => Array.isArray(r) && r.every((s) => isObject(s) && isRange(s.range ?? (isObject(s.location) ? s.location.range : undefined)))),
    expect('folding ranges', client.request('textDocument/foldingRange', { textDocument }), (r) => Array.isArray(r) && r.every((f) => isObject(f) && typeof f.startLine === 'number' && typeof f.endLine === 'number' && f.startLine <= f.endLine)),
    expect('selection ranges', client.request('textDocument/selectionRange', { textDocument, positions }), (r) => Array.isArray(r) && r.length === positions.length && r.every((s) => isObject(s) && isRange(s.range))),
  ];
  for (const position of positions) {
    const at = `${position.line}:${position.character}`;
    jobs.push(
      expect(`completion at ${at}`, client.request('textDocument/completion', { textDocument, position }), (r) => r === null || Array.isArray(r) || (isObject(r) && Array.isArray(r.items))),
      expect(`hover at ${at}`, client.request('textDocument/hover', { textDocument, position }), (r) => r === null || (isObject(r) && r.contents !== undefined)),
      expect(
        `code actions at ${at}`,
        client.request('textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }),
        (r) => r === null || (Array.isArray(r) && r.every((a) => isObject(a) && typeof a.title === 'string')),
      ),
    );
  }
  await Promise.all(jobs);
  return problems;
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
