// The report as a council publishes it and a campaigner prints it (playwright-core driving
// Debian's chromium, headless, nothing fetched): no WCAG 2.2 A/AA violation axe-core finds, at
// load and after a planner edit; no sideways scroll on a 390 px phone; printed to A4 PDF in under
// 25 pages with every scenario's map; the planner's map changes the site clicked and says what
// changed, from the mouse and the keyboard; each printable map downloads as SVG (areas, key,
// source) and PNG; and a crafted #plan= link either restores a plan or says why not, never an
// uncaught error.
//
// node report_access_test.mjs CENTRECOV DATA_DIR SOURCE_DIR SCREENSHOT_DIR [SCENARIO_FILE]
// (default geodata/scenarios/isle-of-wight.toml, with the Isle of Wight's data)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { offlineBrowser } from './offline_browser.mjs';

const [centrecov, data, source, shots, scenarioArg] = process.argv.slice(2);
const { chromium } = await import(path.join(source, 'web/node_modules/playwright-core/index.mjs'));
const axePath = path.join(source, 'web/node_modules/axe-core/axe.min.js');
fs.mkdirSync(shots, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'centrecov-access-'));
let failures = 0;
function check(what, ok, detail = '') {
  console.log(`${ok ? 'ok' : 'FAIL'} - ${what}${ok || !detail ? '' : ': ' + detail}`);
  if (!ok) { failures += 1; }
}

const scenarioFile = path.resolve(source, scenarioArg || 'geodata/scenarios/isle-of-wight.toml');
const label = path.basename(scenarioFile, '.toml');
execFileSync(centrecov, ['--quiet', 'scenarios', scenarioFile, '--data', data, '--out', path.join(work, 'scen'),
  '--draws', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
const report = path.join(work, 'scen/report.html');
const scenarioCount = JSON.parse(fs.readFileSync(path.join(work, 'scen/comparison.json'), 'utf8')).length;

const { browser, context, fetched } = await offlineBrowser(chromium);
const pageErrors = [];
async function open(hash = '', viewport = null) {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${hash}: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') { pageErrors.push(`${hash}: ${m.text()}`); } });
  if (viewport) { await page.setViewportSize(viewport); }
  await page.goto('file://' + report + hash);
  await page.waitForSelector('body[data-planner-ready="1"]', { timeout: 60000 });
  return page;
}
const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) { await page.addScriptTag({ path: axePath }); }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 3)
      .map((n) => n.target.join(' ')).join(', ')})`);
  }, wcag);
}

// --- WCAG 2.2 A/AA at load ---
const page = await open();
let violations = await axe(page);
check('no axe-core WCAG 2.2 A/AA violation at load', violations.length === 0, violations.join('; '));

// --- words: every technical term the page uses is in its glossary; no scenario's id stands in
// for its name in a sentence ---
const words = await page.evaluate(() => {
  const glossary = document.getElementById('glossary');
  const terms = glossary ? Array.from(glossary.querySelectorAll('dt')).map((dt) => dt.textContent) : [];
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('script, style, #glossary, code').forEach((e) => e.remove());
  return { terms, text: clone.textContent };
});
for (const [term, pattern] of [['LSOA', /\bLSOA/], ['IDACI', /\bIDACI\b/], ['IMD', /\bIMD\b/],
  ['E2SFCA', /E2SFCA/], ['Gini', /\bGini\b/], ['Palma', /\bPalma\b/], ['concentration index', /concentration index/i],
  ['draws', /\bdraws\b/i], ['circuity', /circuity/i], ['k-curve', /k-curve/i]]) {
  if (pattern.test(words.text)) {
    check(`the glossary explains ${term}`, words.terms.some((t) => pattern.test(t)), words.terms.join(' | '));
  }
}
const scenarioIds = JSON.parse(fs.readFileSync(path.join(work, 'scen/comparison.json'), 'utf8')).map((c) => c.id);
const sentencesWithIds = scenarioIds.filter((id) => new RegExp(`against ${id.replace(/[-]/g, '\\-')}\\b`).test(words.text));
check('no sentence says "against" a scenario\'s id', sentencesWithIds.length === 0, sentencesWithIds.join(', '));

// --- the planner's map: a click changes the centre under the pointer, and says so ---
const planner = await page.evaluate(() => JSON.parse(document.getElementById('report-data').textContent).planner);
const centreCount = planner.sites.filter((s) => s.kind === 'centre').length;
await page.locator('#planner-map').scrollIntoViewIfNeeded();
// Every placed centre's marker, where it is on the screen, and the libraries drawn there.
const markers = await page.evaluate(() => Array.from(document.querySelectorAll('#planner-map path.planner-site'))
  .map((p) => { const r = p.getBoundingClientRect(); return { id: p.getAttribute('data-site'),
    index: Number(p.getAttribute('data-site-index')), x: r.x + r.width / 2, y: r.y + r.height / 2 }; }));
const centreMarkers = markers.filter((m) => m.index < centreCount);
const libraryMarkers = markers.filter((m) => m.index >= centreCount);
// The centre with a library nearest it on the screen: the case where the library used to take the click.
function nearestLibrary(m) {
  return Math.min(...libraryMarkers.map((l) => Math.hypot(l.x - m.x, l.y - m.y)), Infinity);
}
const target = centreMarkers.slice().sort((a, b) => nearestLibrary(a) - nearestLibrary(b))[0];
check('the planner map has centres to click', target !== undefined);
console.log(`# clicking ${target.id}, whose nearest library is ${nearestLibrary(target).toFixed(1)} px away`);
const tableState = () => page.evaluate(() => Array.from(document.querySelectorAll('#planner-sites [data-site]'))
  .map((e) => `${e.getAttribute('data-site')}:${e.getAttribute('data-kind') || ''}=${e.type === 'checkbox' ?
    e.checked : e.value}`));
const before = await tableState();
await page.mouse.click(target.x, target.y);
const after = await tableState();
const changed = after.filter((s, i) => s !== before[i]);
check('clicking a centre on the planner map changes that centre and nothing else',
  changed.length === 1 && changed[0].startsWith(`${target.id}:=`), JSON.stringify(changed));
const said = await page.textContent('#planner-status');
const targetName = planner.sites[target.index].name;
check('the page says what the click changed', said.includes(targetName) && /closed/.test(said), said);
check('what it says is short enough to hear after each change', said.length < 300, `${said.length} characters`);
check('the figures are not re-read aloud after each change',
  (await page.$$eval('[aria-live]:not([role=status])', (e) => e.length)) === 0 &&
  (await page.getAttribute('#planner-status', 'role')) === 'status');

violations = await axe(page);
check('no axe-core WCAG 2.2 A/AA violation after a planner edit', violations.length === 0, violations.join('; '));

// --- the keyboard: markers have names, Enter toggles; the skip link passes the map ---
const marker = page.locator(`#planner-map path.planner-site[data-site="${target.id}"]`);
const name = await marker.getAttribute('aria-label');
check('a map marker has a name saying what a press does', name && name.includes(targetName) && /reopen/.test(name),
  name);
await marker.focus();
await page.keyboard.press('Enter');
check('Enter on a marker reopens the centre',
  (await page.$eval(`#planner-sites select[data-site="${target.id}"]`, (s) => s.value)) !== 'closed');
check('focus stays on the same site after the map is redrawn',
  await page.evaluate((id) => document.activeElement.getAttribute('data-site') === id, target.id));
await page.focus('#planner-map');
await page.evaluate(() => document.querySelector('#planner .skip').focus());
await page.keyboard.press('Enter');
await page.keyboard.press('Tab');
const tabs = await page.evaluate(() => document.activeElement.closest('#planner-sites, .scroll') !== null);
check('the skip link takes the keyboard past the map to the table of sites', tabs);

// --- each printable map as a file: SVG with its areas, key and source; PNG ---
const figure = page.locator('figure.static-map-figure').first();
const [svgDownload] = await Promise.all([page.waitForEvent('download'),
  figure.locator('button[data-format="svg"]').click()]);
const svgText = fs.readFileSync(await svgDownload.path(), 'utf8');
const areaCount = await page.$$eval('svg.static-map', (maps) => maps[0].querySelectorAll('use').length);
check('the downloaded SVG has every area drawn in full',
  (svgText.match(/<path d="M/g) || []).length >= areaCount && !svgText.includes('<use'),
  `${(svgText.match(/<path d="M/g) || []).length} paths for ${areaCount} areas`);
check('the downloaded SVG has its key, title and source',
  svgText.includes('closed centre') && svgText.includes('Source:') && svgText.includes('Contains'), '');
const [pngDownload] = await Promise.all([page.waitForEvent('download'),
  figure.locator('button[data-format="png"]').click()]);
const png = fs.readFileSync(await pngDownload.path());
check('the downloaded PNG is a PNG', png.subarray(1, 4).toString() === 'PNG' && png.length > 10000, `${png.length}`);
await page.screenshot({ path: path.join(shots, `access-page-${label}.png`), fullPage: false });
await page.close();

// --- a phone: nothing wider than the screen ---
const phone = await open('', { width: 390, height: 844 });
const widths = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth,
  screen: document.documentElement.clientWidth,
  wide: Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right >
    document.documentElement.clientWidth + 1 && !e.closest('.scroll, .leaflet-container, .skip'))
    .slice(0, 5).map((e) => e.tagName + (e.id ? '#' + e.id : '')) }));
check('no sideways scroll at 390 px', widths.page <= widths.screen, JSON.stringify(widths));
await phone.screenshot({ path: path.join(shots, `access-phone-${label}.png`) });
await phone.close();

// --- paper: A4, every scenario's map, under 25 pages ---
const printing = await open();
await printing.emulateMedia({ media: 'print' });
const shownMaps = await printing.$$eval('svg.static-map', (maps) => maps.filter((m) =>
  m.getBoundingClientRect().height > 50).length);
check('every scenario\'s map is laid out for print', shownMaps === scenarioCount, `${shownMaps} of ${scenarioCount}`);
const pdfPath = path.join(work, 'report.pdf');
await printing.pdf({ path: pdfPath, format: 'A4' });
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))[1]);
const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
const keys = (text.match(/closed centre/g) || []).length;
console.log(`# printed to ${pages} A4 pages with ${keys} maps' keys`);
check('printed in under 25 A4 pages', pages < 25, `${pages}`);
check('the PDF has every scenario\'s map', keys === scenarioCount, `${keys} keys for ${scenarioCount} scenarios`);
check('closed sections are closed again after printing',
  (await printing.$$eval('#static-maps details:not([open])', (d) => d.length)) === scenarioCount - 1);
await printing.close();

// --- links: a plan comes back (and the page says so), anything else says why not ---
const first = planner.scenarios[0];
const someCentre = planner.sites.find((s) => s.kind === 'centre' && !s.same_as && s.lat !== null);
const good = { start: first.id, centres: { [someCentre.id]: 'closed', 'no-such-centre': 'closed' }, bases: [],
  outreach: [], budget: null };
const linked = await open('#plan=' + encodeURIComponent(JSON.stringify(good)));
const linkStatus = await linked.textContent('#planner-status');
check('a plan link is restored', (await linked.$eval(`#planner-sites select[data-site="${someCentre.id}"]`,
  (s) => s.value)) === 'closed');
check('a plan link says it loaded the plan and what it left out', /loaded/.test(linkStatus) &&
  linkStatus.includes('no-such-centre'), linkStatus);
check('a plan link opens at the planner', await linked.evaluate(() => {
  const r = document.getElementById('planner').getBoundingClientRect();
  return r.top < window.innerHeight && r.bottom > 0;
}));
await linked.close();
const crafted = ['#plan=null', '#plan=__proto__', '#plan=%22constructor%22', '#plan=%7B%22start%22%3A%22__proto__%22%7D',
  '#plan=' + encodeURIComponent(JSON.stringify({ start: first.id, centres: { __proto__: 'closed', constructor: 'x' },
    bases: 'toString', outreach: [null, {}], budget: -5 })),
  '#plan=' + encodeURIComponent('{"start":"' + first.id + '","centres":{"__proto__":{"a":1},"constructor":1}}'),
  '#plan=[1,2]', '#plan=%E0%A4%A', '#plan', '#plan=' + encodeURIComponent(JSON.stringify({ start: ['x'] }))];
for (const hash of crafted) {
  const before = pageErrors.length;
  const p = await open(hash);
  const said = await p.textContent('#planner-status');
  const rows = await p.$$eval('#planner-sites tbody tr', (r) => r.length);
  check(`${decodeURIComponent(hash.replace(/%E0%A4%A$/, '(broken)'))}: a message, a working planner, no error`,
    said.length > 0 && rows === planner.sites.length && pageErrors.length === before &&
    (await p.getAttribute('html', 'data-errors')) === '0', `${said} | rows ${rows} | ${pageErrors.slice(before)}`);
  await p.close();
}

check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
check('nothing fetched from the network', fetched.length === 0, fetched.join(' '));
await browser.close();
fs.rmSync(work, { recursive: true, force: true });
console.log(failures === 0 ? 'all access checks passed' : `${failures} access checks failed`);
process.exit(failures === 0 ? 0 : 1);
