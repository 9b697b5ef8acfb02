// Drives Neo4j Browser (served by the test Neo4j) in headless Chromium (Debian's, through
// playwright-core; no browser is downloaded) as a researcher following docs/neo4j-browser.md:
// log in, drop schema/browser-style.grass onto the window, run each command of the walk-through.
// Prints what it saw as JSON for test_browser.py (and bench/screenshots.py).
// Usage: node browser_drive.mjs '{"url": "http://127.0.0.1:PORT/browser/", "user": ..., "password": ...,
//   "grass": "/path/browser-style.grass", "commands": [...],
//   "screenshots": "dir", "shots": [step numbers] (optional: pictures of those steps' frames)}'
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'web', 'package.json'));
const { chromium } = require('playwright-core');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const plan = JSON.parse(process.argv[2]);
const origin = new URL(plan.url).origin;
const report = { errors: [], blocked: [], steps: [] };
// When a command's frame has its answer: a graph, a table, a parameter or setting, or an error.
const DONE = /Displaying \d+ nodes|completed after|ERROR|Error|^\s*\{/m;

const browser = await chromium.launch({
  executablePath: plan.chromium || '/usr/bin/chromium', headless: true, args: FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  page.on('pageerror', (e) => report.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) report.errors.push(m.text());
  });
  // Browser asks for web fonts elsewhere; the test machine has no such network: refused here.
  await page.route((url) => url.origin !== origin, (route) => {
    report.blocked.push(route.request().url());
    return route.abort();
  });
  const shot = async (number) => {
    if (plan.screenshots && (!plan.shots || plan.shots.includes(number))) {
      await (await page.$('[data-testid=frame]')).screenshot(
        { path: path.join(plan.screenshots, `neo4j-browser-${number}.png`) });
    }
  };
  const frames = () => page.$$eval('[data-testid=frame]', (fs) => fs.map((f) => f.innerText));
  const run = async (command) => {
    await page.click('#monaco-main-editor');
    await page.keyboard.insertText(command);
    await page.keyboard.press('Control+Enter');
  };

  await page.goto(plan.url);
  await page.waitForSelector('[data-testid=connect]');
  await page.fill('[data-testid=username]', plan.user);
  await page.fill('[data-testid=password]', plan.password);
  await page.click('[data-testid=connect]');
  await page.waitForSelector('text=You are connected as user', { timeout: 60000 });
  report.connected = (await frames()).find((text) => text.startsWith(':server connect'));
  await run(':clear');

  // The style file dropped onto the window, as a person drags it there; Browser then shows
  // the style it now uses (a `:style` frame).
  const grass = fs.readFileSync(plan.grass, 'utf8');
  const files = await page.evaluateHandle(([text, name]) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name));
    return data;
  }, [grass, path.basename(plan.grass)]);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('[data-testid=editor-Run]', type, { dataTransfer: files });
  }
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=frame]')]
    .some((f) => f.innerText.startsWith(':style') && f.innerText.includes('node.')));
  report.style = (await frames())[0];

  for (const [index, command] of plan.commands.entries()) {
    await run(':clear');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=frame]').length === 0);
    await run(command);
    await page.waitForFunction((done) => {
      const frame = document.querySelector('[data-testid=frame]');
      return frame && new RegExp(done, 'm').test(frame.innerText);
    }, DONE.source, { timeout: 60000 });
    await page.waitForTimeout(2500); // the graph's layout settles
    const step = await page.$eval('[data-testid=frame]', (frame) => {
      const chips = {};
      for (const chip of frame.querySelectorAll('[data-testid^=property-details-overview-node-label-]')) {
        chips[chip.textContent.replace(/\s*\(\d+\)$/, '')] = getComputedStyle(chip).backgroundColor;
      }
      return {
        text: frame.innerText.slice(0, 3000),
        fills: [...new Set([...frame.querySelectorAll('svg g.node circle.b-outline')].map((c) => c.getAttribute('fill')))],
        chips,
      };
    });
    report.steps.push({ command, ...step });
    await shot(index + 1);
  }
} catch (err) {
  report.failure = String(err);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
process.exit(report.failure ? 1 : 0);
