// Step builders for the step check families (types, properties, run environment, action,
// references, secrets): a step of any type, written as the console exports it.

/** `name|property|value` or `name|property|value|hidden` lines of a defaultVarList. */
export type VariableLine = string;

export interface StepOptions {
  readonly type?: string;
  readonly name?: string;
  readonly element?: string;
  readonly runIn?: string | null;
  readonly successCodeList?: string;
  readonly action?: string;
  readonly variables?: readonly VariableLine[];
  /** Extra attributes, written after description. */
  readonly attributes?: string;
}

function variableLines(lines: readonly VariableLine[]): string {
  return lines
    .map((line) => {
      const [name, property, value, hidden] = line.split('|');
      return `\n      <variable name="${name}" property="${property}"${hidden ? ' hidden="true"' : ''}>${value ?? ''}</variable>`;
    })
    .join('');
}

export function anyStep(options: StepOptions): string {
  const element = options.element ?? 'step';
  const type = options.type === undefined ? '' : ` type="${options.type}"`;
  const runIn = options.runIn === null ? '' : ` runIn="${options.runIn ?? 'WinPEandFullOS'}"`;
  return `  <${element}${type} name="${options.name ?? 'Step'}" description=""${options.attributes ?? ''}${runIn} successCodeList="${options.successCodeList ?? '0'}" retryCount="0" runFromNet="false">
    <action>${options.action ?? ''}</action>
    <defaultVarList>${variableLines(options.variables ?? [])}
    </defaultVarList>
  </${element}>`;
}

/** Restart Computer as the console exports it. */
export function reboot(target = 'HD', action = `smsboot.exe /target:${target}`, runIn = 'WinPEandFullOS'): string {
  return anyStep({
    type: 'SMS_TaskSequence_RebootAction',
    name: 'Restart Computer',
    runIn,
    action,
    variables: ['SMSRebootMessage|Message|', 'SMSRebootTimeout|MessageTimeout|60', `SMSRebootTarget|Target|${target}|hidden`],
  });
}

/** Run PowerShell Script with an embedded script. */
export function powerShell(options: { runIn?: string; runAs?: string; policy?: string; extra?: readonly VariableLine[] } = {}): string {
  return anyStep({
    type: 'SMS_TaskSequence_RunPowerShellScriptAction',
    name: 'Run PowerShell Script',
    runIn: options.runIn ?? 'WinPEandFullOS',
    successCodeList: '0 3010',
    action: 'OSDRunPowerShellScript.exe',
    variables: [
      `OSDRunPowerShellScriptExecutionPolicy|ExecutionPolicy|${options.policy ?? 'Bypass'}`,
      'OSDRunPowerShellScriptParameters|Parameters|',
      `_SMSTSRunPowerShellAsUser|RunAsUser|${options.runAs ?? 'false'}`,
      'OSDRunPowerShellScriptSourceScript|SourceScript|//5zAA==',
      'OSDRunPowerShellScriptSuccessCodes|SuccessCodes|0 3010|hidden',
      ...(options.extra ?? []),
    ],
  });
}

/** Apply Driver Package using `packageId`. */
export function applyDriverPackage(packageId: string, actionPackage = packageId): string {
  return anyStep({
    type: 'SMS_TaskSequence_ApplyDriverPackageAction',
    name: 'Apply Driver Package',
    runIn: 'WinPE',
    action: `osddriverclient.exe /install:${actionPackage}  /unsigned:%OSDAllowUnsignedDriver% /recurse:%OSDRecurse%`,
    variables: [`OSDApplyDriverDriverPackageID|DriverPackageID|${packageId}|hidden`, 'OSDRecurse|Recurse|false', 'OSDAllowUnsignedDriver|UnsignedDriver|false'],
  });
}

/** A ConfigMgr sequence with a referenceList (`references` are the inner elements). */
export function sequenceWithReferences(references: string, body: string): string {
  return `<sequence version="3.10">\n  <referenceList>${references}\n  </referenceList>\n${body}\n</sequence>\n`;
}
