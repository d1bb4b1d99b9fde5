// The fast path of the tree builder must build exactly what the sax path builds. This compares the
// two on one input and describes the first difference.

import type { XmlElement } from '../../server/src/service/model';
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

/** undefined when both paths agree; otherwise where their serialised trees first differ. */
export function compareBuilders(text: string, options: TreeOptions): string | undefined {
  const fast = dumpTree(buildXmlTree(text, undefined, options));
  const reference = dumpTree(buildXmlTreeWithSax(text, undefined, options));
  if (fast === reference) {
    return undefined;
  }
  let i = 0;
  while (i < fast.length && fast[i] === reference[i]) {
    i++;
  }
  return `fast path: …${fast.slice(Math.max(0, i - 200), i + 200)}…\n sax path: …${reference.slice(Math.max(0, i - 200), i + 200)}…`;
}
