import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, textAt } from '../../support/checkHarness';
import { expectClean, expectNone, expectOne, runCommandLine, variableExpression } from '../../support/checkFixtures';

const withCondition = (condition: string): string => configMgrSequence(runCommandLine({ condition }));

const WINPE = variableExpression('_SMSTSInWinPE', 'equals', 'true');

const registry = (keyPath: string, operator: string, extra = ''): string =>
  withCondition(`      <expression type="SMS_TaskSequence_RegistryConditionExpression">
        <variable name="KeyPath">${keyPath}</variable>
        <variable name="Operator">${operator}</variable>
        <variable name="Type">REG_SZ</variable>
        <variable name="Value">Version</variable>${extra}
      </expression>`);

const wmi = (namespace: string, query: string): string =>
  withCondition(`      <expression type="SMS_TaskSequence_WMIConditionExpression">
        <variable name="Namespace">${namespace}</variable>
        <variable name="Query">${query}</variable>
      </expression>`);

const file = (properties: string): string =>
  withCondition(`      <expression type="SMS_TaskSequence_FileConditionExpression">
        <variable name="Path">%windir%\\notepad.exe</variable>${properties}
      </expression>`);

const software = (operator: string, productCode: string, upgradeCode?: string): string =>
  withCondition(`      <expression type="SMS_TaskSequence_SoftwareConditionExpression">
        <variable name="Operator">${operator}</variable>
        <variable name="ProductCode">${productCode}</variable>
        <variable name="ProductName">Contoso Agent</variable>${upgradeCode === undefined ? '' : `\n        <variable name="UpgradeCode">${upgradeCode}</variable>`}
        <variable name="Version">1.0.0</variable>
      </expression>`);

describe('condition structure', () => {
  test('multiple-conditions: a second <condition> on one step', () => {
    const xml = configMgrSequence(
      runCommandLine({ condition: WINPE }).replace('<action>', `<condition>\n${variableExpression('OSDComputerName', 'exists')}\n    </condition>\n    <action>`),
    );
    const problem = expectOne(xml, 'multiple-conditions', 'warning', 'condition');
    assert.ok(problem.span.start > xml.indexOf('</condition>'));
    assert.equal(textAt(xml, problem.related![0].span), 'condition');
    expectNone(withCondition(WINPE), 'multiple-conditions');
  });

  test('empty-condition: warning in ConfigMgr, hint in MDT (the Workbench leaves them)', () => {
    const xml = configMgrSequence(runCommandLine().replace('<action>', '<condition></condition>\n    <action>'));
    const problem = expectOne(xml, 'empty-condition', 'warning', 'condition');
    assert.equal(textAt(xml, problem.data!.deleteSpan!).trim(), '<condition></condition>');
    const mdt = mdtSequence(runCommandLine().replace('<action>', '<condition />\n    <action>'));
    expectOne(mdt, 'empty-condition', 'hint', 'condition');
    expectNone(withCondition(WINPE), 'empty-condition');
  });

  test('empty-operator: an and/or/not with nothing in it', () => {
    const xml = withCondition('      <operator type="or">\n      </operator>');
    expectOne(xml, 'empty-operator', 'warning', 'operator');
    expectNone(withCondition(`      <operator type="or">\n${WINPE}\n      </operator>`), 'empty-operator');
  });

  test('invalid-operator-type: only and, or, not', () => {
    const xml = withCondition(`      <operator type="xor">\n${WINPE}\n      </operator>`);
    const problem = expectOne(xml, 'invalid-operator-type', 'error', 'xor');
    assert.ok(problem.data?.replacements?.length);
    expectNone(withCondition(`      <operator type="or">\n${WINPE}\n      </operator>`), 'invalid-operator-type');
  });

  test('condition-casing: operator type "AND" is a warning with the fix', () => {
    const xml = withCondition(`      <operator type="AND">\n${WINPE}\n      </operator>`);
    const problem = expectOne(xml, 'condition-casing', 'warning', 'AND');
    assert.deepEqual(problem.data?.replacements, ['and']);
    expectNone(xml, 'invalid-operator-type');
  });

  test('not-multiple-operands: information that it means "none of these"', () => {
    const two = `      <operator type="not">\n${WINPE}\n${variableExpression('OSDComputerName', 'exists')}\n      </operator>`;
    const problem = expectOne(withCondition(two), 'not-multiple-operands', 'information', 'not');
    assert.match(problem.message, /none of them/);
    expectNone(withCondition(`      <operator type="not">\n${WINPE}\n      </operator>`), 'not-multiple-operands');
  });

  const osCondition = (type: string, groups: string): string =>
    withCondition(`      <osConditionGroup type="${type}">${groups}
      </osConditionGroup>`);
  const platform = `
        <osExpressionGroup type="and" name="All x64 Windows 10 Client">
          <platformKey arch="x64" type="Win_NT" minVer="10.00.0000.0" maxVer="10.00.99999.9999" />
          <expression type="SMS_TaskSequence_WMIConditionExpression" ignoreQueryFailure="true">
            <variable name="Namespace">root\\cimv2</variable>
            <variable name="Query">SELECT * FROM Win32_OperatingSystem WHERE Version like '10.%' AND ProductType=1</variable>
          </expression>
        </osExpressionGroup>`;

  test('os-condition-group-type: the OS version condition is an "or" of platforms', () => {
    const problem = expectOne(osCondition('and', platform), 'os-condition-group-type', 'error', 'and');
    assert.deepEqual(problem.data?.replacements, ['or']);
    expectNone(osCondition('or', platform), 'os-condition-group-type');
  });

  test('empty-os-condition: a platform without an expression', () => {
    const empty = `
        <osExpressionGroup type="and" name="All x64 Windows 10 Client">
          <platformKey arch="x64" type="Win_NT" minVer="10.00.0000.0" maxVer="10.00.99999.9999" />
        </osExpressionGroup>`;
    expectOne(osCondition('or', empty), 'empty-os-condition', 'warning', 'osExpressionGroup');
    expectNone(osCondition('or', platform), 'empty-os-condition');
  });
});

describe('condition expressions', () => {
  test('unknown-expression-type with did-you-mean', () => {
    const xml = withCondition(WINPE.replace('SMS_TaskSequence_VariableConditionExpression', 'SMS_TaskSequence_VariableConditionExpresion'));
    const problem = expectOne(xml, 'unknown-expression-type', 'error', 'SMS_TaskSequence_VariableConditionExpresion');
    assert.deepEqual(problem.data?.replacements?.[0], 'SMS_TaskSequence_VariableConditionExpression');
    expectNone(withCondition(WINPE), 'unknown-expression-type');
  });

  const mdtOsCondition = `      <expression type="SMS_TaskSequence_OSConditionExpression">
        <variable name="Architecture">X64</variable>
        <variable name="Version">6.10.7601.1</variable>
        <variable name="Operator">greaterEqual</variable>
      </expression>`;

  test("MDT's OS condition is valid in MDT files only", () => {
    expectNone(mdtSequence(runCommandLine({ condition: mdtOsCondition })), 'unknown-expression-type');
    const xml = withCondition(mdtOsCondition);
    const problem = expectOne(xml, 'unknown-expression-type', 'error', 'SMS_TaskSequence_OSConditionExpression');
    assert.match(problem.message, /MDT/);
  });

  test('unknown-condition-property with did-you-mean', () => {
    const xml = withCondition(WINPE.replace('name="Variable"', 'name="Varaible"'));
    const problem = expectOne(xml, 'unknown-condition-property', 'warning', 'Varaible');
    assert.deepEqual(problem.data?.replacements?.[0], 'Variable');
    expectNone(withCondition(WINPE), 'unknown-condition-property');
  });

  test('duplicate-condition-property', () => {
    const xml = withCondition(WINPE.replace('<variable name="Variable">', '<variable name="Value">false</variable>\n        <variable name="Variable">'));
    expectOne(xml, 'duplicate-condition-property', 'warning', 'Value');
    expectNone(withCondition(WINPE), 'duplicate-condition-property');
  });

  test('missing-condition-property: Variable, Namespace, Query…', () => {
    const xml = withCondition(`      <expression type="SMS_TaskSequence_VariableConditionExpression">
        <variable name="Operator">exists</variable>
      </expression>`);
    const problem = expectOne(xml, 'missing-condition-property', 'error', 'expression');
    assert.equal(problem.data?.insertText?.trim(), '<variable name="Variable"></variable>');
    assert.equal(xml.slice(problem.data!.insertAt! - '</variable>'.length, problem.data!.insertAt!), '</variable>');
    expectNone(withCondition(variableExpression('OSDComputerName', 'exists')), 'missing-condition-property');
  });

  test('missing-condition-property: an empty Variable', () => {
    const xml = withCondition(variableExpression('', 'exists'));
    const problem = expectOne(xml, 'missing-condition-property', 'error', 'Variable');
    assert.match(problem.message, /empty/);
  });

  test('missing-condition-property: a comparison without a Value', () => {
    const xml = withCondition(variableExpression('_SMSTSInWinPE', 'equals'));
    expectOne(xml, 'missing-condition-property', 'error', 'expression');
    // An empty Value is a comparison with the empty string, which the console writes.
    expectNone(withCondition(variableExpression('_SMSTSInWinPE', 'equals', '')), 'missing-condition-property');
  });

  test('ignored-condition-value: exists with a Value (fix deletes the Value)', () => {
    const xml = withCondition(variableExpression('OSDComputerName', 'exists', 'PC01'));
    const problem = expectOne(xml, 'ignored-condition-value', 'warning', 'Value');
    const after = xml.slice(0, problem.data!.deleteSpan!.start) + xml.slice(problem.data!.deleteSpan!.end);
    assert.equal(after, withCondition(variableExpression('OSDComputerName', 'exists')));
    // The console writes an empty Value with exists.
    expectNone(withCondition(variableExpression('OSDComputerName', 'exists', '')), 'ignored-condition-value');
    expectNone(withCondition(variableExpression('OSDComputerName', 'notExists')), 'ignored-condition-value');
  });

  test('File: VersionOperator needs Version, and a Version needs VersionOperator', () => {
    const operatorOnly = file('\n        <variable name="VersionOperator">greaterEqual</variable>');
    expectOne(operatorOnly, 'missing-condition-property', 'error', 'expression');
    const versionOnly = file('\n        <variable name="Version">10.0.0.0</variable>');
    expectOne(versionOnly, 'ignored-condition-value', 'warning', 'Version');
    const both = file('\n        <variable name="Version">10.0.0.0</variable>\n        <variable name="VersionOperator">greaterEqual</variable>');
    expectNone(both, 'missing-condition-property');
    expectNone(both, 'ignored-condition-value');
    expectNone(file(''), 'missing-condition-property');
  });

  test('File: DateTimeOperator needs DateTime', () => {
    expectOne(file('\n        <variable name="DateTimeOperator">less</variable>'), 'missing-condition-property', 'error', 'expression');
    expectNone(file('\n        <variable name="DateTime">20200101000000.000000+000</variable>\n        <variable name="DateTimeOperator">less</variable>'), 'missing-condition-property');
  });

  test('invalid-condition-operator: a value the kind does not have', () => {
    const xml = withCondition(variableExpression('_SMSTSInWinPE', 'equal', 'true'));
    const problem = expectOne(xml, 'invalid-condition-operator', 'error', 'equal');
    assert.equal(problem.data?.replacements?.[0], 'equals');
    expectNone(withCondition(WINPE), 'invalid-condition-operator');
    // File comparisons have no exists.
    expectOne(file('\n        <variable name="Version">1.0</variable>\n        <variable name="VersionOperator">exists</variable>'), 'invalid-condition-operator', 'error', 'exists');
  });

  test('nonexists-operator: the SDK page typo is a warning with the fix', () => {
    const problem = expectOne(registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'nonExists'), 'nonexists-operator', 'warning', 'nonExists');
    assert.deepEqual(problem.data?.replacements, ['notExists']);
    expectNone(registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'notExists'), 'nonexists-operator');
    expectNone(registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'nonExists'), 'invalid-condition-operator');
  });

  test('condition-casing: operator values differing only by case are warnings, never errors', () => {
    const xml = withCondition(variableExpression('_SMSTSInWinPE', 'NotEquals', 'true'));
    const problem = expectOne(xml, 'condition-casing', 'warning', 'NotEquals');
    assert.deepEqual(problem.data?.replacements, ['notEquals']);
    expectNone(xml, 'invalid-condition-operator');
    // `Equals` is what MDT itself writes: noted only.
    expectOne(withCondition(variableExpression('_SMSTSInWinPE', 'Equals', 'true')), 'condition-casing', 'information', 'Equals');
    expectNone(withCondition(WINPE), 'condition-casing');
  });

  test('invalid-condition-value: a registry Type that is not REG_*', () => {
    const xml = registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'exists').replace('REG_SZ', 'STRING');
    expectOne(xml, 'invalid-condition-value', 'error', 'STRING');
    expectNone(registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'exists'), 'invalid-condition-value');
  });

  test('Registry: Value is the value name, not a comparison value: fine with exists', () => {
    expectNone(registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'exists'), 'ignored-condition-value');
    const withData = registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'exists', '\n        <variable name="Data">1.0</variable>');
    expectOne(withData, 'ignored-condition-value', 'warning', 'Data');
  });

  test('condition-casing: the expression type', () => {
    const xml = withCondition(WINPE.replace('SMS_TaskSequence_VariableConditionExpression', 'SMS_TaskSequence_variableConditionExpression'));
    const problem = expectOne(xml, 'condition-casing', 'warning', 'SMS_TaskSequence_variableConditionExpression');
    assert.deepEqual(problem.data?.replacements, ['SMS_TaskSequence_VariableConditionExpression']);
    expectNone(xml, 'unknown-expression-type');
  });

  test('Registry: Data is needed for comparisons', () => {
    expectOne(registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'equals'), 'missing-condition-property', 'error', 'expression');
    expectNone(registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'equals', '\n        <variable name="Data">1.0</variable>'), 'missing-condition-property');
  });

  test('registry-hive-abbreviation: HKLM is a warning with the full name as fix', () => {
    const problem = expectOne(registry('HKLM\\SOFTWARE\\Contoso', 'exists'), 'registry-hive-abbreviation', 'warning', 'HKLM');
    assert.deepEqual(problem.data?.replacements, ['HKEY_LOCAL_MACHINE']);
    expectNone(registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'exists'), 'registry-hive-abbreviation');
  });

  test('unknown-registry-hive: a key path without a hive', () => {
    expectOne(registry('SOFTWARE\\Contoso', 'exists'), 'unknown-registry-hive', 'error', 'SOFTWARE');
    const typo = expectOne(registry('HKEY_LOCAL_MACHIN\\SOFTWARE', 'exists'), 'unknown-registry-hive', 'error', 'HKEY_LOCAL_MACHIN');
    assert.deepEqual(typo.data?.replacements?.[0], 'HKEY_LOCAL_MACHINE');
    expectNone(registry('HKEY_CURRENT_USER\\Software', 'exists'), 'unknown-registry-hive');
  });

  test('invalid-guid: product codes are GUIDs in braces', () => {
    const bare = expectOne(software('ThisVersion', '90160000-0011-0000-0000-0000000FF1CE'), 'invalid-guid', 'error', '90160000-0011-0000-0000-0000000FF1CE');
    assert.deepEqual(bare.data?.replacements, ['{90160000-0011-0000-0000-0000000FF1CE}']);
    expectNone(software('ThisVersion', '{90160000-0011-0000-0000-0000000FF1CE}'), 'invalid-guid');
  });

  test('Software: AnyVersion needs UpgradeCode, ThisVersion needs ProductCode', () => {
    expectOne(software('AnyVersion', '{90160000-0011-0000-0000-0000000FF1CE}'), 'missing-condition-property', 'error', 'expression');
    expectNone(software('AnyVersion', '{90160000-0011-0000-0000-0000000FF1CE}', '{00160000-0011-0000-0000-0000000FF1CE}'), 'missing-condition-property');
    // MDT writes both codes with ThisVersion: not an ignored value.
    expectNone(software('ThisVersion', '{90160000-0011-0000-0000-0000000FF1CE}', '{00160000-0011-0000-0000-0000000FF1CE}'), 'ignored-condition-value');
  });

  test('wmi-namespace and wmi-query-syntax', () => {
    expectOne(wmi('cimv2', 'SELECT * FROM Win32_Battery'), 'wmi-namespace', 'warning', 'cimv2');
    expectOne(wmi('root\\cimv2', 'Win32_Battery'), 'wmi-query-syntax', 'warning', 'Win32_Battery');
    const good = wmi('root\\cimv2', "select * from Win32_ComputerSystem where Model like '%Virtual%'");
    expectNone(good, 'wmi-namespace');
    expectNone(good, 'wmi-query-syntax');
  });

  test('condition-value-too-long: WMI queries have at most 16384 characters', () => {
    const long = `SELECT * FROM Win32_ComputerSystem WHERE Model = '${'x'.repeat(16400)}'`;
    expectOne(wmi('root\\cimv2', long), 'condition-value-too-long', 'error', 'Query');
    expectNone(wmi('root\\cimv2', 'SELECT * FROM Win32_Battery'), 'condition-value-too-long');
  });

  test('invalid-variable-name in a condition', () => {
    expectOne(withCondition(variableExpression('My Variable', 'exists')), 'invalid-variable-name', 'warning', 'My Variable');
    const wrapped = expectOne(withCondition(variableExpression('%OSDComputerName%', 'exists')), 'invalid-variable-name', 'warning', '%OSDComputerName%');
    assert.deepEqual(wrapped.data?.replacements, ['OSDComputerName']);
    expectNone(withCondition(variableExpression('OSDComputerName', 'exists')), 'invalid-variable-name');
  });

  test('array-variable-without-index', () => {
    expectOne(withCondition(variableExpression('OSDAdapter', 'exists')), 'array-variable-without-index', 'warning', 'OSDAdapter');
    expectNone(withCondition(variableExpression('OSDAdapter0EnableDHCP', 'equals', 'true')), 'array-variable-without-index');
  });

  test('a console-exported condition tree raises nothing', () => {
    const xml = withCondition(`      <operator type="and">
${WINPE}
        <operator type="or">
${variableExpression('_SMSTSMediaType', 'notEquals', 'OEMMedia')}
          <operator type="not">
            <expression type="SMS_TaskSequence_FolderConditionExpression">
              <variable name="Path">%SystemDrive%\\Temp</variable>
            </expression>
          </operator>
        </operator>
      </operator>`);
    expectClean(xml);
    expectClean(withCondition(WINPE));
  });
});
