// The TextMate grammar cannot be run here (no vscode-textmate); these checks catch what breaks a
// grammar silently: invalid JSON, regexes that do not compile, includes of missing rules, and the
// task-sequence rules not matching what they are for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
}

interface Grammar extends Rule {
  scopeName: string;
  repository: Record<string, Rule>;
}

const grammar = JSON.parse(readFileSync(path.join(repoRoot, 'syntaxes', 'tasksequence-xml.tmLanguage.json'), 'utf8')) as Grammar;
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; path: string }[]; languages: { id: string; configuration: string; firstLine: string }[] };
};

function* rules(rule: Rule): Generator<Rule> {
  yield rule;
  for (const child of rule.patterns ?? []) {
    yield* rules(child);
  }
  for (const group of [rule.captures, rule.beginCaptures, rule.endCaptures]) {
    for (const capture of Object.values(group ?? {})) {
      yield* rules(capture);
    }
  }
}

function allRules(): Rule[] {
  return [...rules(grammar), ...Object.values(grammar.repository).flatMap((r) => [...rules(r)])];
}

function regex(name: string): RegExp {
  const rule = grammar.repository[name];
  assert.ok(rule?.match, `no match rule ${name}`);
  return new RegExp(rule.match);
}

describe('TextMate grammar', () => {
  it('is the grammar the manifest contributes', () => {
    const contributed = manifest.contributes.grammars.find((g) => g.path === './syntaxes/tasksequence-xml.tmLanguage.json');
    assert.equal(contributed?.scopeName, grammar.scopeName);
    const language = manifest.contributes.languages.find((l) => l.id === 'tasksequence-xml');
    assert.ok(language);
    JSON.parse(readFileSync(path.join(repoRoot, language.configuration), 'utf8'));
    const firstLine = new RegExp(language.firstLine);
    assert.ok(firstLine.test('<sequence version="3.10">'));
    assert.ok(firstLine.test('<?xml version="1.0"?><SmsTaskSequencePackage>'));
    assert.ok(!firstLine.test('<?xml version="1.0"?>'));
  });

  it('has regexes that compile and includes that resolve', () => {
    for (const rule of allRules()) {
      for (const source of [rule.match, rule.begin, rule.end]) {
        if (source !== undefined) {
          assert.doesNotThrow(() => new RegExp(source), source);
        }
      }
      if (rule.include?.startsWith('#')) {
        assert.ok(grammar.repository[rule.include.slice(1)], `missing rule ${rule.include}`);
      }
    }
  });

  it('marks %VAR% references, step types, logical and comparison operators', () => {
    assert.deepEqual(regex('variableReference').exec('cmd /c %OSDisk%\\x')?.[2], 'OSDisk');
    const attribute = grammar.repository.attribute.patterns!.map((p) => new RegExp(p.match ?? '^$'));
    assert.equal(attribute[0].exec('type="SMS_TaskSequence_RunCommandLineAction"')?.[4], 'SMS_TaskSequence_RunCommandLineAction');
    assert.equal(attribute[0].exec('type="BDD_Gather"')?.[4], 'BDD_Gather');
    assert.equal(attribute[1].exec('type="or"')?.[4], 'or');
    const operator = regex('operatorVariable');
    assert.equal(operator.exec('<variable name="Operator">notEquals</variable>')?.[6], 'notEquals');
    assert.equal(operator.exec('<variable name="VersionOperator">greaterEqual</variable>')?.[6], 'greaterEqual');
    assert.equal(operator.exec('<variable name="Value">equals</variable>'), null);
  });
});
