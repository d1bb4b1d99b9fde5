// A large task sequence stays usable while the user types: after a burst of edits the diagnostics
// that arrive are those of the latest version, and completion answers quickly. The bounds are
// generous (this is a behaviour check, not a benchmark); the measured times are printed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, listDiagnostics, openTaskSequence, ours, waitForDiagnostics, writeScratch } from './helpers';
import { largeSequence } from './largeSequence';

const GROUPS = 100;
const STEPS_PER_GROUP = 30;
/** Keystrokes typed in a burst, without waiting for the server in between. */
const KEYSTROKES = 8;
/** Diagnostics for the latest version must arrive within this long after the last keystroke. */
const DIAGNOSTICS_BOUND_MS = 20_000;
/** A completion request must answer within this long. */
const COMPLETION_BOUND_MS = 5_000;

const TYPE = 'SMS_TaskSequence_RunCommandLineAction';
/** The misspelt step type the generated document ends with: proves the whole file was analysed. */
const MARKER = 'SMS_TaskSequence_SetVariableActoin';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function timedCompletion(uri: vscode.Uri, position: vscode.Position): Promise<{ labels: string[]; ms: number }> {
  const t = Date.now();
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return { labels: (list?.items ?? []).map(labelOf), ms: Date.now() - t };
}

suite('Large task sequence', () => {
  test(`stays responsive while typing (${GROUPS * STEPS_PER_GROUP} steps)`, async function () {
    this.timeout(180_000);
    const generated = largeSequence(GROUPS, STEPS_PER_GROUP);
    const lastType = generated.text.lastIndexOf('SMS_TaskSequence_SetVariableAction');
    const text = generated.text.slice(0, lastType) + MARKER + generated.text.slice(lastType + 'SMS_TaskSequence_SetVariableAction'.length);
    const uri = await writeScratch(`large-${generated.steps}.xml`, text);
    const timings: string[] = [`${generated.steps} steps, ${text.split('\n').length} lines, ${(text.length / 1024 / 1024).toFixed(1)} MB`];
    try {
      await typeInLargeDocument(uri, text, generated.steps, timings);
    } finally {
      // the measured times, also when an assertion failed
      for (const s of timings) console.log(`      ${s}`);
    }
  });
});

/** Open the document, type a burst of keystrokes, ask for completions, undo; push the times to `timings`. */
async function typeInLargeDocument(uri: vscode.Uri, text: string, steps: number, timings: string[]): Promise<void> {
  let t = Date.now();
  const editor = await openTaskSequence(uri, 60_000);
  const doc = editor.document;
  const markerLine = doc.positionAt(text.indexOf(MARKER)).line;
  const isMarker = (d: vscode.Diagnostic): boolean => codeOf(d) === 'unknown-step-type' && d.range.start.line === markerLine;
  await waitForDiagnostics(uri, (ds) => ours(ds).some(isMarker), 60_000, `the diagnostic on the misspelt type at line ${markerLine + 1}`);
  timings.push(`open → first diagnostics ${Date.now() - t} ms`);

  // Type KEYSTROKES characters at the end of a step type in the middle of the document.
  const middle = text.indexOf(`name="Step ${Math.floor(steps / 2)}"`);
  const typeEnd = text.lastIndexOf(TYPE, middle) + TYPE.length;
  const at = doc.positionAt(typeEnd);
  const line = at.line;
  t = Date.now();
  for (let i = 0; i < KEYSTROKES; i++) {
    const ok = await editor.edit((b) => b.insert(at.translate(0, i), 'X'), { undoStopBefore: false, undoStopAfter: false });
    assert.ok(ok, `keystroke ${i + 1} was not applied`);
  }
  const typed = `${TYPE}${'X'.repeat(KEYSTROKES)}`;
  assert.ok(doc.lineAt(line).text.includes(`type="${typed}"`), `the edits did not land: ${doc.lineAt(line).text.trim().slice(0, 80)}`);
  const typingMs = Date.now() - t;
  t = Date.now();
  const mentionsTyped = (d: vscode.Diagnostic): boolean => d.range.start.line === line && d.message.includes(`"${typed}"`);
  const latest = await waitForDiagnostics(
    uri,
    (ds) => ours(ds).some(mentionsTyped),
    DIAGNOSTICS_BOUND_MS,
    `diagnostics for the latest version (a diagnostic naming "${typed}" on line ${line + 1})`,
  );
  timings.push(`${KEYSTROKES} keystrokes in ${typingMs} ms → diagnostics of the latest version ${Date.now() - t} ms after the last one`);
  // Only the latest version's diagnostics: none for a half-typed value, and the rest still there.
  const stale = ours(latest).filter((d) => d.range.start.line === line && !mentionsTyped(d) && /ActionX+"/.test(d.message));
  assert.deepStrictEqual(listDiagnostics(stale), 'none', 'diagnostics of an older version are shown');
  assert.ok(ours(latest).some(isMarker), 'the diagnostic at the end of the document disappeared');

  // Completion right after one more keystroke: the server must answer for the new version.
  const condition = text.indexOf('<variable name="Operator">', middle);
  assert.ok(condition > 0, 'no condition after the middle step');
  await editor.edit((b) => b.insert(at.translate(0, KEYSTROKES), 'X'), { undoStopBefore: false, undoStopAfter: false });
  const operatorAt = doc.positionAt(doc.getText().indexOf('<variable name="Operator">', doc.offsetAt(at)) + '<variable name="Operator">'.length);
  const operators = await timedCompletion(uri, operatorAt);
  timings.push(`completion (operators) right after a keystroke ${operators.ms} ms, ${operators.labels.length} items`);
  assert.ok(operators.labels.includes('equals'), `no operator values offered: ${JSON.stringify(operators.labels.slice(0, 20))}`);
  assert.ok(operators.ms < COMPLETION_BOUND_MS, `completion took ${operators.ms} ms (bound ${COMPLETION_BOUND_MS} ms)`);

  const variableAt = doc.positionAt(doc.getText().indexOf('<variable name="Variable">', doc.offsetAt(at)) + '<variable name="Variable">'.length);
  const variables = await timedCompletion(uri, variableAt);
  timings.push(`completion (variable names) ${variables.ms} ms, ${variables.labels.length} items`);
  const setEarlier = `Phase${Math.floor(steps / 2 / STEPS_PER_GROUP)}Done`;
  assert.ok(variables.labels.includes('_SMSTSInWinPE'), 'no built-in variables offered');
  assert.ok(variables.labels.includes(setEarlier), `${setEarlier}, set by an earlier step, is not offered`);
  assert.ok(variables.ms < COMPLETION_BOUND_MS, `completion took ${variables.ms} ms (bound ${COMPLETION_BOUND_MS} ms)`);

  // Undo the typing in one edit: the diagnostic goes away, the one at the end stays.
  const xs = new vscode.Range(at, at.translate(0, KEYSTROKES + 1));
  assert.strictEqual(doc.getText(xs), 'X'.repeat(KEYSTROKES + 1));
  t = Date.now();
  assert.ok(await editor.edit((b) => b.delete(xs)), 'the fix was not applied');
  const fixed = await waitForDiagnostics(
    uri,
    (ds) => !ours(ds).some((d) => d.range.start.line === line),
    DIAGNOSTICS_BOUND_MS,
    `the diagnostic on line ${line + 1} to go away`,
  );
  timings.push(`fix → diagnostic gone ${Date.now() - t} ms`);
  assert.ok(ours(fixed).some(isMarker), 'the diagnostic at the end of the document disappeared with the fix');
}
