// Shared by the feature tests: inline documents with a `|` cursor marker, parsed by the library.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageService, type LanguageServiceOptions } from '../../../server/src/service/languageService';
import type { TaskSequenceDocument } from '../../../server/src/service/model';

export interface Fixture {
  readonly document: TextDocument;
  readonly parsed: TaskSequenceDocument;
  /** Where the `|` marker was (the marker itself is removed). */
  readonly position: Position;
  readonly offset: number;
  readonly service: LanguageService;
}

let counter = 0;

/** Parses `content`; a `|` marks the cursor (the first one; use `withCursor: false` to keep them all). */
export function fixture(content: string, options: LanguageServiceOptions & { withCursor?: boolean; languageId?: string } = {}): Fixture {
  const marker = options.withCursor === false ? -1 : content.indexOf('|');
  const text = marker < 0 ? content : content.slice(0, marker) + content.slice(marker + 1);
  const document = TextDocument.create(`file:///test/doc${++counter}.xml`, options.languageId ?? 'tasksequence-xml', 1, text);
  const service = getLanguageService(options);
  const parsed = service.parse(document);
  const offset = Math.max(marker, 0);
  return { document, parsed, position: document.positionAt(offset), offset, service };
}

/** A ConfigMgr sequence around some steps. */
export function sequence(body: string): string {
  return `<sequence version="3.10">\n${body}\n</sequence>\n`;
}

/** A Run Command Line step with an optional condition and extra content. */
export function commandStep(name: string, inner = '', attributes = ''): string {
  return [
    `  <step type="SMS_TaskSequence_RunCommandLineAction" name="${name}" description="" runIn="WinPEandFullOS" successCodeList="0 3010" retryCount="0" runFromNet="false"${attributes}>`,
    inner,
    '    <action>smsswd.exe /run: cmd.exe /c echo hi</action>',
    '    <defaultVarList>',
    '      <variable name="CommandLine" property="CommandLine" hidden="true">cmd.exe /c echo hi</variable>',
    '    </defaultVarList>',
    '  </step>',
  ].join('\n');
}

/** Applies a text edit list to a document and returns the new text. */
export function applyEdits(document: TextDocument, edits: Parameters<typeof TextDocument.applyEdits>[1]): string {
  return TextDocument.applyEdits(document, edits);
}
