// Secrets in clear text: ExportXml blanks the properties marked Secret (domain join, local
// administrator, network folder, capture and run-as passwords, product keys), SaveToXml and
// hand-written files keep them. Passwords typed into command lines are never blanked.
//
// Codes:
//   secret-in-clear-text  warning  a password (or other secret) written into the task sequence

import { bindsLowerCaseVariable, getVariable } from '../catalog';
import type { PropertyInfo, StepTypeInfo } from '../catalog/types';
import type { Problem, Span, StepNode, TaskSequenceDocument, VariableBinding, XmlElement } from '../model';
import type { DocumentIndex } from './documentIndex';
import type { CheckContext } from './index';
import { stepLabel, textSubSpan, trimmedValueSpan } from './stepSupport';

const CONSEQUENCE = 'anyone with the file can read it (ExportXml would blank it). Leave it empty here and set it in the console, or pass it in a hidden variable.';

export function checkSecrets({ document, index }: CheckContext): Problem[] {
  const sequence = document.sequence;
  if (!sequence) {
    return [];
  }
  const problems: Problem[] = [];
  for (const binding of sequence.globalVariables) {
    if (getVariable(binding.name)?.secret && binding.value.trim() !== '') {
      problems.push(secretProperty(document, binding, `Global variable ${binding.name}`));
    }
  }
  // The values reported for the current step: one set for every step, emptied between them.
  const reported = new Set<string>();
  const steps = index.steps;
  for (let s = 0; s < steps.length; s++) {
    const node = steps[s];
    const type = index.stepType(node);
    const properties = index.bindingProperties(node);
    if (reported.size > 0) {
      reported.clear();
    }
    for (let i = 0; i < node.variables.length; i++) {
      const binding = node.variables[i];
      const property = properties[i];
      const value = binding.value.trim();
      if (value !== '' && isSecret(index, type, property, binding)) {
        problems.push(secretProperty(document, binding, `${binding.name} of step ${stepLabel(node)}`));
        reported.add(value);
      } else if (property === undefined || property.type === 'string') {
        commandLineSecrets(document, node, binding.value, binding.element, reported, problems);
      }
    }
    if (node.action) {
      commandLineSecrets(document, node, node.action.text, node.action, reported, problems);
    }
  }
  return problems;
}

/**
 * Marked secret in the catalog, or a known free-text property whose name says it is a password
 * (the catalog does not mark every MDT step's passwords, e.g. BDD_ConfigureADDS SafeModeAdminPassword).
 */
function isSecret(index: DocumentIndex, type: StepTypeInfo | undefined, property: PropertyInfo | undefined, binding: VariableBinding): boolean {
  if (!property) {
    return false;
  }
  if (property.secret) {
    return true;
  }
  if (property.type !== 'string' || !PASSWORD_PROPERTY.test(property.property)) {
    return false;
  }
  // A variable the step type also binds to a switch or a choice (OSDBitLockerCreateRecoveryPassword: AD or None) is not a password.
  return type === undefined || !bindsSwitch(type.properties, index.lowerCase(binding.name));
}

/** Compiled once: a literal in isSecret would be a new object for every variable. */
const PASSWORD_PROPERTY = /password$/i;

/** True when the variable `lowerCaseName` also binds one of `properties` that is not free text. */
function bindsSwitch(properties: readonly PropertyInfo[], lowerCaseName: string): boolean {
  for (let i = 0; i < properties.length; i++) {
    if (properties[i].type !== 'string' && bindsLowerCaseVariable(properties[i], lowerCaseName)) {
      return true;
    }
  }
  return false;
}

function secretProperty(document: TaskSequenceDocument, binding: VariableBinding, what: string): Problem {
  return {
    code: 'secret-in-clear-text',
    severity: 'warning',
    message: `${what} holds a secret in clear text: ${CONSEQUENCE}`,
    span: trimmedValueSpan(document, binding.element),
  };
}

/**
 * Password arguments: /password:x, /pass:x, /p:x, -Password x, net use \\server\share x /user:…,
 * net user name x, sc config … password= x, schtasks … /rp x.
 */
const ARGUMENTS: readonly RegExp[] = [
  /\bnet(?:\.exe)?\s+user\s+(?:"[^"]*"|[^\s/"]\S*)\s+("[^"]*"|[^\s/"]\S*)/gi,
  /\bsc(?:\.exe)?\s+(?:\\\\\S+\s+)?(?:config|create)\b[^&|\r\n]*?\spassword=\s*("[^"]*"|\S+)/gi,
  /\bschtasks(?:\.exe)?\b[^&|\r\n]*?\s\/rp\s+("[^"]*"|[^\s/"]\S*)/gi,
  /(?:^|[\s"'])\/(?:password|passwd|pass|p)[:=]("[^"]*"|'[^']*'|[^\s"']+)/gi,
  /(?:^|[\s"'])-\w*password(?:[\s:=]\s*)("[^"]*"|'[^']*'|[^\s"'()]+)/gi,
  /\bnet(?:\.exe)?\s+use\s+(?:[A-Za-z]:\s+|\*\s+)?\\\\\S+\s+("[^"]*"|[^\s/"]\S*)/gi,
  /\bnet(?:\.exe)?\s+use\b[^&|\r\n]*?\s\/user:\S+\s+("[^"]*"|[^\s/"]\S*)/gi,
];

/** Every ARGUMENTS pattern needs one of these words: most command lines are skipped after one test. */
const MAY_HOLD_PASSWORD = /pass|\/p[:=]|\bnet(?:\.exe)?\s|schtasks/i;

/** A value that is not itself a secret: a prompt, an empty string, a variable or expression. */
function isPlaceholder(value: string): boolean {
  const bare = value.replace(/^["']|["']$/g, '').trim();
  return bare === '' || bare === '*' || /%[^%\s]+%/.test(bare) || /^\$/.test(bare) || /^<.*>$/.test(bare) || /^\(/.test(bare);
}

/** Passwords in `text`, the text of `element` (which is looked at only to place a problem). */
function commandLineSecrets(document: TaskSequenceDocument, step: StepNode, text: string, element: XmlElement, reported: Set<string>, problems: Problem[]): void {
  if (!MAY_HOLD_PASSWORD.test(text)) {
    return;
  }
  for (const pattern of ARGUMENTS) {
    for (const m of text.matchAll(pattern)) {
      const value = m[1];
      if (isPlaceholder(value) || reported.has(value) || m.index === undefined) {
        continue;
      }
      reported.add(value);
      const start = m.index + m[0].length - value.length;
      const span: Span = textSubSpan(document, element, start, start + value.length);
      problems.push({
        code: 'secret-in-clear-text',
        severity: 'warning',
        message: `The command line of step ${stepLabel(step)} contains a password in clear text: ${CONSEQUENCE}`,
        span,
      });
    }
  }
}
