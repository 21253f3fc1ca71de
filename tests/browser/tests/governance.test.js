// Rule governance in a real browser against the real `passend serve` (issue 16, docs/web.md):
// one contract manager proposes a change with its dry run shown before sending, a second one
// approves it from a date, and the advice changes; the proposer cannot approve their own
// proposal; a protected rule is warned about in red and needs an admin; two tabs cannot lose
// each other's update; the history brings an earlier version back as a proposal.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations, binary, repo, screenshot, startBrowser, startServer } from '../lib/harness.js';

const DATE = '2026-11-26';  // the demo network's reference date
// Foster care in Rhenen, a family that prefers a reformed identity: plan A is the Ede foster care
// by about a point; identity_preference.points 20 instead of 15 makes it the reformed one.
const fv099 = {
  id: '2026-FV-099', age: 7, municipality: 'GM0340',
  need: { care_forms: ['foster_care'], expertise: ['attachment'], urgency: 'normal', max_wait_weeks: 12 },
  preferences: { identity: 'reformed', near_municipalities: ['GM0345'] },
};

let server;
let browser;
let page;
const tokens = {};

async function signIn(token, target = page) {
  await target.goto(server.origin + '/');
  await target.waitForSelector('#token');
  await target.fill('#token', token);
  await target.keyboard.press('Enter');
  await target.waitForSelector('.app-nav:not([hidden]) a');
}

// With a case on the form the page asks first (meeting.test.js tests the question itself).
async function signOut() {
  await page.click('#sign-out');
  await page.waitForSelector('#token, #sign-out-dialog[open]');
  if (await page.locator('#sign-out-dialog[open]').count()) await page.click('#sign-out-dialog button:has-text("Afmelden")');
  await page.waitForSelector('#token');
}

async function fillDate(id, iso, target = page) {
  const [y, m, d] = iso.split('-');
  await target.fill(`#${id}-day`, String(Number(d)));
  await target.fill(`#${id}-month`, String(Number(m)));
  await target.fill(`#${id}-year`, y);
}

async function accessible(state, target = page) {
  assert.deepEqual(await axeViolations(target), [], `axe-core in state: ${state}`);
}

// The member's advice for a case document, asked through the page (CASE.json openen…).
async function advise(doc) {
  await page.click('#menu a:has-text("Bespreking")');
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
  return { header: await page.textContent('.advice-header'), planA: await page.textContent('.plan-card.plan-a') };
}

// The API as a script would use it, for the steps another person takes elsewhere.
async function apiCall(method, route, token, body) {
  const res = await fetch(server.origin + route, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function openTuning(target = page) {
  await target.click('#menu a:has-text("Regels afstemmen")');
  await target.waitForSelector('.tuning-form');
}

// Dry run, comment, check, send: the proposal's number.
async function propose(target, comment, { confirmProtected = false } = {}) {
  await target.click('#dry-run');
  await target.waitForSelector('#dry-run-summary');
  await target.fill('#proposal-comment', comment);
  await target.click('#check-proposal');
  await target.waitForSelector('#confirm-impact');
  if (confirmProtected) await target.check('#confirm-protected');
  await target.click('#send-proposal');
  await target.waitForSelector('#proposal-sent');
  return /Voorstel #(\d+)/.exec(await target.textContent('#proposal-sent'))[1];
}

describe('rule governance in a real browser', { concurrency: false }, () => {
  before(async () => {
    server = await startServer();
    Object.assign(tokens, server.tokens);
    tokens.cm2 = execFileSync(binary, ['token', 'create', '--db', server.db, '--role', 'contract_manager', '--name', 'browser-contract_manager-2'],
      { cwd: server.dir, encoding: 'utf8' }).split('\n')[0].trim();
    browser = await startBrowser(server.origin);
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('gives a member the advice of the rule set as installed', async () => {
    await signIn(tokens.member);
    const advice = await advise(fv099);
    assert.match(advice.header, /default 2\.2\.0 \(/);
    assert.match(advice.planA, /Pleegzorg Vallei/);
    await signOut();
  });

  it('lets a contract manager propose a change with its dry run shown before sending', async () => {
    await signIn(tokens.contract_manager);
    await openTuning();
    assert.match(await page.textContent('#current-version'), /default 2\.2\.0$/);
    // Dutch labels and explanations, ranges, and the steps that come before the score.
    const weight = page.locator('[data-param="identity_preference.points"]');
    assert.match(await weight.textContent(), /Punten bij passende identiteit/);
    assert.match(await weight.textContent(), /Toegestaan: van 0 tot en met 50/);
    assert.equal(await weight.locator('input').getAttribute('max'), '50');
    assert.match(await page.textContent('[data-rule="in_region_first"] legend'), /Eerst in de regio/);
    assert.match(await page.textContent('[data-param="in_region_first.points"]'), /eigen regio/);
    assert.match(await page.textContent('#order-steps'), /De score beslist pas als laatste/);
    // A value outside the range is refused at the field, before anything is sent.
    await weight.locator('input').fill('500');
    await page.click('#dry-run');
    assert.match(await page.textContent('[data-param="identity_preference.points"] .field-error'), /toegestaan is van 0 tot en met 50/);
    await weight.locator('input').fill('20');
    assert.equal(await page.isDisabled('#check-proposal'), true, 'nothing can be sent before a dry run');
    await page.click('#dry-run');
    await page.waitForSelector('#dry-run-summary');
    assert.match(await page.textContent('#dry-run-summary'), /^1 van de 1 opnieuw berekende adviezen verandert/);
    assert.match(await page.textContent('.change[data-case="2026-FV-099"]'), /Pleegzorg Vallei.*→.*Reformatorische Pleegzorg/s);
    await page.fill('#proposal-comment', 'Identiteit weegt zwaarder (regio-overleg 26 november)');
    await page.click('#check-proposal');
    await page.waitForSelector('#confirm-impact');
    assert.match(await page.textContent('#confirm-impact'), /1 van de 1 opnieuw berekende adviezen verandert/);
    assert.match(await page.textContent('#confirm-changes'), /Punten bij passende identiteit \(identity_preference\.points\): 15 → 20/);
    await screenshot(page, '15-voorstel-controleren');
    await accessible('check and confirm');
    await page.click('#send-proposal');
    await page.waitForSelector('#proposal-sent');
    assert.match(await page.textContent('#proposal-sent'), /Voorstel #2 \(versie 2\.2\.0\+p2\) is verstuurd/);
  });

  it('does not let the proposer approve their own proposal', async () => {
    await page.click('#menu a:has-text("Goedkeuren")');
    const card = page.locator('.proposal[data-proposal="2"]');
    await card.waitFor();
    assert.match(await card.textContent(), /Dit is uw eigen voorstel/);
    assert.equal(await card.locator('button.approve').count(), 0);
    // The server refuses it too.
    const refused = await apiCall('POST', '/api/v1/proposals/2/approve', tokens.contract_manager, {});
    assert.equal(refused.status, 409);
    await signOut();
  });

  it('has a second contract manager approve it, and the advice changes', async () => {
    await signIn(tokens.cm2);
    await page.click('#menu a:has-text("Goedkeuren")');
    const card = page.locator('.proposal[data-proposal="2"]');
    await card.waitFor();
    assert.match(await card.textContent(), /browser-contract_manager/);
    assert.match(await card.textContent(), /Identiteit weegt zwaarder/);
    assert.match(await card.textContent(), /1 van de 1 recente adviezen verandert/);
    await card.locator('summary:has-text("Welke adviezen veranderen")').click();
    await card.locator('.change[data-case="2026-FV-099"]').waitFor();
    await screenshot(page, '16-goedkeuren');
    await accessible('approval queue');
    await fillDate('from-2', '2026-11-01');
    await card.locator('button.approve').click();
    await page.waitForSelector('#approval-done');
    assert.match(await page.textContent('#approval-done'), /default 2\.2\.0\+p2 geldt vanaf 2026-11-01/);
    assert.match(await page.textContent('#no-proposals'), /geen voorstellen/);
    await signOut();
    await signIn(tokens.member);
    const advice = await advise(fv099);
    assert.match(advice.header, /default 2\.2\.0\+p2/);
    assert.match(advice.planA, /Reformatorische Pleegzorg/);
    await signOut();
  });

  it('warns in red about a protected rule, and only an admin approves it', async () => {
    await signIn(tokens.contract_manager);
    await openTuning();
    await page.click('details[data-phase="filter"] > summary');
    await page.uncheck('#rule-on-contracted_only');
    assert.match(await page.textContent('[data-rule="contracted_only"] .protected-warning'), /beschermde harde regel/);
    await page.click('#dry-run');
    await page.waitForSelector('#dry-run-summary');
    await page.fill('#proposal-comment', 'Proef: niet-gecontracteerd aanbod toelaten');
    await page.click('#check-proposal');
    await page.waitForSelector('#protected-alert');
    assert.match(await page.textContent('#protected-alert'), /Waarschuwing: dit voorstel wijzigt een beschermde harde regel/);
    await screenshot(page, '17-beschermde-regel');
    await page.click('#send-proposal');
    assert.match(await page.textContent('#proposal-status'), /Vink eerst aan/);
    await page.check('#confirm-protected');
    await page.click('#send-proposal');
    await page.waitForSelector('#proposal-sent');
    const id = /Voorstel #(\d+)/.exec(await page.textContent('#proposal-sent'))[1];
    await signOut();
    await signIn(tokens.cm2);
    await page.click('#menu a:has-text("Goedkeuren")');
    const card = page.locator(`.proposal[data-proposal="${id}"]`);
    await card.waitFor();
    assert.match(await card.textContent(), /Alleen een beheerder kan dit goedkeuren/);
    assert.equal(await card.locator('button.approve').count(), 0);
    assert.equal((await apiCall('POST', `/api/v1/proposals/${id}/approve`, tokens.cm2, {})).status, 403);
    // Turned down instead.
    await card.locator('textarea').fill('Niet zonder besluit van het regio-overleg');
    await card.locator('button.withdraw').click();
    await page.waitForSelector('#approval-done');
    assert.match(await page.textContent('#approval-done'), new RegExp(`Voorstel #${id} is afgewezen`));
    await signOut();
  });

  it('keeps two tabs from losing each other\'s update', async () => {
    const second = await browser.context.newPage();
    try {
      await signIn(tokens.contract_manager);
      await signIn(tokens.contract_manager, second);
      await openTuning(page);
      await openTuning(second);
      assert.match(await page.textContent('#current-version'), /2\.2\.0\+p2$/);
      assert.match(await second.textContent('#current-version'), /2\.2\.0\+p2$/);
      // Tab B prepares a change and its dry run first.
      await second.locator('[data-param="continuity.points"] input').fill('25');
      await second.click('#dry-run');
      await second.waitForSelector('#dry-run-summary');
      await second.fill('#proposal-comment', 'Continuïteit weegt zwaarder');
      await second.click('#check-proposal');
      await second.waitForSelector('#confirm-impact');
      // Tab A sends another change, and a second person approves it.
      await page.locator('[data-param="distance.max_km"] input').fill('60');
      const id = await propose(page, 'Afstand: 60 km');
      const ok = await apiCall('POST', `/api/v1/proposals/${id}/approve`, tokens.cm2, { from: '2026-11-01' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      // Tab B's proposal would put the old distance back: refused, naming the active version.
      await second.click('#send-proposal');
      await second.waitForSelector('#stale-base');
      assert.match(await second.textContent('#stale-base'), new RegExp(`versie 2\\.2\\.0\\+p${id} is nu actief`));
      await accessible('stale base', second);
      await screenshot(second, '18-twee-tabbladen');
      // Reloaded, tab B starts from the new version with tab A's change in it.
      await second.click('#reload');
      await second.waitForFunction((v) => document.querySelector('#current-version')?.textContent.endsWith(v), `2.2.0+p${id}`);
      assert.equal(await second.locator('[data-param="distance.max_km"] input').inputValue(), '60');
      assert.equal(await second.locator('[data-param="continuity.points"] input').inputValue(), '15');
    } finally {
      await second.close();
    }
  });

  it('brings an earlier version back from the history as a proposal', async () => {
    await page.click('#menu a:has-text("Regelsetgeschiedenis")');
    await page.waitForSelector('.version-list');
    const first = page.locator('.version[data-version="2.2.0"]');
    assert.match(await first.textContent(), /passend init/);
    await first.locator('button.rollback').click();
    await first.locator('textarea').fill('Terug naar de regelset zoals geleverd');
    await first.locator('button:has-text("Voorstel versturen")').click();
    await page.waitForSelector('#rollback-sent');
    assert.match(await page.textContent('#rollback-sent'), /terug te zetten naar versie 2\.2\.0 is verstuurd/);
    const proposed = page.locator('.version.status-proposed').first();
    assert.match(await proposed.textContent(), /terugzetten/);
    await screenshot(page, '19-geschiedenis-terugzetten');
    await accessible('history with a rollback proposal');
    const history = (await apiCall('GET', '/api/v1/rulesets/default/history', tokens.member)).body;
    const rollback = history[history.length - 1];
    assert.equal(rollback.kind, 'rollback');
    assert.equal(rollback.hash, history[0].hash, 'the same hash as the version it brings back');
    await signOut();
  });
});
