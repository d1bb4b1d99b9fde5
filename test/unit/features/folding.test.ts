import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FoldingRangeKind } from 'vscode-languageserver-types';
import { fixture } from './testUtil';

const lines = [
  /*0*/ '<sequence version="3.10">',
  /*1*/ '  <!-- first',
  /*2*/ '       second -->',
  /*3*/ '  <group name="G">',
  /*4*/ '    <step type="SMS_TaskSequence_RunCommandLineAction" name="S">',
  /*5*/ '      <condition>',
  /*6*/ '        <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Variable">X</variable><variable name="Operator">exists</variable></expression>',
  /*7*/ '      </condition>',
  /*8*/ '      <action>cmd</action>',
  /*9*/ '      <defaultVarList>',
  /*10*/ '        <variable name="CommandLine" property="CommandLine">cmd</variable>',
  /*11*/ '      </defaultVarList>',
  /*12*/ '    </step>',
  /*13*/ '  </group>',
  /*14*/ '</sequence>',
];

describe('folding ranges', () => {
  it('folds multi-line elements (end tag stays visible) and comments', () => {
    const f = fixture(lines.join('\n'), { withCursor: false });
    const ranges = f.service.getFoldingRanges(f.document, f.parsed).map((r) => [r.startLine, r.endLine, r.kind ?? '']);
    assert.deepEqual(ranges, [
      [0, 13, ''],
      [1, 2, FoldingRangeKind.Comment],
      [3, 12, ''],
      [4, 11, ''],
      [5, 6, ''],
      [9, 10, ''],
    ]);
  });

  it('keeps the outermost ranges when limited', () => {
    const f = fixture(lines.join('\n'), { withCursor: false });
    let reported = 0;
    const ranges = f.service.getFoldingRanges(f.document, f.parsed, { maxItems: 2, onLimitExceeded: () => reported++ });
    assert.deepEqual(
      ranges.map((r) => r.startLine),
      [0, 1],
    );
    assert.equal(reported, 1);
  });

  it('folds an unclosed element to its last content', () => {
    const f = fixture('<sequence version="3.10">\n  <group name="G">\n    <step name="a"/>\n', { withCursor: false });
    const ranges = f.service.getFoldingRanges(f.document, f.parsed);
    assert.ok(ranges.some((r) => r.startLine === 1 && r.endLine === 2));
  });
});
