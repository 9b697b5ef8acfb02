// Drives the explorer in headless Chromium (Debian's, through playwright-core;
// no browser is downloaded) and prints what it saw as JSON for test_browser.py.
// Usage: node drive.mjs '{"base": "http://127.0.0.1:PORT/", "search": ..., ...}'
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'web', 'package.json'));
const { chromium } = require('playwright-core');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const plan = JSON.parse(process.argv[2]);
const report = { errors: [], external: [], downloads: {} };

const browser = await chromium.launch({
  executablePath: plan.chromium || '/usr/bin/chromium', headless: true, args: FLAGS });
try {
  const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1500, height: 950 } });
  page.on('pageerror', (e) => report.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') report.errors.push(m.text()); });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(plan.base) && !url.startsWith('blob:') && !url.startsWith('data:')) report.external.push(url);
  });
  const shot = async (name) => {
    if (plan.screenshots) await page.screenshot({ path: path.join(plan.screenshots, `${name}.png`) });
  };
  const nodeCount = () => page.evaluate(() => cy.nodes().length);
  // Where a node is drawn on the page, to click it with the mouse like a person.
  const whereIs = (id) => page.evaluate((id) => {
    const p = cy.getElementById(id).renderedPosition();
    const box = document.getElementById('graph').getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
  const settle = () => page.waitForFunction(() => !document.getElementById('status').textContent.endsWith('…'));

  if (plan.viz) {  // a page of `kg viz`, opened from its file
    await page.goto(plan.base);
    await page.waitForFunction(() => typeof cy !== 'undefined' && cy.nodes().length > 0);
    report.viz = await page.evaluate(() => {
      const box = cy.nodes().boundingBox();
      return { nodes: cy.nodes().length, edges: cy.edges().length, width: box.w, height: box.h,
               captions: cy.nodes().map((n) => n.data('caption')) };
    });
    await shot('viz-overview');
    throw 'done';
  }
  await page.goto(plan.base);
  await page.waitForFunction(() => document.getElementById('totals').textContent.length > 0);
  report.totals = await page.textContent('#totals');

  // Search (the plan gives traditional characters) and focus the wanted node.
  await page.fill('#search', plan.search);
  await page.click('#search-form button');
  await page.waitForSelector('#results li button');
  report.results = await page.$$eval('#results li button', (bs) => bs.map((b) => b.title));
  report.search_counts = await page.textContent('#search-counts');
  await page.locator('#results li button').filter({ has: page.locator(`xpath=self::*[@title=${JSON.stringify(plan.focus)}]`) }).click();
  await page.waitForFunction(() => cy.nodes().length > 1);
  await settle();
  report.focus_nodes = await nodeCount();

  // Expand: a real click on a neighbour drawn on the canvas.
  report.expanded = plan.expand;
  const at = await whereIs(report.expanded);
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction((n) => cy.nodes().length > n, report.focus_nodes);
  await settle();
  report.expanded_nodes = await nodeCount();
  report.details_title = await page.textContent('#details h3');
  await shot('explorer-focus');

  // Provenance of the clicked node.
  await page.click('#show-provenance');
  await page.waitForSelector('#provenance .evidence');
  report.marks = await page.$$eval('#provenance mark', (ms) => ms.map((m) => m.textContent));
  report.sources = await page.$$eval('#provenance .source', (ss) => ss.map((s) => s.textContent));
  await shot('explorer-provenance');

  // Filters: the focus again, only facts of one report year, then any year.
  if (plan.year) {
    await page.click('#filters summary');
    await page.selectOption('#filter-year', String(plan.year));
    await page.click('#apply-filters');
    await settle();
    report.year_nodes = await nodeCount();
    report.year_edges = await page.evaluate(() => cy.edges().map((e) => e.data('years')));
    await page.selectOption('#filter-year', '');
    await page.fill('#filter-jurisdiction', plan.jurisdiction);
    await page.click('#apply-filters');
    await settle();
    report.jurisdiction_nodes = await nodeCount();
    await page.fill('#filter-jurisdiction', '');
    report.provinces = await page.$$eval('#filter-province option', (os) => os.map((o) => o.value));
    await page.selectOption('#filter-province', plan.province);
    await page.click('#apply-filters');
    await settle();
    report.province_nodes = await nodeCount();
    await page.selectOption('#filter-province', '');
    await page.click('#filters summary');
  }

  // A pack from its form, with its example parameters filled in.
  await page.selectOption('#pack-select', plan.pack);
  await page.click('#run-pack');
  await page.waitForSelector('#table tr:nth-child(2)');
  await settle();
  report.table_header = await page.$$eval('#table th', (ths) => ths.map((t) => t.textContent));
  report.table_rows = await page.$$eval('#table tr', (trs) => trs.length - 1);
  report.pack_nodes = await nodeCount();
  await shot('explorer-pack');

  // Downloads of the current view.
  for (const kind of ['nodes', 'relationships', 'graphml', 'png', 'svg', 'table']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'), page.click(`[data-download="${kind}"]`)]);
    const file = path.join(plan.out, download.suggestedFilename());
    await download.saveAs(file);
    report.downloads[kind] = file;
  }

  // A hostile name: shown as text, nothing runs (the tests' plan only).
  if (plan.hostile_search) {
    await page.fill('#search', plan.hostile_search);
    await page.click('#search-form button');
    // The earlier search's results are still listed until the new ones arrive.
    await page.waitForFunction((query) => [...document.querySelectorAll('#results li button')]
      .some((b) => b.textContent.includes(query)), plan.hostile_search);
    report.hostile_results = await page.$$eval('#results li button', (bs) => bs.map((b) => b.childNodes[1].textContent));
    await page.locator('#results li button').first().click();
    await page.waitForFunction(() => cy.nodes('.focus').length > 0);
    await settle();
    const focus = await page.evaluate(() => cy.nodes('.focus')[0].id());
    const spot = await whereIs(focus);
    await page.mouse.click(spot.x, spot.y);
    await page.waitForFunction((id) => document.querySelector('#details h3') &&
      document.querySelector('#details dd') && cy.$(':selected').id() === id, focus);
    report.hostile_details = await page.textContent('#details h3');
    await page.click('#show-provenance');
    await page.waitForSelector('#provenance .evidence');
    report.hostile_marks = await page.$$eval('#provenance mark', (ms) => ms.map((m) => m.textContent));
    report.injected = await page.evaluate(() => ({
      pwned: window.__pwned === 1, images: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length }));
  }
} catch (err) {
  if (err !== 'done') {
    report.failure = String(err.stack || err);
    process.exitCode = 1;
  }
} finally {
  if (process.exitCode) {
    const pages = browser.contexts().flatMap((c) => c.pages());
    if (pages.length) await pages[0].screenshot({ path: path.join(plan.out, 'failure.png') }).catch(() => {});
  }
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
