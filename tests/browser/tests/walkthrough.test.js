// A walk through the web pages in headless Chromium against the real `passend serve` with the
// demo network: sign in, enter a case, read the advice (plan A/B, map markers, table,
// exclusions), print it; tune a weight as contract manager, dry-run it against past advice,
// activate it and see a new advice name the new version; allocate supra-regional places as
// network coordinator. Screenshots of the main pages go to SCREENSHOT_DIR.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repo, screenshot, startBrowser, startServer } from '../lib/harness.js';

const DATE = '2026-11-26';  // the demo network's reference date (data/demo/README.md)

let server;
let browser;
let page;

async function signIn(token) {
  await page.goto(server.origin + '/');
  await page.waitForSelector('#token');
  await page.fill('#token', token);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.app-nav:not([hidden]) a');
}

async function signOut() {
  await page.click('#sign-out');
  await page.waitForSelector('#token');
}

async function menu() {
  return page.locator('#menu a').allInnerTexts();
}

// Fills the case form the way a user would: labels, datalist suggestions, Enter to add chips.
async function fillCase(c) {
  await page.waitForSelector('.case-form', { state: 'attached' });
  if (await page.isVisible('#edit-case')) await page.click('#edit-case');
  await page.click('.case-form button:has-text("Leegmaken")');
  await page.getByLabel('Casusnummer').fill(c.id);
  await page.getByLabel('Leeftijd').fill(String(c.age));
  await page.getByLabel('Verantwoordelijke gemeente').fill(c.municipality);
  for (const f of c.careForms) await page.check(`#case-care-forms-${f}`);
  for (const e of c.expertise || []) await page.check(`#case-expertise-${e}`);
  for (const f of c.flags || []) await page.check(`#case-flags-${f}`);
  await page.check(`#urgency-${c.urgency || 'normal'}`);
  if (c.maxWait !== undefined) await page.getByLabel('Maximale wachttijd (weken)').fill(String(c.maxWait));
  if (c.identity) await page.selectOption('#case-identity', c.identity);
  for (const m of c.near || []) { await page.fill('#case-near', m); await page.press('#case-near', 'Enter'); }
  for (const p of c.rejected || []) { await page.fill('#case-rejected', p); await page.press('#case-rejected', 'Enter'); }
  for (const p of c.previous || []) { await page.fill('#case-previous', p); await page.press('#case-previous', 'Enter'); }
  for (const p of c.breakdowns || []) { await page.fill('#case-breakdowns', p); await page.press('#case-breakdowns', 'Enter'); }
  if (c.secureAuthorisation) await page.getByLabel('De kinderrechter heeft een machtiging gesloten jeugdhulp afgegeven').check();
  if (c.measure) await page.getByLabel('Maatregel').selectOption(c.measure);
  if (c.maatwerk) {
    await page.getByLabel('Het RET heeft maatwerk goedgekeurd').check();
    await page.getByLabel('Goedgekeurd door').fill(c.maatwerk.approvedBy);
    await page.getByLabel('Datum van goedkeuring').fill(c.maatwerk.date);
    await page.fill('#maatwerk-reason', c.maatwerk.reason);
    for (const a of c.maatwerk.allow) await page.check(`#maatwerk-allow-${a}`);
  }
  await page.getByLabel('Peildatum').fill(DATE);
}

// Submits the case form and returns the JSON body it sent to the server.
async function submitCase() {
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/api/v1/query')),
    page.click('button:has-text("Advies opvragen")'),
  ]);
  return JSON.parse(request.postData());
}

async function enterCase(c) {
  await fillCase(c);
  await page.click('button:has-text("Advies opvragen")');
  await page.waitForFunction((id) => document.querySelector('#advice-title')?.textContent.includes(id), c.id);
}

const fv042 = {
  id: '2026-FV-042', age: 15, municipality: 'Ede', careForms: ['small_scale_living', 'family_home'],
  expertise: ['autism', 'trauma'], flags: ['aggression'], urgency: 'high', maxWait: 4, identity: 'protestant',
  near: ['Barneveld'], rejected: ['prov-003'], previous: ['prov-004'],
};
// Foster care in Rhenen; the family prefers a reformed identity and Veenendaal. Plan A is the
// closer Ede foster care (near the preferred municipality) by a point; a heavier identity weight
// turns that around.
const fv099 = {
  id: '2026-FV-099', age: 7, municipality: 'Rhenen (GM0340)', careForms: ['foster_care'], expertise: ['attachment'],
  maxWait: 12, identity: 'reformed', near: ['Veenendaal'],
};

describe('web pages in a real browser', { concurrency: false }, () => {
  before(async () => {
    server = await startServer();
    browser = await startBrowser(server.origin);
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses an unknown token and signs a member in with a role-aware menu', async () => {
    await page.goto(server.origin + '/');
    await page.waitForSelector('#token');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'token', 'the token field has the focus');
    await screenshot(page, '01-aanmelden');
    await page.fill('#token', 'passend_not-a-token');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sign-in-error:not([hidden])');
    assert.match(await page.textContent('#sign-in-error'), /onbekend/);
    await signIn(server.tokens.member);
    assert.deepEqual(await menu(), ['Bespreking', 'Regelsetgeschiedenis']);
    assert.match(await page.textContent('#user-label'), /browser-member · RET-lid/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('passend.token')), server.tokens.member);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in localStorage');
  });

  it('labels every form control and shows the vocabulary in "zo thuis mogelijk" order', async () => {
    await page.waitForSelector('.case-form');
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('.case-form input, .case-form select, .case-form textarea')]
      .filter((el) => el.type !== 'file' && el.type !== 'hidden')
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.id || el.name));
    assert.deepEqual(unlabelled, []);
    const careForms = await page.locator('#case-care-forms label').allInnerTexts();
    assert.equal(careForms.length, 9);
    assert.match(careForms[0], /ambulante jeugdhulp/);
    assert.match(careForms[8], /crisisopvang/);
    await page.click('button:has-text("Advies opvragen")');
    await page.waitForSelector('.error-summary:not([hidden])');
    assert.match(await page.textContent('.error-summary'), /casusnummer/i);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('error-summary')), true);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'A', 'the summary links to the fields');
  });

  it('gives the advice: plan A/B cards with reasons, map markers, candidates, exclusions', async () => {
    await enterCase(fv042);
    const planA = await page.textContent('.plan-card.plan-a');
    assert.match(planA, /De Eemhorst/);
    assert.match(planA, /buurregio \(Eemland\)/);
    assert.match(planA, /Rode knop/);
    assert.match(await page.textContent('.plan-card.plan-b'), /De Linde/);
    assert.match(await page.textContent('.plan-card.plan-gap'), /niet op tijd beschikbaar/);
    assert.match(await page.textContent('.advice-header'), /default 1\.0\.0 \(/);
    // The map: 42 regions, the case's highlighted, markers by tier, A and B on their locations.
    assert.equal(await page.locator('svg.map path.region').count(), 42);
    assert.equal(await page.getAttribute('svg.map path.region-case', 'data-region'), 'JZ21');
    assert.ok(await page.locator('svg.map g.marker').count() >= 3);
    assert.equal(await page.locator('svg.map g.marker text').allTextContents().then((t) => t.sort().join()), 'A,B');
    assert.equal(await page.getAttribute('svg.map g.marker:has(text:text-is("A"))', 'data-tier'), 'adjacent');
    // The table: stale capacity marked, sortable, filter by tier.
    assert.equal(await page.locator('.candidates tbody tr').count(), 4);
    assert.match(await page.textContent('.candidates tr.stale'), /verouderd/);
    await page.click('.candidates th button:has-text("Afstand")');
    const distances = await page.locator('.candidates tbody tr td:nth-child(7)').allInnerTexts();
    const numbers = distances.map((d) => Number(d.replace(' km', '').replace(',', '.')));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b));
    await page.uncheck('#filter-adjacent');
    assert.equal(await page.locator('.candidates tbody tr').count(), 1);
    assert.equal(await page.getAttribute('.candidates tbody tr', 'data-tier'), 'region');
    await page.check('#filter-adjacent');
    // Exclusions grouped by reason.
    const groups = await page.locator('.exclusion-group summary').allInnerTexts();
    assert.ok(groups.some((g) => g.startsWith('Contra-indicatie')), groups.join('|'));
    assert.ok(groups.some((g) => g.startsWith('Eerder afgewezen')), groups.join('|'));
    await page.locator('.exclusion-group[data-code="contraindication"] summary').click();
    assert.match(await page.textContent('.exclusion-group[data-code="contraindication"]'), /agressie/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '02-advies', { fullPage: true });
    await screenshot(page, '02-advies-boven');
    await page.locator('.exclusion-group[data-code="contraindication"] summary').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('.candidates').scrollIntoView({ block: 'start' }));
    await screenshot(page, '02-advies-kandidaten');
  });

  it('prints the written advice: case, date, rule-set version and hash, plans, reasons, the RET decides', async () => {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('.print-advice'), true);
    assert.equal(await page.isVisible('.candidates'), false);
    assert.equal(await page.isVisible('.app-header'), false);
    const text = await page.textContent('.print-advice');
    assert.match(text, /casus 2026-FV-042/);
    assert.match(text, /26 november 2026/);
    assert.match(text, /default 1\.0\.0/);
    assert.match(text, /sha256:[0-9a-f]{64}/);
    assert.match(text, /Plan A: Woonvoorziening De Eemhorst/);
    assert.match(text, /Plan B: Stichting De Linde/);
    assert.match(text, /Overbrugging/);
    assert.match(text, /buurregio \(Eemland\) \(\+20\)/);
    assert.match(text, /Regionaal Expertteam beslist/);
    await page.setViewportSize({ width: 800, height: 1130 });
    await screenshot(page, '03-afdruk', { scale: 0.85 });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('takes a second case through the form (the one the contract manager will replay)', async () => {
    await enterCase(fv099);
    assert.match(await page.textContent('.plan-card.plan-a'), /Pleegzorg Vallei/);
    assert.match(await page.textContent('.plan-card.plan-b'), /Reformatorische Pleegzorg/);
    await signOut();
    assert.match(await page.textContent('#sign-in-error'), /afgemeld/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('passend.token')), null);
  });

  it('lets a contract manager change a weight, dry-run it against past advice and activate it', async () => {
    await signIn(server.tokens.contract_manager);
    assert.deepEqual(await menu(), ['Bespreking', 'Regels afstemmen', 'Regelsetgeschiedenis']);
    await page.click('#menu a:has-text("Regels afstemmen")');
    await page.waitForSelector('.tuning-form');
    assert.match(await page.textContent('#current-version'), /default 1\.0\.0$/);
    const weight = page.locator('[data-param="identity_preference.points"] input');
    assert.equal(await weight.inputValue(), '15');
    assert.match(await page.textContent('[data-param="identity_preference.points"]'), /Punten bij passende identiteit/);
    assert.match(await page.textContent('[data-param="settings.bridging_pool"]'),
      /alleen als plan A niet tijdig is; lagen: eigen regio, buurregio, expertisenetwerk/);
    await weight.fill('20');
    assert.match(await page.textContent('.tuning-side'), /1 wijziging/);
    assert.equal(await page.isDisabled('#activate'), true, 'activation waits for a dry run');
    await page.click('#dry-run');
    await page.waitForSelector('#dry-run-summary');
    assert.match(await page.textContent('#dry-run-summary'), /^1 van de 2 opnieuw berekende adviezen verandert/);
    assert.match(await page.textContent('#dry-run-edits'), /identity_preference\.points: 15 → 20/);
    const change = page.locator('.change[data-case="2026-FV-099"]');
    const rowA = await change.locator('tr:has(th:text-is("Plan A"))').innerText();
    assert.match(rowA, /Pleegzorg Vallei.*→.*Reformatorische Pleegzorg/s);
    assert.match(await change.innerText(), /identity_preference .*15 → 20 punten/);
    await page.evaluate(() => document.querySelector('[data-rule="identity_preference"]').scrollIntoView({ block: 'start' }));
    await screenshot(page, '04-regels-proefdraai');
    // Activation needs a comment.
    await page.click('#activate');
    assert.match(await page.textContent('#activate-status'), /verplicht/);
    await page.fill('#activate-comment', 'Identiteit weegt zwaarder (regio-overleg 26 november)');
    await page.click('#activate');
    await page.waitForSelector('#activated');
    assert.match(await page.textContent('#activated'), /Versie 1\.0\.0\+p1 is actief/);
    assert.equal(await page.locator('[data-param="identity_preference.points"] input').inputValue(), '20');
  });

  it('names the new version in a new advice and in the rule-set history', async () => {
    await page.click('#menu a:has-text("Bespreking")');
    await enterCase(fv099);
    assert.match(await page.textContent('.advice-header'), /default 1\.0\.0\+p1/);
    assert.match(await page.textContent('.plan-card.plan-a'), /Reformatorische Pleegzorg/);
    await page.click('#menu a:has-text("Regelsetgeschiedenis")');
    await page.waitForSelector('.version-list');
    const version = await page.textContent('.version.current');
    assert.match(version, /default 1\.0\.0\+p1/);
    assert.match(version, /browser-contract_manager/);
    assert.match(version, /Identiteit weegt zwaarder/);
    assert.match(version, /identity_preference\.points: 15 → 20/);
    assert.match(version, /sha256:[0-9a-f]{64}/);
    await screenshot(page, '05-geschiedenis');
    await signOut();
  });

  it('shows a coordinator the supra-regional places, allocates them and commits reservations', async () => {
    await signIn(server.tokens.coordinator);
    assert.deepEqual(await menu(), ['Bespreking', 'Regelsetgeschiedenis', 'Bovenregionale plekken']);
    await page.waitForSelector('#places tbody tr');
    assert.equal(await page.inputValue('#network-filter'), 'EXN03');
    assert.match(await page.textContent('#network-summary'), /3 plekken vrij/);
    await page.setInputFiles('#allocation-file', path.join(repo, 'data/demo/cases/allocation-boeg.json'));
    await page.waitForFunction(() => document.querySelector('#allocation-cases').value.length > 0);
    await page.getByLabel('Peildatum').fill(DATE);
    await page.click('#allocate');
    await page.waitForSelector('#allocation-summary');
    assert.match(await page.textContent('#allocation-summary'), /^3 van de 6 casussen geplaatst.*voorstel/);
    assert.match(await page.textContent('#unassigned'), /2026-AH-005/);
    await page.click('#allocate-commit');
    await page.waitForSelector('.page-head .success');
    assert.match(await page.textContent('.page-head .success'), /3 reserveringen vastgelegd/);
    assert.match(await page.textContent('#allocation-summary'), /vastgelegd als reserveringen/);
    assert.match(await page.textContent('#network-summary'), /0 plekken vrij/);
    assert.equal(await page.locator('#reservations tbody tr').count(), 3);
    await screenshot(page, '06-netwerk', { fullPage: true });
    await page.evaluate(() => document.querySelector('#allocation-out').scrollIntoView({ block: 'start' }));
    await screenshot(page, '06-netwerk-verdeling');
    await page.click('#reservations tbody tr:first-child button:has-text("Vrijgeven")');
    await page.waitForFunction(() => document.querySelectorAll('#reservations tbody tr').length === 2);
    assert.match(await page.textContent('.page-head .success'), /vrijgegeven/);
    assert.match(await page.textContent('#network-summary'), /1 plek vrij/);
  });

  it('skips the cases that already hold a place when the coordinator allocates again', async () => {
    await page.setInputFiles('#allocation-file', path.join(repo, 'data/demo/cases/allocation-boeg.json'));
    await page.waitForFunction(() => document.querySelector('#allocation-cases').value.length > 0);
    await page.getByLabel('Peildatum').fill(DATE);
    await page.click('#allocate');
    await page.waitForSelector('#allocation-summary');
    assert.match(await page.textContent('#allocation-summary'), /2 overgeslagen \(al een plek\)/);
    assert.equal(await page.locator('#skipped tbody tr').count(), 2);
    assert.match(await page.textContent('#skipped'), /heeft al een plek \(/);
    assert.doesNotMatch(await page.textContent('#allocation-out'), /already_placed/);
  });

  it('sends afgebroken plaatsingen, the legal frame and maatwerk, and refuses personal data in its free text', async () => {
    await page.click('#menu a:has-text("Bespreking")');
    const fv123 = {
      id: '2026-FV-123', age: 24, municipality: 'Ede', careForms: ['small_scale_living'], expertise: ['autism'],
      previous: ['prov-004'], breakdowns: ['prov-003'], secureAuthorisation: true, measure: 'ots',
      maatwerk: { approvedBy: 'RET Food Valley, voorzitter', date: '2026-11-20', reason: 'Gezin verhuist naar 6711 AB; specialistische zorg nodig.', allow: ['non_contracted'] },
    };
    await fillCase(fv123);
    // The warning stands next to the free-text fields and is read out with them.
    assert.equal(await page.isVisible('#maatwerk-privacy'), true);
    assert.match(await page.textContent('#maatwerk-privacy'), /^Geen namen, adressen, geboortedata of BSN invullen: /);
    for (const id of ['maatwerk-approved-by', 'maatwerk-reason'])
      assert.match(await page.getAttribute(`#${id}`, 'aria-describedby'), /\bmaatwerk-privacy\b/, id);
    assert.equal(await page.textContent('#maatwerk-reason-count'), '56 van 500 tekens');
    await page.evaluate(() => document.querySelector('#case-legal').scrollIntoView({ block: 'start' }));
    await screenshot(page, '07-maatwerk-waarschuwing');

    // Ages end at 23, in the form as on the server.
    await page.click('button:has-text("Advies opvragen")');
    await page.waitForSelector('.error-summary:not([hidden])');
    assert.match(await page.textContent('.error-summary'), /Vul een leeftijd in \(0 tot en met 23\)/);
    await page.getByLabel('Leeftijd').fill('23');

    // The server refuses the postcode in the reason: the field and the kind, never the text.
    const refused = await submitCase();
    assert.equal(refused.age, 23);
    assert.deepEqual(refused.history, { previous_providers: ['prov-004'], breakdowns: ['prov-003'] });
    assert.deepEqual(refused.legal, { secure_authorisation: true, measure: 'ots' });
    assert.equal(refused.maatwerk.reason, fv123.maatwerk.reason);
    await page.waitForSelector('#maatwerk-reason[aria-invalid="true"]');
    const summary = await page.textContent('.error-summary');
    assert.match(summary, /\/maatwerk\/reason: personal data is refused: the text holds a postcode/);
    assert.doesNotMatch(summary, /6711/);
    assert.match(await page.textContent('#maatwerk-reason-error'), /postcode/);

    // Without it the same case gets its advice.
    await page.fill('#maatwerk-reason', 'Specialistische zorg nodig; geen passend aanbod in de eigen regio.');
    const sent = await submitCase();
    assert.deepEqual(sent.legal, { secure_authorisation: true, measure: 'ots' });
    await page.waitForFunction(() => document.querySelector('#advice-title')?.textContent.includes('2026-FV-123'));
    assert.match(await page.textContent('.case-summary'), /23 jaar/);
  });

  it('opens a CASE.json with the new fields into the form and saves them back', async () => {
    await page.click('#edit-case');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'passend-case-')), 'case.json');
    const doc = {
      id: '2026-FV-124', age: 16, municipality: 'GM0228', need: { care_forms: ['family_home'], expertise: [], urgency: 'normal' },
      history: { breakdowns: ['prov-002', 'prov-006'] }, legal: { measure: 'voogdij' },
    };
    fs.writeFileSync(file, JSON.stringify(doc));
    await page.setInputFiles('#case-file', file);
    await page.waitForFunction(() => document.querySelector('#case-id').value === '2026-FV-124');
    assert.equal(await page.inputValue('#case-measure'), 'voogdij');
    assert.equal(await page.isChecked('#case-secure-authorisation'), false);
    assert.match(await page.textContent('#case-breakdowns-group .chips'), /prov-002.*prov-006/s);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("CASE.json opslaan")')]);
    const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(saved.history, doc.history);
    assert.deepEqual(saved.legal, doc.legal);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('needed nothing beyond the server and raised no script errors', () => {
    assert.deepEqual(browser.outside, []);
    assert.deepEqual(browser.errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401)/.test(e)), []);
    assert.ok(fs.existsSync(path.join(process.env.SCREENSHOT_DIR || path.join(repo, 'build/screenshots'), '02-advies.png')));
  });
});
