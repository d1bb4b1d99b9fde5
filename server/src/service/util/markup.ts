// Hover and completion documentation are written once, in a small markdown subset (bold, inline
// code, escaped text, "- " lists), and turned into plain text for clients that cannot render
// markdown.

import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';

export type DocumentationFormat = typeof MarkupKind.Markdown | typeof MarkupKind.PlainText;

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!<>|~&]/g;

/** Text shown literally in markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&');
}

/** An inline code span that survives backticks in its text. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function bold(text: string): string {
  return `**${escapeMarkdown(text)}**`;
}

// Code spans, backslash escapes and bold markers, in the order they must be recognised.
const MARKDOWN_TOKEN = /(`+)( ?)([\s\S]*?)\2\1|\\([\\`*_{}[\]()#+\-.!<>|~&])|\*\*/g;

/** The markdown subset written by this service, as plain text. */
export function markdownToPlainText(markdown: string): string {
  return markdown.replace(MARKDOWN_TOKEN, (_whole: string, fence: string | undefined, _pad: string, body: string | undefined, escaped: string | undefined) => {
    if (fence !== undefined) {
      return body ?? '';
    }
    if (escaped !== undefined) {
      return escaped;
    }
    return '';
  });
}

export function toMarkupContent(markdown: string, format: DocumentationFormat): MarkupContent {
  return format === MarkupKind.Markdown
    ? { kind: MarkupKind.Markdown, value: markdown }
    : { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) };
}
