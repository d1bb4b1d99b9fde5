// Runs the e2e suite in VS Code desktop through @vscode/test-electron. This needs a machine that
// can download VS Code (or VSCODE_EXECUTABLE_PATH pointing at an installed `code` binary) and a
// display (use xvfb-run on a headless Linux box). The offline route is `node scripts/e2e.mjs`.
//
//   npx tsc -p test/e2e && node out/e2e/runTest.js
//
// Env: VSCODE_EXECUTABLE_PATH (use this VS Code instead of downloading one), VSCODE_VERSION
// ('stable' by default, 'insiders', or e.g. '1.82.0'), E2E_GREP (Mocha grep).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  // compiled to out/e2e/runTest.js
  const repo = path.resolve(__dirname, '..', '..');
  const extensionDevelopmentPath = repo;
  const extensionTestsPath = path.join(__dirname, 'suite', 'index.js');
  const main = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).main as string;
  if (main && !fs.existsSync(path.resolve(repo, main))) {
    console.error(`the extension is not built: ${main} is missing (run \`node scripts/build.mjs\` first)`);
    return 1;
  }

  // Tests may edit files: open a fresh copy of the fixtures, never the originals.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tasksequence-e2e-'));
  const workspace = path.join(tmp, 'workspace');
  const fixtures = path.join(repo, 'test', 'e2e', 'workspace');
  fs.cpSync(fixtures, workspace, { recursive: true, filter: (src) => src !== path.join(fixtures, 'README.md') });
  const resultFile = path.join(tmp, 'result.json');

  try {
    const code = await runTests({
      ...(process.env.VSCODE_EXECUTABLE_PATH
        ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH }
        : { version: process.env.VSCODE_VERSION || 'stable' }),
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: {
        EXT_TEST_RESULT: resultFile,
        ...(process.env.E2E_GREP ? { E2E_GREP: process.env.E2E_GREP } : {}),
      },
      launchArgs: [
        workspace,
        '--disable-extensions', // only the extension under development
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--user-data-dir', path.join(tmp, 'user-data'),
      ],
    });
    return code;
  } catch (e) {
    console.error(`runTests failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    try {
      const r = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { passes: number; failures: number };
      console.log(`${r.passes} passed, ${r.failures} failed`);
    } catch {
      console.log('0 passed, 1 failed');
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code ? 1 : 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
