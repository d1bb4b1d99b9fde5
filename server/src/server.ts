// The language server: LSP wiring only. Documents, the parse cache and per-resource settings live
// here; every request is handed to the language-service library. Works with any LSP client over
// --stdio, --node-ipc or --socket: pull diagnostics when the client asks for them, push otherwise;
// snippets and markdown only when the client says it renders them.

import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  TextDocumentContentChangeEvent,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type CompletionList,
  type Diagnostic,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createIdleCollector, disablePretenuring, exposeGc, limitHeapGrowth } from './idleCollector';
import { FIX_ALL_KIND } from './service/features/codeActions';
import { flattenSymbols } from './service/features/documentSymbols';
import type { ResultLimit } from './service/features/limits';
import { getLanguageService, parseOptionsFor, type DocumentChange, type LanguageService } from './service/languageService';
import type { TaskSequenceDocument } from './service/model';
import type { TextEdit } from './service/parser/incremental';
import { DEFAULT_SETTINGS, type TaskSequenceSettings } from './service/settings';
import { getLanguageModelCache, type PreviousModel } from './service/util/languageModelCache';
import type { DocumentationFormat } from './service/util/markup';
import { readSettings } from './service/util/readSettings';

/** Push mode: how long the document must be quiet before it is validated. */
const VALIDATION_DELAY_MS = 400;
/** How far the heap may grow past its live size before a full collection (bench: 2 MB typing peak 185 → 140 MB). */
const HEAP_GROWING_PERCENT = 50;
/** A client that never answers workspace/configuration gets the defaults after this long. */
const CONFIGURATION_TIMEOUT_MS = 3000;
/** The settings section, and the prefix of every setting. */
const SETTINGS_SECTION = 'taskSequence';
/** Sent once per document and feature when results were cut at taskSequence.maxItemsComputed. */
const RESULT_LIMIT_NOTIFICATION = 'taskSequence/resultLimitReached';

interface ResultLimitReachedParams {
  readonly uri: string;
  readonly feature: 'symbols' | 'folding' | 'workspaceSymbols';
  readonly maxItems: number;
}

const connection = createConnection(ProposedFeatures.all);
/**
 * The edit that made each open document's current version, when one edit did: the parse of the
 * version before can then be updated instead of parsing the whole text again.
 */
const lastEdits = new Map<string, { readonly fromVersion: number; readonly toVersion: number; readonly edit: TextEdit }>();
const documents = new TextDocuments<TextDocument>({
  create: TextDocument.create,
  update: (document, changes, version) => {
    recordEdit(document, changes, version);
    return TextDocument.update(document, changes, version);
  },
});

function recordEdit(document: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
  const change = changes.length === 1 ? changes[0] : undefined;
  if (change && TextDocumentContentChangeEvent.isIncremental(change)) {
    const edit = { start: document.offsetAt(change.range.start), end: document.offsetAt(change.range.end), text: change.text };
    lastEdits.set(document.uri, { fromVersion: document.version, toVersion: version, edit });
  } else {
    lastEdits.delete(document.uri);
  }
}

interface ClientSupport {
  readonly pullDiagnostics: boolean;
  readonly diagnosticRefresh: boolean;
  readonly configuration: boolean;
  readonly configurationChangeRegistration: boolean;
  readonly hierarchicalSymbols: boolean;
  readonly codeActionLiterals: boolean;
  readonly foldingRangeLimit: number | undefined;
}

let client: ClientSupport = {
  pullDiagnostics: false,
  diagnosticRefresh: false,
  configuration: false,
  configurationChangeRegistration: false,
  hierarchicalSymbols: true,
  codeActionLiterals: true,
  foldingRangeLimit: undefined,
};
let service: LanguageService = getLanguageService();
const models = getLanguageModelCache<TaskSequenceDocument>(10, 60);
const idleCollector = createIdleCollector({ minCharacters: 1_000_000, idleMs: 2000 }, exposeGc());
limitHeapGrowth(HEAP_GROWING_PERCENT);
disablePretenuring();

// ---------------------------------------------------------------------------------------------
// Initialisation

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  client = readClientSupport(capabilities);
  service = getLanguageService({
    clientCapabilities: {
      snippetSupport: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
      completionDocumentationFormat: preferredFormat(capabilities.textDocument?.completion?.completionItem?.documentationFormat),
      hoverFormat: preferredFormat(capabilities.textDocument?.hover?.contentFormat),
    },
  });
  const serverCapabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    documentSymbolProvider: { label: 'Task sequence' },
    workspaceSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    completionProvider: { triggerCharacters: ['<', '"', "'", '%', ' ', '='], resolveProvider: false },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
  };
  if (client.pullDiagnostics) {
    serverCapabilities.diagnosticProvider = { identifier: 'tasksequence', interFileDependencies: false, workspaceDiagnostics: false };
  }
  return { capabilities: serverCapabilities, serverInfo: { name: 'Task Sequence XML language server' } };
});

connection.onInitialized(() => {
  if (client.configurationChangeRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }
  log(`ready: ${client.pullDiagnostics ? 'pull' : 'push'} diagnostics, settings ${client.configuration ? 'per resource' : 'from defaults'}`);
});

function readClientSupport(capabilities: ClientCapabilities): ClientSupport {
  return {
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    configuration: capabilities.workspace?.configuration === true,
    configurationChangeRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    hierarchicalSymbols: capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    codeActionLiterals: capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    foldingRangeLimit: capabilities.textDocument?.foldingRange?.rangeLimit,
  };
}

function preferredFormat(formats: readonly string[] | undefined): DocumentationFormat {
  return formats?.includes(MarkupKind.Markdown) ? MarkupKind.Markdown : MarkupKind.PlainText;
}

// ---------------------------------------------------------------------------------------------
// Settings (per resource, never global state of the library)

const settingsCache = new Map<string, Promise<TaskSequenceSettings>>();
/** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
let pushedSettings: TaskSequenceSettings = DEFAULT_SETTINGS;
/** Bumped on every settings change: part of the pull diagnostics result id. */
let settingsGeneration = 0;

function settingsFor(uri: string): Promise<TaskSequenceSettings> {
  if (!client.configuration) {
    return Promise.resolve(pushedSettings);
  }
  let settings = settingsCache.get(uri);
  if (!settings) {
    settings = requestSettings(uri);
    settingsCache.set(uri, settings);
  }
  return settings;
}

async function requestSettings(uri: string): Promise<TaskSequenceSettings> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), CONFIGURATION_TIMEOUT_MS);
  });
  try {
    const raw: unknown = await Promise.race([connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }), timeout]);
    return readSettings(raw);
  } catch (e) {
    log(`workspace/configuration failed for ${uri}, using the defaults: ${errorText(e)}`);
    return DEFAULT_SETTINGS;
  } finally {
    clearTimeout(timer);
  }
}

connection.onDidChangeConfiguration((change) => {
  if (!client.configuration) {
    const raw = (change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    pushedSettings = raw === undefined ? DEFAULT_SETTINGS : readSettings(raw);
  }
  settingsCache.clear();
  // Flavor and limits change how documents parse.
  models.clear();
  settingsGeneration++;
  limitNoticesSent.clear();
  refreshDiagnostics();
});

// ---------------------------------------------------------------------------------------------
// Documents and the parse cache

/** The cached parse of a task sequence document; undefined for other documents (plain XML). */
interface ParsedEntry {
  readonly document: TextDocument;
  readonly parsed: TaskSequenceDocument;
  readonly settings: TaskSequenceSettings;
}

async function parsedDocument(uri: string): Promise<ParsedEntry | undefined> {
  idleCollector.noteActivity();
  const document = documents.get(uri);
  if (!document || !service.isTaskSequence(document)) {
    return undefined;
  }
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  if (current !== document) {
    return undefined;
  }
  const parsed = models.get(document, (_, previous) => {
    // Counted whether the parse is updated or made anew: the checks that follow make garbage in
    // proportion to the whole document either way.
    idleCollector.noteParsed(document.getText().length);
    return service.parse(document, parseOptionsFor(settings), changeSince(document, previous));
  });
  return { document, parsed, settings };
}

/** The cached parse of the version before and the edit since, when one edit made this version out of it. */
function changeSince(document: TextDocument, previous: PreviousModel<TaskSequenceDocument> | undefined): DocumentChange | undefined {
  const last = lastEdits.get(document.uri);
  if (!previous || !last || last.fromVersion !== previous.version || last.toVersion !== document.version) {
    return undefined;
  }
  return { previous: previous.model, edit: last.edit };
}

documents.onDidClose((event) => {
  const uri = event.document.uri;
  lastEdits.delete(uri);
  models.onDocumentRemoved(uri);
  settingsCache.delete(uri);
  limitNoticesSent.forEach((key) => key.startsWith(`${uri}#`) && limitNoticesSent.delete(key));
  cancelPendingValidation(uri);
  opened.delete(uri);
  if (!client.pullDiagnostics) {
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
});

// ---------------------------------------------------------------------------------------------
// Diagnostics: pull when the client supports it, else push with a debounce

const pendingValidations = new Map<string, ReturnType<typeof setTimeout>>();
/** Documents seen open: the first validation after opening runs without the typing delay. */
const opened = new Set<string>();

documents.onDidChangeContent((event) => {
  idleCollector.noteActivity();
  const uri = event.document.uri;
  if (client.pullDiagnostics) {
    return;
  }
  const delay = opened.has(uri) ? VALIDATION_DELAY_MS : 0;
  opened.add(uri);
  scheduleValidation(uri, delay);
});

function scheduleValidation(uri: string, delay: number): void {
  cancelPendingValidation(uri);
  const timer = setTimeout(() => {
    if (pendingValidations.get(uri) === timer) {
      pendingValidations.delete(uri);
      void pushDiagnostics(uri);
    }
  }, delay);
  pendingValidations.set(uri, timer);
}

function cancelPendingValidation(uri: string): void {
  const timer = pendingValidations.get(uri);
  if (timer) {
    clearTimeout(timer);
    pendingValidations.delete(uri);
  }
}

async function pushDiagnostics(uri: string): Promise<void> {
  const version = documents.get(uri)?.version;
  try {
    const diagnostics = await computeDiagnostics(uri);
    const document = documents.get(uri);
    // A newer version is on its way (or the document closed): these results are stale.
    if (!diagnostics || !document || document.version !== version || pendingValidations.has(uri)) {
      return;
    }
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (e) {
    logError(`validating ${uri}`, e);
  }
}

/**
 * The document's diagnostics, or undefined when it changed while they were being computed. On a
 * large document the checks cost more than the parse: between the two, other messages get in (a
 * completion needs only the parse), and a newer edit skips the checks of a version nobody will see.
 */
async function computeDiagnostics(uri: string): Promise<Diagnostic[] | undefined> {
  const entry = await parsedDocument(uri);
  if (!entry) {
    return [];
  }
  const version = entry.document.version;
  await handlePendingMessages();
  if (documents.get(uri)?.version !== version) {
    return undefined;
  }
  return service.doValidation(entry.document, entry.parsed, entry.settings);
}

/**
 * Lets the connection handle the messages that arrived meanwhile: it reads them in the I/O phase
 * after this turn and handles each in a later check phase, so one hop of setImmediate is not enough.
 */
async function handlePendingMessages(): Promise<void> {
  for (let hop = 0; hop < 2; hop++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const uri = params.textDocument.uri;
  const document = documents.get(uri);
  const resultId = document ? `${document.version}:${settingsGeneration}` : undefined;
  if (resultId !== undefined && params.previousResultId === resultId) {
    return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  }
  const items = await runSafe(token, () => computeDiagnostics(uri), [], `diagnostics for ${uri}`);
  if (items instanceof ResponseError) {
    throw items;
  }
  if (!items) {
    // LSP's way to say "ask again": the client pulls the new version's diagnostics.
    throw new ResponseError<DiagnosticServerCancellationData>(LSPErrorCodes.ServerCancelled, 'The document changed.', { retriggerRequest: true });
  }
  return { kind: DocumentDiagnosticReportKind.Full, items, ...(resultId !== undefined ? { resultId } : {}) };
});

function refreshDiagnostics(): void {
  if (client.pullDiagnostics) {
    if (client.diagnosticRefresh) {
      void connection.languages.diagnostics.refresh();
    }
    return;
  }
  for (const document of documents.all()) {
    scheduleValidation(document.uri, 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Features

const limitNoticesSent = new Set<string>();
const EMPTY_COMPLETION: CompletionList = { isIncomplete: false, items: [] };

/** The result cap for one document and feature; the first overflow is reported once. */
function resultLimit(uri: string, feature: ResultLimitReachedParams['feature'], maxItems: number): ResultLimit {
  return {
    maxItems,
    onLimitExceeded: () => {
      const key = `${uri}#${feature}`;
      if (limitNoticesSent.has(key)) {
        return;
      }
      limitNoticesSent.add(key);
      log(`${feature} of ${uri} limited to ${maxItems} items (taskSequence.maxItemsComputed)`);
      const params: ResultLimitReachedParams = { uri, feature, maxItems };
      void connection.sendNotification(RESULT_LIMIT_NOTIFICATION, params);
    },
  };
}

/** A request on one document: answered from its cached parse, or with `fallback` when it is not a task sequence. */
function onParsed<T>(uri: string, token: CancellationToken, fallback: T, what: string, work: (entry: ParsedEntry) => T): Promise<T | ResponseError<void>> {
  return runSafe(
    token,
    async () => {
      const entry = await parsedDocument(uri);
      return entry ? work(entry) : fallback;
    },
    fallback,
    what,
  );
}

connection.onDocumentSymbol((params, token) =>
  onParsed(params.textDocument.uri, token, [], 'document symbols', (entry) => {
    const limit = resultLimit(entry.document.uri, 'symbols', entry.settings.maxItemsComputed);
    const symbols = service.findDocumentSymbols(entry.document, entry.parsed, limit);
    return client.hierarchicalSymbols ? symbols : flattenSymbols(entry.document.uri, symbols);
  }),
);

connection.onFoldingRanges((params, token) =>
  onParsed(params.textDocument.uri, token, [], 'folding ranges', (entry) => {
    const max = minLimit(entry.settings.maxItemsComputed, client.foldingRangeLimit);
    return service.getFoldingRanges(entry.document, entry.parsed, resultLimit(entry.document.uri, 'folding', max));
  }),
);

connection.onSelectionRanges((params, token) =>
  onParsed(params.textDocument.uri, token, [], 'selection ranges', (entry) =>
    service.getSelectionRanges(entry.document, entry.parsed, params.positions),
  ),
);

connection.onWorkspaceSymbol((params, token) =>
  runSafe(
    token,
    async () => {
      let entries = await parsedDocuments();
      // An edit handled while settings were fetched may have updated an older parse in place.
      for (let attempt = 0; attempt < 3 && entries.some((e) => documents.get(e.document.uri) !== e.document); attempt++) {
        entries = await parsedDocuments();
      }
      const max = entries.length ? entries[entries.length - 1].settings.maxItemsComputed : DEFAULT_SETTINGS.maxItemsComputed;
      return service.findWorkspaceSymbols(entries, params.query, { maxItems: max });
    },
    [],
    'workspace symbols',
  ),
);

async function parsedDocuments(): Promise<ParsedEntry[]> {
  const entries: ParsedEntry[] = [];
  for (const document of documents.all()) {
    const entry = await parsedDocument(document.uri);
    if (entry) {
      entries.push(entry);
    }
  }
  return entries;
}

connection.onCompletion((params, token) =>
  onParsed(params.textDocument.uri, token, EMPTY_COMPLETION, 'completion', (entry) =>
    service.doComplete(entry.document, entry.parsed, params.position, params.context?.triggerCharacter),
  ),
);

connection.onHover((params, token) =>
  onParsed(params.textDocument.uri, token, null, 'hover', (entry) => service.doHover(entry.document, entry.parsed, params.position)),
);

connection.onCodeAction((params, token) =>
  onParsed(params.textDocument.uri, token, [], 'code actions', (entry) =>
    client.codeActionLiterals
      ? service.getCodeActions(
          entry.document,
          entry.parsed,
          { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only },
          entry.settings,
        )
      : [],
  ),
);

function minLimit(maxItems: number, clientLimit: number | undefined): number {
  if (clientLimit === undefined) {
    return maxItems;
  }
  return maxItems < 0 ? clientLimit : Math.min(maxItems, clientLimit);
}

// ---------------------------------------------------------------------------------------------
// Running requests safely

/**
 * Runs a request's work after yielding to the event loop (so that a cancellation or a newer
 * change can arrive first), answers a cancelled request with RequestCancelled, and turns any
 * exception into the default value and a log line: a bug in one feature never kills the server.
 */
function runSafe<T>(token: CancellationToken, work: () => Promise<T>, fallback: T, what: string): Promise<T | ResponseError<void>> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token.isCancellationRequested) {
        resolve(cancelled());
        return;
      }
      work().then(
        (result) => resolve(token.isCancellationRequested ? cancelled() : result),
        (e: unknown) => {
          logError(what, e);
          resolve(fallback);
        },
      );
    });
  });
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

function log(message: string): void {
  connection.console.log(`[${new Date().toISOString()}] ${message}`);
}

function logError(what: string, e: unknown): void {
  connection.console.error(`[${new Date().toISOString()}] ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

connection.onShutdown(() => {
  for (const timer of pendingValidations.values()) {
    clearTimeout(timer);
  }
  pendingValidations.clear();
  models.dispose();
});

documents.listen(connection);
connection.listen();
