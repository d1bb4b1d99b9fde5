// Variables a task sequence sets for itself: what Set Task Sequence Variable writes, what steps
// store their output in, and the sequence's global variables. Completion offers them next to the
// built-ins, and hover says where they come from.

import type { Span, StepNode, TaskSequenceDocument } from '../model';
import { walkSteps } from '../model';

export interface DocumentVariable {
  readonly name: string;
  /** The step that sets it; undefined for a globalVarList entry. */
  readonly step: StepNode | undefined;
  /** Where the name is written. */
  readonly span: Span;
}

// Step properties whose value is the name of a variable the step writes: Set Task Sequence
// Variable's VariableName, and the OutputVariableName of Run Command Line / Run PowerShell Script.
const NAME_PROPERTIES = /^(VariableName|OutputVariableName)$/i;

/** Every variable the document sets, in document order. */
export function collectDocumentVariables(parsed: TaskSequenceDocument): DocumentVariable[] {
  const sequence = parsed.sequence;
  if (!sequence) {
    return [];
  }
  const found: DocumentVariable[] = [];
  for (const binding of sequence.globalVariables) {
    if (binding.name) {
      found.push({ name: binding.name, step: undefined, span: binding.element.nameSpan });
    }
  }
  for (const node of walkSteps(sequence.steps)) {
    if (node.kind !== 'step') {
      continue;
    }
    for (const binding of node.variables) {
      const name = binding.value.trim();
      if (binding.property && NAME_PROPERTIES.test(binding.property) && name && binding.element.textSpan) {
        found.push({ name, step: node, span: binding.element.textSpan });
      }
    }
  }
  return found;
}

/** The document's variables by lower-cased name (names are not case-sensitive). */
export function indexDocumentVariables(variables: readonly DocumentVariable[]): Map<string, DocumentVariable[]> {
  const index = new Map<string, DocumentVariable[]>();
  for (const variable of variables) {
    const key = variable.name.toLowerCase();
    const list = index.get(key);
    if (list) {
      list.push(variable);
    } else {
      index.set(key, [variable]);
    }
  }
  return index;
}
