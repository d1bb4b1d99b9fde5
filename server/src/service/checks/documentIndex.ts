// What several check families ask about the same steps, worked out once per runChecks instead of
// once per family: the steps and groups in document order, each step's catalog type, the catalog
// property each of its variables sets, the variables it writes by name, and variable names in lower
// case. On a large sequence recomputing these (walking the tree, resolving thousands of variables
// against the catalog) was a large share of the time the checks took. Each part is computed on
// first use, so a family run on its own pays only for what it reads.

import { findProperty, UNTYPED_STEP_PROPERTIES } from '../catalog';
import type { PropertyInfo, StepTypeInfo } from '../catalog/types';
import { walkSteps, type StepNode, type StepOrGroup, type TaskSequenceDocument, type VariableBinding } from '../model';
import { isArrayItemOf, isWrittenAs, resolveStepType } from './stepSupport';
import { collectWrites, type VariableWrite } from './variableFlow';

/** The catalog property of each variable of a step, index for index with `step.variables`. */
export type BindingProperties = readonly (PropertyInfo | undefined)[];

/** What the index knows of one step. Every field but `type` is filled in on first use. */
interface StepFacts {
  readonly type: StepTypeInfo | undefined;
  properties: BindingProperties | undefined;
  fits: boolean | undefined;
  writes: readonly VariableWrite[] | undefined;
}

export class DocumentIndex {
  private nodeList: readonly StepOrGroup[] | undefined;
  private stepList: readonly StepNode[] | undefined;
  /** One entry per step (not one map per kind of fact): fewer objects for the collector to copy while the checks run. */
  private readonly facts = new Map<StepNode, StepFacts>();
  private readonly lowerCaseNames = new Map<string, string>();

  constructor(readonly document: TaskSequenceDocument) {}

  /** Every step and group of the sequence, in document order (depth first). */
  get nodes(): readonly StepOrGroup[] {
    this.nodeList ??= walkSteps(this.document.sequence?.steps ?? []);
    return this.nodeList;
  }

  /** Every step (not group), in the order the engine meets them. */
  get steps(): readonly StepNode[] {
    this.stepList ??= this.nodes.filter((node): node is StepNode => node.kind === 'step');
    return this.stepList;
  }

  /** The step's catalog type, also when only its letter case is wrong (see resolveStepType). */
  stepType(step: StepNode): StepTypeInfo | undefined {
    return this.factsOf(step).type;
  }

  /**
   * The property each variable of the step sets: one of its type's, or for MDT's type-less command
   * lines one of the untyped step properties; undefined for a variable the catalog does not know
   * and for every variable of a step whose type it does not know.
   */
  bindingProperties(step: StepNode): BindingProperties {
    const facts = this.factsOf(step);
    facts.properties ??= propertiesOf(step, facts.type);
    return facts.properties;
  }

  /**
   * True when the step has a known type and looks like an instance of it: it is written in an
   * element the type uses, and one of its variables at least (when it has several) belongs to the
   * type. Otherwise the type is what is wrong (and reported as such), and judging the step's
   * variables or action against it would only repeat that.
   */
  fitsType(step: StepNode): boolean {
    const facts = this.factsOf(step);
    facts.fits ??= facts.type !== undefined && typeFitsStep(step, facts.type, this.bindingProperties(step));
    return facts.fits;
  }

  /** The variables the step writes by name (see collectWrites). */
  writesOf(step: StepNode): readonly VariableWrite[] {
    const facts = this.factsOf(step);
    facts.writes ??= collectWrites(this.document, step);
    return facts.writes;
  }

  /**
   * `name` in lower case. Variable names are not case-sensitive, and the same few hundred names come
   * back in thousands of places (every step's variables, every %Name%): each is folded once per run.
   */
  lowerCase(name: string): string {
    let lower = this.lowerCaseNames.get(name);
    if (lower === undefined) {
      lower = name.toLowerCase();
      this.lowerCaseNames.set(name, lower);
    }
    return lower;
  }

  private factsOf(step: StepNode): StepFacts {
    let facts = this.facts.get(step);
    if (!facts) {
      facts = { type: resolveStepType(step), properties: undefined, fits: undefined, writes: undefined };
      this.facts.set(step, facts);
    }
    return facts;
  }
}

/** Apart from bindingProperties, which runs many times per step: its closure would cost each call an allocation. */
function propertiesOf(step: StepNode, type: StepTypeInfo | undefined): BindingProperties {
  return step.variables.map((binding) => propertyOf(step, type, binding));
}

function propertyOf(step: StepNode, type: StepTypeInfo | undefined, binding: VariableBinding): PropertyInfo | undefined {
  if (type) {
    return findProperty(type.properties, binding.property, binding.name);
  }
  return step.type === undefined ? findProperty(UNTYPED_STEP_PROPERTIES, binding.property, binding.name) : undefined;
}

function typeFitsStep(step: StepNode, type: StepTypeInfo, properties: BindingProperties): boolean {
  if (!isWrittenAs(type, step.element.name)) {
    return false;
  }
  const variables = step.variables;
  let named = 0;
  let known = false;
  for (let i = 0; i < variables.length; i++) {
    if (variables[i].name !== '') {
      named++;
      known ||= properties[i] !== undefined || isArrayItemOf(type, variables[i]);
    }
  }
  return named <= 1 || known;
}
