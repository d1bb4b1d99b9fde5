// A large, valid task sequence for the responsiveness test: `groups` groups of `stepsPerGroup`
// steps, as a console export writes them. Each group sets a variable (Set Task Sequence Variable)
// that the next group's condition reads, and the other steps are Run Command Line steps with a
// full defaultVarList. Deterministic; checked clean with server/dist/cli.js.

export interface LargeSequence {
  readonly text: string;
  readonly steps: number;
}

export function largeSequence(groups: number, stepsPerGroup: number): LargeSequence {
  const out: string[] = ['<sequence version="3.10">'];
  let steps = 0;
  for (let g = 1; g <= groups; g++) {
    out.push(`  <group name="Phase ${g}" description="Generated group ${g}">`);
    if (g > 1) {
      out.push(
        '    <condition>',
        '      <operator type="and">',
        '        <expression type="SMS_TaskSequence_VariableConditionExpression">',
        '          <variable name="Operator">equals</variable>',
        '          <variable name="Value">true</variable>',
        `          <variable name="Variable">Phase${g - 1}Done</variable>`,
        '        </expression>',
        '        <expression type="SMS_TaskSequence_VariableConditionExpression">',
        '          <variable name="Operator">equals</variable>',
        '          <variable name="Value">false</variable>',
        '          <variable name="Variable">_SMSTSInWinPE</variable>',
        '        </expression>',
        '      </operator>',
        '    </condition>',
      );
    }
    for (let s = 1; s < stepsPerGroup; s++) {
      const n = ++steps;
      const command = `cmd.exe /c echo phase ${g} step ${s}`;
      out.push(
        `    <step type="SMS_TaskSequence_RunCommandLineAction" name="Step ${n}" description="" runIn="WinPEandFullOS" successCodeList="0 3010" retryCount="0" runFromNet="false">`,
        `      <action>smsswd.exe /run: ${command}</action>`,
        '      <defaultVarList>',
        `        <variable name="CommandLine" property="CommandLine" hidden="true">${command}</variable>`,
        '        <variable name="SMSTSDisableWow64Redirection" property="DisableWow64Redirection">false</variable>',
        '        <variable name="_SMSTSRunCommandLineAsUser" property="RunAsUser">false</variable>',
        '        <variable name="SuccessCodes" property="SuccessCodes" hidden="true">0 3010</variable>',
        '      </defaultVarList>',
        '    </step>',
      );
    }
    const n = ++steps;
    out.push(
      `    <step type="SMS_TaskSequence_SetVariableAction" name="Step ${n}" description="" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">`,
      `      <action>tsenv.exe "Phase${g}Done=true"</action>`,
      '      <defaultVarList>',
      `        <variable name="VariableName" property="VariableName" hidden="true">Phase${g}Done</variable>`,
      '        <variable name="VariableValue" property="VariableValue" hidden="true">true</variable>',
      '      </defaultVarList>',
      '    </step>',
      '  </group>',
    );
  }
  out.push('</sequence>', '');
  return { text: out.join('\n'), steps };
}
