// Issue 20 in headless Chromium at three screens — a phone (360 × 800), a laptop (1366 × 768)
// and a meeting-room projector (1920 × 1080) — with the browser set to American English, so that
// nothing on the page may follow the browser's language: every message in plain Dutch at its
// field, "Fout:" in the title while errors stand, pages for an unknown address and for a server
// that cannot be reached, an advice marked "verouderd" as soon as the case changes, the live
// region in the page before it speaks, few tab stops, dates as day/month/year, no sideways
// scrolling and a candidate table that fits. axe-core checks every state for WCAG 2.2 A/AA.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations, screenshot, startBrowser, startServer } from '../lib/harness.js';

const DATE = '2026-11-26';
const screens = [
  { name: 'telefoon', width: 360, height: 800 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'projector', width: 1920, height: 1080 },
];

// Case 2026-FV-042 of the walkthrough; its advice has a regional gap.
const fv042 = {
  id: '2026-FV-042', age: 15, municipality: 'GM0228', flags: ['aggression'],
  need: { care_forms: ['small_scale_living', 'family_home'], expertise: ['autism', 'trauma'], urgency: 'high', max_wait_weeks: 4 },
  preferences: { identity: 'protestant', near_municipalities: ['GM0203'] }, history: { rejected_by: ['prov-003'], previous_providers: ['prov-004'] },
};

for (const screen of screens) {
  describe(`issue 20 on a ${screen.name} (${screen.width} × ${screen.height})`, { concurrency: false }, () => {
    let server;
    let browser;
    let page;
    const shot = (name) => screenshot(page, `${name}-${screen.name}`);
    const accessible = async (state) => assert.deepEqual(await axeViolations(page), [], `axe-core (${screen.name}): ${state}`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const openCase = async (doc) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passend-case-'));
      const file = path.join(dir, `${doc.id}.json`);
      fs.writeFileSync(file, JSON.stringify(doc));
      try {
        await page.setInputFiles('#case-file', file);
        await page.waitForFunction((id) => document.querySelector('#case-id').value === id, doc.id);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const [y, m, d] = DATE.split('-');
      await page.fill('#case-date-day', String(Number(d)));
      await page.fill('#case-date-month', String(Number(m)));
      await page.fill('#case-date-year', y);
    };

    before(async () => {
      server = await startServer();
      browser = await startBrowser(server.origin, { viewport: { width: screen.width, height: screen.height }, locale: 'en-US' });
      page = browser.page;
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('signs in without a command line in the help, and fits the screen', async () => {
      await page.goto(server.origin + '/');
      await page.waitForSelector('#token');
      assert.doesNotMatch(await page.textContent('main'), /passend token|--db|--role/);
      await page.fill('#token', server.tokens.admin);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.case-form');
      assert.ok(await overflow() <= 0, `the page is ${await overflow()}px wider than the screen`);
      await accessible('the empty case form');
    });

    it('has a page for an unknown address, and one for a server it cannot reach', async () => {
      await page.goto(`${server.origin}/#/onzin`);
      await page.waitForSelector('h1:text-is("Pagina niet gevonden")');
      assert.equal(await page.title(), 'Pagina niet gevonden — passend');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Pagina niet gevonden', 'the focus is on the heading');
      await accessible('not found');
      // A page not visited before comes from the server: when that fails, a Dutch page says so.
      await page.route('**/static/js/history.js', (route) => route.abort());
      await page.click('#menu a:has-text("Regelsetgeschiedenis")');
      await page.waitForSelector('h1:text-is("De server is niet bereikbaar")');
      assert.equal(await page.title(), 'Server niet bereikbaar — passend');
      assert.doesNotMatch(await page.textContent('main'), /Failed to fetch|module|HTTP/);
      await accessible('server unreachable');
      if (screen.name === 'laptop') await shot('12-niet-bereikbaar');
      await page.unroute('**/static/js/history.js');
      await page.click('button:has-text("Opnieuw proberen")');
      await page.waitForSelector('h1:text-is("Regelsetgeschiedenis")');
      await page.click('#menu a:has-text("Bespreking")');
      await page.waitForSelector('.case-form');
    });

    it('takes few tab stops: expertise and flags folded and searchable, one stop to open a file', async () => {
      // Tab through the whole form, as a keyboard user would (it had 65 stops with every expertise
      // and flag a check box of its own).
      await page.focus('#case-id');
      let stops = 1;
      while (stops < 200 && await page.evaluate(() => Boolean(document.activeElement.closest('.case-form')))) {
        await page.keyboard.press('Tab');
        stops += 1;
      }
      assert.ok(stops <= 40, `${stops} tab stops in the case form`);
      assert.equal(await page.locator('.case-form input[type="date"], input[type="date"]').count(), 0, 'no browser date picker (it follows the browser language)');
      assert.deepEqual(await page.locator('#case-date label').allInnerTexts(), ['Dag', 'Maand', 'Jaar']);
      // The file control is one tab stop: "openen" then "opslaan".
      await page.focus('#clear-case');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'CASE.json openen…');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'CASE.json opslaan');
      // Expertise: one line until opened; a search narrows the list.
      assert.match(await page.textContent('#case-expertise summary'), /Geen expertise gekozen/);
      await page.focus('#case-expertise summary');
      await page.keyboard.press('Enter');
      await page.fill('#case-expertise-search', 'trauma');
      assert.equal(await page.locator('#case-expertise-list li:visible').count(), 1);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      assert.match(await page.textContent('#case-expertise summary'), /1 gekozen: trauma/);
      await accessible('expertise list open and searched');
    });

    it('says what is wrong in Dutch at the field, with "Fout:" in the title', async () => {
      await openCase({ ...fv042, maatwerk: { approved_by: 'RET Food Valley', date: '2026-11-20', reason: 'Gezin verhuist naar 6711 AB.', allow: ['non_contracted'] } });
      await page.click('button:has-text("Advies opvragen")');
      await page.waitForSelector('#maatwerk-reason[aria-invalid="true"]');
      const summary = await page.textContent('.error-summary');
      assert.match(summary, /Reden: Geen persoonsgegevens invullen: de tekst bevat een postcode\./);
      assert.doesNotMatch(summary, /\/maatwerk|personal data|6711/);
      assert.match(await page.title(), /^Fout: Bespreking/);
      const describedBy = await page.getAttribute('#maatwerk-reason', 'aria-describedby');
      assert.match(describedBy, /\bmaatwerk-reason-error\b/);
      assert.match(await page.textContent('#maatwerk-reason-error'), /postcode/);
      await accessible('server refusal at the field');
      if (screen.name === 'laptop') {
        await page.locator('.error-summary').scrollIntoViewIfNeeded();
        await shot('10-fout-bij-veld');
      }
      // A date that does not exist is refused in the browser, at the date.
      await page.fill('#case-date-day', '31');
      await page.fill('#case-date-month', '2');
      await page.click('button:has-text("Advies opvragen")');
      await page.waitForSelector('#case-date-day[aria-invalid="true"]');
      assert.match(await page.textContent('#case-date-error'), /bestaande dag, maand en jaar/);
      await page.fill('#case-date-day', '26');
      await page.fill('#case-date-month', '11');
    });

    it('gives the advice, announced in a live region that was there before, and fits the screen', async () => {
      await page.uncheck('#maatwerk-on');  // no maatwerk
      assert.equal(await page.getAttribute('#announcer', 'role'), 'status');
      await page.click('button:has-text("Advies opvragen")');
      await page.waitForSelector('#advice-title');
      assert.equal(await page.title(), 'Bespreking — passend', 'no "Fout:" once the errors are gone');
      await page.waitForFunction(() => document.querySelector('#announcer').textContent === 'Advies berekend voor casus 2026-FV-042.');
      assert.equal(await page.locator('.advice-area[aria-live], .advice[aria-live]').count(), 0, 'the advice itself is not read out as a whole');
      assert.ok(await overflow() <= 0, `the page is ${await overflow()}px wider than the screen`);
      const edit = await page.locator('#edit-case').boundingBox();
      assert.ok(edit.x >= 0 && edit.x + edit.width <= screen.width, '"Casus wijzigen" is on screen');
      // The gap is said near the top, not only on a card below the fold.
      assert.match(await page.textContent('.gap-line'), /^Leemte: Regionale leemte/);
      // The rode knop is named once; the legend and the filter count the same candidates.
      assert.doesNotMatch(await page.textContent('.plan-cards'), /Rode knop:\s*Rode knop/i);
      const legend = await page.locator('.map-legend li').allInnerTexts();
      for (const label of await page.locator('.tier-filter label').allInnerTexts()) assert.ok(legend.includes(label), `${label} in the legend: ${legend}`);
      // The candidates: every cell on screen, on a phone as cards.
      const clipped = await page.evaluate(() => {
        const box = document.querySelector('.candidates').getBoundingClientRect();
        return [...document.querySelectorAll('.candidates td')].filter((td) => td.getBoundingClientRect().right > box.right + 1).map((td) => td.dataset.label);
      });
      assert.deepEqual(clipped, [], 'cells outside the candidate box');
      if (screen.width < 700) assert.equal(await page.locator('.candidates tbody tr').first().evaluate((tr) => getComputedStyle(tr).display), 'block', 'cards on a phone');
      await accessible('advice');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('11-advies');
      await page.evaluate(() => document.querySelector('.candidates').scrollIntoView({ block: 'start' }));
      await shot('11-advies-kandidaten');
    });

    it('marks the advice "verouderd" as soon as the case changes, and the table still fits beside the form', async () => {
      await page.click('#edit-case');
      assert.equal(await page.locator('#advice-outdated').isVisible(), false);
      await page.fill('#case-age', '16');
      await page.waitForSelector('#advice-outdated:visible');
      assert.match(await page.textContent('#advice-outdated'), /Verouderd: de casus is gewijzigd na dit advies/);
      assert.match(await page.textContent('#advice-title'), /verouderd/);
      const clipped = await page.evaluate(() => {
        const box = document.querySelector('.candidates').getBoundingClientRect();
        return [...document.querySelectorAll('.candidates td[data-label="Capaciteit"]')].filter((td) => td.getBoundingClientRect().right > box.right + 1).length;
      });
      assert.equal(clipped, 0, 'the capacity column is not cut off beside the open form');
      assert.ok(await overflow() <= 0);
      await accessible('outdated advice beside the open form');
      await page.evaluate(() => document.querySelector('#advice-outdated').scrollIntoView({ block: 'start' }));
      await shot('13-verouderd');
    });

    it('undoes "Leegmaken", and says in Dutch when the server cannot be reached', async () => {
      await page.click('#clear-case');
      assert.equal(await page.inputValue('#case-id'), '');
      await page.click('#undo-clear');
      assert.equal(await page.inputValue('#case-id'), '2026-FV-042');
      assert.equal(await page.inputValue('#case-age'), '16');
      await page.route('**/api/v1/query**', (route) => route.abort());
      await page.click('button:has-text("Advies opvragen")');
      await page.waitForSelector('.form-status.error');
      const status = await page.textContent('.form-status');
      assert.match(status, /De server is niet bereikbaar/);
      assert.doesNotMatch(status, /HTTP|Failed to fetch/);
      await page.unroute('**/api/v1/query**');
      await accessible('server unreachable at the form');
    });

    it('keeps the tab stops few with a whole case on the form', async () => {
      await page.focus('#case-id');
      let stops = 1;
      while (stops < 200 && await page.evaluate(() => Boolean(document.activeElement.closest('.case-form')))) {
        await page.keyboard.press('Tab');
        stops += 1;
      }
      // 44 on 2026-12-06: the nine care forms are a box each, an opened list of flags adds eight, and
      // each name in a list of providers adds its remove button. A typical case took 50 before.
      assert.ok(stops <= 45, `${stops} tab stops in the filled case form`);
    });

    const signIn = async () => {
      await page.fill('#token', server.tokens.admin);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.case-form');
    };
    const setIdleFor = (minutes) => page.evaluate((ms) => {
      sessionStorage.setItem('passend.active', String(Date.now() - ms));
      window.dispatchEvent(new Event('focus'));  // what coming back to the tab does
    }, minutes * 60 * 1000);

    it('asks before signing out throws away the case on the form; an empty form signs out at once', async () => {
      await page.click('#sign-out');
      await page.waitForSelector('#sign-out-dialog[open]');
      assert.match(await page.textContent('#sign-out-dialog'), /casus 2026-FV-042 .*niet meer op dit scherm.*CASE\.json opslaan/s);
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Aangemeld blijven', 'the safe answer has the focus');
      await accessible('asking before signing out');
      if (screen.name === 'laptop') await shot('16-afmelden-vraag');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#sign-out-dialog', { state: 'detached' });
      assert.equal(await page.inputValue('#case-id'), '2026-FV-042', 'staying keeps the case');
      await page.click('#sign-out');
      await page.click('#sign-out-dialog button:has-text("Afmelden")');
      await page.waitForSelector('#token');
      assert.match(await page.textContent('#sign-in-error'), /U bent afgemeld\./);
      await signIn();
      assert.equal(await page.inputValue('#case-id'), '', 'the case is gone after signing out');
      await page.click('#sign-out');
      await page.waitForSelector('#token');
      assert.equal(await page.locator('#sign-out-dialog').count(), 0, 'nothing to lose, nothing asked');
      await signIn();
    });

    it('warns two minutes before the idle sign-out, and staying is one click', async () => {
      await setIdleFor(28.5);
      await page.waitForSelector('#idle-warning[open]');
      assert.match(await page.textContent('#idle-warning'), /Over 2 minuten meldt passend u af/);
      assert.equal(await page.getAttribute('#idle-warning', 'role'), 'alertdialog');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Aangemeld blijven');
      await accessible('the idle warning');
      await page.click('#idle-warning button:has-text("Aangemeld blijven")');
      await page.waitForSelector('#idle-warning', { state: 'detached' });
      const idleMs = await page.evaluate(() => Date.now() - Number(sessionStorage.getItem('passend.active')));
      assert.ok(idleMs < 10000, `the click counts as activity (idle for ${idleMs} ms)`);
      assert.ok(await page.isVisible('.case-form'), 'still signed in');
      await setIdleFor(31);
      await page.waitForSelector('#token');
      assert.match(await page.textContent('#sign-in-error'), /na 30 minuten zonder activiteit afgemeld/);
      await signIn();
    });

    it('fits the coordinator\'s and contract manager\'s pages on the screen: places as cards on a phone', async () => {
      await page.goto(`${server.origin}/#/netwerk`);
      await page.waitForSelector('#places tbody tr');
      assert.ok(await overflow() <= 0, `the network page is ${await overflow()}px wider than the screen`);
      const display = await page.evaluate(() => getComputedStyle(document.querySelector('#places tbody tr')).display);
      assert.equal(display, screen.name === 'telefoon' ? 'block' : 'table-row', 'a card per place on a phone, a table row elsewhere');
      if (screen.name === 'telefoon') {
        assert.match(await page.evaluate(() => getComputedStyle(document.querySelector('#places td[data-label="Vrij"]'), '::before').content), /Vrij: /);
        await page.evaluate(() => document.querySelector('#places').scrollIntoView({ block: 'start' }));
        await shot('17-plekken');
      }
      await accessible('the network page');
      for (const [hash, heading] of [['#/regels', 'Regels afstemmen'], ['#/geschiedenis', 'Regelsetgeschiedenis']]) {
        await page.goto(`${server.origin}/${hash}`);
        await page.waitForSelector(`h1:text-is("${heading}")`);
        await page.waitForSelector('.loading', { state: 'detached' });
        assert.ok(await overflow() <= 0, `${heading}: the page is ${await overflow()}px wider than the screen`);
        await accessible(heading);
      }
      await page.goto(`${server.origin}/#/bespreking`);
      await page.waitForSelector('.case-form');
    });

    it('needed nothing beyond the server and raised no script errors beyond the provoked ones', () => {
      assert.deepEqual(browser.outside, []);
      assert.deepEqual(browser.errors.filter((e) => !/Failed to load resource|net::ERR_FAILED|Failed to fetch/.test(e)), []);
    });
  });
}
