// The fast path of the tree builder must build exactly what the sax path builds. This compares the
// two on one input and describes the first difference.

import type { TaskSequenceDocument, XmlElement } from '../../server/src/service/model';
import { snapshot } from '../support/modelSnapshot';
import { buildXmlTree, buildXmlTreeWithSax, type TreeOptions, type XmlTree } from '../../server/src/service/parser/xmlTree';

function dumpElement(e: XmlElement): unknown {
  return {
    name: e.name,
    span: e.span,
    startTag: e.startTag,
    nameSpan: e.nameSpan,
    endTag: e.endTag,
    selfClosing: e.selfClosing,
    closed: e.closed,
    text: e.text,
    textSpan: e.textSpan,
    attributes: e.attributes.map((a) => ({ name: a.name, value: a.value, nameSpan: a.nameSpan, valueSpan: a.valueSpan, span: a.span })),
    parent: e.parent?.nameSpan.start,
    children: e.children.map(dumpElement),
  };
}

export function dumpTree(tree: XmlTree): string {
  return JSON.stringify({
    roots: tree.roots.map(dumpElement),
    comments: tree.comments,
    problems: tree.problems,
    strayText: tree.strayText,
    truncated: tree.truncated,
  });
}

/** Everything a parse holds (the model through the tree it is built from), as one string. */
export function dumpParse(parsed: TaskSequenceDocument): string {
  return JSON.stringify({
    text: parsed.text,
    roots: parsed.roots.map(dumpElement),
    comments: parsed.comments,
    problems: parsed.problems,
    container: parsed.container,
    flavor: parsed.flavor,
    truncated: parsed.truncated,
    sequence: parsed.sequence ? snapshot(parsed.sequence) : null,
  });
}

/** Where two dumps first differ, with some context; undefined when they are equal. */
export function firstDifference(actual: string, expected: string): string | undefined {
  if (actual === expected) {
    return undefined;
  }
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) {
    i++;
  }
  return `got: …${actual.slice(Math.max(0, i - 200), i + 200)}…\n expected: …${expected.slice(Math.max(0, i - 200), i + 200)}…`;
}

/** undefined when both paths agree; otherwise where their serialised trees first differ. */
export function compareBuilders(text: string, options: TreeOptions): string | undefined {
  return firstDifference(dumpTree(buildXmlTree(text, undefined, options)), dumpTree(buildXmlTreeWithSax(text, undefined, options)));
}
