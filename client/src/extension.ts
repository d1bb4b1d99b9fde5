// The VS Code client, kept thin: it recognises task sequences among XML files, starts the bundled
// language server when the first one is open, and shows the server's state. All language logic is
// in the server.
//
// Recognition: a document VS Code opened as plain `xml` whose root is a task sequence is switched
// to the `tasksequence-xml` language. From then on only this extension serves it, so the Red Hat
// XML extension (which serves `xml`) does not add a second outline, folding or diagnostics set,
// and our grammar colours it. Other XML files are left untouched, and no server process is
// started until a task sequence is opened.

import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { looksLikeTaskSequence } from '../../server/src/service/util/detect';

const LANGUAGE_ID = 'tasksequence-xml';
const CLIENT_ID = 'taskSequence';
const CLIENT_NAME = 'Task Sequence XML';
const RESTART_COMMAND = 'taskSequence.restartServer';
const SHOW_OUTPUT_COMMAND = 'taskSequence.showOutput';
const RESULT_LIMIT_NOTIFICATION = 'taskSequence/resultLimitReached';
/** A language change closes and reopens the document at once; a later reopen is a new open. */
const LANGUAGE_CHANGE_WINDOW_MS = 1000;
/** Only edits near the top can change what the root element is. */
const DETECTION_EDIT_WINDOW = 4096;

type ServerState = 'stopped' | 'starting' | 'ready' | 'error';

/** What the extension exports to other extensions and to its end-to-end tests. */
export interface TaskSequenceExtensionApi {
  readonly serverState: ServerState;
}

interface ResultLimitReachedParams {
  readonly uri: string;
  readonly feature: string;
  readonly maxItems: number;
}

let client: LanguageClient | undefined;
let serverState: ServerState = 'stopped';
/** Set while the extension itself stops or restarts the server, so a stop is not taken for a crash. */
let stoppingOnPurpose = false;

export function activate(context: vscode.ExtensionContext): TaskSequenceExtensionApi {
  const output = vscode.window.createOutputChannel(CLIENT_NAME);
  const status = new ServerStatus();
  const detector = new TaskSequenceDetector();
  context.subscriptions.push(output, status);

  const ensureStarted = async (): Promise<void> => {
    if (client) {
      return;
    }
    client = createClient(context, output, status);
    await startClient(client, output, status);
  };
  const onDocument = (document: vscode.TextDocument): void => {
    if (document.languageId === LANGUAGE_ID) {
      void ensureStarted();
    } else {
      void detector.claimIfTaskSequence(document);
    }
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(onDocument),
    vscode.workspace.onDidCloseTextDocument((document) => detector.noteClosed(document)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.languageId === 'xml' && event.contentChanges.some((c) => c.rangeOffset < DETECTION_EDIT_WINDOW)) {
        void detector.claimIfTaskSequence(event.document);
      }
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => status.showFor(editor?.document)),
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      if (client) {
        output.appendLine('Restarting the language server.');
        status.set('starting');
        stoppingOnPurpose = true;
        try {
          await client.restart();
        } catch (e) {
          reportStartFailure(e, output, status);
        } finally {
          stoppingOnPurpose = false;
        }
      } else {
        await ensureStarted();
      }
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
  );
  vscode.workspace.textDocuments.forEach(onDocument);
  status.showFor(vscode.window.activeTextEditor?.document);

  return {
    get serverState() {
      return serverState;
    },
  };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  stoppingOnPurpose = true;
  await running?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, status: ServerStatus): LanguageClient {
  const module = context.asAbsolutePath('server/dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every scheme: the server never reads files itself, so virtual and untitled documents work.
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel: output,
  };
  // The id makes the client read `taskSequence.trace.server` for its message trace.
  const created = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  created.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      status.set('ready');
    } else if (event.newState === State.Starting) {
      status.set('starting');
    } else {
      // The client gives up after repeated crashes; a stop nobody asked for is a failure.
      status.set(stoppingOnPurpose ? 'stopped' : 'error');
    }
  });
  return created;
}

async function startClient(started: LanguageClient, output: vscode.OutputChannel, status: ServerStatus): Promise<void> {
  status.set('starting');
  try {
    await started.start();
    started.onNotification(RESULT_LIMIT_NOTIFICATION, (params: ResultLimitReachedParams) => {
      status.warn(`The ${params.feature} of this document were cut at ${params.maxItems} items (taskSequence.maxItemsComputed).`);
    });
  } catch (e) {
    reportStartFailure(e, output, status);
  }
}

function reportStartFailure(e: unknown, output: vscode.OutputChannel, status: ServerStatus): void {
  output.appendLine(`The language server failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  status.set('error');
}

/** Switches XML documents whose root is a task sequence to the task sequence language. */
class TaskSequenceDetector {
  private readonly closedAt = new Map<string, number>();
  private readonly userChoseXml = new Set<string>();

  async claimIfTaskSequence(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (document.languageId !== 'xml' || this.userChoseXml.has(key)) {
      return;
    }
    const closed = this.closedAt.get(key);
    if (closed !== undefined && Date.now() - closed < LANGUAGE_CHANGE_WINDOW_MS) {
      // It was ours a moment ago and reopened as XML: the user picked XML; respect that.
      this.userChoseXml.add(key);
      return;
    }
    if (looksLikeTaskSequence(document.getText())) {
      await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    }
  }

  noteClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (document.languageId === LANGUAGE_ID) {
      this.closedAt.set(key, Date.now());
    } else {
      this.closedAt.delete(key);
    }
  }
}

/** The status bar item: the server's state, shown while a task sequence is the active editor. */
class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('taskSequence.status', vscode.StatusBarAlignment.Right, 100);
  private warning: string | undefined;

  constructor() {
    this.item.name = 'Task Sequence language server';
    this.item.command = SHOW_OUTPUT_COMMAND;
    this.render();
  }

  set(state: ServerState): void {
    serverState = state;
    if (state !== 'ready') {
      this.warning = undefined;
    }
    this.render();
  }

  warn(message: string): void {
    this.warning = message;
    this.render();
  }

  showFor(document: vscode.TextDocument | undefined): void {
    if (document?.languageId === LANGUAGE_ID) {
      this.item.show();
    } else {
      this.item.hide();
    }
  }

  private render(): void {
    const texts: Record<ServerState, [string, string]> = {
      stopped: ['$(circle-slash) Task Sequence', 'The task sequence language server is not running.'],
      starting: ['$(sync~spin) Task Sequence', 'The task sequence language server is starting.'],
      ready: ['$(check) Task Sequence', 'The task sequence language server is ready.'],
      error: ['$(error) Task Sequence', 'The task sequence language server failed: see the output, or run "Task Sequence: Restart Language Server".'],
    };
    const [text, tooltip] = texts[serverState];
    this.item.text = this.warning ? '$(warning) Task Sequence' : text;
    this.item.tooltip = this.warning ? `${tooltip}\n${this.warning}` : tooltip;
    this.item.backgroundColor = serverState === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
