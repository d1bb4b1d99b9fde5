import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandStep, fixture, sequence } from './testUtil';

describe('workspace symbols', () => {
  it('finds steps and groups by name across documents', () => {
    const a = fixture(sequence(`  <group name="Install Apps">\n${commandStep('Install Agent')}\n  </group>`), { withCursor: false });
    const b = fixture(sequence(commandStep('Install Drivers')), { withCursor: false });
    const documents = [a, b].map((f) => ({ document: f.document, parsed: f.parsed }));
    const found = a.service.findWorkspaceSymbols(documents, 'inst');
    assert.deepEqual(
      found.map((s) => s.name),
      ['Install Apps', 'Install Agent', 'Install Drivers'],
    );
    assert.equal(found[1].containerName, 'Install Apps');
    assert.equal(found[2].location.uri, b.document.uri);
    assert.deepEqual(
      a.service.findWorkspaceSymbols(documents, 'agnt').map((s) => s.name),
      ['Install Agent'],
    );
    assert.equal(a.service.findWorkspaceSymbols(documents, '', { maxItems: 2 }).length, 2);
  });
});
