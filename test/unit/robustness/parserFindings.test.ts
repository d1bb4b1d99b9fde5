// One regression test per problem the fuzzer and the hostile inputs found in the parser (the tree
// builder, the model builder, entity decoding), each fixed at its root.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Span, TaskSequenceDocument, XmlElement } from '../../../server/src/service/model';
import { decodeWithMap, decodeXmlText } from '../../../server/src/service/parser/offsetMap';
import { parseTaskSequence } from '../../../server/src/service/parser/parser';
import { buildXmlTree, buildXmlTreeWithSax, MAX_SYNTAX_PROBLEMS } from '../../../server/src/service/parser/xmlTree';
import { compareBuilders } from '../../fuzz/differential';

const SEQ = '<sequence version="3.10">';
const LIMITS = { maxDepth: 256, maxElements: 1_000_000 };

function slice(doc: { text: string } | string, span: Span | undefined): string | undefined {
  const text = typeof doc === 'string' ? doc : doc.text;
  return span && text.slice(span.start, span.end);
}

function codes(doc: TaskSequenceDocument): string[] {
  return doc.problems.map((p) => p.code);
}

/** Milliseconds `f` takes. */
function timed(f: () => void): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

function find(roots: readonly XmlElement[], name: string): XmlElement | undefined {
  const pending = [...roots];
  for (let e = pending.pop(); e; e = pending.pop()) {
    if (e.name === name) {
      return e;
    }
    pending.push(...e.children);
  }
  return undefined;
}

describe('robustness: parser findings', () => {
  test('a group of 300 000 steps builds (no spread of that many arguments)', () => {
    const text = `${SEQ}<group name="g">${'<step type="SMS_TaskSequence_SetVariableAction" name="s"/>'.repeat(300_000)}</group></sequence>`;
    const doc = parseTaskSequence(text);
    const group = doc.sequence?.steps[0];
    assert.equal(group?.kind, 'group');
    assert.equal(group.kind === 'group' && group.steps.length, 300_000);
  });

  test('&constructor; and &__proto__; are not Object.prototype members', () => {
    assert.equal(decodeXmlText('a&constructor;b&__proto__;c&toString;'), 'a&constructor;b&__proto__;c&toString;');
    assert.equal(decodeWithMap('&constructor;&amp;', 0).text, '&constructor;&');
    const doc = parseTaskSequence(`${SEQ}<group name="&constructor;" description="&hasOwnProperty;"/></sequence>`);
    assert.equal(doc.sequence?.steps[0].name, '&constructor;');
    assert.equal(doc.sequence?.steps[0].description, '&hasOwnProperty;');
  });

  test('comment spans cover <!-- to --> exactly, on both paths', () => {
    const text = `<!-- first --><sequence version="3.10"><!--in--><group name="g"/><!-- a - b --></sequence>`;
    for (const tree of [buildXmlTree(text, undefined, LIMITS), buildXmlTreeWithSax(text, undefined, LIMITS)]) {
      assert.deepEqual(
        tree.comments.map((c) => slice(text, c.span)),
        ['<!-- first -->', '<!--in-->', '<!-- a - b -->'],
      );
    }
    // A document the fast path hands to sax (a DOCTYPE) keeps exact spans too.
    const doc = parseTaskSequence(`<!DOCTYPE x><!-- lead -->${SEQ}<!-- ts-ignore: x --></sequence>`);
    assert.deepEqual(
      doc.comments.map((c) => slice(doc, c.span)),
      ['<!-- lead -->', '<!-- ts-ignore: x -->'],
    );
  });

  test('text after an element beyond the depth limit has its own span', () => {
    const text = '<a><b><c>x</c>y</b></a>';
    for (const tree of [buildXmlTree(text, undefined, { maxDepth: 2, maxElements: 100 }), buildXmlTreeWithSax(text, undefined, { maxDepth: 2, maxElements: 100 })]) {
      const b = find(tree.roots, 'b');
      assert.equal(b?.text, 'y');
      assert.equal(slice(text, b?.textSpan), 'y');
      assert.equal(tree.truncated, true);
    }
  });

  test('an empty comment inside text does not cut the text span short', () => {
    const text = `${SEQ}<group name="g"><action>cmd /c S<!---->ysprep.exe</action></group></sequence>`;
    const doc = parseTaskSequence(text);
    const action = find(doc.roots, 'action');
    assert.equal(action?.text, 'cmd /c Sysprep.exe');
    assert.equal(slice(doc, action?.textSpan), 'cmd /c S<!---->ysprep.exe');
  });

  test('an XML declaration after another processing instruction is located at its own <?', () => {
    const text = `<?a?><?xml version="1.0"?>${SEQ}</sequence>`;
    const doc = parseTaskSequence(text);
    const problem = doc.problems.find((p) => p.code === 'xml-declaration-not-first');
    assert.equal(slice(doc, problem?.span), '<?xml version="1.0"?>');
  });

  test('a lower-case <!doctype> is located, and its entities never expanded', () => {
    const text = `<!doctype sequence [<!ENTITY e "EXPANDED">]>${SEQ}<group name="&e;">&e;</group></sequence>`;
    const doc = parseTaskSequence(text);
    const problem = doc.problems.find((p) => p.code === 'doctype');
    assert.match(slice(doc, problem?.span) ?? '', /^<!doctype sequence/);
    assert.ok(!JSON.stringify(doc.sequence?.steps[0].name).includes('EXPANDED'));
  });

  test('entity names in another case and &#X are reported (sax accepts them silently)', () => {
    const text = `${SEQ}<group name="a&AMP;b">x &Lt; y &#X41;</group></sequence>`;
    const doc = parseTaskSequence(text);
    const found = doc.problems.filter((p) => p.code === 'xml-syntax').map((p) => slice(doc, p.span));
    assert.deepEqual(found.sort(), ['&#X41;', '&AMP;', '&Lt;'].sort());
  });

  test('at most MAX_SYNTAX_PROBLEMS syntax problems, then one notice', () => {
    const doc = parseTaskSequence(`${SEQ}<group name="g">${'a & b '.repeat(5000)}</group></sequence>`);
    assert.equal(doc.problems.filter((p) => p.code === 'xml-syntax').length, MAX_SYNTAX_PROBLEMS);
    assert.equal(doc.problems.filter((p) => p.code === 'too-many-syntax-errors').length, 1);
  });

  test('a tag with many repeated attributes is checked in linear time', () => {
    const attributes = Array.from({ length: 40_000 }, (_, i) => `a${i % 20_000}="${i}"`).join(' ');
    let doc: TaskSequenceDocument | undefined;
    const ms = timed(() => {
      doc = parseTaskSequence(`${SEQ}<group ${attributes}/></sequence>`);
    });
    assert.ok(ms < 3000, `${ms} ms`);
    assert.equal(doc?.problems.filter((p) => p.code === 'duplicate-attribute').length, MAX_SYNTAX_PROBLEMS);
    assert.equal(doc?.sequence?.steps[0].element.attributes.length, 40_000);
  });
});

describe('robustness: broken documents stay linear', () => {
  // Each of these took seconds to minutes before: sax's per-character errors and the restarts were quadratic.
  const cases: { name: string; text: string; boundMs: number }[] = [
    { name: 'end tags that match no open element, deep in unclosed groups', text: SEQ + '<group></step>'.repeat(20_000) + '</sequence>', boundMs: 3000 },
    { name: 'stray end tags under 100 000 nested groups', text: SEQ + '<group name="g">'.repeat(100_000) + '</step>'.repeat(5000) + '</sequence>', boundMs: 4000 },
    { name: 'unfinished start tags with distinct names', text: SEQ + Array.from({ length: 20_000 }, (_, i) => `<n${i} a="`).join('\n') + '</sequence>', boundMs: 4000 },
    { name: 'unfinished end tags', text: SEQ + '<group>' + '</acti\n'.repeat(20_000) + '</group></sequence>', boundMs: 4000 },
    { name: 'a text full of bare ampersands', text: `${SEQ}<group name="g">${'a & b '.repeat(100_000)}</group></sequence>`, boundMs: 3000 },
    { name: 'text runs with a bare ampersand each', text: SEQ + '<group name="g">a &amp b<x/></group>'.repeat(20_000) + '</sequence>', boundMs: 3000 },
    { name: 'a megabyte of NUL characters', text: '\u0000'.repeat(1 << 20), boundMs: 1000 },
    { name: 'a megabyte of text outside the root', text: `${SEQ}</sequence>${'garbage '.repeat(130_000)}`, boundMs: 1000 },
    {
      name: 'two megabytes of elements and text after an early </sequence>',
      text: `${SEQ}<group/></sequence>${'<step name="s"><action>cmd.exe /c echo &amp; more text</action></step>\n'.repeat(28_000)}`,
      boundMs: 1000,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      let doc: TaskSequenceDocument | undefined;
      const ms = timed(() => {
        doc = parseTaskSequence(c.text);
      });
      assert.ok(ms < c.boundMs, `${ms.toFixed(0)} ms, bound ${c.boundMs} ms`);
      assert.ok(doc && doc.problems.length > 0);
      assert.ok(doc.problems.length <= MAX_SYNTAX_PROBLEMS + 20, `${doc.problems.length} problems`);
    });
  }

  test('text in elements after the root closed is one stray-text problem from its first to its last character', () => {
    const text = `${SEQ}<group/></sequence> <step>first &amp; x</step>\n<step><action> last &lt;x </action></step>`;
    const doc = parseTaskSequence(text);
    const stray = doc.problems.find((p) => p.message.startsWith('Text outside the root element'));
    assert.equal(slice(doc, stray?.span), 'first &amp; x</step>\n<step><action> last &lt;x');
    assert.equal(compareBuilders(text, LIMITS), undefined);
  });

  test('a million NULs give one clear problem, not one per character', () => {
    const doc = parseTaskSequence('\u0000'.repeat(1 << 20));
    assert.deepEqual(codes(doc), ['no-sequence']);
  });

  test('the two tree builders agree on those documents', () => {
    for (const c of cases) {
      const text = c.text.length > 100_000 ? c.text.slice(0, 100_000) : c.text;
      assert.equal(compareBuilders(text, LIMITS), undefined, c.name);
      assert.equal(compareBuilders(text, { maxDepth: 3, maxElements: 50 }), undefined, `${c.name}, small limits`);
    }
  });
});
