// An edit inside an attribute value or a leaf element's text updates the previous parse in place
// (reparseAfterEdit). Whatever the edit, the result must be exactly what a full parse of the new
// text gives: the tree with every span, the model, and the problems the checks find.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TaskSequenceDocument } from '../../server/src/service/model';
import { reparseAfterEdit, type TextEdit } from '../../server/src/service/parser/incremental';
import { parseTaskSequence } from '../../server/src/service/parser/parser';
import { generateTaskSequence } from '../bench/generator';
import { applyEdit, dumpParse, editAndCompare, firstDifference, randomEdit, type EditOutcome } from '../fuzz/differential';
import { Prng } from '../fuzz/prng';
import { corpusFiles } from '../support/corpus';

function editAndCheck(previous: TaskSequenceDocument, edit: TextEdit, label: string): EditOutcome {
  const outcome = editAndCompare(previous, edit);
  assert.equal(outcome.difference, undefined, `${label}: ${JSON.stringify(edit)}`);
  return outcome;
}

function editRandomly(text: string, seed: number, edits: number, label: string): number {
  const rng = new Prng(seed);
  let parsed = parseTaskSequence(text);
  let incremental = 0;
  for (let i = 0; i < edits; i++) {
    const result = editAndCheck(parsed, randomEdit(parsed, rng), `${label}, edit ${i}`);
    incremental += result.incremental ? 1 : 0;
    // An edit that broke the XML is undone (a declined update leaves `parsed` as it was), so
    // that the document stays one the update applies to.
    if (result.incremental || result.next.problems.length === 0 || parsed.problems.length > 0) {
      parsed = result.next;
    }
  }
  return incremental;
}

const SMALL = `<sequence version="3.10">
  <step type="SMS_TaskSequence_RunCommandLineAction" name="Run it" description="">
    <action>cmd.exe /c echo &quot;hi&quot;</action>
    <defaultVarList><variable name="CommandLine" property="CommandLine">cmd.exe /c echo "hi"</variable></defaultVarList>
  </step>
  <!-- after -->
  <step type="SMS_TaskSequence_RebootAction" name="Restart" description=""><defaultVarList><variable name="SMSRebootMessage" property="Message"></variable></defaultVarList></step>
</sequence>`;

function at(text: string, marker: string, offset = 0): number {
  const i = text.indexOf(marker);
  assert.ok(i >= 0, marker);
  return i + offset;
}

describe('re-parsing after an edit', () => {
  test('typing in an attribute value updates that value and moves everything after it', () => {
    const start = at(SMALL, 'Run it', 3);
    const { next, incremental } = editAndCheck(parseTaskSequence(SMALL), { start, end: start, text: 'xx' }, 'name');
    assert.ok(incremental);
    assert.equal(next.sequence?.steps[0].name, 'Runxx it');
  });

  test('typing at the very start and end of a value, and emptying it', () => {
    const start = at(SMALL, '"Restart"', 1);
    for (const edit of [
      { start, end: start, text: 'A' },
      { start: start + 7, end: start + 7, text: 'B' },
      { start, end: start + 7, text: '' },
    ]) {
      assert.ok(editAndCheck(parseTaskSequence(SMALL), edit, 'edge').incremental, JSON.stringify(edit));
    }
  });

  test('a leaf element text: typing at its start, into an empty one, and down to white space', () => {
    const command = at(SMALL, 'cmd.exe /c echo "hi"');
    const empty = at(SMALL, 'property="Message">', 'property="Message">'.length);
    for (const edit of [
      { start: command, end: command, text: 'x' },
      { start: empty, end: empty, text: 'Restarting' },
      { start: command, end: command + 'cmd.exe /c echo "hi"'.length, text: '  ' },
      { start: command, end: command, text: '&amp;' },
    ]) {
      assert.ok(editAndCheck(parseTaskSequence(SMALL), edit, 'text').incremental, JSON.stringify(edit));
    }
  });

  test('markup, the value quote or a reference sax must read declines, and a full parse follows', () => {
    const name = at(SMALL, 'Run it', 3);
    const command = at(SMALL, 'cmd.exe /c echo "hi"');
    const comment = at(SMALL, 'after');
    const previous = parseTaskSequence(SMALL);
    for (const edit of [
      { start: name, end: name, text: '<' },
      { start: name, end: name, text: '"' },
      { start: name, end: name, text: '&nbsp;' },
      { start: command, end: command, text: '<b/>' },
      { start: comment, end: comment, text: 'x' },
      { start: name, end: name + 10, text: '' },
    ]) {
      assert.equal(reparseAfterEdit(previous, applyEdit(SMALL, edit), edit), undefined, JSON.stringify(edit));
    }
    // Declining leaves the previous parse as it was.
    assert.equal(firstDifference(dumpParse(previous), dumpParse(parseTaskSequence(SMALL))), undefined);
  });

  test('a document with problems of well-formedness is parsed in full', () => {
    const broken = SMALL.replace('</action>', '</actoin>');
    const start = at(broken, 'Restart');
    assert.equal(reparseAfterEdit(parseTaskSequence(broken), applyEdit(broken, { start, end: start, text: 'x' }), { start, end: start, text: 'x' }), undefined);
  });

  test('random edits on generated task sequences give what a full parse gives', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const incremental = editRandomly(generateTaskSequence(15_000, { seed }), seed, 120, `generated ${seed}`);
      assert.ok(incremental >= 40, `seed ${seed}: only ${incremental} of 120 edits were incremental, the test would prove little`);
    }
  });

  test('random edits on the real corpus give what a full parse gives', (t) => {
    const files = corpusFiles();
    if (!files) {
      t.skip('no corpus');
      return;
    }
    let incremental = 0;
    files.forEach((file, i) => {
      incremental += editRandomly(file.text, 1000 + i, 25, file.name);
    });
    assert.ok(incremental >= files.length * 5, `only ${incremental} incremental edits`);
  });
});
