// The condition building blocks offered inside <condition> and <operator>: one expression per
// kind (with its <variable> children and tab stops), the and/or/not operators, and the
// "Operating System Version" group. Built from the catalog, so a new kind is offered as it lands.

import { allExpressionKinds, getElement, OPERATORS } from '../catalog';
import type { ExpressionKindInfo, ExpressionPropertyInfo } from '../catalog/types';
import { code, escapeMarkdown } from '../util/markup';
import type { SnippetPart, TabStop } from '../util/snippets';

export interface ConditionSnippet {
  readonly label: string;
  /** What the snippet inserts, in a word: the class name or the operator type. */
  readonly detail: string;
  readonly documentation: string;
  readonly parts: readonly SnippetPart[];
  /** Sorts the snippets: expressions in catalog order, then operators, then the OS group. */
  readonly order: number;
}

export function conditionSnippets(): ConditionSnippet[] {
  const snippets: ConditionSnippet[] = allExpressionKinds().map((kind, index) => expressionSnippet(kind, index));
  OPERATORS.forEach((operator, index) => {
    snippets.push({
      label: `${operator.editorLabel} (${operator.type})`,
      detail: `<operator type="${operator.type}">`,
      documentation: `${escapeMarkdown(operator.editorLabel)}: ${escapeMarkdown(operator.semantics)}`,
      parts: [`<operator type="${operator.type}">\n\t`, { tabStop: 0 }, '\n</operator>'],
      order: 100 + index,
    });
  });
  const osGroup = osConditionGroupSnippet();
  if (osGroup) {
    snippets.push(osGroup);
  }
  return snippets;
}

/** The expression kind's short name: "Query WMI (also used …)" reads as "Query WMI". */
export function shortKindName(kind: ExpressionKindInfo): string {
  return kind.editorName.replace(/\s*\(.*\)$/, '');
}

function expressionSnippet(kind: ExpressionKindInfo, index: number): ConditionSnippet {
  const properties = snippetProperties(kind);
  // Tab stops follow the catalog's order (Variable, Operator, Value); lines are written in
  // alphabetical order, as console exports write them.
  const stops = new Map(properties.map((p, i) => [p.name, i + 1]));
  const parts: SnippetPart[] = [`<expression type="${kind.className}">`];
  for (const property of [...properties].sort((a, b) => a.name.localeCompare(b.name))) {
    parts.push(`\n\t<variable name="${property.name}">`, placeholder(property, stops.get(property.name) ?? 0), '</variable>');
  }
  parts.push('\n</expression>', { tabStop: 0 });
  const lines = properties.map((p) => `- ${code(p.name)}${p.description ? `: ${escapeMarkdown(p.description)}` : ''}`);
  return {
    label: shortKindName(kind),
    detail: kind.className,
    documentation: [`**${escapeMarkdown(kind.editorName)}** condition. ${escapeMarkdown(kind.description)}`, ...lines].join('\n\n'),
    parts,
    order: index,
  };
}

/**
 * The properties a new expression starts with: all of them, except optional comparisons that
 * come in pairs (File's Version/VersionOperator): without them the expression is the simple
 * existence test the console creates first.
 */
function snippetProperties(kind: ExpressionKindInfo): ExpressionPropertyInfo[] {
  const byName = new Map(kind.properties.map((p) => [p.name, p]));
  const optionalPairs = new Set<string>();
  for (const property of kind.properties) {
    if (property.required.kind === 'whenSet' && byName.get(property.required.other)?.required.kind === 'never') {
      optionalPairs.add(property.name);
      optionalPairs.add(property.required.other);
    }
  }
  return kind.properties.filter((p) => !optionalPairs.has(p.name));
}

function placeholder(property: ExpressionPropertyInfo, tabStop: number): TabStop {
  if (property.values && property.values.length > 0) {
    return { tabStop, choices: property.values };
  }
  return { tabStop, placeholder: property.example ?? property.name };
}

function osConditionGroupSnippet(): ConditionSnippet | undefined {
  const wmi = allExpressionKinds().find((k) => k.properties.some((p) => p.name === 'Query'));
  const element = getElement('osConditionGroup');
  if (!wmi || !element) {
    return undefined;
  }
  const namespace = wmi.properties.find((p) => p.name === 'Namespace')?.example ?? 'root\\cimv2';
  const parts: SnippetPart[] = [
    '<osConditionGroup type="or">\n\t<osExpressionGroup name="',
    { tabStop: 1, placeholder: 'All x64 Windows 10 and higher Client' },
    `">\n\t\t<expression type="${wmi.className}">\n\t\t\t<variable name="Namespace">${namespace}</variable>\n\t\t\t<variable name="Query">`,
    { tabStop: 2, placeholder: "SELECT * FROM Win32_OperatingSystem WHERE Version LIKE '10.0%'" },
    '</variable>\n\t\t</expression>\n\t</osExpressionGroup>\n</osConditionGroup>',
    { tabStop: 0 },
  ];
  return {
    label: 'Operating System Version',
    detail: '<osConditionGroup type="or">',
    documentation: escapeMarkdown(element.description),
    parts,
    order: 200,
  };
}
