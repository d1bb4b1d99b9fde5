import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence } from '../../support/checkHarness';
import { expectNone, expectOne, runCommandLine } from '../../support/checkFixtures';
import { anyStep } from '../../support/stepFixtures';

const joinDomain = (password: string): string =>
  anyStep({
    type: 'SMS_TaskSequence_JoinDomainWorkgroupAction',
    name: 'Join Domain',
    runIn: 'FullOS',
    action: 'osdjoin.exe /type:%OSDJoinType%',
    variables: ['OSDJoinType|Type|0', 'OSDJoinDomainName|DomainName|contoso.com', 'OSDJoinAccount|DomainUsername|CONTOSO\\join', `OSDJoinPassword|DomainPassword|${password}`],
  });

describe('secrets in clear text', () => {
  test('secret-in-clear-text: a domain join password', () => {
    expectOne(configMgrSequence(joinDomain('P@ssw0rd')), 'secret-in-clear-text', 'warning', 'P@ssw0rd');
    expectNone(configMgrSequence(joinDomain('')), 'secret-in-clear-text');
  });

  test('secret-in-clear-text: a run-as password of a Lite Touch command line', () => {
    const step = anyStep({ name: 'As user', action: 'cmd.exe /c whoami', attributes: ' startIn=""', variables: ['RunAsUser|RunAsUser|true', 'SMSTSRunCommandLineUserName|SMSTSRunCommandLineUserName|CONTOSO\\svc', 'SMSTSRunCommandLineUserPassword|SMSTSRunCommandLineUserPassword|Secr3t!'] });
    expectOne(mdtSequence(step), 'secret-in-clear-text', 'warning', 'Secr3t!');
  });

  test('secret-in-clear-text: an MDT step password the catalog does not mark (SafeModeAdminPassword)', () => {
    const adds = anyStep({ type: 'BDD_ConfigureADDS', name: 'Configure ADDS', action: 'cscript.exe "%SCRIPTROOT%\\ZTIConfigureADDS.wsf"', attributes: ' startIn=""', variables: ['SafeModeAdminPassword|SafeModeAdminPassword|asdf'] });
    expectOne(mdtSequence(adds), 'secret-in-clear-text', 'warning', 'asdf');
  });

  test('secret-in-clear-text: a switch that only chooses where recovery passwords go is no secret', () => {
    const enable = anyStep({ type: 'SMS_TaskSequence_EnableBitLockerAction', name: 'Enable BitLocker', action: 'cscript.exe "%SCRIPTROOT%\\ZTIBde.wsf"', attributes: ' startIn=""', variables: ['OSDBitLockerCreateRecoveryPassword|BdeRecoveryPassword|AD'] });
    expectNone(mdtSequence(enable), 'secret-in-clear-text');
  });

  test('secret-in-clear-text: passwords in command lines (reported once, on the variable)', () => {
    expectOne(configMgrSequence(runCommandLine({ command: 'net use Z: \\\\srv\\share S3cret /user:CONTOSO\\adm' })), 'secret-in-clear-text', 'warning', 'S3cret');
    expectOne(configMgrSequence(runCommandLine({ command: 'setup.exe /password:Hunter2 /quiet' })), 'secret-in-clear-text', 'warning', 'Hunter2');
    expectOne(configMgrSequence(runCommandLine({ command: 'powershell.exe -File join.ps1 -Password "Pa ss"' })), 'secret-in-clear-text', 'warning', '"Pa ss"');
    expectOne(configMgrSequence(runCommandLine({ command: 'net user Kiosk K1osk! /add' })), 'secret-in-clear-text', 'warning', 'K1osk!');
    expectOne(configMgrSequence(runCommandLine({ command: 'sc.exe config MySvc obj= .\\svc password= Sv3c!' })), 'secret-in-clear-text', 'warning', 'Sv3c!');
    expectOne(configMgrSequence(runCommandLine({ command: 'schtasks /create /tn T /tr x.cmd /ru CONTOSO\\svc /rp Sch3d!' })), 'secret-in-clear-text', 'warning', 'Sch3d!');
  });

  test('secret-in-clear-text: prompts, variables and empty values are not secrets', () => {
    expectNone(configMgrSequence(runCommandLine({ command: 'net use Z: \\\\srv\\share * /user:CONTOSO\\adm' })), 'secret-in-clear-text');
    expectNone(configMgrSequence(runCommandLine({ command: 'setup.exe /password:%JoinPassword%' })), 'secret-in-clear-text');
    expectNone(configMgrSequence(runCommandLine({ command: 'powershell.exe -File join.ps1 -Password $env:pw' })), 'secret-in-clear-text');
    expectNone(configMgrSequence(runCommandLine({ command: 'NET USER "Kiosk" "" /ADD' })), 'secret-in-clear-text');
  });
});
