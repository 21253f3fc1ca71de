// Issue 19 in headless Chromium against the real `passend serve`: a RET member registers a case,
// asks passend, records the RET's advice, records a refusal, gets a full place refused (the page
// reloads the case and says so in Dutch, with the provider's name), and places the case once a
// place is free; the case board shows statuses and an overdue follow-up first. Then the BOEG
// coordinator allocates from the waiting list in two tabs: the first commits, the losing tab
// reloads the true list and says in Dutch what happened; releasing a place asks for confirmation
// and can be undone. axe-core checks every page. Screenshots 14-17 for docs/cases.md.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations, binary, repo, screenshot, startBrowser, startServer } from '../lib/harness.js';

const fv042 = JSON.parse(fs.readFileSync(path.join(repo, 'data/demo/cases/fv-042-kleinschalig.json'), 'utf8'));
const boeg = JSON.parse(fs.readFileSync(path.join(repo, 'data/demo/cases/allocation-boeg.json'), 'utf8'));

describe('cases: from registration to placement, and the waiting list', { concurrency: false }, () => {
  let server;
  let browser;
  let page;
  const passend = (args) => execFileSync(binary, args, { cwd: server.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const accessible = async (state) => assert.deepEqual(await axeViolations(page), [], `axe-core: ${state}`);
  const signIn = async (p, token) => {
    await p.goto(server.origin + '/');
    await p.waitForSelector('#token');
    await p.fill('#token', token);
    await p.keyboard.press('Enter');
    await p.waitForSelector('#menu a');
  };
  const status = () => page.textContent('#case-status');

  before(async () => {
    server = await startServer();
    browser = await startBrowser(server.origin, { viewport: { width: 1366, height: 900 } });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('registers a case on the board and opens its page', async () => {
    await signIn(page, server.tokens.member);
    await page.goto(server.origin + '/#/casussen');
    await page.waitForSelector('#register-case');
    assert.equal(await page.textContent('h1'), 'Casussen');
    await accessible('empty case board');
    await page.fill('#register-case', JSON.stringify(fv042));
    await page.click('#register');
    await page.waitForSelector('#case-status');
    assert.equal(await page.textContent('h1'), 'Casus 2026-FV-042');
    assert.equal(await status(), 'Aangemeld');
    assert.deepEqual(await page.locator('#timeline li').evaluateAll((els) => els.map((e) => e.dataset.event)), ['registered']);
    assert.match(await page.textContent('#timeline li'), /aangemeld: .*|aangemeld/);
    assert.match(await page.textContent('#timeline li'), /door browser-member/);
  });

  it('records the RET advice from passend\'s candidates', async () => {
    await page.click('#ask-engine');
    await page.waitForSelector('#advice-form');
    assert.equal(await page.inputValue('#advice-plan-a'), 'prov-019-amersfoort-kw', 'plan A of passend is proposed');
    await page.selectOption('#advice-plan-b', 'prov-021-renkum-gh');
    await page.fill('#advice-regie', 'casusregie: wijkteam Ede; procesregie: RET');
    await page.fill('#advice-agreement', 'intake binnen twee weken');
    await accessible('advice form');
    await page.click('#advice-save');
    await page.waitForSelector('#case-message');
    assert.equal(await page.textContent('#case-message'), 'Advies van het RET vastgelegd.');
    assert.equal(await status(), 'Advies');
  });

  it('records a refusal with its Dutch reason', async () => {
    await page.selectOption('#response-offering', 'prov-019-amersfoort-kw');
    await page.selectOption('#response-answer', 'refuse');
    await page.selectOption('#response-reason', 'group_composition');
    await page.click('#response-save');
    await page.waitForFunction(() => document.querySelector('#case-message')?.textContent.startsWith('Afwijzing'));
    assert.equal(await page.textContent('#case-message'), 'Afwijzing door Woonvoorziening De Eemhorst (fictief) (prov-019-amersfoort-kw) vastgelegd.');
    const last = page.locator('#timeline li').last();
    assert.match(await last.textContent(), /aanbieder wijst de casus af: Woonvoorziening De Eemhorst \(fictief\) \(prov-019-amersfoort-kw\) — reden: past niet in de groepssamenstelling/);
  });

  it('refuses an acceptance without a free place, reloads the case and says why in Dutch', async () => {
    await page.selectOption('#response-offering', 'prov-021-renkum-gh');
    await page.selectOption('#response-answer', 'accept');
    await page.click('#response-save');
    await page.waitForSelector('#case-error.error');
    assert.equal(await page.textContent('#case-error'),
      'Niet vastgelegd: Dit botst met de opgeslagen gegevens. Bij Gezinshuizen Rijn & Veluwe (fictief) is geen plek vrij; de aanname is niet vastgelegd. De pagina toont de casus zoals die nu is.');
    assert.equal(await status(), 'Advies');
    await accessible('refused acceptance');
  });

  it('places the case once the provider has a place free', async () => {
    passend(['capacity', 'set', '--db', server.db, '--offering', 'prov-021-renkum-gh', '--free', '1']);
    await page.selectOption('#response-offering', 'prov-021-renkum-gh');
    await page.selectOption('#response-answer', 'accept');
    await page.click('#response-save');
    await page.waitForFunction(() => document.querySelector('#case-status')?.textContent === 'Geplaatst');
    assert.match(await page.textContent('#case-placement'), /Gezinshuizen Rijn & Veluwe \(fictief\) \(prov-021-renkum-gh\) \(buiten de eigen regio\)/);
    assert.deepEqual(await page.locator('#timeline li').evaluateAll((els) => els.map((e) => e.dataset.event)),
      ['registered', 'advised', 'refused', 'accepted']);
    assert.equal(await page.locator('#response-panel').count(), 1, 'only the placed provider can still withdraw');
    await accessible('placed case');
    await screenshot(page, '15-casus-tijdlijn', { fullPage: true });
  });

  it('shows the board by status with an overdue follow-up first, filtered by region', async () => {
    // A second case, advised with a follow-up in the past (on the command line).
    const other = { ...fv042, id: '2026-FV-043' };
    const file = path.join(server.dir, 'fv-043.json');
    fs.writeFileSync(file, JSON.stringify(other));
    passend(['case', 'open', '--db', server.db, '--case', file, '--date', '2026-10-01']);
    const q = JSON.parse(passend(['query', '--db', server.db, '--case', file, '--date', '2026-10-02', '--format', 'json']));
    passend(['case', 'advise', '--db', server.db, '--id', '2026-FV-043', '--plan-a', q.plan_a.offering, '--regie', 'RET',
      '--follow-up', '2026-11-15', '--date', '2026-10-02']);
    await page.goto(server.origin + '/#/casussen');
    await page.waitForSelector('#status-advies tbody tr');
    assert.match(await page.textContent('#cases-summary'), /2 casussen · 1 follow-up te laat/);
    const advies = page.locator('#status-advies tbody tr').first();
    assert.equal(await advies.getAttribute('data-case'), '2026-FV-043');
    assert.match(await advies.textContent(), /follow-up te laat/);
    assert.equal(await page.locator('#status-geplaatst tbody tr').getAttribute('data-case'), '2026-FV-042');
    await page.selectOption('#region-filter', 'JZ05');
    await page.waitForFunction(() => document.querySelector('#cases-summary')?.textContent.startsWith('0 casussen'));
    await page.selectOption('#region-filter', 'JZ21');
    await page.waitForFunction(() => document.querySelector('#cases-summary')?.textContent.startsWith('2 casussen'));
    await accessible('case board');
    await screenshot(page, '14-casussen', { fullPage: true });
  });

  it('lets the coordinator allocate from the waiting list; the losing tab is told what happened', async () => {
    for (const c of boeg) {
      const file = path.join(server.dir, `${c.id}.json`);
      fs.writeFileSync(file, JSON.stringify(c));
      passend(['case', 'open', '--db', server.db, '--case', file]);
      passend(['case', 'refer', '--db', server.db, '--id', c.id, '--network', 'EXN03']);
    }
    const second = await browser.context.newPage();
    await page.click('#sign-out');
    for (const p of [page, second]) {
      await signIn(p, server.tokens.coordinator);
      await p.goto(server.origin + '/#/wachtlijst');
      await p.waitForSelector('#waiting tbody tr');
      await p.click('#waiting-propose');
      await p.waitForSelector('#allocation-summary');
    }
    assert.match(await page.textContent('#waiting-summary'), /6 casussen op de wachtlijst · 3 plekken vrij/);
    assert.match(await page.textContent('#allocation-summary'), /^3 van de 6 casussen geplaatst/);
    await accessible('waiting list with a proposal');
    await screenshot(page, '16-wachtlijst', { fullPage: true });

    await page.click('#waiting-commit');
    await page.waitForSelector('#waiting-message');
    assert.match(await page.textContent('#waiting-message'), /^3 casussen geplaatst: 2026-CG-017 bij JeugdzorgPlus Veluwezoom \(fictief\)/);
    assert.match(await page.textContent('#waiting-summary'), /3 casussen op de wachtlijst · 0 plekken vrij/);

    // The second tab still shows the old proposal and "3 plekken vrij"; its commit is refused.
    assert.match(await second.textContent('#waiting-summary'), /3 plekken vrij/);
    await second.click('#waiting-commit');
    await second.waitForSelector('#waiting-error.error');
    const error = await second.textContent('#waiting-error');
    assert.match(error, /^Het voorstel is niet meer actueel en is niet vastgelegd: casus 2026-CG-017 staat niet meer op de wachtlijst \(inmiddels geplaatst bij JeugdzorgPlus Veluwezoom \(fictief\)\)/);
    assert.doesNotMatch(error, /passend |--|CLI|the /, 'Dutch, no command line');
    assert.match(await second.textContent('#waiting-summary'), /3 casussen op de wachtlijst · 0 plekken vrij/, 'the true state, reloaded');
    assert.equal(await second.locator('#waiting tbody tr').count(), 3);
    const mainPage = page;
    page = second;
    await accessible('losing tab after the conflict');
    await screenshot(page, '17-wachtlijst-conflict');
    page = mainPage;
    await second.close();
  });

  it('asks before releasing a place and can undo it', async () => {
    await page.goto(server.origin + '/#/netwerk');
    await page.waitForSelector('#reservations tbody tr');
    const rows = () => page.locator('#reservations tbody tr').count();
    const before = await rows();
    const row = page.locator('#reservations tbody tr[data-case="2026-CG-017"]');
    await row.locator('button').click();
    assert.match(await row.textContent(), /Reservering van 2026-CG-017 vrijgeven\?/);
    await row.getByText('Ja, vrijgeven').click();
    await page.waitForSelector('#undo-release');
    assert.equal(await rows(), before - 1);
    const released = JSON.parse(passend(['case', 'show', '--db', server.db, '--id', '2026-CG-017', '--format', 'json']));
    assert.equal(released.status, 'aangemeld', 'the case no longer holds its place');
    await page.click('#undo-release');
    await page.waitForFunction(() => document.querySelector('.success')?.textContent.includes('teruggezet'));
    assert.equal(await rows(), before);
    const back = JSON.parse(passend(['case', 'show', '--db', server.db, '--id', '2026-CG-017', '--format', 'json']));
    assert.equal(back.status, 'geplaatst', 'undone: placed again');
    await accessible('reservation taken back');
  });
});
