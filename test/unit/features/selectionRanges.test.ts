import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SelectionRange } from 'vscode-languageserver-types';
import { fixture } from './testUtil';

function chain(content: string): string[] {
  const f = fixture(content);
  const [range] = f.service.getSelectionRanges(f.document, f.parsed, [f.position]);
  const texts: string[] = [];
  for (let r: SelectionRange | undefined = range; r; r = r.parent) {
    texts.push(f.document.getText(r.range));
  }
  return texts;
}

const doc = (cursorStep: string): string =>
  `<sequence version="3.10">\n  <group name="G">\n    ${cursorStep}\n  </group>\n</sequence>`;

describe('selection ranges', () => {
  it('expands attribute value → attribute → start tag → step → group → sequence', () => {
    const texts = chain(doc('<step type="SMS_TaskSequence_Run|CommandLineAction" name="S"><action>cmd</action></step>'));
    assert.deepEqual(texts.slice(0, 4), [
      'SMS_TaskSequence_RunCommandLineAction',
      'type="SMS_TaskSequence_RunCommandLineAction"',
      '<step type="SMS_TaskSequence_RunCommandLineAction" name="S">',
      '<step type="SMS_TaskSequence_RunCommandLineAction" name="S"><action>cmd</action></step>',
    ]);
    assert.ok(texts[4].startsWith('<group name="G">') && texts[4].endsWith('</group>'));
    assert.ok(texts[5].startsWith('<sequence'));
    assert.equal(texts.length, 6);
  });

  it('expands element text → element → its parents', () => {
    const texts = chain(doc('<step type="T" name="S"><action>c|md /c x</action></step>'));
    assert.deepEqual(texts.slice(0, 3), ['cmd /c x', '<action>cmd /c x</action>', '<step type="T" name="S"><action>cmd /c x</action></step>']);
  });

  it('answers for a position outside any element', () => {
    const texts = chain('|<sequence version="3.10"/>');
    assert.equal(texts[0], '<sequence version="3.10"/>');
  });
});
