// Quick fixes driven by Diagnostic.data (the Problem.data a check fills in): every check that says
// how to fix its problem gets a fix without code here. A few codes need more than their data and
// have their own fixer. Also "fix all of this kind" and a source.fixAll action that applies every
// unambiguous fix in the document.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { ProblemData, Span } from '../model';
import { decodeXmlText } from '../parser/offsetMap';
import { offsetRange, rangeToSpan } from '../util/ranges';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tasksequence`;

export interface CodeActionParams {
  readonly range: Range;
  /** The diagnostics the editor sends for the range. */
  readonly diagnostics: readonly Diagnostic[];
  /** Requested kinds; every kind when absent. */
  readonly only?: readonly string[];
}

/** One way to fix one diagnostic. */
interface Fix {
  readonly title: string;
  readonly edits: TextEdit[];
}

type Fixer = (document: TextDocument, diagnostic: Diagnostic, data: ProblemData | undefined) => Fix[];

/** Codes whose data alone would give a wrong or poor fix. */
const SPECIFIC_FIXERS: Readonly<Record<string, Fixer>> = {
  // The data marks the escaped text (to the end of the file); deleting it would delete the whole
  // sequence. The fix is to unescape it in place.
  'entity-escaped-sequence': (document, _diagnostic, data) => {
    const span = data?.deleteSpan;
    if (!span) {
      return [];
    }
    const escaped = document.getText().slice(span.start, span.end);
    return [{ title: 'Unescape the task sequence (turn &lt;…&gt; text into XML elements)', edits: [{ range: offsetRange(document, span.start, span.end), newText: decodeXmlText(escaped) }] }];
  },
};

/**
 * The code actions for a range. `allDiagnostics` yields every diagnostic of the document; it is
 * only called for "fix all" actions.
 */
export function getCodeActions(
  document: TextDocument,
  params: CodeActionParams,
  allDiagnostics: () => readonly Diagnostic[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wants(params.only, CodeActionKind.QuickFix)) {
    const fixedKinds = new Set<string>();
    for (const diagnostic of params.diagnostics) {
      if (!isOurs(diagnostic)) {
        continue;
      }
      const fixes = fixesFor(document, diagnostic);
      fixes.forEach((fix) => actions.push(quickFix(document, fix, diagnostic, fixes.length === 1)));
      const code = String(diagnostic.code);
      if (fixes.length > 0 && !fixedKinds.has(code)) {
        fixedKinds.add(code);
        const all = fixAllOfCode(document, code, allDiagnostics());
        if (all) {
          actions.push(all);
        }
      }
    }
  }
  // Source actions only when asked for by kind (on save, or from the Source Action menu), as
  // editors would otherwise list them with every quick fix.
  if (params.only && wants(params.only, FIX_ALL_KIND)) {
    const all = fixAll(document, allDiagnostics());
    if (all) {
      actions.push(all);
    }
  }
  return actions;
}

/** The action that applies every unambiguous fix of the document, or undefined when there is none. */
export function fixAll(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
  const chosen = unambiguousFixes(document, diagnostics);
  const edits = nonOverlapping(document, chosen.flatMap((c) => c.fix.edits));
  if (edits.length === 0) {
    return undefined;
  }
  return {
    title: 'Fix all auto-fixable task sequence problems',
    kind: FIX_ALL_KIND,
    diagnostics: chosen.map((c) => c.diagnostic),
    edit: { changes: { [document.uri]: edits } },
  };
}

function fixAllOfCode(document: TextDocument, code: string, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
  const chosen = unambiguousFixes(
    document,
    diagnostics.filter((d) => isOurs(d) && String(d.code) === code),
  );
  if (chosen.length < 2) {
    return undefined;
  }
  return {
    title: `Fix all "${code}" problems in this file`,
    kind: CodeActionKind.QuickFix,
    diagnostics: chosen.map((c) => c.diagnostic),
    edit: { changes: { [document.uri]: nonOverlapping(document, chosen.flatMap((c) => c.fix.edits)) } },
  };
}

function unambiguousFixes(document: TextDocument, diagnostics: readonly Diagnostic[]): { diagnostic: Diagnostic; fix: Fix }[] {
  const chosen: { diagnostic: Diagnostic; fix: Fix }[] = [];
  for (const diagnostic of diagnostics) {
    if (!isOurs(diagnostic)) {
      continue;
    }
    const fixes = fixesFor(document, diagnostic);
    if (fixes.length === 1) {
      chosen.push({ diagnostic, fix: fixes[0] });
    }
  }
  return chosen;
}

/** Every fix of one diagnostic: its code's own fixer, else what its data describes. */
export function fixesFor(document: TextDocument, diagnostic: Diagnostic): Fix[] {
  const data = readProblemData(diagnostic.data);
  const specific = SPECIFIC_FIXERS[String(diagnostic.code)];
  if (specific) {
    return specific(document, diagnostic, data);
  }
  return data ? genericFixes(document, diagnostic, data) : [];
}

function genericFixes(document: TextDocument, diagnostic: Diagnostic, data: ProblemData): Fix[] {
  const fixes: Fix[] = [];
  for (const replacement of data.replacements ?? []) {
    fixes.push({ title: `Change to "${replacement}"`, edits: [{ range: diagnostic.range, newText: replacement }] });
  }
  if (data.insertText !== undefined && data.insertAt !== undefined) {
    fixes.push({
      title: `Insert ${excerpt(data.insertText.trim() || data.insertText)}`,
      edits: [{ range: offsetRange(document, data.insertAt, data.insertAt), newText: data.insertText }],
    });
  }
  if (data.deleteSpan) {
    const text = document.getText().slice(data.deleteSpan.start, data.deleteSpan.end).trim();
    fixes.push({
      title: `Remove ${excerpt(text)}`,
      edits: [{ range: offsetRange(document, data.deleteSpan.start, data.deleteSpan.end), newText: '' }],
    });
  }
  return fixes;
}

function quickFix(document: TextDocument, fix: Fix, diagnostic: Diagnostic, preferred: boolean): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [document.uri]: fix.edits } },
  };
}

/** Edits sorted by position, dropping any that overlap an earlier one (insertions may touch). */
function nonOverlapping(document: TextDocument, edits: readonly TextEdit[]): TextEdit[] {
  const located = edits
    .map((edit, index) => ({ edit, index, span: rangeToSpan(document, edit.range) }))
    .sort((a, b) => a.span.start - b.span.start || a.index - b.index);
  const kept: TextEdit[] = [];
  let lastEnd = -1;
  for (const { edit, span } of located) {
    if (span.start >= lastEnd) {
      kept.push(edit);
      lastEnd = span.end;
    }
  }
  return kept;
}

function isOurs(diagnostic: Diagnostic): boolean {
  return diagnostic.source === 'tasksequence' && diagnostic.code !== undefined;
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return `"${oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine}"`;
}

function isSpan(value: unknown): value is Span {
  const span = value as Span | undefined;
  return typeof span === 'object' && span !== null && Number.isInteger(span.start) && Number.isInteger(span.end) && span.start <= span.end;
}

/** Diagnostic.data comes back from the editor as plain JSON: read it defensively. */
export function readProblemData(data: unknown): ProblemData | undefined {
  if (typeof data !== 'object' || data === null) {
    return undefined;
  }
  const raw = data as Record<string, unknown>;
  const replacements = Array.isArray(raw.replacements) ? raw.replacements.filter((r): r is string => typeof r === 'string') : undefined;
  const insertText = typeof raw.insertText === 'string' ? raw.insertText : undefined;
  const insertAt = Number.isInteger(raw.insertAt) ? (raw.insertAt as number) : undefined;
  const deleteSpan = isSpan(raw.deleteSpan) ? raw.deleteSpan : undefined;
  return { replacements, insertText, insertAt, deleteSpan };
}
