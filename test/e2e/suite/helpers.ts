// Helpers for the e2e suite. Wait on events or poll a condition with a deadline; never sleep a
// fixed time and hope.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'tasksequence-tools.tasksequence-xml';

/** Workspace files (test/e2e/workspace); rename them here if the extension picks files by name. */
export const FIXTURES = {
  /** a valid task sequence: groups Prepare, Install Software > Configure; steps Log start, Install Agent, Set Role */
  taskSequence: 'deploy.xml',
  /** a task sequence whose <step name="Unclosed step"> is never closed */
  broken: 'broken.xml',
  /** plain XML that is not a task sequence */
  other: 'other.xml',
} as const;

/** The workspace folder the launcher opened (a copy of test/e2e/workspace). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (the launcher should open a copy of test/e2e/workspace)');
  return folder.uri;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...name.split('/'));
}

/** Open a workspace file in an editor, as a user would. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** 0-based line of the first line containing `needle`. */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`"${needle}" not found in ${doc.uri.path}`);
}

/** Poll `fn` until it returns a truthy value (every 50 ms), or fail after `timeoutMs`. */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Resolve with the diagnostics of `uri` as soon as `predicate` holds for them: checks the current
 * ones first, then on every `languages.onDidChangeDiagnostics` for that uri. Rejects after
 * `timeoutMs`, listing what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let sub: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      sub?.dispose();
      const now = vscode.languages.getDiagnostics(uri);
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for diagnostics on ${uri.path}; current: ${
            now.length ? now.map((d) => `${d.range.start.line + 1}: [${d.source ?? ''}] ${d.message}`).join(' | ') : 'none'
          }`,
        ),
      );
    }, timeoutMs);
    const check = (): boolean => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!predicate(ds)) return false;
      clearTimeout(timer);
      sub?.dispose();
      resolve(ds);
      return true;
    };
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    check();
  });
}

/** Depth-first search in a DocumentSymbol tree. */
export function findSymbol(
  symbols: readonly vscode.DocumentSymbol[] | undefined,
  match: (s: vscode.DocumentSymbol) => boolean,
): vscode.DocumentSymbol | undefined {
  for (const s of symbols ?? []) {
    if (match(s)) return s;
    const hit = findSymbol(s.children, match);
    if (hit) return hit;
  }
  return undefined;
}
