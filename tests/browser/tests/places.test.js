// "Mijn plekken" (issue 21) in headless Chromium at a phone's width against the real
// `passend serve`: a provider's planner signs in with a provider token, sees only its own
// offerings with the stale ones first and the last update, corrects the figures in one save,
// and gets the server's refusals (personal data in the note, free below the places reserved)
// at the field they concern. Screenshot 09-mijn-plekken for docs/web.md.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { axeViolations, binary, screenshot, startBrowser, startServer } from '../lib/harness.js';

let server;
let browser;
let page;
let planner;

function passend(args) {
  return execFileSync(binary, args, { cwd: server.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function daysAgo(n) {
  const d = new Date(Date.now() - n * 86400000);
  return d.toISOString().slice(0, 10);
}

async function apiAs(token, method, path, body) {
  const res = await fetch(server.origin + path, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('Mijn plekken: a provider keeps its own places current', () => {
  before(async () => {
    server = await startServer();
    planner = passend(['token', 'create', '--db', server.db, '--role', 'provider', '--name', 'Planner De Linde', '--provider', 'prov-001']);
    // The other offerings' figures are of today, one is of two months ago: exactly one is stale,
    // whatever today is (the demo network's figures are of November 2026).
    const demo = { 'prov-001-ede-amb': 6, 'prov-001-ede-kw': 0, 'prov-001-ede-dag': 0, 'prov-001-barneveld-gh': 0,
      'prov-001-barneveld-amb': 0, 'prov-001-veenendaal-amb': 0, 'prov-001-veenendaal-iamb': 0, 'prov-001-rhenen-dag': 0 };
    for (const [offering, free] of Object.entries(demo))
      passend(['capacity', 'set', '--db', server.db, '--offering', offering, '--free', String(free), '--date', daysAgo(0)]);
    passend(['capacity', 'set', '--db', server.db, '--offering', 'prov-001-nijkerk-amb', '--free', '2', '--date', daysAgo(60)]);
    browser = await startBrowser(server.origin);
    page = browser.page;
    await page.setViewportSize({ width: 390, height: 844 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs the planner in to its own offerings only, stale ones first', async () => {
    await page.goto(server.origin + '/');
    await page.waitForSelector('#token');
    await page.fill('#token', planner);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.places-form fieldset');
    assert.deepEqual(await page.locator('#menu a').allInnerTexts(), ['Mijn plekken']);
    assert.match(await page.textContent('#user-label'), /Planner De Linde · aanbieder · aanbieder prov-001/);
    assert.equal(await page.textContent('h1'), 'Mijn plekken');
    assert.match(await page.textContent('.lead'), /Stichting De Linde \(fictief\) \(prov-001\)/);
    const offerings = await page.locator('fieldset[data-offering]').evaluateAll((els) => els.map((e) => e.dataset.offering));
    assert.equal(offerings.length, 9);
    assert.ok(offerings.every((o) => o.startsWith('prov-001-')));
    assert.equal(offerings[0], 'prov-001-nijkerk-amb', 'the stale offering comes first');
    assert.match(await page.textContent('#places-stale'), /Verouderd — graag bijwerken \(1\)/);
    const first = page.locator('fieldset[data-offering="prov-001-nijkerk-amb"]');
    assert.match(await first.locator('.place-updated').textContent(), /Laatst bijgewerkt .* — 60 dagen geleden/);
    assert.match(await first.locator('legend').textContent(), /verouderd/);
  });

  it('labels every control and fits a phone without scrolling sideways', async () => {
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('.places-form input, .places-form textarea, .places-form button')]
      .filter((el) => el.tagName !== 'BUTTON' && !(el.labels?.length || el.getAttribute('aria-label')))
      .map((el) => el.id || el.name));
    assert.deepEqual(unlabelled, []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await screenshot(page, '09-mijn-plekken', { scale: 1 });
    assert.deepEqual(await axeViolations(page), [], 'axe-core: Mijn plekken');
  });

  it('shows a refused note at its field without repeating the text', async () => {
    const card = page.locator('fieldset[data-offering="prov-001-nijkerk-amb"]');
    await card.getByLabel('Notitie (niet verplicht)').fill('Bel 6711 AB voor de intake');
    await page.click('button:has-text("Alles opslaan")');
    await page.waitForSelector('.error-summary:not([hidden])');
    const summary = await page.textContent('.error-summary');
    assert.match(summary, /de tekst bevat een postcode/);
    assert.doesNotMatch(summary, /6711/);
    assert.equal(await card.getByLabel('Notitie (niet verplicht)').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'error-summary');
    assert.deepEqual(await axeViolations(page), [], 'axe-core: Mijn plekken with a refused note');
  });

  it('saves all figures in one go, after which nothing is stale', async () => {
    const card = page.locator('fieldset[data-offering="prov-001-nijkerk-amb"]');
    await card.getByLabel('Vrije plekken').fill('1');
    await card.getByLabel('Verwachte wachttijd (weken)').fill('3');
    await card.getByLabel('Notitie (niet verplicht)').fill('Nieuwe groep start in januari');
    await page.click('button:has-text("Alles opslaan")');
    await page.waitForSelector('.status:has-text("Opgeslagen")');
    assert.match(await page.textContent('.status'), /Opgeslagen: 9 aanbiedingen bijgewerkt/);
    assert.equal(await page.locator('#places-stale').count(), 0);
    assert.match(await page.textContent('#places-fresh'), /Al uw aanbod is actueel \(9\)/);
    const saved = page.locator('fieldset[data-offering="prov-001-nijkerk-amb"]');
    assert.match(await saved.locator('.place-updated').textContent(), /door Planner De Linde/);
    assert.equal(await saved.getByLabel('Notitie (niet verplicht)').inputValue(), 'Nieuwe groep start in januari');
    const history = await apiAs(server.tokens.member, 'GET', '/api/v1/offerings/prov-001-nijkerk-amb/capacity');
    const last = history.body.history.at(-1);
    assert.deepEqual([last.free, last.wait_weeks, last.by, last.note], [1, 3, 'Planner De Linde', 'Nieuwe groep start in januari']);
  });

  it('refuses free places below the places reserved', async () => {
    for (const c of ['2026-FV-401', '2026-FV-402'])
      assert.equal((await apiAs(server.tokens.coordinator, 'POST', '/api/v1/reservations', { case: c, offering: 'prov-001-ede-amb' })).status, 201);
    const card = page.locator('fieldset[data-offering="prov-001-ede-amb"]');
    await card.getByLabel('Vrije plekken').fill('1');
    await page.click('button:has-text("Alles opslaan")');
    await page.waitForSelector('.error-summary:not([hidden])');
    assert.match(await page.textContent('.error-summary'), /er zijn 2 plekken gereserveerd/);
    assert.equal(await card.getByLabel('Vrije plekken').getAttribute('aria-invalid'), 'true');
  });

  it('needed nothing beyond the server and raised no script errors', () => {
    assert.deepEqual(browser.outside, []);
    assert.deepEqual(browser.errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|409)/.test(e)), []);
  });
});
