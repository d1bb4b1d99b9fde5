// The real corpus: every file was accepted by ConfigMgr or MDT, so the parser must read all of
// them, count what SOURCES.md counts, and point every span at the right characters.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { walkSteps, type TaskSequenceDocument, type XmlElement } from '../../server/src/service/model';
import { decodeXmlText } from '../../server/src/service/parser/offsetMap';
import { parseTaskSequence } from '../../server/src/service/parser/parser';
import { corpusCounts, corpusFiles, NO_CORPUS } from '../support/corpus';

/** The two files of the corpus that are not well-formed XML, and the error each must get. */
const MALFORMED: Readonly<Record<string, { code: string; line: number }>> = {
  'windows-admins-build-capture-reference-leading-comments.xml': { code: 'xml-declaration-not-first', line: 4 },
  'cmhub-selfhost-child-ts-entity-escaped.xml': { code: 'entity-escaped-sequence', line: 1 },
};

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
  }
  return line;
}

function* elements(root: XmlElement): Generator<XmlElement> {
  yield root;
  for (const child of root.children) {
    yield* elements(child);
  }
}

function checkSpans(doc: TaskSequenceDocument, escapedTwice: boolean): void {
  const text = doc.text;
  for (const element of elements(doc.sequence?.element as XmlElement)) {
    assert.equal(text.slice(element.nameSpan.start, element.nameSpan.end), element.name);
    for (const a of element.attributes) {
      assert.equal(text.slice(a.nameSpan.start, a.nameSpan.end), a.name);
      const raw = text.slice(a.valueSpan.start, a.valueSpan.end);
      assert.equal(escapedTwice ? decodeXmlText(decodeXmlText(raw)) : decodeXmlText(raw), a.value);
    }
  }
}

describe('real corpus', () => {
  const files = corpusFiles();

  test('every file parses to the counts SOURCES.md gives, with exact spans', (t) => {
    if (!files) {
      t.skip(NO_CORPUS);
      return;
    }
    const counts = corpusCounts();
    for (const file of files) {
      const doc = parseTaskSequence(file.text);
      const expected = counts.get(file.name);
      assert.ok(expected, `${file.name} is listed in SOURCES.md`);
      let steps = 0;
      let groups = 0;
      for (const node of walkSteps(doc.sequence?.steps ?? [])) {
        if (node.kind === 'group') {
          groups++;
        } else {
          steps++;
        }
      }
      assert.deepEqual({ steps, groups }, { steps: expected.steps, groups: expected.groups }, file.name);
      assert.equal(doc.sequence?.version, expected.version, file.name);
      checkSpans(doc, doc.container === 'escapedText');
    }
  });

  test('well-formed files have no parse error; the two malformed ones one clear error on the right line', (t) => {
    if (!files) {
      t.skip(NO_CORPUS);
      return;
    }
    for (const file of files) {
      const doc = parseTaskSequence(file.text);
      const errors = doc.problems.filter((p) => p.severity === 'error');
      const malformed = MALFORMED[file.name];
      if (!malformed) {
        assert.deepEqual(errors, [], file.name);
        continue;
      }
      assert.deepEqual(
        errors.map((e) => ({ code: e.code, line: lineOf(file.text, e.span.start) })),
        [malformed],
        file.name,
      );
    }
  });

  test('truncating any file at many offsets never makes the parser throw', (t) => {
    if (!files) {
      t.skip(NO_CORPUS);
      return;
    }
    for (const file of files) {
      const step = Math.max(1, Math.floor(file.text.length / 150));
      for (let cut = 0; cut <= file.text.length; cut += step) {
        const doc = parseTaskSequence(file.text.slice(0, cut));
        assert.ok(doc.problems.length > 0 || cut === file.text.length || file.text.slice(cut).trim() === '', `${file.name} cut at ${cut}`);
      }
    }
  });
});
