// Building blocks for check fixtures: a Run Command Line step as the console exports it, with a
// condition, and the assertions every check test makes (one problem of a code, with severity and
// the exact text it points at; or none).

import assert from 'node:assert/strict';
import type { Problem, Severity } from '../../server/src/service/model';
import { allProblems, problemsOf, textAt, type CheckOptions } from './checkHarness';

/** A console-exported Run Command Line step; `condition` goes inside <condition> when given. */
export function runCommandLine(options: { name?: string; condition?: string; command?: string; extra?: string; attributes?: string } = {}): string {
  const command = options.command ?? 'cmd.exe /c echo hi';
  const condition = options.condition === undefined ? '' : `\n    <condition>\n${options.condition}\n    </condition>`;
  return `  <step type="SMS_TaskSequence_RunCommandLineAction" name="${options.name ?? 'Echo'}" description=""${options.attributes ?? ''} runIn="WinPEandFullOS" successCodeList="0 3010" retryCount="0" runFromNet="false">${condition}
    <action>smsswd.exe /run: ${command}</action>
    <defaultVarList>
      <variable name="CommandLine" property="CommandLine" hidden="true">${command}</variable>
      <variable name="SMSTSDisableWow64Redirection" property="DisableWow64Redirection">false</variable>
      <variable name="_SMSTSRunCommandLineAsUser" property="RunAsUser">false</variable>
      <variable name="SuccessCodes" property="SuccessCodes" hidden="true">0 3010</variable>${options.extra ?? ''}
    </defaultVarList>
  </step>`;
}

/** A Set Task Sequence Variable step as the console exports it. */
export function setVariable(name: string, value: string, stepName = 'Set Variable'): string {
  return `  <step type="SMS_TaskSequence_SetVariableAction" name="${stepName}" description="" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">
    <action>tsenv.exe "${name}=${value}"</action>
    <defaultVarList>
      <variable name="VariableName" property="VariableName" hidden="true">${name}</variable>
      <variable name="VariableValue" property="VariableValue" hidden="true">${value}</variable>
    </defaultVarList>
  </step>`;
}

/** A Task Sequence Variable condition expression in the console's property order. */
export function variableExpression(variable: string, operator: string, value?: string): string {
  const valueLine = value === undefined ? '' : `\n        <variable name="Value">${value}</variable>`;
  return `      <expression type="SMS_TaskSequence_VariableConditionExpression">
        <variable name="Operator">${operator}</variable>${valueLine}
        <variable name="Variable">${variable}</variable>
      </expression>`;
}

/** Exactly one problem with `code`, with this severity, covering exactly `text`. */
export function expectOne(xml: string, code: string, severity: Severity, text: string, options?: CheckOptions): Problem {
  const problems = problemsOf(xml, code, options);
  assert.equal(problems.length, 1, `expected one ${code}, got ${JSON.stringify(problems.map((p) => [p.message, textAt(xml, p.span)]))}`);
  const [problem] = problems;
  assert.equal(problem.severity, severity, problem.message);
  assert.equal(textAt(xml, problem.span), text);
  return problem;
}

/** No problem with `code`. */
export function expectNone(xml: string, code: string, options?: CheckOptions): void {
  const problems = problemsOf(xml, code, options);
  assert.deepEqual(
    problems.map((p) => `${p.message} «${textAt(xml, p.span)}»`),
    [],
  );
}

/** No problem at all, from any check family. */
export function expectClean(xml: string, options?: CheckOptions): void {
  assert.deepEqual(
    allProblems(xml, options).map((p) => `${p.code}: ${p.message} «${textAt(xml, p.span)}»`),
    [],
  );
}

/** A step of any type with the given defaultVarList lines (`name|property|value`), for order tests. */
export function step(type: string, name: string, variables: readonly string[] = [], attributes = ''): string {
  const list = variables
    .map((v) => {
      const [variable, property, value] = v.split('|');
      return `\n      <variable name="${variable}" property="${property}">${value ?? ''}</variable>`;
    })
    .join('');
  return `  <step type="${type}" name="${name}" description=""${attributes} runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">
    <action>placeholder.exe</action>
    <defaultVarList>${list}
    </defaultVarList>
  </step>`;
}

/** A group around `body`. */
export function group(name: string, body: string, attributes = ''): string {
  return `  <group name="${name}" description=""${attributes}>\n${body}\n  </group>`;
}
