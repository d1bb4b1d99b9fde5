// The check catalog: every check family is a function from the parsed document to problems.
// The language server and the CLI both run them through runChecks().
//
// The families loop over steps, variables and catalog lists with indexes rather than for…of: where
// the optimizing compiler cannot tell the array's shape, for…of allocates an iterator and a result
// object per item, and on a large sequence that garbage was a large part of what the checks cost.

import type { Problem, TaskSequenceDocument } from '../model';
import type { TaskSequenceSettings } from '../settings';
import { checkConditions } from './conditions';
import { checkDisabledSteps } from './disabledSteps';
import { checkOrdering } from './ordering';
import { checkStructure } from './structure';
import { applySeverityOverrides, applySuppressions } from './suppressions';
import { checkVariableFlow } from './variableFlow';
import { checkVariables } from './variables';
import { checkSchemaVersion } from './schemaVersion';
import { checkStepTypes } from './stepTypes';
import { checkStepAttributes } from './stepAttributes';
import { checkStepProperties } from './stepProperties';
import { checkRunEnvironment } from './runEnvironment';
import { checkActionCommandLine } from './actionCommandLine';
import { checkReferences } from './references';
import { checkSecrets } from './secrets';
import { appendAll } from '../util/arrays';
import { DocumentIndex } from './documentIndex';

export interface CheckContext {
  readonly document: TaskSequenceDocument;
  /** What several families ask about the document's steps, computed once for all of them. */
  readonly index: DocumentIndex;
}

export type Check = (context: CheckContext) => Problem[];

/** Every check family; problems at the same position are listed in this order. */
const CHECKS: readonly Check[] = [
  checkStructure,
  checkSchemaVersion,
  checkStepTypes,
  checkStepAttributes,
  checkStepProperties,
  checkRunEnvironment,
  checkActionCommandLine,
  checkReferences,
  checkSecrets,
  checkConditions,
  checkVariables,
  checkVariableFlow,
  checkOrdering,
  checkDisabledSteps,
];

/**
 * The parser's problems and those of every check family in document order, less those a suppression comment
 * covers (see suppressions.ts for the syntax), with the severities `settings.severity` overrides
 * (`off` drops a code).
 */
export function runChecks(document: TaskSequenceDocument, settings?: TaskSequenceSettings): Problem[] {
  if (settings && !settings.validate) {
    return [];
  }
  const context: CheckContext = { document, index: new DocumentIndex(document) };
  const problems: Problem[] = [...document.problems];
  for (const check of CHECKS) {
    appendAll(problems, check(context));
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  return applySeverityOverrides(applySuppressions(document, problems), settings?.severity);
}
