import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksLikeTaskSequence } from '../../../server/src/service/util/detect';

describe('task sequence detection', () => {
  it('recognises a bare <sequence version=…> root, after a declaration and comments', () => {
    assert.equal(looksLikeTaskSequence('<sequence version="3.10"><group name="a"/></sequence>'), true);
    assert.equal(looksLikeTaskSequence('\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<!-- exported -->\n<sequence version="3.00" name="MDT">'), true);
  });

  it('recognises a sequence that lost its version by its first child', () => {
    assert.equal(looksLikeTaskSequence('<sequence>\n  <group name="Install">'), true);
    assert.equal(looksLikeTaskSequence('<sequence name="MDT">\n  <!-- note -->\n  <globalVarList>'), true);
  });

  it('recognises the export wrappers and the entity-escaped form', () => {
    assert.equal(looksLikeTaskSequence('<?xml version="1.0"?>\n<SmsTaskSequencePackage xmlns:xsi="x">'), true);
    assert.equal(looksLikeTaskSequence('<INSTANCE CLASSNAME="SMS_TaskSequencePackage">\n<PROPERTY NAME="Sequence">'), true);
    assert.equal(looksLikeTaskSequence('&lt;sequence version="3.10"&gt;&lt;/sequence&gt;'), true);
  });

  it('leaves other XML alone', () => {
    assert.equal(looksLikeTaskSequence('<?xml version="1.0"?>\n<catalog><book/></catalog>'), false);
    assert.equal(looksLikeTaskSequence('<sequence><item/></sequence>'), false, 'a <sequence> without version is some other format');
    assert.equal(looksLikeTaskSequence('<root><sequence version="1"/></root>'), false, 'only the root element counts');
    assert.equal(looksLikeTaskSequence('<INSTANCE CLASSNAME="SMS_Package">'), false);
    assert.equal(looksLikeTaskSequence(''), false);
  });
});
