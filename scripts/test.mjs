// The one test command (README and .ci/run): builds, then runs the unit and protocol tiers with
// node's test runner and the end-to-end tier in a real VS Code, and closes with one summary line.
// `--no-e2e` skips the end-to-end tier (for quick local runs only).
import { spawn } from 'node:child_process';

function run(command, args) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function count(output, pattern) {
  const matches = [...output.matchAll(pattern)];
  return matches.length ? Number(matches[matches.length - 1][1]) : 0;
}

const tiers = [];
const build = await run(process.execPath, ['scripts/build.mjs']);
if (build.code !== 0) {
  console.log('build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const node = await run(process.execPath, ['--test', '--test-reporter=tap', 'out/test/unit/', 'out/test/protocol/']);
tiers.push({ name: 'unit + protocol', code: node.code, passed: count(node.output, /^# pass (\d+)$/gm), failed: count(node.output, /^# fail (\d+)$/gm) });

if (!process.argv.includes('--no-e2e')) {
  const e2e = await run(process.execPath, ['scripts/e2e.mjs']);
  const summary = [...e2e.output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  tiers.push({
    name: 'end-to-end',
    code: e2e.code,
    passed: summary ? Number(summary[1]) : 0,
    failed: summary ? Number(summary[2]) : e2e.code === 0 ? 0 : 1,
  });
}

let passed = 0;
let failed = 0;
for (const tier of tiers) {
  console.log(`${tier.name}: ${tier.passed} passed, ${tier.failed} failed (exit ${tier.code})`);
  passed += tier.passed;
  // A tier that exits non-zero without a failed test still fails the run.
  failed += tier.failed || (tier.code !== 0 ? 1 : 0);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
