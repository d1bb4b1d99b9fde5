// The one entry point of the language-service library. It knows nothing of LSP transport: the
// language server, the CLI and the tests call it with a TextDocument and get LSP-shaped results.
// Every feature takes the document and its parse (which the caller caches per version).

import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
  type SelectionRange,
  type SymbolInformation,
} from 'vscode-languageserver-types';
import { runChecks } from './checks';
import { applySeverityOverrides } from './checks/suppressions';
import { getCodeActions, type CodeActionParams } from './features/codeActions';
import { doComplete, type CompletionOptions } from './features/completion';
import { findDocumentSymbols } from './features/documentSymbols';
import { getFoldingRanges } from './features/folding';
import { doHover } from './features/hover';
import type { ResultLimit } from './features/limits';
import { getPlainSelectionRanges, getSelectionRanges } from './features/selectionRanges';
import { findWorkspaceSymbols, type ParsedDocument } from './features/workspaceSymbols';
import type { Problem, Severity, TaskSequenceDocument } from './model';
import { reparseAfterEdit, type TextEdit } from './parser/incremental';
import { parseTaskSequence, type ParseOptions } from './parser/parser';
import { DEFAULT_SETTINGS, type TaskSequenceSettings } from './settings';
import { looksLikeTaskSequence } from './util/detect';
import type { DocumentationFormat } from './util/markup';

export const DIAGNOSTIC_SOURCE = 'tasksequence';
/** The language id the extension contributes for task sequence XML. */
export const LANGUAGE_ID = 'tasksequence-xml';
/**
 * Most diagnostics `doValidation` returns by default: a million unknown elements would otherwise
 * be a quarter of a gigabyte of JSON for the editor to read.
 */
export const MAX_DIAGNOSTICS = 5000;
/** The code of the notice that says how many problems `doValidation` left out. */
export const TOO_MANY_PROBLEMS = 'too-many-problems';
/** The code of the one diagnostic a document above `limits.maxDocumentSize` gets. */
export const DOCUMENT_TOO_LARGE = 'document-too-large';

/** What changed since a parse: `edit` made the document's text out of `previous.text`. */
export interface DocumentChange {
  readonly previous: TaskSequenceDocument;
  readonly edit: TextEdit;
}

export interface DocumentParseOptions extends ParseOptions {
  /** Above this many characters the document is not parsed; it gets one notice instead. */
  readonly maxDocumentSize?: number;
}

/** What the client can render, from its capabilities (defaults: everything). */
export interface ClientCapabilitiesSummary {
  readonly snippetSupport?: boolean;
  readonly completionDocumentationFormat?: DocumentationFormat;
  readonly hoverFormat?: DocumentationFormat;
}

export interface LanguageServiceOptions {
  readonly clientCapabilities?: ClientCapabilitiesSummary;
}

export interface LanguageService {
  /**
   * Parses one version of a document; the caller caches the result per version. With `change`
   * (the parse of the previous version and the one edit that made this one) an edit inside an
   * attribute value or a leaf element's text updates that parse instead, in place: the previous
   * parse must not be used afterwards.
   */
  parse(document: TextDocument, options?: DocumentParseOptions, change?: DocumentChange): TaskSequenceDocument;
  /** True for documents of the task sequence language, and XML whose root is a task sequence. */
  isTaskSequence(document: TextDocument): boolean;
  /** The document's problems as LSP diagnostics, with the settings' severity overrides applied (computed once per parse and settings: the array is shared). */
  doValidation(document: TextDocument, parsed: TaskSequenceDocument, settings?: TaskSequenceSettings, maxDiagnostics?: number): Diagnostic[];
  findDocumentSymbols(document: TextDocument, parsed: TaskSequenceDocument, limit?: ResultLimit): DocumentSymbol[];
  getFoldingRanges(document: TextDocument, parsed: TaskSequenceDocument, limit?: ResultLimit): FoldingRange[];
  getSelectionRanges(document: TextDocument, parsed: TaskSequenceDocument, positions: readonly Position[]): SelectionRange[];
  findWorkspaceSymbols(documents: readonly ParsedDocument[], query: string, limit?: ResultLimit): SymbolInformation[];
  doComplete(document: TextDocument, parsed: TaskSequenceDocument, position: Position, triggerCharacter?: string): CompletionList;
  doHover(document: TextDocument, parsed: TaskSequenceDocument, position: Position): Hover | null;
  getCodeActions(document: TextDocument, parsed: TaskSequenceDocument, params: CodeActionParams, settings?: TaskSequenceSettings): CodeAction[];
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

// Pull and push diagnostics, and every "fix all" code action, ask for the same version's
// diagnostics: the checks run once per parse and settings, and the result is kept on the parse, so
// that it lives exactly as long as that version. (In a WeakMap keyed by the parse it lived longer:
// V8's young-generation collections treat a WeakMap's values as reachable, so every version's
// diagnostics were copied and promoted until the next full collection; after some typing that was
// most of what each of those collections copied.)
const VALIDATION = Symbol('validation');

interface Validation {
  readonly settings: TaskSequenceSettings | undefined;
  readonly diagnostics: Diagnostic[];
}

type ValidatedDocument = TaskSequenceDocument & { [VALIDATION]?: Validation };

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const capabilities = options.clientCapabilities ?? {};
  const completionOptions: CompletionOptions = {
    snippets: capabilities.snippetSupport ?? true,
    documentationFormat: capabilities.completionDocumentationFormat ?? MarkupKind.Markdown,
  };
  const hoverFormat = capabilities.hoverFormat ?? MarkupKind.Markdown;
  const validate = (document: TextDocument, parsed: TaskSequenceDocument, settings?: TaskSequenceSettings): Diagnostic[] => {
    const memo = (parsed as ValidatedDocument)[VALIDATION];
    if (memo && memo.settings === settings) {
      return memo.diagnostics;
    }
    const diagnostics = validationProblems(parsed, settings).map((p) => toDiagnostic(document, p));
    // Not enumerable: a parse updated after an edit is a copy of the previous one ({...previous}), which must not inherit it.
    Object.defineProperty(parsed, VALIDATION, { value: { settings, diagnostics }, configurable: true });
    return diagnostics;
  };
  return {
    parse,
    isTaskSequence: (document) => document.languageId === LANGUAGE_ID || looksLikeTaskSequence(document.getText()),
    doValidation: (document, parsed, settings, maxDiagnostics = MAX_DIAGNOSTICS) => capDiagnostics(document, validate(document, parsed, settings), maxDiagnostics),
    findDocumentSymbols,
    getFoldingRanges,
    getSelectionRanges: (document, parsed, positions) =>
      isAnalysed(parsed) ? getSelectionRanges(document, parsed, positions) : getPlainSelectionRanges(document, positions),
    findWorkspaceSymbols,
    doComplete: (document, parsed, position, triggerCharacter) =>
      isAnalysed(parsed) ? doComplete(document, parsed, position, completionOptions, triggerCharacter) : { isIncomplete: false, items: [] },
    doHover: (document, parsed, position) => (isAnalysed(parsed) ? doHover(document, parsed, position, hoverFormat) : null),
    getCodeActions: (document, parsed, params, settings) => getCodeActions(document, params, () => validate(document, parsed, settings)),
  };
}

/** Parse options from the resolved settings. */
export function parseOptionsFor(settings: TaskSequenceSettings): DocumentParseOptions {
  return {
    maxDepth: settings.maxNestingDepth,
    maxDocumentSize: settings.maxDocumentSize,
    ...(settings.flavor !== 'auto' ? { flavor: settings.flavor } : {}),
  };
}

function parse(document: TextDocument, options: DocumentParseOptions = {}, change?: DocumentChange): TaskSequenceDocument {
  const text = document.getText();
  if (options.maxDocumentSize !== undefined && text.length > options.maxDocumentSize) {
    return unparsedDocument(text, options.maxDocumentSize);
  }
  return (change && reparseAfterEdit(change.previous, text, change.edit, options)) ?? parseTaskSequence(text, options);
}

/**
 * A document too large to analyse: no tree, one notice. Every feature then has nothing to work
 * on and answers empty (selection ranges, which LSP wants one per position, come from the text
 * alone), which keeps the editor responsive.
 */
function unparsedDocument(text: string, limit: number): TaskSequenceDocument {
  return {
    text,
    roots: [],
    comments: [],
    container: undefined,
    sequence: undefined,
    flavor: 'configmgr',
    problems: [
      {
        code: DOCUMENT_TOO_LARGE,
        severity: 'warning',
        message: `This document has ${text.length.toLocaleString('en-US')} characters, more than taskSequence.limits.maxDocumentSize (${limit.toLocaleString('en-US')}): it is not analysed. ConfigMgr itself refuses task sequences over 2 MB.`,
        span: firstLineSpan(text),
      },
    ],
    truncated: true,
  };
}

/**
 * At most `max` diagnostics (negative: all), the most severe first, in document order, and one
 * more that says how many were left out.
 */
function capDiagnostics(document: TextDocument, diagnostics: Diagnostic[], max: number): Diagnostic[] {
  if (max < 0 || diagnostics.length <= max) {
    return diagnostics;
  }
  // Severity 1 (error) to 4 (hint): how many of each, then the least severe level that still fits
  // (in part: `room` of its diagnostics).
  const counts = [0, 0, 0, 0, 0];
  for (const d of diagnostics) {
    counts[d.severity ?? DiagnosticSeverity.Error]++;
  }
  let cutoff = 1;
  let room = max;
  while (counts[cutoff] <= room) {
    room -= counts[cutoff];
    cutoff++;
  }
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const severity = d.severity ?? DiagnosticSeverity.Error;
    if (severity < cutoff || (severity === cutoff && room-- > 0)) {
      kept.push(d);
    }
  }
  const count = (n: number): string => n.toLocaleString('en-US');
  const notice: Problem = {
    code: TOO_MANY_PROBLEMS,
    severity: 'warning',
    message: `This document has ${count(diagnostics.length)} problems: only ${count(max)} are listed (the most severe first), ${count(diagnostics.length - max)} are left out.`,
    span: firstLineSpan(document.getText()),
  };
  kept.push(toDiagnostic(document, notice));
  return kept;
}

/** The first line of a text, where a notice about the whole document goes. */
function firstLineSpan(text: string): { start: number; end: number } {
  return { start: 0, end: Math.max(0, text.search(/\r?\n|$/)) };
}

/** False for a document left unparsed because of its size: features that read raw text stay off. */
function isAnalysed(parsed: TaskSequenceDocument): boolean {
  return !parsed.problems.some((p) => p.code === DOCUMENT_TOO_LARGE);
}

function validationProblems(parsed: TaskSequenceDocument, settings: TaskSequenceSettings = DEFAULT_SETTINGS): Problem[] {
  if (isAnalysed(parsed)) {
    return runChecks(parsed, settings);
  }
  return settings.validate ? applySeverityOverrides(parsed.problems, settings.severity) : [];
}

export function toDiagnostic(document: TextDocument, problem: Problem): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(problem.span.start), end: document.positionAt(problem.span.end) },
    severity: SEVERITY[problem.severity],
    code: problem.code,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
  };
  if (problem.related?.length) {
    diagnostic.relatedInformation = problem.related.map(
      (r): DiagnosticRelatedInformation => ({
        location: {
          uri: document.uri,
          range: { start: document.positionAt(r.span.start), end: document.positionAt(r.span.end) },
        },
        message: r.message,
      }),
    );
  }
  if (problem.data) {
    diagnostic.data = problem.data;
  }
  return diagnostic;
}
