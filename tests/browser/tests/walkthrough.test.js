// A walk through the web pages in headless Chromium against the real `passend serve` with the
// demo network: sign in, enter a case, read the advice (plan A/B with their notes, map markers,
// table, exclusions), print it; tune a weight and the default maximum wait as contract manager,
// dry-run them against past advice and propose them, have an admin approve them and see a new
// advice name the new version;
// allocate supra-regional places as network coordinator and see a reserved place in an advice;
// the markers and notes of maatwerk, an identity mismatch, an unknown wait and a national gap.
// Screenshots of the main pages go to SCREENSHOT_DIR.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations, repo, screenshot, startBrowser, startServer } from '../lib/harness.js';

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

// With a case on the form the page asks first (meeting.test.js tests the question itself).
async function signOut() {
  await page.click('#sign-out');
  await page.waitForSelector('#token, #sign-out-dialog[open]');
  if (await page.locator('#sign-out-dialog[open]').count()) await page.click('#sign-out-dialog button:has-text("Afmelden")');
  await page.waitForSelector('#token');
}

async function menu() {
  return page.locator('#menu a').allInnerTexts();
}

// A date as day, month and year (the GOV.UK date pattern the pages use).
async function fillDate(id, iso) {
  const [y, m, d] = iso.split('-');
  await page.fill(`#${id}-day`, String(Number(d)));
  await page.fill(`#${id}-month`, String(Number(m)));
  await page.fill(`#${id}-year`, y);
}

// Expertise and flags are folded lists: open one, then tick.
async function choose(group, value) {
  if (!(await page.locator(`#${group} details`).evaluate((d) => d.open))) await page.click(`#${group} summary`);
  await page.check(`#${group}-${value}`);
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
  for (const e of c.expertise || []) await choose('case-expertise', e);
  for (const f of c.flags || []) await choose('case-flags', f);
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
    await fillDate('maatwerk-date', c.maatwerk.date);
    await page.fill('#maatwerk-reason', c.maatwerk.reason);
    for (const a of c.maatwerk.allow) await page.check(`#maatwerk-allow-${a}`);
  }
  await fillDate('case-date', DATE);
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

// Opens a CASE.json document through "CASE.json openen…" and asks for its advice.
async function adviseDocument(doc) {
  await page.waitForSelector('.case-form', { state: 'attached' });
  if (await page.isVisible('#edit-case')) await page.click('#edit-case');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passend-case-'));
  const file = path.join(dir, `${doc.id}.json`);
  fs.writeFileSync(file, JSON.stringify(doc));
  try {
    await page.setInputFiles('#case-file', file);
    await page.waitForFunction((id) => document.querySelector('#case-id').value === id, doc.id);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await fillDate('case-date', DATE);
  await page.click('button:has-text("Advies opvragen")');
  await page.waitForFunction((id) => document.querySelector('#advice-title')?.textContent.includes(id), doc.id);
}

// axe-core finds no violation of WCAG 2.2 A/AA in the state the page is in.
async function accessible(state) {
  assert.deepEqual(await axeViolations(page), [], `axe-core in state: ${state}`);
}

// Everything the page says, for checks on its wording.
const pageText = () => page.evaluate(() => document.body.innerText);
// The RET gives an advice; the gemeente or the GI decides. No page may say that the RET decides.
const retDecides = /(RET|Regionaal Expertteam|expertteam) (beslist|besluit)|Besluit (RET|van het RET)/i;

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
    await accessible('sign-in');
    await page.fill('#token', 'passend_not-a-token');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sign-in-error:has-text("onbekend")');
    assert.equal(await page.title(), 'Fout: Aanmelden — passend', 'the title says there is an error');
    assert.equal(await page.getAttribute('#token', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#token', 'aria-describedby'), /\bsign-in-error\b/);
    await accessible('sign-in refused');
    await signIn(server.tokens.member);
    assert.deepEqual(await menu(), ['Bespreking', 'Regelsetgeschiedenis', 'Casussen']);
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
    await accessible('case form with errors');
  });

  it('gives the advice: plan A/B cards with reasons and notes, map markers, candidates, exclusions', async () => {
    await enterCase(fv042);
    const planA = await page.textContent('.plan-card.plan-a');
    assert.match(planA, /De Eemhorst/);
    assert.match(planA, /buurregio \(Eemland\)/);
    assert.match(planA, /Rode knop/);
    assert.equal(await page.locator('.plan-card.plan-a .plan-notes').count(), 0, 'plan A is timely: nothing to warn about');
    // Plan B: zo thuis mogelijk weighs across own and adjacent region, so the family home in
    // Renkum (adjacent) comes before the small-scale group in Ede; it is not timely, and says so.
    const planB = page.locator('.plan-card.plan-b');
    assert.match(await planB.textContent(), /Gezinshuizen Rijn & Veluwe/);
    assert.match(await planB.textContent(), /gezinshuis/);
    assert.equal(await planB.locator('.plan-notes').isVisible(), true, 'the notes are on the card, not in a tooltip');
    assert.equal(await planB.locator('.plan-notes h4').innerText(), '⚠ Let op');
    assert.match(await planB.locator('.plan-notes ul').getAttribute('aria-labelledby'), /^plan-notes-/);
    assert.match(await planB.locator('.plan-notes li[data-code="not_timely"]').innerText(),
      /^niet tijdig: wachttijd 13 weken, terwijl de jeugdige 4 weken kan wachten$/);
    const gap = page.locator('.plan-card.plan-gap');
    assert.equal(await gap.getAttribute('data-scope'), 'region');
    assert.match(await gap.locator('.provider').textContent(), /^Regionale leemte: passend aanbod in de regio, maar niet op tijd beschikbaar\.$/);
    assert.match(await page.textContent('.advice-header'), /default 2\.2\.0 \(/);
    // Who decides: passend proposes, the RET advises, the gemeente or the GI decides.
    assert.equal(await page.textContent('.decision-note'),
      'Dit is een voorstel met redenen: passend stelt voor, het RET adviseert, de gemeente of de gecertificeerde instelling beslist (AVG art. 22).');
    assert.doesNotMatch(await pageText(), retDecides);
    // The case's own maximum wait, next to the plans.
    assert.equal(await page.textContent('.advice-notes .max-wait'), 'Tijdig betekent: binnen 4 weken (de maximale wachttijd van de casus).');
    assert.equal(await page.locator('.advice-notes .note-engine').count(), 0);
    // Words: "trede", and the network tier is "bovenregionaal".
    assert.match(await page.textContent('.candidates .order-help'),
      /^Volgorde: eerst wat tijdig is; dan gecontracteerd aanbod vóór aanbod dat alleen via maatwerk kan; dan de trede, waarbij eigen regio en buurregio samen als één trede tellen; dan de meest thuisnabije zorgvorm; dan de trede zelf \(eigen regio vóór buurregio\); dan de score\.$/);
    assert.match(await page.textContent('label[for="filter-network"]'), /^bovenregionaal \(0\)$/);
    assert.match(await page.textContent('.map-legend'), /bovenregionaal \(0\)/);
    assert.match(await page.textContent('.candidates thead'), /Trede/);
    assert.doesNotMatch(await pageText(), /\b(laag|lagen|expertisenetwerk \(\d)/);
    // The map: 42 regions, the case's highlighted, markers by tier, A and B on their locations.
    assert.equal(await page.locator('svg.map path.region').count(), 42);
    assert.equal(await page.getAttribute('svg.map path.region-case', 'data-region'), 'JZ21');
    assert.ok(await page.locator('svg.map g.marker').count() >= 3);
    assert.equal(await page.locator('svg.map g.marker text').allTextContents().then((t) => t.sort().join()), 'A,B');
    assert.equal(await page.getAttribute('svg.map g.marker:has(text:text-is("A"))', 'data-tier'), 'adjacent');
    // The table: stale capacity marked, sortable, filter by tier.
    assert.equal(await page.locator('.candidates tbody tr').count(), 4);
    assert.match(await page.textContent('.candidates tr.stale'), /verouderd/);
    assert.equal(await page.locator('.candidates tbody [data-marker]').count(), 0, 'no maatwerk, network place, mismatch or reservation here');
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
    await accessible('advice with an exclusion group open');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '02-advies', { fullPage: true });
    await screenshot(page, '02-advies-boven');
    await page.locator('.exclusion-group[data-code="contraindication"] summary').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('.candidates').scrollIntoView({ block: 'start' }));
    await screenshot(page, '02-advies-kandidaten');
  });

  it('prints the written advice: case, date, rule-set version and hash, plans, notes, reasons, who advises and who decides', async () => {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('.print-advice'), true);
    assert.equal(await page.isVisible('.candidates'), false);
    assert.equal(await page.isVisible('.app-header'), false);
    const text = await page.textContent('.print-advice');
    assert.match(text, /casus 2026-FV-042/);
    assert.match(text, /26 november 2026/);
    assert.match(text, /default 2\.2\.0/);
    assert.match(text, /sha256:[0-9a-f]{64}/);
    assert.match(text, /Plan A: Woonvoorziening De Eemhorst/);
    assert.match(text, /\(trede: buurregio\)/);
    assert.match(text, /Plan B: Gezinshuizen Rijn & Veluwe/);
    assert.match(text, /Let op:niet tijdig: wachttijd 13 weken, terwijl de jeugdige 4 weken kan wachten/);
    assert.match(text, /Overbrugging/);
    assert.match(text, /buurregio \(Eemland\) \(\+20\)/);
    assert.match(text, /Regionale leemte: passend aanbod in de regio, maar niet op tijd beschikbaar/);
    assert.match(text, /Tijdig betekent: binnen 4 weken/);
    assert.match(text, /passend stelt voor, het RET adviseert, de gemeente of de gecertificeerde instelling beslist/);
    assert.match(text, /Advies RET: _+/);
    assert.doesNotMatch(text, retDecides);
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

  it('lets a contract manager change a weight, dry-run it against past advice and send it as a proposal', async () => {
    await signIn(server.tokens.contract_manager);
    assert.deepEqual(await menu(), ['Bespreking', 'Regels afstemmen', 'Goedkeuren', 'Regelsetgeschiedenis']);
    await page.click('#menu a:has-text("Regels afstemmen")');
    await page.waitForSelector('.tuning-form');
    assert.match(await page.textContent('#current-version'), /default 2\.2\.0$/);
    const weight = page.locator('[data-param="identity_preference.points"] input');
    assert.equal(await weight.inputValue(), '15');
    assert.match(await page.textContent('[data-param="identity_preference.points"]'), /Punten bij passende identiteit/);
    assert.match(await page.textContent('[data-param="settings.bridging_pool"]'),
      /alleen als plan A niet tijdig is; treden: eigen regio, buurregio, bovenregionaal/);
    // The score comes after the ordering steps, and the page says which.
    assert.match(await page.textContent('#order-steps'), /Tijdig eerst.*Gecontracteerd eerst.*Nabije treden samen.*Zo thuis mogelijk.*Dichtstbijzijnde trede/s);
    // The parameters new in rule set 2.0.0 render from their declarations.
    assert.equal(await page.inputValue('[data-param="identity_preference.mismatch_points"] input'), '-15');
    assert.equal(await page.inputValue('[data-param="waiting_time.unknown_points"] input'), '-5');
    const nearTiers = page.locator('[data-param="tier_ladder.home_like_within"]');
    assert.deepEqual(await nearTiers.locator('input:checked + label').allTextContents(), ['eigen regio (region)', 'buurregio (adjacent)']);
    assert.deepEqual(await page.locator('[data-param="secure_authorisation.care_forms"] input:checked + label').allTextContents(),
      ['JeugdzorgPlus (gesloten) (secure_residential)']);
    assert.match(await page.textContent('[data-param="tier_ladder.tier_order"]'), /bovenregionaal \(network\)/);
    // The default maximum wait per urgency is a setting, editable like the bridging care forms.
    await page.click('details[data-phase="settings"] > summary');
    const maxWait = page.locator('[data-param="settings.max_wait_weeks"]');
    assert.match(await maxWait.textContent(), /Standaard maximale wachttijd: hoe lang een jeugdige die in de casus geen eigen maximale wachttijd heeft/);
    assert.match(await maxWait.textContent(), /nu: crisis 0 weken, hoog 2 weken, normaal 6 weken/);
    assert.equal(await page.getByLabel('urgentie normaal (weken)').inputValue(), '6');
    await maxWait.scrollIntoViewIfNeeded();
    await screenshot(page, '04-regels-instellingen');
    await weight.fill('20');
    assert.match(await page.textContent('.tuning-side'), /1 wijziging/);
    await page.getByLabel('urgentie normaal (weken)').fill('8');
    assert.match(await page.textContent('.tuning-side'), /2 wijzigingen/);
    assert.match(await maxWait.getAttribute('class'), /changed/);
    assert.equal(await page.isDisabled('#check-proposal'), true, 'the proposal waits for a dry run');
    await page.click('#dry-run');
    await page.waitForSelector('#dry-run-summary');
    assert.match(await page.textContent('#dry-run-summary'), /^1 van de 2 opnieuw berekende adviezen verandert/);
    assert.match(await page.textContent('#dry-run-edits'), /Punten bij passende identiteit \(identity_preference\.points\): 15 → 20/);
    assert.match(await page.textContent('#dry-run-edits'),
      /Standaard maximale wachttijd \(settings\.max_wait_weeks\): crisis 0, hoog 2, normaal 6 → crisis 0, hoog 2, normaal 8/);
    const change = page.locator('.change[data-case="2026-FV-099"]');
    const rowA = await change.locator('tr:has(th:text-is("Plan A"))').innerText();
    assert.match(rowA, /Pleegzorg Vallei.*→.*Reformatorische Pleegzorg/s);
    assert.match(await change.innerText(), /identity_preference .*15 → 20 punten/);
    await page.evaluate(() => document.querySelector('[data-rule="identity_preference"]').scrollIntoView({ block: 'start' }));
    await screenshot(page, '04-regels-proefdraai');
    await accessible('rule tuning after a dry run');
    // A proposal needs a comment; checking it shows what it changes and does once more.
    await page.click('#check-proposal');
    assert.match(await page.textContent('#proposal-status'), /verplicht/);
    await page.fill('#proposal-comment', 'Identiteit weegt zwaarder; standaard wachttijd bij normale urgentie 8 weken (regio-overleg 26 november)');
    await page.click('#check-proposal');
    await page.waitForSelector('#confirm-impact');
    assert.match(await page.textContent('#confirm-impact'), /1 van de 2 opnieuw berekende adviezen verandert/);
    assert.match(await page.textContent('#confirm-changes'), /Punten bij passende identiteit/);
    assert.equal(await page.locator('#protected-alert').count(), 0, 'no protected rule: no warning');
    await page.click('#send-proposal');
    await page.waitForSelector('#proposal-sent');
    assert.match(await page.textContent('#proposal-sent'), /Voorstel #2 \(versie 2\.2\.0\+p2\) is verstuurd/);
    // Nothing is in force yet: the form still starts from 2.2.0.
    assert.equal(await page.locator('[data-param="identity_preference.points"] input').inputValue(), '15');
    await signOut();
  });

  it('has the proposal approved by a second person (here an admin) from a date on', async () => {
    await signIn(server.tokens.admin);
    await page.click('#menu a:has-text("Goedkeuren")');
    const card = page.locator('.proposal[data-proposal="2"]');
    await card.waitFor();
    assert.match(await card.textContent(), /browser-contract_manager/);
    assert.match(await card.textContent(), /1 van de 2 recente adviezen verandert/);
    // The demo's questions are about 26 November 2026: the version answers from 1 November on.
    await fillDate('from-2', '2026-11-01');
    await card.locator('button.approve').click();
    await page.waitForSelector('#approval-done');
    assert.match(await page.textContent('#approval-done'), /default 2\.2\.0\+p2 geldt vanaf 2026-11-01/);
  });

  it('names the new version in a new advice and in the rule-set history', async () => {
    await page.click('#menu a:has-text("Bespreking")');
    await enterCase(fv099);
    assert.match(await page.textContent('.advice-header'), /default 2\.2\.0\+p2/);
    assert.match(await page.textContent('.plan-card.plan-a'), /Reformatorische Pleegzorg/);
    await page.click('#menu a:has-text("Regelsetgeschiedenis")');
    await page.waitForSelector('.version-list');
    const version = await page.textContent('.version.current');
    assert.match(version, /default 2\.2\.0\+p2/);
    assert.match(version, /browser-contract_manager/);
    assert.match(version, /goedgekeurd door browser-admin/);
    assert.match(version, /Identiteit weegt zwaarder/);
    assert.match(version, /Punten bij passende identiteit \(identity_preference\.points\): 15 → 20/);
    assert.match(version, /sha256:[0-9a-f]{64}/);
    await screenshot(page, '05-geschiedenis');
    await accessible('rule-set history');
    await signOut();
  });

  it('shows a coordinator the supra-regional places, allocates them and commits reservations', async () => {
    await signIn(server.tokens.coordinator);
    assert.deepEqual(await menu(), ['Bespreking', 'Regelsetgeschiedenis', 'Casussen', 'Wachtlijst', 'Bovenregionale plekken']);
    await page.waitForSelector('#places tbody tr');
    assert.equal(await page.inputValue('#network-filter'), 'EXN03');
    assert.match(await page.textContent('#network-summary'), /3 plekken vrij/);
    await page.setInputFiles('#allocation-file', path.join(repo, 'data/demo/cases/allocation-boeg.json'));
    await page.waitForFunction(() => document.querySelector('#allocation-cases').value.length > 0);
    await fillDate('allocation-date', DATE);
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
    await accessible('network places after committing an allocation');
    await page.evaluate(() => document.querySelector('#allocation-out').scrollIntoView({ block: 'start' }));
    await screenshot(page, '06-netwerk-verdeling');
    // Releasing asks once more; "Nee" keeps the reservation.
    await page.click('#reservations tbody tr:first-child button:has-text("Vrijgeven")');
    await page.click('#reservations tbody tr:first-child button:has-text("Nee, behouden")');
    assert.equal(await page.locator('#reservations tbody tr').count(), 3);
    await page.click('#reservations tbody tr:first-child button:has-text("Vrijgeven")');
    await page.click('#reservations tbody tr:first-child button:has-text("Ja, vrijgeven")');
    await page.waitForFunction(() => document.querySelectorAll('#reservations tbody tr').length === 2);
    assert.match(await page.textContent('.page-head .success'), /vrijgegeven/);
    assert.match(await page.textContent('#network-summary'), /1 plek vrij/);
  });

  it('skips the cases that already hold a place when the coordinator allocates again', async () => {
    await page.setInputFiles('#allocation-file', path.join(repo, 'data/demo/cases/allocation-boeg.json'));
    await page.waitForFunction(() => document.querySelector('#allocation-cases').value.length > 0);
    await fillDate('allocation-date', DATE);
    await page.click('#allocate');
    await page.waitForSelector('#allocation-summary');
    assert.match(await page.textContent('#allocation-summary'), /2 overgeslagen \(al een plek\)/);
    assert.equal(await page.locator('#skipped tbody tr').count(), 2);
    assert.match(await page.textContent('#skipped'), /heeft al een plek \(/);
    assert.doesNotMatch(await page.textContent('#allocation-out'), /already_placed/);
  });

  it('shows a place already reserved for the case, which goes through the network coordinator', async () => {
    assert.equal(await page.locator('#reservations tr[data-case="2026-FV-088"]').count(), 1, 'FV-088 still holds its place');
    const [fv088] = JSON.parse(fs.readFileSync(path.join(repo, 'data/demo/cases/allocation-boeg.json'), 'utf8'));
    assert.equal(fv088.id, '2026-FV-088');
    delete fv088.registered;
    await page.click('#menu a:has-text("Bespreking")');
    await adviseDocument(fv088);
    // The place FV-088 holds (Heumen, in the network) is its plan A, and says so; the place
    // released above (Rheden, adjacent region) is plan B, to be asked for through the coordinator.
    const planA = page.locator('.plan-card.plan-a');
    assert.match(await planA.textContent(), /JeugdzorgPlus Maas en Waal/);
    assert.deepEqual(await planA.locator('.markers [data-marker]').allInnerTexts(),
      ['al gereserveerd voor deze casus', 'bovenregionale plek — via de coördinator van BOEG']);
    assert.deepEqual(await planA.locator('.plan-notes li').evaluateAll((items) => items.map((li) => li.dataset.code)),
      ['reserved_for_case', 'coordinated_by']);
    assert.match(await planA.locator('.plan-notes').innerText(), /deze plek is al voor deze casus gereserveerd/);
    assert.match(await planA.locator('.plan-notes').innerText(), /via de coördinator van het netwerk voor deze casus gereserveerd/);
    assert.doesNotMatch(await planA.locator('.plan-notes').innerText(), /reserveert de plek niet/);
    const planB = page.locator('.plan-card.plan-b');
    assert.match(await planB.textContent(), /JeugdzorgPlus Veluwezoom/);
    assert.deepEqual(await planB.locator('.markers [data-marker]').allInnerTexts(), ['bovenregionale plek — via de coördinator van BOEG']);
    assert.match(await planB.locator('[data-marker="coordinated_by"]').getAttribute('title'), /BOEG - bovenregionaal expertisenetwerk Gelderland \(EXN03\)/);
    assert.match(await planB.locator('.plan-notes').innerText(), /aanvragen via de coördinator van het netwerk; dit advies reserveert de plek niet/);
    const held = planA;
    // The table marks the same rows the same way.
    const row = page.locator(`.candidates tbody tr[data-offering="${await held.getAttribute('data-offering')}"]`);
    assert.deepEqual(await row.locator('[data-marker]').allInnerTexts(),
      ['al gereserveerd voor deze casus', 'bovenregionale plek — via de coördinator van BOEG']);
    assert.equal(await page.locator('.candidates tbody tr:has([data-marker="coordinated_by"])').count(), await page.locator('.candidates tbody tr').count());
    assert.equal(await page.locator('.plan-card.plan-gap').count(), 0, 'JeugdzorgPlus in time somewhere: no gap');
    await page.evaluate(() => document.querySelector('.advice-header').scrollIntoView({ block: 'start' }));
    await screenshot(page, '08-advies-let-op');
    await page.evaluate(() => document.querySelector('.candidates').scrollIntoView({ block: 'start' }));
    await screenshot(page, '08-advies-let-op-kandidaten');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.textContent('.print-advice');
    assert.match(printed, /bovenregionale plek — via de coördinator van BOEG\./);
    assert.match(printed, /al gereserveerd voor deze casus; bovenregionale plek — via de coördinator van BOEG\./);
    assert.match(printed, /Let op:deze plek is al voor deze casus gereserveerd/);
    await page.emulateMedia({ media: 'screen' });
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
    // Plain Dutch by the field's label: no JSON pointer, no English.
    assert.match(summary, /Reden: Geen persoonsgegevens invullen: de tekst bevat een postcode\./);
    assert.doesNotMatch(summary, /6711|\/maatwerk|personal data|refused/);
    assert.match(await page.title(), /^Fout: /);
    assert.match(await page.getAttribute('#maatwerk-reason', 'aria-describedby'), /\bmaatwerk-reason-error\b/);
    assert.match(await page.textContent('#maatwerk-reason-error'), /postcode/);
    await accessible('case form refused by the server');

    // Without it the same case gets its advice.
    await page.fill('#maatwerk-reason', 'Specialistische zorg nodig; geen passend aanbod in de eigen regio.');
    const sent = await submitCase();
    assert.deepEqual(sent.legal, { secure_authorisation: true, measure: 'ots' });
    await page.waitForFunction(() => document.querySelector('#advice-title')?.textContent.includes('2026-FV-123'));
    assert.match(await page.textContent('.case-summary'), /23 jaar/);
    // No maximum wait in the case: the rule set's default for normal urgency, 8 weeks since 2.2.0+p2.
    assert.equal(await page.getAttribute('.advice-notes .max-wait', 'data-source'), 'default');
    assert.match(await page.textContent('.advice-notes .max-wait'), /^Tijdig betekent: binnen 8 weken \(geen maximale wachttijd opgegeven/);
    assert.equal(await page.textContent('.advice-notes .note-engine[data-code="default_max_wait"]'),
      'let op geen maximale wachttijd opgegeven: tijdig betekent hier binnen 8 weken, de standaard van de regelset bij deze urgentie');
    assert.match(await page.textContent('.plan-card.plan-a .plan-notes'), /niet tijdig: wachttijd 18 weken, terwijl de jeugdige 8 weken \(standaard bij urgentie normaal\) kan wachten/);
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

  it('marks maatwerk, an identity other than the wish, an unknown wait and a national gap', async () => {
    // Maatwerk: the demo case whose only candidate is outside the inkoopnetwerk.
    const fv077 = JSON.parse(fs.readFileSync(path.join(repo, 'data/demo/cases/fv-077-maatwerk.json'), 'utf8'));
    await adviseDocument(fv077);
    const planA = page.locator('.plan-card.plan-a');
    assert.match(await planA.textContent(), /De Kering/);
    assert.deepEqual(await planA.locator('.markers [data-marker]').allInnerTexts(), ['alleen via maatwerk']);
    assert.match(await planA.locator('.plan-notes li[data-code="maatwerk"]').innerText(), /^alleen via maatwerk: aanbieder hoort niet bij het inkoopnetwerk/);
    assert.deepEqual(await page.locator('.candidates tbody tr [data-marker]').allInnerTexts(), ['alleen via maatwerk']);
    assert.match(await page.textContent('.plan-card.plan-gap'), /Regionale leemte: er is geen passend gecontracteerd aanbod in de eigen regio\./);

    // A family that wishes an Islamic identity: the small-scale group in Ede is not.
    await adviseDocument({
      id: '2026-FV-130', age: 15, municipality: 'GM0228', flags: ['aggression'], preferences: { identity: 'islamic' },
      need: { care_forms: ['small_scale_living', 'family_home'], expertise: ['autism', 'trauma'], urgency: 'high', max_wait_weeks: 4 },
    });
    assert.deepEqual(await planA.locator('.markers [data-marker]').allInnerTexts(), ['identiteit wijkt af van de wens']);
    assert.match(await planA.locator('.plan-notes li[data-code="identity_mismatch"]').innerText(), /wijkt af van de wens van ouders en jeugdige \(islamitisch\); bespreek dit met hen$/);
    const mismatched = await page.locator('.candidates tbody tr:has([data-marker="identity_mismatch"])').count();
    assert.ok(mismatched >= 2, `${mismatched} rows marked`);

    // Crisis care without a maximum wait: 0 weeks by default; a full crisis bed has no wait list.
    await adviseDocument({ id: '2026-FV-131', age: 12, municipality: 'GM0345', need: { care_forms: ['crisis'], expertise: ['trauma'], urgency: 'crisis' } });
    assert.match(await page.textContent('.advice-notes .note-engine'), /tijdig betekent hier binnen 0 weken/);
    const unknown = page.locator('.candidates tbody tr:has-text("wachttijd onbekend")');
    assert.equal(await unknown.count(), 1);
    assert.match(await unknown.innerText(), /vol · wachttijd onbekend\s*niet tijdig/);

    // Eating-disorder day treatment within 2 weeks: nowhere in the country in time.
    await adviseDocument({ id: '2026-FV-132', age: 14, municipality: 'GM0228', need: { care_forms: ['day_treatment'], expertise: ['eating_disorder'], urgency: 'high', max_wait_weeks: 2 } });
    const gap = page.locator('.plan-card.plan-gap');
    assert.equal(await gap.getAttribute('data-scope'), 'national');
    assert.match(await gap.locator('.provider').textContent(), /^Landelijke leemte: nergens in het land tijdig passend aanbod; het aanbod dat past, is overal te laat beschikbaar\.$/);
    assert.match(await gap.textContent(), /de regio kan deze leemte niet alleen oplossen/);
    assert.match(await page.textContent('.advice-notes'), /plan A is niet tijdig/);
    await page.emulateMedia({ media: 'print' });
    assert.match(await page.textContent('.print-advice'), /Landelijke leemte: nergens in het land tijdig passend aanbod/);
    await page.emulateMedia({ media: 'screen' });
    assert.doesNotMatch(await pageText(), retDecides);
    await accessible('advice with a national gap');
  });

  it('forgets the token after 30 minutes without activity', async () => {
    await signOut();
    await signIn(server.tokens.member);
    await page.evaluate(() => sessionStorage.setItem('passend.active', String(Date.now() - 31 * 60 * 1000)));
    await page.reload();
    await page.waitForSelector('#token');
    assert.match(await page.textContent('#sign-in-error'), /30 minuten zonder activiteit/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('passend.token')), null);
    await signIn(server.tokens.member);  // activity keeps it
    assert.ok(Number(await page.evaluate(() => sessionStorage.getItem('passend.active'))) > Date.now() - 60 * 1000);
  });

  it('needed nothing beyond the server and raised no script errors', () => {
    assert.deepEqual(browser.outside, []);
    assert.deepEqual(browser.errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401)/.test(e)), []);
    assert.ok(fs.existsSync(path.join(process.env.SCREENSHOT_DIR || path.join(repo, 'build/screenshots'), '02-advies.png')));
  });
});
