import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attribute, walkSteps, type Span, type StepNode, type TaskSequenceDocument, type XmlElement } from '../../server/src/service/model';
import { parseTaskSequence } from '../../server/src/service/parser/parser';

function slice(doc: TaskSequenceDocument, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

function steps(doc: TaskSequenceDocument): StepNode[] {
  return [...walkSteps(doc.sequence?.steps ?? [])].filter((n): n is StepNode => n.kind === 'step');
}

function codes(doc: TaskSequenceDocument): string[] {
  return doc.problems.map((p) => p.code);
}

const CONFIGMGR = `<?xml version="1.0"?>
<sequence version="3.10">
  <referenceList><reference package="ABC00237" program="*"/></referenceList>
  <globalVarList><variable name="OSDStateSMPRetryCount" property="SMPRetryCount">3</variable></globalVarList>
  <group name="Install" description="">
    <condition><operator type="or"><expression type="SMS_TaskSequence_VariableConditionExpression">
      <variable name="Operator">equals</variable><variable name="Value">false</variable><variable name="Variable">_SMSTSInWinPE</variable>
    </expression></operator></condition>
    <step type="SMS_TaskSequence_RunCommandLineAction" name="Run &quot;it&quot;" description="" continueOnError="true" runIn="WinPEandFullOS" successCodeList="0 3010">
      <action>smsswd.exe /run: cmd.exe /c echo hi &amp; exit</action>
      <defaultVarList>
        <variable name="CommandLine" property="CommandLine" hidden="true">cmd.exe /c echo hi &amp; exit</variable>
      </defaultVarList>
    </step>
    <subtasksequence type="SMS_TaskSequence_SubTasksequence" name="Child" disable="true"><action>SubTasksequence.exe</action></subtasksequence>
  </group>
</sequence>`;

describe('parser: the object model', () => {
  const doc = parseTaskSequence(CONFIGMGR);

  test('a well-formed export has no problem and the console shape', () => {
    assert.deepEqual(doc.problems, []);
    assert.equal(doc.container, 'plain');
    assert.equal(doc.flavor, 'configmgr');
    assert.equal(doc.sequence?.version, '3.10');
    assert.equal(doc.sequence?.references[0].package, 'ABC00237');
    assert.equal(doc.sequence?.globalVariables[0].property, 'SMPRetryCount');
  });

  test('groups, steps and sub-task-sequences keep their order and properties', () => {
    const group = doc.sequence?.steps[0];
    assert.equal(group?.kind, 'group');
    assert.equal(group?.name, 'Install');
    const [run, child] = steps(doc);
    assert.equal(run.name, 'Run "it"');
    assert.equal(run.continueOnError, true);
    assert.equal(run.enabled, true);
    assert.equal(run.runIn, 'WinPEandFullOS');
    assert.equal(run.action?.text, 'smsswd.exe /run: cmd.exe /c echo hi & exit');
    assert.equal(run.variables[0].value, 'cmd.exe /c echo hi & exit');
    assert.equal(run.variables[0].hidden, true);
    assert.equal(child.isSubTaskSequence, true);
    assert.equal(child.enabled, false);
    assert.equal(run.parent, group);
  });

  test('conditions keep their operators and expression properties', () => {
    const condition = doc.sequence?.steps[0].condition;
    const operator = condition?.operands[0];
    assert.equal(operator?.kind, 'operator');
    assert.ok(operator?.kind === 'operator');
    const expression = operator.operands[0];
    assert.ok(expression.kind === 'expression');
    assert.deepEqual(
      expression.properties.map((p) => [p.name, p.value]),
      [
        ['Operator', 'equals'],
        ['Value', 'false'],
        ['Variable', '_SMSTSInWinPE'],
      ],
    );
  });

  test('every span points at the exact characters', () => {
    const [run] = steps(doc);
    const name = attribute(run.element, 'name');
    assert.ok(name);
    assert.equal(slice(doc, name.nameSpan), 'name');
    assert.equal(slice(doc, name.valueSpan), 'Run &quot;it&quot;');
    assert.equal(slice(doc, name.span), 'name="Run &quot;it&quot;"');
    assert.equal(slice(doc, run.element.nameSpan), 'step');
    assert.ok(slice(doc, run.element.span).startsWith('<step type='));
    assert.ok(slice(doc, run.element.span).endsWith('</step>'));
    assert.equal(slice(doc, run.element.endTag as Span), '</step>');
    assert.equal(slice(doc, run.action?.textSpan as Span), 'smsswd.exe /run: cmd.exe /c echo hi &amp; exit');
    const child = steps(doc)[1];
    assert.equal(slice(doc, child.element.startTag), '<subtasksequence type="SMS_TaskSequence_SubTasksequence" name="Child" disable="true">');
  });
});

describe('parser: file shapes', () => {
  test('CRLF, a BOM and a whole document on one line give the same model', () => {
    const crlf = parseTaskSequence(CONFIGMGR.replace(/\n/g, '\r\n'));
    const bom = parseTaskSequence('\uFEFF' + CONFIGMGR);
    const oneLine = parseTaskSequence(CONFIGMGR.replace(/\n\s*/g, ''));
    for (const doc of [crlf, bom, oneLine]) {
      assert.deepEqual(codes(doc), []);
      assert.deepEqual(
        steps(doc).map((s) => s.name),
        ['Run "it"', 'Child'],
      );
      const [run] = steps(doc);
      assert.equal(slice(doc, attribute(run.element, 'runIn')?.valueSpan as Span), 'WinPEandFullOS');
    }
  });

  test('the SmsTaskSequencePackage wrapper', () => {
    const doc = parseTaskSequence(`<?xml version="1.0"?>
<SmsTaskSequencePackage><BootImageID>CEN00006</BootImageID><SequenceData>
${CONFIGMGR.replace('<?xml version="1.0"?>\n', '')}
</SequenceData></SmsTaskSequencePackage>`);
    assert.deepEqual(codes(doc), []);
    assert.equal(doc.container, 'package');
    assert.equal(steps(doc).length, 2);
  });

  test('the object.xml CIM instance with the sequence in CDATA maps positions into the file', () => {
    const inner = CONFIGMGR.replace('<?xml version="1.0"?>\n', '');
    const doc = parseTaskSequence(`<INSTANCE CLASSNAME="SMS_TaskSequencePackage">
  <PROPERTY NAME="Name" TYPE="string"><VALUE>x</VALUE></PROPERTY>
  <PROPERTY NAME="Sequence" TYPE="string">
    <VALUE><![CDATA[${inner}]]></VALUE>
  </PROPERTY>
</INSTANCE>`);
    assert.deepEqual(codes(doc), []);
    assert.equal(doc.container, 'cimInstance');
    const [run] = steps(doc);
    assert.equal(slice(doc, run.element.nameSpan), 'step');
    assert.equal(slice(doc, attribute(run.element, 'type')?.valueSpan as Span), 'SMS_TaskSequence_RunCommandLineAction');
  });

  test('a CIM property holding the escaped sequence text is decoded with positions mapped', () => {
    const escaped = '<sequence version="3.10"><step type="A" name="x &amp; y"><action>a</action></step></sequence>'
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
    const doc = parseTaskSequence(`<INSTANCE CLASSNAME="SMS_TaskSequencePackage"><PROPERTY NAME="Sequence"><VALUE>${escaped}</VALUE></PROPERTY></INSTANCE>`);
    assert.deepEqual(codes(doc), []);
    const [step] = steps(doc);
    assert.equal(step.name, 'x & y');
    assert.equal(slice(doc, step.element.nameSpan), 'step');
    assert.equal(slice(doc, attribute(step.element, 'type')?.valueSpan as Span), 'A');
  });

  test('a file that is only the entity-escaped sequence: one clear error, and the steps', () => {
    const text = '&lt;sequence version="3.10"&gt;&lt;step type="SMS_TaskSequence_RunCommandLineAction" name="Run"&gt;&lt;action&gt;cmd&lt;/action&gt;&lt;/step&gt;&lt;/sequence&gt;';
    const doc = parseTaskSequence(text);
    assert.deepEqual(codes(doc), ['entity-escaped-sequence']);
    assert.equal(slice(doc, doc.problems[0].span), '&lt;sequence version="3.10"&gt;');
    assert.equal(doc.container, 'escapedText');
    const [step] = steps(doc);
    assert.equal(step.name, 'Run');
    assert.equal(slice(doc, step.element.nameSpan), 'step');
  });

  test('MDT files are recognised by their Lite Touch markers', () => {
    const doc = parseTaskSequence(`<sequence version="3.00" name="Custom" description="">
  <group expand="true" name="Init" description=""><action></action>
    <step name="Check BIOS" disable="false" continueOnError="false" successCodeList="0 3010" description="" startIn="">
      <action>cscript.exe "%SCRIPTROOT%\\ZTIBIOSCheck.wsf"</action>
    </step>
  </group>
</sequence>`);
    assert.deepEqual(codes(doc), []);
    assert.equal(doc.flavor, 'mdt');
    assert.equal(steps(doc)[0].type, undefined);
  });

  test('a ConfigMgr sequence with MDT integration steps stays ConfigMgr', () => {
    const doc = parseTaskSequence(`<sequence version="3.00"><step type="BDD_UsePackage" name="Use Toolkit Package" runIn="WinPEandFullOS"><action>cscript.exe "%deployroot%\\scripts\\ztisccm.wsf"</action></step></sequence>`);
    assert.equal(doc.flavor, 'configmgr');
  });

  test('the flavour can be forced', () => {
    assert.equal(parseTaskSequence(CONFIGMGR, { flavor: 'mdt' }).flavor, 'mdt');
  });
});

describe('parser: syntax problems', () => {
  test('a duplicate attribute is reported on the second one, with its removal as the fix', () => {
    const text = '<sequence version="3.00"><step type="A" name="a" name="b"><action>x</action></step></sequence>';
    const doc = parseTaskSequence(text);
    assert.deepEqual(codes(doc), ['duplicate-attribute']);
    assert.equal(slice(doc, doc.problems[0].span), 'name="b"');
    assert.equal(slice(doc, doc.problems[0].data?.deleteSpan as Span), ' name="b"');
    assert.equal(steps(doc)[0].name, 'a');
  });

  test('a second root element is reported', () => {
    const doc = parseTaskSequence('<sequence version="3.00"/>\n<sequence version="3.00"/>');
    assert.deepEqual(codes(doc), ['multiple-roots']);
    assert.equal(doc.text.slice(0, doc.problems[0].span.start).split('\n').length, 2);
  });

  test('an XML declaration after a comment is reported on its line', () => {
    const doc = parseTaskSequence('<!-- note -->\n<?xml version="1.0"?>\n<sequence version="3.00"/>');
    assert.deepEqual(codes(doc), ['xml-declaration-not-first']);
    assert.equal(slice(doc, doc.problems[0].span), '<?xml version="1.0"?>');
  });

  test('an HTML entity is an error with its exact text; the XML ones are fine', () => {
    const doc = parseTaskSequence('<sequence version="3.00"><step type="A" name="a&amp;b"><action>x&nbsp;y &#65; &lt;</action></step></sequence>');
    assert.deepEqual(codes(doc), ['xml-syntax']);
    assert.equal(slice(doc, doc.problems[0].span), '&nbsp;');
  });

  test('a DOCTYPE is a warning and its entities are never expanded', () => {
    const doc = parseTaskSequence('<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><sequence version="3.00"><step type="A" name="&x;"><action>a</action></step></sequence>');
    assert.ok(codes(doc).includes('doctype'));
    assert.ok(!JSON.stringify(steps(doc).map((s) => s.name)).includes('root:'));
  });

  test('an element that is never closed is reported at its name', () => {
    const doc = parseTaskSequence('<sequence version="3.00">\n  <group name="g">\n    <step type="A" name="s"><action>a</action></step>\n</sequence>');
    assert.deepEqual(codes(doc), ['unclosed-element']);
    assert.equal(slice(doc, doc.problems[0].span), 'group');
    assert.equal(steps(doc).length, 1);
  });

  test('an end tag without a start tag is reported at the end tag', () => {
    const doc = parseTaskSequence('<sequence version="3.00"><step type="A" name="s"><action>a</action></step></group></sequence>');
    assert.ok(doc.problems.some((p) => p.code === 'xml-syntax' && slice(doc, p.span) === '</group>'));
    assert.equal(steps(doc).length, 1);
  });
});

describe('parser: half-typed documents keep every recoverable step', () => {
  const tail = `
  <step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe /target:HD</action></step>
  <step type="SMS_TaskSequence_SetVariableAction" name="Set"><action>tsenv.exe "a=b"</action></step>
</sequence>`;

  test('a new step typed before existing ones', () => {
    const doc = parseTaskSequence(`<sequence version="3.10">\n  <step type="SMS_${tail}`);
    assert.ok(codes(doc).includes('unfinished-tag'));
    assert.deepEqual(
      steps(doc).map((s) => s.name),
      [undefined, 'Restart', 'Set'],
    );
    assert.equal(steps(doc)[1].action?.text, 'smsboot.exe /target:HD');
  });

  test('an attribute being edited in an existing step keeps its children', () => {
    const doc = parseTaskSequence(`<sequence version="3.10">
  <step type="SMS_TaskSequence_RunCommandLineAction" name="Run
    <action>cmd</action>
  </step>${tail}`);
    assert.ok(codes(doc).includes('unfinished-tag'));
    const all = steps(doc);
    assert.equal(all.length, 3);
    assert.equal(all[0].type, 'SMS_TaskSequence_RunCommandLineAction');
    assert.equal(all[0].action?.text, 'cmd');
    assert.deepEqual(
      all.slice(1).map((s) => s.name),
      ['Restart', 'Set'],
    );
  });

  test('a tag name being typed', () => {
    const doc = parseTaskSequence(`<sequence version="3.10">\n  <st${tail}`);
    assert.deepEqual(
      steps(doc).map((s) => s.name),
      ['Restart', 'Set'],
    );
  });

  test('an unfinished end tag', () => {
    const doc = parseTaskSequence(`<sequence version="3.10">\n<step type="A" name="First"><action>x</acti\n</step>${tail}`);
    assert.deepEqual(
      steps(doc).map((s) => s.name),
      ['First', 'Restart', 'Set'],
    );
  });

  test('truncation at every offset never throws and keeps the steps before the cut', () => {
    for (let cut = 0; cut <= CONFIGMGR.length; cut++) {
      const doc = parseTaskSequence(CONFIGMGR.slice(0, cut));
      assert.ok(Array.isArray(doc.problems));
      if (cut > CONFIGMGR.indexOf('<subtasksequence')) {
        assert.equal(steps(doc)[0]?.name, 'Run "it"', `cut at ${cut}`);
      }
    }
  });
});

describe('parser: limits', () => {
  test('nesting deeper than the limit is cut with one warning', () => {
    const depth = 50;
    const text = '<sequence version="3.00">' + '<group name="g">'.repeat(depth) + '</group>'.repeat(depth) + '</sequence>';
    const doc = parseTaskSequence(text, { maxDepth: 10 });
    assert.equal(doc.truncated, true);
    assert.deepEqual(codes(doc), ['document-too-complex']);
    let deepest = 0;
    for (let e: XmlElement | undefined = doc.sequence?.element; e; e = e.children[0]) {
      deepest++;
    }
    assert.equal(deepest, 10);
  });

  test('no model without a <sequence>', () => {
    const doc = parseTaskSequence('<catalog><book/></catalog>');
    assert.equal(doc.sequence, undefined);
    assert.deepEqual(codes(doc), ['no-sequence']);
    assert.deepEqual(codes(parseTaskSequence('')), ['no-sequence']);
  });
});

describe('parser: attributes and offsets kept per tree', () => {
  function names(element: XmlElement): string[] {
    return element.attributes.map((a) => a.name);
  }

  test('a start tag the fast path gives up on halfway keeps its own attributes once, and the next element its own', () => {
    const text = '<sequence version="3.00"><step type="A" name="a" =x><action>x</action></step><step type="B" name="b"/></sequence>';
    const doc = parseTaskSequence(text);
    const [first, second] = steps(doc);
    assert.deepEqual(names(first.element), ['type', 'name']);
    assert.deepEqual(names(second.element), ['type', 'name']);
    assert.equal(second.name, 'b');
    assert.equal(slice(doc, attribute(second.element, 'type')!.valueSpan), 'B');
  });

  test('the attributes of an element past the depth limit are not given to the next element', () => {
    const text = '<sequence version="3.00"><group name="g1"><group name="g2"><step type="deep" name="d"/></group></group><step type="T" name="after"/></sequence>';
    const doc = parseTaskSequence(text, { maxDepth: 2 });
    const after = doc.sequence!.steps[1];
    assert.deepEqual(names(after.element), ['type', 'name']);
    assert.equal(after.name, 'after');
    assert.equal(slice(doc, attribute(after.element, 'name')!.span), 'name="after"');
  });

  test('thousands of elements and attributes keep exact spans past the first room the tree is given', () => {
    // Four characters an element: far more elements than the store's first guess from the length.
    const count = 6000;
    const body = Array.from({ length: count }, (_, i) => `<variable name="v${i}" property="p">${i}</variable>`).join('');
    const text = `<sequence version="3.00"><step type="T" name="s"><defaultVarList>${body}</defaultVarList></step>${'<a/>'.repeat(20000)}</sequence>`;
    const doc = parseTaskSequence(text);
    const variables = steps(doc)[0].variables;
    assert.equal(variables.length, count);
    for (const i of [0, 1, count / 2, count - 1]) {
      const element = variables[i].element;
      assert.equal(variables[i].name, `v${i}`);
      assert.equal(slice(doc, element.span), `<variable name="v${i}" property="p">${i}</variable>`);
      assert.equal(slice(doc, attribute(element, 'property')!.valueSpan), 'p');
      assert.equal(slice(doc, element.textSpan!), String(i));
    }
    const last = doc.sequence!.element.children[doc.sequence!.element.children.length - 1];
    assert.equal(slice(doc, last.span), '<a/>');
    assert.equal(last.span.end, text.length - '</sequence>'.length);
  });

  test('a repeated attribute among many is found once, on its second occurrence', () => {
    const many = Array.from({ length: 40 }, (_, i) => ` a${i}="${i}"`);
    const repeated = [...many.slice(0, 30), ' a3="again"', ...many.slice(30)].join('');
    const doc = parseTaskSequence(`<sequence version="3.00"><step type="T"${repeated}/><step type="T"${many.join('')}/></sequence>`);
    assert.deepEqual(codes(doc), ['duplicate-attribute']);
    assert.equal(slice(doc, doc.problems[0].span), 'a3="again"');
    assert.equal(steps(doc)[0].element.attributeCount, 42);
    assert.equal(steps(doc)[1].element.attributeCount, 41);
  });
});
