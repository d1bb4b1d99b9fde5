// Step types: `type` names the SMS_TaskSequence_Action subclass (or MDT's BDD_* class) that
// LoadFromXml instantiates. An unknown class cannot be loaded into WMI.
//
// Codes:
//   missing-step-type      error    a ConfigMgr step, or any <subtasksequence>, without a type
//   unknown-step-type      error    a type that is not a known class (a near miss or a wrong letter case);
//                          warning  when it resembles no known class (a newer or third-party step)
//   step-element-mismatch  error    the type does not belong in this element (<subtasksequence> is Run Task Sequence);
//                          warning  Run Task Sequence written as <step> (as MDT does) in a ConfigMgr task sequence
//   step-type-flavor       error    a Lite Touch-only step in a ConfigMgr task sequence;
//                          warning  a ConfigMgr-integration-only MDT step in a Lite Touch task sequence
//   deprecated-step-type   information  a step type that no longer does anything (Install Deployment Tools)

import { allStepTypes, bindsVariable, getProperty, getStepType, suggestNearest } from '../catalog';
import type { StepTypeInfo } from '../catalog/types';
import type { Problem, StepNode } from '../model';
import { attribute } from '../model';
import type { CheckContext } from './index';
import { encodeForDocument, isConfigMgr, isWrittenAs } from './stepSupport';

export function checkStepTypes({ document, index }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const configMgr = isConfigMgr(document);
  const steps = index.steps;
  for (let i = 0; i < steps.length; i++) {
    const node = steps[i];
    // The value of the `type` attribute (the model reads it from there); the attribute itself is
    // looked up only to place a problem.
    const type = node.type;
    if (type === undefined || type.trim() === '') {
      if (configMgr || node.isSubTaskSequence) {
        problems.push(missingType(node, configMgr, document));
      }
      continue;
    }
    const info = getStepType(type);
    if (!info) {
      problems.push(unknownType(node, type, typeValueSpan(node)));
    }
    const resolved = info ?? index.stepType(node);
    if (!resolved) {
      continue;
    }
    const mismatch = elementMismatch(node, resolved) ?? alternateElementInConfigMgr(node, resolved, configMgr);
    if (mismatch) {
      problems.push(mismatch);
      continue;
    }
    const flavor = flavorProblem(node, resolved, configMgr);
    if (flavor) {
      problems.push(flavor);
    } else if (info && info.deprecated) {
      problems.push({
        code: 'deprecated-step-type',
        severity: 'information',
        message: `${info.displayName} is deprecated: it only matters for old Windows versions.${info.description ? ` ${info.description}` : ''}`,
        span: typeValueSpan(node),
      });
    }
  }
  return problems;
}

/** The value of the `type` attribute of a step that has one. */
function typeValueSpan(step: StepNode): Problem['span'] {
  return attribute(step.element, 'type')!.valueSpan;
}

function missingType(step: StepNode, configMgr: boolean, document: CheckContext['document']): Problem {
  const candidates = allStepTypes().filter((t) => isWrittenAs(t, step.element.name) && (configMgr ? t.flavor === 'configmgr' || t.mdtMode !== 'lti' : true));
  const fitting = step.isSubTaskSequence ? candidates.filter((t) => t.element === 'subtasksequence') : candidates.filter((t) => fitsVariables(t, step));
  const fix = fitting.length === 1 ? fitting[0] : undefined;
  const typeAttribute = attribute(step.element, 'type');
  const where = step.isSubTaskSequence ? 'A Run Task Sequence step (<subtasksequence>)' : 'A ConfigMgr step';
  const hint = fix ? ` Its variables are those of ${fix.displayName} (${fix.className}).` : '';
  return {
    code: 'missing-step-type',
    severity: 'error',
    message: `${where} needs a type naming its class: without one it cannot be loaded.${hint}`,
    span: typeAttribute ? typeAttribute.span : step.element.nameSpan,
    data: fix
      ? typeAttribute
        ? { insertText: fix.className, insertAt: typeAttribute.valueSpan.start }
        : { insertText: encodeForDocument(document, ` type="${fix.className}"`), insertAt: step.element.nameSpan.end }
      : undefined,
  };
}

/** Every defaultVarList variable of the step is one of the type's properties (and there is at least one). */
function fitsVariables(type: StepTypeInfo, step: StepNode): boolean {
  return (
    step.variables.length > 0 &&
    step.variables.every((v) => {
      const property = getProperty(type, { property: v.property, variable: v.name });
      return property !== undefined && (property.variable === undefined || bindsVariable(property, v.name));
    })
  );
}

function unknownType(step: StepNode, value: string, span: Problem['span']): Problem {
  const names = allStepTypes()
    .filter((t) => isWrittenAs(t, step.element.name))
    .map((t) => t.className);
  const suggestions = suggestNearest(names, value.trim());
  if (names.includes(value.trim())) {
    return {
      code: 'unknown-step-type',
      severity: 'error',
      message: `Step type "${value}" has white space around the class name, so it cannot be loaded. Write "${value.trim()}".`,
      span,
      data: { replacements: [value.trim()] },
    };
  }
  const caseOnly = suggestions.length > 0 && suggestions[0].toLowerCase() === value.trim().toLowerCase();
  if (caseOnly) {
    return {
      code: 'unknown-step-type',
      severity: 'error',
      message: `Step type "${value}" has the wrong letter case: class names are case-sensitive, so it cannot be loaded. Write "${suggestions[0]}".`,
      span,
      data: { replacements: [suggestions[0]] },
    };
  }
  if (suggestions.length > 0) {
    return {
      code: 'unknown-step-type',
      severity: 'error',
      message: `"${value}" is not a task sequence step type, so the step cannot be loaded. Did you mean "${suggestions[0]}"?`,
      span,
      data: { replacements: suggestions },
    };
  }
  return {
    code: 'unknown-step-type',
    severity: 'warning',
    message: `"${value}" is not a step type this extension knows: a site that does not know it cannot load the step. Check the type against the console that exported it.`,
    span,
  };
}

function elementMismatch(step: StepNode, info: StepTypeInfo): Problem | undefined {
  if (isWrittenAs(info, step.element.name)) {
    return undefined;
  }
  if (step.isSubTaskSequence) {
    const subTaskSequenceTypes = allStepTypes().filter((t) => t.element === 'subtasksequence').map((t) => t.className);
    return {
      code: 'step-element-mismatch',
      severity: 'error',
      message: `<subtasksequence> is the Run Task Sequence step; its type must be ${subTaskSequenceTypes.map((t) => `"${t}"`).join(' or ')}, not "${step.type}". Write other steps as <step>.`,
      span: typeValueSpan(step),
      data: subTaskSequenceTypes.length ? { replacements: subTaskSequenceTypes } : undefined,
    };
  }
  return {
    code: 'step-element-mismatch',
    severity: 'error',
    message: `${info.displayName} (${info.className}) is written as <${info.element}>, not <${step.element.name}>.`,
    span: step.element.nameSpan,
  };
}

/** MDT writes Run Task Sequence as <step>; ConfigMgr exports always use the type's own element. */
function alternateElementInConfigMgr(step: StepNode, info: StepTypeInfo, configMgr: boolean): Problem | undefined {
  if (!configMgr || step.element.name === info.element) {
    return undefined;
  }
  return {
    code: 'step-element-mismatch',
    severity: 'warning',
    message: `ConfigMgr writes ${info.displayName} (${info.className}) as <${info.element}>, not <${step.element.name}>; only MDT files use <${step.element.name}> for it.`,
    span: step.element.nameSpan,
  };
}

function flavorProblem(step: StepNode, info: StepTypeInfo, configMgr: boolean): Problem | undefined {
  if (info.flavor !== 'mdt' || info.mdtMode === undefined || info.mdtMode === 'both') {
    return undefined;
  }
  if (configMgr && info.mdtMode === 'lti') {
    return {
      code: 'step-type-flavor',
      severity: 'error',
      message: `${info.displayName} (${info.className}) exists only in MDT Lite Touch task sequences; ConfigMgr, even with MDT integration, has no such step.`,
      span: typeValueSpan(step),
    };
  }
  if (!configMgr && info.mdtMode === 'configmgr') {
    return {
      code: 'step-type-flavor',
      severity: 'warning',
      message: `${info.displayName} (${info.className}) is an MDT step for ConfigMgr task sequences; Lite Touch does not run it.`,
      span: typeValueSpan(step),
    };
  }
  return undefined;
}
