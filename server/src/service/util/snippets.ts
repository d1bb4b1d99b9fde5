// Insert text written once as parts (literal text and tab stops) and rendered either as an LSP
// snippet or, for clients without snippet support, as plain text with the placeholders filled in.

export interface TabStop {
  readonly tabStop: number;
  readonly placeholder?: string;
  readonly choices?: readonly string[];
}

export type SnippetPart = string | TabStop;

/** Literal text inside a snippet: `$`, `}` and `\` are escaped. */
function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function escapeChoice(text: string): string {
  return text.replace(/[$}\\,|]/g, '\\$&');
}

function renderTabStop(stop: TabStop): string {
  if (stop.choices && stop.choices.length > 0) {
    return `\${${stop.tabStop}|${stop.choices.map(escapeChoice).join(',')}|}`;
  }
  if (stop.placeholder) {
    return `\${${stop.tabStop}:${escapeSnippetText(stop.placeholder)}}`;
  }
  return `$${stop.tabStop}`;
}

export function renderSnippet(parts: readonly SnippetPart[]): string {
  return parts.map((part) => (typeof part === 'string' ? escapeSnippetText(part) : renderTabStop(part))).join('');
}

/** The text a snippet would insert if the user accepted every placeholder as it is. */
export function renderPlain(parts: readonly SnippetPart[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : (part.placeholder ?? part.choices?.[0] ?? ''))).join('');
}
