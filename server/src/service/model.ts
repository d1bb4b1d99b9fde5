// The task sequence object model (SMS_TaskSequence and friends) with the source position of every
// node. Positions are UTF-16 offsets into the document text (the unit LSP uses), so that a
// diagnostic or a completion can point at the exact characters; they are turned into
// line/character only at the edge, by the language service.

import type { Flavor } from './catalog/types';

/** A half-open range of offsets [start, end) into the document text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface XmlAttribute {
  readonly name: string;
  /** Decoded value (entities resolved). */
  readonly value: string;
  readonly nameSpan: Span;
  /** The characters between the quotes; empty span right after the opening quote for "". */
  readonly valueSpan: Span;
  /** The whole `name="value"`. */
  readonly span: Span;
}

/** One XML element as written in the source: the generic layer under the object model. */
export interface XmlElement {
  readonly name: string;
  readonly parent: XmlElement | undefined;
  readonly children: readonly XmlElement[];
  /** A new list each time it is read: in a loop, prefer attributeCount with attributeName / attributeValue / attributeAt. */
  readonly attributes: readonly XmlAttribute[];
  readonly attributeCount: number;
  attributeName(index: number): string;
  attributeValue(index: number): string;
  attributeAt(index: number): XmlAttribute;
  /** From `<` of the start tag to after `>` of the end tag (or of `/>`). */
  readonly span: Span;
  /** The start tag, `<` to `>` inclusive. */
  readonly startTag: Span;
  /** The element name inside the start tag. */
  readonly nameSpan: Span;
  /** The end tag, when there is one. */
  readonly endTag: Span | undefined;
  readonly selfClosing: boolean;
  /** False when the document ended or a parent closed before this element did. */
  readonly closed: boolean;
  /** Decoded direct text and CDATA content, in order, untrimmed. */
  readonly text: string;
  /** From the first to the end of the last direct text or CDATA chunk. */
  readonly textSpan: Span | undefined;
}

export function attribute(element: XmlElement, name: string): XmlAttribute | undefined {
  const index = attributeIndex(element, name);
  return index < 0 ? undefined : element.attributeAt(index);
}

/** The decoded value of attribute `name`, without making an attribute object. */
export function attributeValue(element: XmlElement, name: string): string | undefined {
  const index = attributeIndex(element, name);
  return index < 0 ? undefined : element.attributeValue(index);
}

function attributeIndex(element: XmlElement, name: string): number {
  const count = element.attributeCount;
  for (let i = 0; i < count; i++) {
    if (element.attributeName(i) === name) {
      return i;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Conditions (SMS_TaskSequence_Condition and its operands)

/** `<variable name="Prop">value</variable>` inside an `<expression>`. */
export interface ExpressionProperty {
  readonly name: string;
  readonly value: string;
  readonly element: XmlElement;
}

/** SMS_TaskSequence_*ConditionExpression, chosen by `type`. */
export interface ExpressionNode {
  readonly kind: 'expression';
  readonly type: string | undefined;
  readonly properties: ExpressionProperty[];
  readonly element: XmlElement;
}

/** SMS_TaskSequence_ConditionOperator: and / or / not ("if all / any / none"). */
export interface OperatorNode {
  readonly kind: 'operator';
  readonly type: string | undefined;
  readonly operands: ConditionOperand[];
  readonly element: XmlElement;
}

/** SMS_TaskSequence_OSExpressionGroup: one platform of an "Operating System Version" condition. */
export interface OsExpressionGroupNode {
  readonly kind: 'osExpressionGroup';
  readonly name: string | undefined;
  readonly expressions: ExpressionNode[];
  readonly element: XmlElement;
}

/** SMS_TaskSequence_OSConditionGroup: the "Operating System Version" condition (platforms OR-ed). */
export interface OsConditionGroupNode {
  readonly kind: 'osConditionGroup';
  readonly type: string | undefined;
  readonly groups: OsExpressionGroupNode[];
  readonly element: XmlElement;
}

export type ConditionOperand = ExpressionNode | OperatorNode | OsConditionGroupNode;

/** `<condition>`: its operands are AND-ed. */
export interface ConditionNode {
  readonly operands: ConditionOperand[];
  readonly element: XmlElement;
}

// ---------------------------------------------------------------------------------------------
// Steps and groups (SMS_TaskSequence_Step subclasses)

/** `<variable name= property=>value</variable>` in a defaultVarList or the globalVarList. */
export interface VariableBinding {
  /** The task sequence variable name. */
  readonly name: string;
  /** The WMI property it carries. */
  readonly property: string | undefined;
  readonly hidden: boolean;
  readonly value: string;
  readonly element: XmlElement;
}

interface StepCommon {
  readonly name: string | undefined;
  readonly description: string | undefined;
  /** `disable="true"` means Enabled = false. */
  readonly enabled: boolean;
  readonly continueOnError: boolean;
  readonly condition: ConditionNode | undefined;
  /** Every `<condition>` child, for the check that there is at most one. */
  readonly conditions: ConditionNode[];
  readonly element: XmlElement;
  readonly parent: GroupNode | undefined;
}

/** SMS_TaskSequence_Group. */
export interface GroupNode extends StepCommon {
  readonly kind: 'group';
  readonly steps: StepOrGroup[];
}

/** SMS_TaskSequence_Action subclass, or the Run Task Sequence step (`<subtasksequence>`). */
export interface StepNode extends StepCommon {
  readonly kind: 'step';
  /** The class name from `type`; undefined for MDT's type-less command-line steps. */
  readonly type: string | undefined;
  readonly isSubTaskSequence: boolean;
  /** `runIn` (SupportedEnvironment). */
  readonly runIn: string | undefined;
  readonly successCodeList: string | undefined;
  /** The command line the client runs. */
  readonly action: XmlElement | undefined;
  readonly defaultVarList: XmlElement | undefined;
  readonly variables: VariableBinding[];
}

export type StepOrGroup = GroupNode | StepNode;

/**
 * Every step and group in document order (depth first). An explicit stack, not recursion: the
 * nesting depth is the document's to choose.
 */
export function walkSteps(steps: readonly StepOrGroup[]): StepOrGroup[] {
  const nodes: StepOrGroup[] = [];
  const pending: StepOrGroup[] = [];
  pushReversed(pending, steps);
  for (let node = pending.pop(); node; node = pending.pop()) {
    nodes.push(node);
    if (node.kind === 'group') {
      pushReversed(pending, node.steps);
    }
  }
  return nodes;
}

function pushReversed<T>(stack: T[], items: readonly T[]): void {
  for (let i = items.length - 1; i >= 0; i--) {
    stack.push(items[i]);
  }
}

/** Disabling a group skips everything inside it: a node runs only when it and every group around it are enabled. */
export function isEffectivelyEnabled(node: StepOrGroup): boolean {
  for (let current: StepOrGroup | undefined = node; current; current = current.parent) {
    if (!current.enabled) {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The sequence

/** SMS_TaskSequence_Reference. */
export interface ReferenceNode {
  readonly package: string | undefined;
  readonly program: string | undefined;
  readonly application: string | undefined;
  readonly element: XmlElement;
}

/** SMS_TaskSequence: the `<sequence>` element. */
export interface SequenceNode {
  readonly version: string | undefined;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly referenceList: XmlElement | undefined;
  readonly references: ReferenceNode[];
  readonly globalVarList: XmlElement | undefined;
  readonly globalVariables: VariableBinding[];
  readonly steps: StepOrGroup[];
  readonly element: XmlElement;
}

/** How the `<sequence>` was stored in the file. */
export type Container =
  /** `<sequence>` is the root. */
  | 'plain'
  /** `<SmsTaskSequencePackage>…<SequenceData><sequence>`. */
  | 'package'
  /** CIM `<INSTANCE CLASSNAME="SMS_TaskSequencePackage">` (object.xml), the sequence text in a PROPERTY VALUE. */
  | 'cimInstance'
  /** The whole file is the entity-escaped text of a sequence (`&lt;sequence …&gt;`). */
  | 'escapedText';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedLocation {
  readonly span: Span;
  readonly message: string;
}

/** A problem found in the document, before it is turned into an LSP diagnostic. */
export interface Problem {
  /** Stable code, e.g. `xml-syntax` or `unknown-step-type`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedLocation[];
  /** What a quick fix needs (replacement text, suggestions…). */
  readonly data?: ProblemData;
}

export interface ProblemData {
  /** Replace the problem's span with one of these. */
  readonly replacements?: readonly string[];
  /** Text to insert at `insertAt`. */
  readonly insertText?: string;
  readonly insertAt?: number;
  /** A span to delete. */
  readonly deleteSpan?: Span;
}

export interface XmlComment {
  /** The text between `<!--` and `-->`. */
  readonly text: string;
  readonly span: Span;
}

/** Everything parsing one version of a document yields; shared by every check and feature. */
export interface TaskSequenceDocument {
  readonly text: string;
  /** Every root-level element of the file (the outer document for wrapped forms). */
  readonly roots: XmlElement[];
  /** Comments in the sequence (used for per-step suppressions). */
  readonly comments: XmlComment[];
  /** Where the sequence came from; undefined when no `<sequence>` was found. */
  readonly container: Container | undefined;
  readonly sequence: SequenceNode | undefined;
  readonly flavor: Flavor;
  /** Well-formedness problems and the structural ones the parser sees. */
  readonly problems: Problem[];
  /** True when the parser stopped building the model below a nesting or size limit. */
  readonly truncated: boolean;
}
