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
  /** four known defects: missing-schema-version, condition-casing, unknown-step-type, unclosed-element */
  defects: 'defects.xml',
  /** a condition being written: an empty line in <condition>, empty Operator and Variable values */
  completion: 'completion.xml',
} as const;

export const LANGUAGE_ID = 'tasksequence-xml';
export const SOURCE = 'tasksequence';

/** The workspace folder the launcher opened (a copy of test/e2e/workspace). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (the launcher should open a copy of test/e2e/workspace)');
  return folder.uri;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...name.split('/'));
}

/**
 * Copy a fixture to a new file in the workspace (under `scratch/`), so that a test can edit it
 * without changing what other tests see. Returns the copy's uri.
 */
export async function copyFixture(name: string, copyName: string): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(workspaceFolder(), 'scratch', copyName);
  await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(fixtureUri(name)));
  return target;
}

/** Write `text` to a new file in the workspace (under `scratch/`) and return its uri. */
export async function writeScratch(name: string, text: string): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(workspaceFolder(), 'scratch', name);
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  return target;
}

/** The open TextDocument for `uri` now (a language switch replaces the TextDocument object). */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/**
 * Open a task sequence in an editor and wait until the extension has claimed it (language
 * `tasksequence-xml`) and its language server is running. Returns the editor on the claimed
 * document.
 */
export async function openTaskSequence(target: string | vscode.Uri, timeoutMs = 30_000): Promise<vscode.TextEditor> {
  const uri = typeof target === 'string' ? fixtureUri(target) : target;
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const doc = await waitFor(
    () => {
      const d = openDocument(uri);
      return d?.languageId === LANGUAGE_ID ? d : undefined;
    },
    timeoutMs,
    `${uri.path} to switch to ${LANGUAGE_ID} (it is '${openDocument(uri)?.languageId ?? '(closed)'}')`,
  );
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const api = ext?.exports as { readonly serverState?: string } | undefined;
  if (api && 'serverState' in api) {
    await waitFor(() => api.serverState === 'ready', timeoutMs, `the language server to be ready (state: ${api.serverState})`);
  }
  // The switch closes and reopens the document; make sure the editor shows the claimed one.
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Our diagnostics only (source "tasksequence"). */
export function ours(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === SOURCE);
}

/** The code of a diagnostic as a string ('' when it has none). */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return c === undefined ? '' : typeof c === 'object' ? String(c.value) : String(c);
}

/** "line: [code] message" lines (1-based) for failure messages. */
export function listDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.length
    ? diagnostics.map((d) => `${d.range.start.line + 1}: [${codeOf(d)}] ${d.message}`).join(' | ')
    : 'none';
}

/** Position just after the first occurrence of `needle` (plus `offset` characters). */
export function positionAfter(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not found in ${doc.uri.path}`);
  return doc.positionAt(at + needle.length + offset);
}

/** Range of the first occurrence of `needle`. */
export function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not found in ${doc.uri.path}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
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
  what?: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let sub: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      sub?.dispose();
      const now = vscode.languages.getDiagnostics(uri);
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what ?? 'diagnostics'} on ${uri.path}; current: ${
            now.length ? now.map((d) => `${d.range.start.line + 1}: [${d.source ?? ''} ${codeOf(d)}] ${d.message}`).join(' | ') : 'none'
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
