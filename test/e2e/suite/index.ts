// Loaded by the VS Code extension host as `extensionTestsPath` (by scripts/e2e.mjs through
// code-server, or by test/e2e/runTest.ts through @vscode/test-electron). It must export
// run(): Promise<void>, which rejects when a test fails.
//
// Every *.test.js next to this file (recursively) is added; extension.test.js comes first because
// its first test needs a host in which no task sequence has been opened yet (server not started).
// E2E_GREP filters tests by title. When EXT_TEST_RESULT is set, a JSON summary is written there
// ({ passes, failures, pending, failuresDetail: [{ title, message }] }) for the launcher.
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');

const FIRST = 'extension.test.js';

function testFiles(dir: string): string[] {
  const files = (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f));
  return files.sort((a, b) => {
    const fa = path.basename(a) === FIRST ? 0 : 1;
    const fb = path.basename(b) === FIRST ? 0 : 1;
    return fa - fb || a.localeCompare(b);
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.E2E_TEST_TIMEOUT_MS || 60_000),
    ...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}),
  });
  for (const f of testFiles(__dirname)) mocha.addFile(f);

  return new Promise((resolve, reject) => {
    const failuresDetail: { title: string; message: string }[] = [];
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        const result = { passes, failures, pending, failuresDetail };
        if (process.env.EXT_TEST_RESULT) {
          try {
            fs.writeFileSync(process.env.EXT_TEST_RESULT, JSON.stringify(result, null, 2));
          } catch (e) {
            console.error(`could not write EXT_TEST_RESULT: ${String(e)}`);
          }
        }
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
      runner.on('fail', (test, err: Error) => {
        const lines = (err?.stack || String(err)).split('\n').filter((l) => !/node_modules[\\/]mocha[\\/]/.test(l));
        failuresDetail.push({ title: test.fullTitle(), message: lines.slice(0, 8).join('\n') });
      });
    } catch (e) {
      reject(e);
    }
  });
}
