// The LoadFromXml side: any text in, the task sequence model it could build and the problems it met
// out. It never throws: a half-typed document still yields every step that can be recovered.
// Besides a bare <sequence>, it reads the wrapped exports: <SmsTaskSequencePackage>…<SequenceData>,
// the CIM object.xml whose sequence sits in a CDATA (or escaped) property value, and a file that is
// nothing but the entity-escaped text of a sequence.

import type { Flavor } from '../catalog/types';
import type { Container, Problem, SequenceNode, Span, StepOrGroup, TaskSequenceDocument, XmlComment, XmlElement } from '../model';
import { attribute, attributeValue } from '../model';
import { buildSequence } from './modelBuilder';
import { decodeWithMap, shiftedMap, type OffsetMap } from './offsetMap';
import { buildXmlTree, type TreeOptions, type XmlTree } from './xmlTree';

export interface ParseOptions {
  /** Deepest element nesting that is analysed (default 256; real sequences stay under 30). */
  readonly maxDepth?: number;
  /** Most elements that are analysed (default 1,000,000). */
  readonly maxElements?: number;
  /** Forces the ConfigMgr or MDT rules instead of detecting them from the document. */
  readonly flavor?: Flavor;
}

export const DEFAULT_MAX_DEPTH = 256;
export const DEFAULT_MAX_ELEMENTS = 1_000_000;

interface Located {
  readonly container: Container;
  readonly sequence: XmlElement | undefined;
  readonly inner?: XmlTree;
}

export function parseTaskSequence(text: string, options: ParseOptions = {}): TaskSequenceDocument {
  const treeOptions: TreeOptions = {
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxElements: options.maxElements ?? DEFAULT_MAX_ELEMENTS,
  };
  const tree = buildXmlTree(text, undefined, treeOptions);
  const problems: Problem[] = [...tree.problems];
  const comments: XmlComment[] = [...tree.comments];
  const located = locateSequence(text, tree, treeOptions, problems);
  if (located?.inner) {
    // No spread: there may be more problems than a call's arguments can hold.
    for (const problem of located.inner.problems) {
      problems.push(problem);
    }
    for (const comment of located.inner.comments) {
      comments.push(comment);
    }
  }
  if (!located) {
    problems.push(noSequenceProblem(text, tree));
  }
  const sequence = located?.sequence ? buildSequence(located.sequence) : undefined;
  return {
    text,
    roots: tree.roots,
    comments,
    container: located?.container,
    sequence,
    flavor: options.flavor ?? detectFlavor(sequence),
    problems,
    truncated: tree.truncated || (located?.inner?.truncated ?? false),
  };
}

function locateSequence(text: string, tree: XmlTree, options: TreeOptions, problems: Problem[]): Located | undefined {
  const root = tree.roots[0];
  if (!root) {
    return tree.strayText && isEscapedSequence(text, tree.strayText) ? parseEscapedDocument(text, tree.strayText, options, problems) : undefined;
  }
  reportStrayText(tree, problems);
  switch (root.name) {
    case 'sequence':
      return { container: 'plain', sequence: root };
    case 'SmsTaskSequencePackage': {
      const data = root.children.find((c) => c.name === 'SequenceData');
      const sequence = data?.children.find((c) => c.name === 'sequence');
      if (sequence || !data) {
        return sequence ? { container: 'package', sequence } : undefined;
      }
      return parseEmbedded(text, data, 'package', options);
    }
    case 'INSTANCE': {
      const value = sequencePropertyValue(root);
      return value ? parseEmbedded(text, value, 'cimInstance', options) : undefined;
    }
    default:
      return undefined;
  }
}

/** `<PROPERTY NAME="Sequence"><VALUE>…</VALUE>` of a CIM SMS_TaskSequencePackage instance. */
function sequencePropertyValue(instance: XmlElement): XmlElement | undefined {
  const property = instance.children.find((c) => c.name === 'PROPERTY' && attributeValue(c, 'NAME') === 'Sequence');
  return property?.children.find((c) => c.name === 'VALUE');
}

/** The sequence stored as text inside an element, in a CDATA section or entity-escaped. */
function parseEmbedded(text: string, holder: XmlElement, container: Container, options: TreeOptions): Located | undefined {
  const span = holder.textSpan;
  if (!span || !holder.text.trimStart().startsWith('<sequence')) {
    return undefined;
  }
  const raw = text.slice(span.start, span.end);
  const verbatim = raw === holder.text;
  const { text: innerText, map } = verbatim ? { text: raw, map: shiftedMap(span.start) } : decodeWithMap(raw, span.start);
  return parseInner(innerText, map, container, options);
}

function parseInner(innerText: string, map: OffsetMap, container: Container, options: TreeOptions): Located {
  const inner = buildXmlTree(innerText, map, options);
  const sequence = inner.roots.find((r) => r.name === 'sequence');
  return { container, sequence, inner };
}

function isEscapedSequence(text: string, stray: Span): boolean {
  return text.slice(stray.start, stray.start + 12).toLowerCase().startsWith('&lt;sequence');
}

function parseEscapedDocument(text: string, stray: Span, options: TreeOptions, problems: Problem[]): Located {
  const raw = text.slice(stray.start);
  const startTagEnd = raw.indexOf('&gt;');
  problems.push({
    code: 'entity-escaped-sequence',
    severity: 'error',
    message:
      'The whole task sequence is stored as entity-escaped text (&lt;sequence …&gt;), not as XML elements: ConfigMgr cannot import it. Unescape it.',
    span: { start: stray.start, end: startTagEnd < 0 ? stray.end : stray.start + startTagEnd + 4 },
    data: { deleteSpan: { start: stray.start, end: text.length } },
  });
  const { text: innerText, map } = decodeWithMap(raw, stray.start);
  return parseInner(innerText, map, 'escapedText', options);
}

function reportStrayText(tree: XmlTree, problems: Problem[]): void {
  if (tree.strayText) {
    problems.push({
      code: 'xml-syntax',
      severity: 'error',
      message: 'Text outside the root element: everything must be inside <sequence>.',
      span: tree.strayText,
    });
  }
}

function noSequenceProblem(text: string, tree: XmlTree): Problem {
  const root = tree.roots[0];
  if (root) {
    return {
      code: 'no-sequence',
      severity: 'error',
      message: `No task sequence found: the root element is <${root.name}>, expected <sequence> (or an export that wraps one).`,
      span: root.nameSpan,
    };
  }
  const firstLineEnd = text.search(/\r?\n|$/);
  return {
    code: 'no-sequence',
    severity: 'error',
    message: 'No task sequence found: the file has no <sequence> element.',
    span: { start: 0, end: Math.max(0, firstLineEnd) },
  };
}

/**
 * MDT (Lite Touch) and ConfigMgr share the dialect but not the engine. Lite Touch files name the
 * sequence, carry OSGUID and editor state (`expand` on groups, `startIn` on steps). Neither BDD_*
 * steps (ConfigMgr with MDT integration runs them) nor a step without `type` (exactly the mistake
 * a ConfigMgr document must be told about) make a file MDT.
 */
export function detectFlavor(sequence: SequenceNode | undefined): Flavor {
  if (!sequence) {
    return 'configmgr';
  }
  if (sequence.name !== undefined || sequence.globalVariables.some((v) => v.name === 'OSGUID')) {
    return 'mdt';
  }
  // A loop of its own, not walkSteps: it stops at the first sign of MDT instead of listing every step.
  const pending: StepOrGroup[] = [...sequence.steps].reverse();
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (attribute(node.element, node.kind === 'group' ? 'expand' : 'startIn') !== undefined) {
      return 'mdt';
    }
    if (node.kind === 'group') {
      for (let i = node.steps.length - 1; i >= 0; i--) {
        pending.push(node.steps[i]);
      }
    }
  }
  return 'configmgr';
}
