// The catalog: the generated facts and the lookups checks rely on. The requirement tests pin the
// mapping of the reference's English `required` phrases, and the last test keeps the generated
// data modules in step with the reference and the overlay.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  allElements,
  allExpressionKinds,
  allStepTypes,
  allVariables,
  findStepTypeIgnoringCase,
  getElement,
  getExpressionKind,
  getOperator,
  getProperty,
  getSchemaVersion,
  getStepType,
  getUntypedStepProperty,
  getVariable,
  isKnownSchemaVersion,
  isReadOnlyVariable,
  isStepPropertyVariable,
  OPERATORS,
  suggestNearest,
} from '../../server/src/service/catalog';
import type { PropertyInfo, Requirement, StepTypeInfo } from '../../server/src/service/catalog/types';
import { boundedDistance } from '../../server/src/service/util/nearest';

function stepType(className: string): StepTypeInfo {
  const found = getStepType(className);
  assert.ok(found, `step type ${className} is in the catalog`);
  return found;
}

function property(className: string, name: string): PropertyInfo {
  const found = getProperty(stepType(className), { property: name });
  assert.ok(found, `${className}.${name} is in the catalog`);
  return found;
}

/** The repository root: the compiled test sits in out/test/unit, the source in test/unit. */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'scripts', 'generate-catalog.mjs'))) {
      return dir;
    }
  }
  return process.cwd();
}

test('the catalog holds every reference fact plus the overlay', () => {
  assert.ok(allStepTypes().length >= 55, `${allStepTypes().length} step types`);
  assert.equal(allExpressionKinds().length, 7);
  assert.ok(getExpressionKind('SMS_TaskSequence_OSConditionExpression'), 'MDT OS condition from the overlay');
  assert.equal(getExpressionKind('SMS_TaskSequence_OSConditionGroup'), undefined, 'the OS group is an element, not an expression kind');
  assert.ok(allVariables().length >= 284, `${allVariables().length} variables`);
  assert.deepEqual(
    OPERATORS.map((o) => o.type),
    ['and', 'or', 'not'],
  );
  assert.ok(getStepType('SMS_TaskSequence_VirtualHardDiskAction'));
  assert.ok(getStepType('BDD_UpgradeOS'));
  assert.ok(getElement('platformKey'));
});

test('names are unique', () => {
  const classes = allStepTypes().map((s) => s.className);
  assert.equal(new Set(classes).size, classes.length);
  const variables = allVariables().map((v) => v.name.toLowerCase());
  assert.equal(new Set(variables).size, variables.length);
  const elements = allElements().map((e) => e.name);
  assert.equal(new Set(elements).size, elements.length);
  for (const step of allStepTypes()) {
    const properties = step.properties.map((p) => p.property);
    assert.equal(new Set(properties).size, properties.length, `properties of ${step.className}`);
  }
});

test('step types are found by exact class name, or explicitly ignoring case', () => {
  assert.equal(getStepType('SMS_TaskSequence_RebootAction')?.displayName, 'Restart Computer');
  assert.equal(getStepType('sms_tasksequence_rebootaction'), undefined);
  assert.equal(findStepTypeIgnoringCase('sms_tasksequence_rebootaction')?.className, 'SMS_TaskSequence_RebootAction');
  assert.equal(stepType('BDD_Gather').flavor, 'mdt');
  assert.equal(stepType('SMS_TaskSequence_SubTasksequence').element, 'subtasksequence');
  assert.deepEqual(stepType('SMS_TaskSequence_SubTasksequence').alternateElements, ['step']);
});

test('properties are found by property, by variable name and as array items', () => {
  const reboot = stepType('SMS_TaskSequence_RebootAction');
  assert.equal(getProperty(reboot, { property: 'Target' })?.variable, 'SMSRebootTarget');
  assert.equal(getProperty(reboot, { variable: 'smsreboottarget' })?.property, 'Target');
  // MDT's spelling of the same binding.
  assert.equal(getProperty(reboot, { property: 'Message', variable: 'Message' })?.property, 'Message');
  assert.equal(getProperty(reboot, { variable: 'MessageTimeout' })?.property, 'MessageTimeout');

  const commandLine = stepType('SMS_TaskSequence_RunCommandLineAction');
  const mdtUser = getProperty(commandLine, { property: 'SMSTSRunCommandLineUserName', variable: 'SMSTSRunCommandLineUserName' });
  assert.equal(mdtUser?.flavor, 'mdt');
  assert.equal(getProperty(commandLine, { variable: 'SMSTSRunCommandLineUserName' })?.property, 'UserName');
  assert.equal(getProperty(commandLine, { property: 'NoSuchProperty' }), undefined);

  const partition = stepType('SMS_TaskSequence_PartitionDiskAction');
  assert.equal(getProperty(partition, { property: 'Partitions0Type' })?.property, 'Type');
  assert.equal(getProperty(partition, { variable: 'osdpartitions12sizeunits' })?.property, 'SizeUnits');
  assert.equal(getProperty(partition, { property: 'PartitionStyle' })?.variable, 'OSDPartitionStyle');
  assert.equal(getProperty(stepType('SMS_TaskSequence_InstallApplicationAction'), { property: 'AppInfo3DisplayName' })?.property, 'DisplayName');

  assert.equal(getProperty(stepType('BDD_UsePackage'), { property: 'PackageID', variable: 'BDDPackageID' })?.variable, 'BDDPackageID');
  assert.equal(getUntypedStepProperty({ property: 'LoadProfile', variable: 'LoadProfile' })?.type, 'boolean');
});

test('the required phrases of the reference map to Requirements', () => {
  const expect = (className: string, name: string, required: Requirement): void => {
    assert.deepEqual(property(className, name).required, required, `${className}.${name}`);
  };
  const unlessSet = (...others: string[]): Requirement => ({ kind: 'unlessSet', others });

  // Either/or pairs.
  expect('SMS_TaskSequence_ApplyOperatingSystemAction', 'ImagePackageID', unlessSet('InstallPackageID'));
  expect('SMS_TaskSequence_ApplyOperatingSystemAction', 'InstallPackageID', unlessSet('ImagePackageID'));
  expect('SMS_TaskSequence_RunPowerShellScriptAction', 'PackageID', unlessSet('SourceScript'));
  expect('SMS_TaskSequence_RunPowerShellScriptAction', 'SourceScript', unlessSet('PackageID'));
  expect('SMS_TaskSequence_UpgradeOperatingSystemAction', 'InstallPath', unlessSet('InstallPackageID'));
  // Conditional requirements.
  expect('SMS_TaskSequence_ApplyOperatingSystemAction', 'ImageIndex', { kind: 'whenSet', other: 'ImagePackageID' });
  expect('SMS_TaskSequence_PrestartCheckAction', 'Memory', { kind: 'whenEquals', other: 'CheckMemory', values: ['true'] });
  expect('SMS_TaskSequence_CaptureUserStateAction', 'ConfigFiles', { kind: 'whenEquals', other: 'Mode', values: ['Advanced'] });
  expect('SMS_TaskSequence_DownloadPackageContentAction', 'DestinationCustomPath', {
    kind: 'whenEquals',
    other: 'DestinationLocationType',
    values: ['Custom'],
  });
  expect('SMS_TaskSequence_ApplyDataImageAction', 'ImagePackageID', { kind: 'always' });
  expect('SMS_TaskSequence_RunCommandLineAction', 'WorkingDirectory', { kind: 'never' });

  // Install Application's pair is documented, but a real export breaks it, so it is kept as documentedRequired.
  const application = property('SMS_TaskSequence_InstallApplicationAction', 'ApplicationName');
  assert.deepEqual(application.documentedRequired, unlessSet('BaseVariableName'));
  assert.deepEqual(application.required, { kind: 'never' });
  // Only MDT files omit the command line; ConfigMgr documents still need it.
  const command = property('SMS_TaskSequence_RunCommandLineAction', 'CommandLine');
  assert.deepEqual(command.required, { kind: 'never' });
  assert.deepEqual(command.requiredInConfigMgr, { kind: 'always' });

  const value = getExpressionKind('SMS_TaskSequence_VariableConditionExpression')?.properties.find((p) => p.name === 'Value');
  assert.equal(value?.required.kind, 'whenEquals');
  assert.ok(value?.required.kind === 'whenEquals' && !value.required.values.includes('exists'));
  const productCode = getExpressionKind('SMS_TaskSequence_SoftwareConditionExpression')?.properties.find((p) => p.name === 'ProductCode');
  assert.deepEqual(productCode?.required, { kind: 'whenEquals', other: 'Operator', values: ['ThisVersion'] });
});

test('run environments allow every value any source gives', () => {
  assert.deepEqual(stepType('SMS_TaskSequence_ApplyOperatingSystemAction').allowedRunIn, ['WinPE']);
  assert.deepEqual(stepType('SMS_TaskSequence_InstallApplicationAction').allowedRunIn, ['FullOS']);
  assert.deepEqual(stepType('SMS_TaskSequence_RunCommandLineAction').allowedRunIn, ['WinPE', 'FullOS', 'WinPEandFullOS']);
  // SDK says FullOS, exports write WinPEandFullOS, the 2020 docs say WinPE.
  assert.deepEqual(stepType('SMS_TaskSequence_CaptureUserStateAction').allowedRunIn, ['WinPE', 'FullOS', 'WinPEandFullOS']);
  assert.equal(stepType('SMS_TaskSequence_PrestartCheckAction').defaultRunIn, 'FullOS');
  // MDT writes WinPEandFullOS on Format and Partition Disk; FullOS stays an error.
  assert.deepEqual(stepType('SMS_TaskSequence_PartitionDiskAction').allowedRunIn, ['WinPE', 'WinPEandFullOS']);
  assert.equal(stepType('SMS_TaskSequence_SubTasksequence').defaultRunIn, undefined);
});

test('enum values real files use are accepted, the odd spellings marked', () => {
  const type = getProperty(stepType('SMS_TaskSequence_PartitionDiskAction'), { property: 'Partitions0Type' });
  assert.ok(type?.values?.includes('PRIMARY'));
  assert.deepEqual(type?.nonCanonicalValues, ['PRIMARY', 'RECOVERY']);
  const operator = getExpressionKind('SMS_TaskSequence_VariableConditionExpression')?.properties.find((p) => p.name === 'Operator');
  assert.ok(operator?.values?.includes('Equals'));
  assert.ok(operator?.nonCanonicalValues?.includes('Equals'));
  assert.equal(getOperator('not')?.editorLabel, 'If None of the conditions are true');
  assert.equal(getOperator('xor'), undefined);
});

test('variables are found without regard to case', () => {
  assert.equal(getVariable('osdcomputername')?.name, 'OSDComputerName');
  assert.equal(getVariable('_SMSTSINWINPE')?.readOnly, true);
  assert.equal(getVariable('PHASE')?.flavor, 'mdt');
  assert.equal(getVariable('NoSuchVariable'), undefined);
  assert.deepEqual(getVariable('OSDAdapter')?.array, true);
});

test('read-only variables: the catalog ones and the engine-owned prefixes', () => {
  const engineOwned = ['_SMSTSMachineName', '_smstsinwinpe', '_SMSTSSomethingNewer', '_TS_CRMEMORY', '_TS_CRFUTURE'];
  for (const name of engineOwned.concat(['_OSDDetectedWinDir', '_TSAppInstallStatus', '_TSSecureBoot'])) {
    assert.equal(isReadOnlyVariable(name), true, name);
  }
  for (const name of ['OSDComputerName', 'SMSTSPostAction', 'MyVariable', '_MyUnderscore']) {
    assert.equal(isReadOnlyVariable(name), false, name);
  }
  // No task sequence may set it, but Run Command Line's defaultVarList binds it legitimately.
  assert.equal(isReadOnlyVariable('_SMSTSRunCommandLineAsUser'), true);
  assert.equal(isStepPropertyVariable('_smstsruncommandlineasuser'), true);
  assert.equal(isStepPropertyVariable('OSDComputerName'), true);
  assert.equal(isStepPropertyVariable('MyVariable'), false);
});

test('elements follow the real files', () => {
  assert.deepEqual(getElement('platformKey')?.parents, ['osExpressionGroup']);
  assert.ok(getElement('osExpressionGroup')?.children.includes('platformKey'));
  // One MDT template has an <expression> directly under <step>; that stays a wrong parent.
  assert.ok(!getElement('expression')?.parents.includes('step'));
  const step = getElement('step');
  for (const name of ['timeout', 'successCodes', 'startIn', 'runIn', 'successCodeList']) {
    assert.ok(step?.attributes.some((a) => a.name === name), `step@${name}`);
  }
  assert.equal(step?.attributes.find((a) => a.name === 'type')?.required, false);
  assert.deepEqual(step?.attributes.find((a) => a.name === 'type')?.requiredFor, ['configmgr']);
  assert.ok(getElement('group')?.attributes.some((a) => a.name === 'expand'));
  assert.ok(getElement('group')?.children.includes('action'));
  assert.ok(getElement('expression')?.attributes.some((a) => a.name === 'ignoreQueryFailure'));
  assert.ok(getElement('sequence')?.attributes.some((a) => a.name === 'name'));
  assert.equal(getElement('action')?.hasText, true);
  assert.deepEqual(getElement('variable')?.attributes.find((a) => a.name === 'property')?.requiredUnder, ['defaultVarList', 'globalVarList']);
});

test('schema versions', () => {
  assert.equal(isKnownSchemaVersion('3.00'), true);
  assert.equal(isKnownSchemaVersion('3.10'), true);
  assert.equal(getSchemaVersion('3.07')?.flavor, 'mdt');
  assert.equal(isKnownSchemaVersion('3.1'), false);
  assert.equal(isKnownSchemaVersion(''), false);
});

test('suggestNearest: case first, then small edit distances, best first', () => {
  const classes = allStepTypes().map((s) => s.className);
  assert.deepEqual(suggestNearest(classes, 'sms_tasksequence_rebootaction').slice(0, 1), ['SMS_TaskSequence_RebootAction']);
  assert.equal(suggestNearest(classes, 'SMS_TaskSequence_RebootActoin')[0], 'SMS_TaskSequence_RebootAction');
  assert.equal(suggestNearest(classes, 'SMS_TaskSequence_RunCommandLineActon')[0], 'SMS_TaskSequence_RunCommandLineAction');
  assert.deepEqual(suggestNearest(classes, 'SomethingElseEntirely'), []);

  const variables = allVariables().map((v) => v.name);
  assert.equal(suggestNearest(variables, 'OSDComputerNmae')[0], 'OSDComputerName');
  assert.equal(suggestNearest(variables, '_smstsinwinpe')[0], '_SMSTSInWinPE');

  assert.deepEqual(suggestNearest(['equals', 'notEquals', 'less'], 'Equals'), ['equals']);
  assert.deepEqual(suggestNearest(['equals', 'notEquals', 'less'], 'notEqual'), ['notEquals']);
  assert.deepEqual(suggestNearest(['abcd', 'abce', 'abcf'], 'abcx', 2), ['abcd', 'abce']);
  assert.deepEqual(suggestNearest(['abc'], 'abc', 0), []);
  // Short inputs still allow two edits; longer ones a quarter of their length.
  assert.deepEqual(suggestNearest(['ab'], 'xy'), ['ab']);
  assert.deepEqual(suggestNearest(['runIn'], 'rnuIn'), ['runIn']);
});

test('boundedDistance counts an adjacent transposition as one edit', () => {
  assert.equal(boundedDistance('reboot', 'rebote', 5), 2);
  assert.equal(boundedDistance('action', 'actoin', 5), 1);
  assert.equal(boundedDistance('abc', 'abc', 0), 0);
  assert.equal(boundedDistance('abcdef', 'zzzzzz', 2), 3);
});

test('the generated data modules are up to date', (t) => {
  const root = repoRoot();
  const reference = path.resolve(root, '..', 'shared', 'reference', 'tasksequence-model.json');
  if (!existsSync(reference)) {
    t.skip(`${reference} is not available, so the generated catalog cannot be compared with it`);
    return;
  }
  const outDir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'generate-catalog.mjs'), '--out', outDir], { stdio: 'pipe' });
    const committed = path.join(root, 'server', 'src', 'service', 'catalog', 'data');
    const generated = readdirSync(outDir).sort();
    assert.deepEqual(generated, readdirSync(committed).filter((f) => f.endsWith('.ts')).sort());
    for (const file of generated) {
      assert.equal(
        readFileSync(path.join(committed, file), 'utf8'),
        readFileSync(path.join(outDir, file), 'utf8'),
        `${file} is stale: run node scripts/generate-catalog.mjs`,
      );
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
