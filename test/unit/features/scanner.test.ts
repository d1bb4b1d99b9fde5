import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanCursorContext, variableReferenceAround, variableReferenceAt } from '../../../server/src/service/util/scanner';

function at(content: string): ReturnType<typeof scanCursorContext> {
  const offset = content.indexOf('|');
  return scanCursorContext(content.slice(0, offset) + content.slice(offset + 1), offset);
}

describe('cursor context scanner', () => {
  it('finds tag names, also of end tags', () => {
    assert.deepEqual(at('<sequence><gr|'), { kind: 'tagName', tagStart: 10, nameStart: 11, nameEnd: 13, closing: false });
    const closing = at('<a></|');
    assert.equal(closing.kind, 'tagName');
    assert.equal(closing.kind === 'tagName' && closing.closing, true);
  });

  it('finds attribute names and values, with the tag they belong to', () => {
    const name = at('<step na| type="x">');
    assert.equal(name.kind, 'attributeName');
    const value = at('<step name="a" type="SMS_|Task" runIn="FullOS">');
    assert.equal(value.kind, 'attributeValue');
    if (value.kind === 'attributeValue') {
      assert.equal(value.tag.name, 'step');
      assert.equal(value.attribute.name, 'type');
      assert.equal(value.attribute.value, 'SMS_Task');
      assert.deepEqual(
        value.tag.attributes.map((a) => a.name),
        ['name', 'type', 'runIn'],
      );
    }
  });

  it('reads an unterminated value up to the end of its line', () => {
    const value = at('<step type="SMS|\n  <action/>');
    assert.equal(value.kind, 'attributeValue');
    if (value.kind === 'attributeValue') {
      assert.equal(value.attribute.terminated, false);
      assert.equal(value.attribute.value, 'SMS');
    }
  });

  it('a "<" ends an unterminated value, else the end of the text does; later attributes are still read', () => {
    const cut = at('<step type="SMS|<action a="b"/>');
    assert.equal(cut.kind === 'attributeValue' && `${cut.attribute.value} ${cut.attribute.terminated}`, 'SMS false');
    const last = at('<step type="SMS|');
    assert.equal(last.kind === 'attributeValue' && `${last.attribute.value} ${last.attribute.terminated}`, 'SMS false');
    const after = at(`<step type='x\n name="n" run|In="FullOS"<a b='c'/>`);
    assert.equal(after.kind, 'attributeName');
    assert.deepEqual(
      after.kind === 'attributeName' && after.tag.attributes.map((a) => `${a.name}=${a.value}/${a.terminated}`),
      ['type=x/false', 'name=n/true', 'runIn=FullOS/true'],
    );
  });

  it('a value may contain ">"', () => {
    assert.equal(at('<variable name="a>b|">').kind, 'attributeValue');
  });

  it('tells content from comments, CDATA and processing instructions', () => {
    assert.equal(at('<a>text|</a>').kind, 'content');
    assert.equal(at('<a><!-- a < b | -->').kind, 'other');
    assert.equal(at('<a><!-- a < b -->|').kind, 'content');
    assert.equal(at('<a><![CDATA[ x < | ]]>').kind, 'other');
    assert.equal(at('<?xml version="1.0"?>|').kind, 'content');
    assert.equal(at('<a>|').kind, 'content');
    assert.equal(at('|').kind, 'content');
  });

  it('finds %VAR% references being typed and complete ones', () => {
    const text = 'cmd /c echo %_SMSTSMD';
    assert.deepEqual(variableReferenceAt(text, text.length), { start: 13, end: text.length });
    assert.equal(variableReferenceAt('echo %A% b', 10), undefined);
    assert.deepEqual(variableReferenceAround('x %OSDisk%\\Windows', 5), { name: 'OSDisk', start: 3, end: 9 });
    assert.equal(variableReferenceAround('x %OSDisk% y', 11), undefined);
  });
});
