// Drives the VS Code workbench like a user, with Playwright. It is used by `node scripts/e2e.mjs --ui`,
// which starts code-server and chromium, loads the extension (extensionDevelopmentPath) and calls
// drive(). The fixture is showcase.xml in the workspace copy.
//
// Steps (each one is reported ✔/✖; a failed step saves ui-failure-<step>.png in the run dir):
//   workbench   the workbench loads with the workspace folder       (the run stops here on failure)
//   open        Ctrl+P showcase.xml; the editor shows it            (the run stops here on failure)
//   problems    Ctrl+Shift+M; the Problems panel lists a "tasksequence" diagnostic; a click on
//               it shows the error in the editor (side bar closed, for width)       -> problems.png
//   outline     the Outline view lists the groups and steps (side bar widened, panel
//               hidden)                                                              -> outline.png
//   completion  Ctrl+Space inside a <condition>, details expanded; an item is picked
//               and inserted (side bar closed)                                       -> completion.png
//   quickfix    Ctrl+. on a diagnostic; the light bulb menu's first fix is applied    -> quickfix.png
// Screenshots go to shotsDir (docs/images by default); each one is taken while its widget is open,
// in a VIEWPORT-sized window.
import fs from 'node:fs';
import path from 'node:path';
import { shrinkPng } from './png.mjs';

const FIXTURE = 'showcase.xml';
const WAIT = 30_000;
/** The window size of the screenshots (CSS pixels). */
const VIEWPORT = { width: 1280, height: 800 };

/**
 * @param {object} o
 * @param {import('playwright-core').Page} o.page
 * @param {string} o.url          workbench URL (folder + payload)
 * @param {string} o.workspace    absolute path of the opened folder (a copy of test/e2e/workspace)
 * @param {string} o.shotsDir     where the PNGs go
 * @param {string} o.failureDir   where failure screenshots go
 * @param {(...a: unknown[]) => void} o.log
 * @returns {Promise<{ passed: number, failed: number, steps: { name: string, ok: boolean, error?: string }[] }>}
 */
export async function drive({ page, url, workspace, shotsDir, failureDir, log }) {
  const steps = [];
  const fixtureText = fs.readFileSync(path.join(workspace, FIXTURE), 'utf8');
  const fixtureLines = fixtureText.split(/\r?\n/);
  /** 1-based line and column of the first occurrence of `needle` (+ offset chars). */
  const where = (needle, offset = 0) => {
    const i = fixtureLines.findIndex((l) => l.includes(needle));
    if (i < 0) throw new Error(`"${needle}" is not in ${FIXTURE}`);
    return { line: i + 1, col: fixtureLines[i].indexOf(needle) + 1 + offset };
  };

  async function step(name, fn, { critical = false } = {}) {
    const t = Date.now();
    try {
      await fn();
      steps.push({ name, ok: true });
      log(`✔ ${name} (${Date.now() - t} ms)`);
      return true;
    } catch (e) {
      const error = String(e?.message || e).split('\n')[0];
      steps.push({ name, ok: false, error });
      log(`✖ ${name}: ${error}`);
      const shot = path.join(failureDir, `ui-failure-${name}.png`);
      await page.screenshot({ path: shot }).then(() => log(`  failure screenshot: ${shot}`), () => {});
      if (critical) throw Object.assign(new Error(`step ${name} failed`), { abort: true });
      return false;
    }
  }
  const shot = async (name) => {
    const file = path.join(shotsDir, name);
    const png = await page.screenshot();
    const small = shrinkPng(png); // 256 colours: about a third of the size, looks the same
    fs.writeFileSync(file, small.data);
    log(`  screenshot ${file} (${Math.round(small.data.length / 1024)} KB${small.data !== png ? `, ${small.colors} colours → 256` : ''})`);
  };

  // --- small user actions ---------------------------------------------------------------------
  const quickInput = page.locator('.quick-input-widget .quick-input-box input');
  const editorText = async () => (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
  async function runCommand(label) {
    await page.keyboard.press('F1');
    await quickInput.waitFor({ state: 'visible' });
    await quickInput.fill('>' + label);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await quickInput.waitFor({ state: 'hidden' });
  }
  async function openFile(name) {
    await page.keyboard.press('Control+P');
    await quickInput.waitFor({ state: 'visible' });
    await quickInput.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab.active:has-text("${name}")`).waitFor();
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }
  async function focusEditor() {
    await runCommand('View: Focus Active Editor Group');
  }
  async function goTo({ line, col }) {
    await page.keyboard.press('Control+G');
    await quickInput.waitFor({ state: 'visible' });
    await quickInput.fill(`:${line}:${col}`);
    await page.keyboard.press('Enter');
    await quickInput.waitFor({ state: 'hidden' });
    await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: 5000 });
  }
  /** Drag the sash on the side bar's right edge until the side bar is `width` pixels wide (cosmetic). */
  async function widenSideBar(width) {
    const box = await page.locator('.part.sidebar').boundingBox().catch(() => null);
    if (!box || box.width >= width) return;
    const x = box.x + box.width;
    const y = box.y + box.height / 2;
    await page.mouse.move(x - 1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + width, y, { steps: 8 });
    await page.mouse.up();
    await page.mouse.move(VIEWPORT.width - 40, VIEWPORT.height - 60); // no hover highlight on the sash
  }
  async function clearNotifications() {
    if (await page.locator('.notification-toast').count()) await runCommand('Notifications: Clear All Notifications').catch(() => {});
  }

  // --- the steps ------------------------------------------------------------------------------
  try {
    await step(
      'workbench',
      async () => {
        await page.setViewportSize(VIEWPORT);
        await page.goto(url);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: WAIT });
      },
      { critical: true },
    );

    await step('open', async () => {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
      await openFile(FIXTURE);
      await page.locator('.editor-instance .view-lines:has-text("Install Applications")').waitFor();
    }, { critical: true });

    await step('problems', async () => {
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'tasksequence' });
      await rows.first().waitFor({ timeout: WAIT });
      log(`  Problems: ${(await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()).join(' | ')}`);
      // The whole width for the messages; a click on the error reveals it in the editor.
      await runCommand('View: Close Primary Side Bar');
      await rows.filter({ hasText: 'unknown-step-type' }).first().click();
      await page.mouse.move(VIEWPORT.width - 40, VIEWPORT.height - 60); // the row's icon, not its hover light bulb
      const at = where('RunCommandLineActoin');
      await page.locator('.editor-instance .monaco-editor .line-numbers.active-line-number', { hasText: new RegExp(`^${at.line}$`) }).first().waitFor({ timeout: 5000 });
      await clearNotifications();
      await shot('problems.png');
    });

    await step('outline', async () => {
      await runCommand('View: Show Explorer');
      // room for the Outline: collapse the Explorer's folder section (cosmetic, for the screenshot)
      const folders = page.locator('.explorer-viewlet .pane-header').first();
      await folders.waitFor({ timeout: 5000 });
      if ((await folders.getAttribute('aria-expanded').catch(() => null)) === 'true') await folders.click().catch(() => {});
      await runCommand('Explorer: Focus on Outline View');
      const rows = page.locator('.outline-pane .monaco-list-row');
      // VS Code race: if the Outline rendered before the symbol provider was registered it stays at
      // "The active editor cannot provide outline information". A user would reopen the editor.
      for (let attempt = 1; ; attempt++) {
        try {
          await rows.filter({ hasText: 'Install Applications' }).first().waitFor({ timeout: 10_000 });
          break;
        } catch (e) {
          if (attempt >= 3) throw new Error(`the Outline view stayed empty: ${e.message.split('\n')[0]}`);
          log(`  outline empty (attempt ${attempt}): reopening the editor`);
          await focusEditor();
          await page.keyboard.press('Control+W');
          await openFile(FIXTURE);
          await runCommand('Explorer: Focus on Outline View');
        }
      }
      log(`  Outline: ${(await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()).join(' | ')}`);
      // a wider side bar, so that the step types and conditions next to the names are not cut
      await widenSideBar(480);
      await runCommand('View: Hide Panel').catch(() => {}); // the editor's full height next to the Outline
      await clearNotifications();
      await shot('outline.png');
    });

    await step('completion', async () => {
      // A: the value of <variable name="Variable"> inside the group's <condition>: keep "_SMSTS" and
      //    ask for completions. B: a new line right after <condition>.
      const value = '_SMSTSInWinPE';
      const v = where(`<variable name="Variable">${value}<`, '<variable name="Variable">'.length);
      const strategies = [
        {
          what: 'variable value in <condition>',
          prepare: async () => {
            await goTo({ line: v.line, col: v.col + 6 });
            for (let i = 6; i < value.length; i++) await page.keyboard.press('Shift+ArrowRight');
            await page.keyboard.press('Delete');
          },
        },
        {
          what: 'new line in <condition>',
          prepare: async () => {
            const c = where('<condition>');
            await goTo({ line: c.line, col: 1 });
            await page.keyboard.press('End');
            await page.keyboard.press('Enter');
          },
        },
      ];
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      const rows = widget.locator('.monaco-list-row');
      const none = widget.locator('.message', { hasText: /No suggestions/i });
      const reasons = [];
      // room for the suggest widget and its details: the side bar is not needed here
      await runCommand('View: Close Primary Side Bar').catch(() => {});
      for (const s of strategies) {
        await focusEditor();
        await s.prepare();
        await page.keyboard.press('Control+Space');
        try {
          await rows.or(none).first().waitFor({ timeout: 10_000 });
        } catch {
          reasons.push(`no suggest widget for the ${s.what}`);
          await revert();
          continue;
        }
        if (!(await rows.count())) {
          reasons.push(`"No suggestions" for the ${s.what}`);
          await page.keyboard.press('Escape');
          await revert();
          continue;
        }
        const focused = widget.locator('.monaco-list-row.focused').first();
        const label = ((await focused.getAttribute('aria-label')) || (await focused.innerText())).split(/[,\n]/)[0].trim();
        log(`  ${await rows.count()} items for the ${s.what}; picking "${label}"`);
        // Ctrl+Space again expands the focused item's documentation (cosmetic: a missing side
        // panel does not fail the step).
        const details = page.locator('.suggest-details-container .suggest-details');
        if (!(await details.isVisible())) {
          await page.keyboard.press('Control+Space');
          await details.waitFor({ timeout: 3000 }).catch(() => log('  (the details panel did not open)'));
        }
        await clearNotifications();
        await shot('completion.png');
        await page.keyboard.press('Enter');
        await widget.waitFor({ state: 'hidden', timeout: 5000 });
        const text = await editorText();
        const word = label.replace(/[^\w].*$/, '') || label;
        if (!text.includes(word)) throw new Error(`"${label}" was picked but the editor does not show "${word}"`);
        await revert();
        return;
      }
      throw new Error(reasons.join('; '));
    });

    await step('quickfix', async () => {
      const candidates = [
        { what: 'step type typo', at: where('RunCommandLineActoin'), gone: 'RunCommandLineActoin' },
        { what: 'continueOnError="True"', at: where('continueOnError="True"', 'continueOnError="'.length), gone: 'continueOnError="True"' },
      ];
      const menu = page.locator('.action-widget');
      const actions = menu.locator('.monaco-list-row.action');
      const noActions = page.locator('.monaco-editor-overlaymessage', { hasText: /No code actions/i });
      const reasons = [];
      // the Problems panel again, to show what is being fixed
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown-step-type' }).first().waitFor({ timeout: WAIT });
      for (const c of candidates) {
        await focusEditor();
        await goTo(c.at);
        await page.keyboard.press('Control+.');
        try {
          await actions.or(noActions).first().waitFor({ timeout: 10_000 });
        } catch {
          reasons.push(`the light bulb menu did not open at the ${c.what}`);
          continue;
        }
        if (!(await actions.count())) {
          reasons.push(`"No code actions available" at the ${c.what}`);
          await page.keyboard.press('Escape');
          continue;
        }
        const titles = (await actions.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
        log(`  quick fixes at the ${c.what}: ${titles.join(' | ')}`);
        await clearNotifications();
        await shot('quickfix.png');
        await page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
        const end = Date.now() + 10_000;
        while ((await editorText()).includes(c.gone)) {
          if (Date.now() > end) throw new Error(`applying "${titles[0]}" did not change "${c.gone}"`);
          await page.waitForTimeout(100);
        }
        return;
      }
      throw new Error(reasons.join('; '));
    });
  } catch (e) {
    if (!e.abort) throw e;
  }

  async function revert() {
    await runCommand('File: Revert File').catch(() => {});
  }

  const failed = steps.filter((s) => !s.ok);
  if (failed.length) log(`failed steps: ${failed.map((s) => `${s.name} (${s.error})`).join('; ')}`);
  return { passed: steps.length - failed.length, failed: failed.length, steps };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.error('drive.mjs is run by the launcher: node scripts/e2e.mjs --ui');
  process.exit(2);
}
