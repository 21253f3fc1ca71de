// The network coordinator's view: the scarce supra-regional places (bovenregionale plekken) per
// expertise network with their free counts (less active reservations), waits and how fresh the
// numbers are; capacity updates (PUT /api/v1/offerings/{id}/capacity); an allocation among
// competing cases (POST /api/v1/allocate), first as a proposal, then committed as reservations,
// with the cases skipped because they already hold a place;
// and the active reservations, which can be released (DELETE /api/v1/reservations/{id}).
import { api, cached, get } from './api.js';
import { dutchError } from './messages.js';
import { announce, dateInput, dateLong, dateShort, fmt2, h, labeller, places, signed, todayIso, weeks } from './dom.js';

const STALE_DAYS = 30;

function ageInDays(iso) {
  return Math.round((Date.parse(`${todayIso()}T00:00:00Z`) - Date.parse(`${iso}T00:00:00Z`)) / 86400000);
}

function errorText(e) { return e.dutch || dutchError(e); }

// ---- places ----

function capacityForm(offering, onSaved) {
  const id = offering.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const free = h('input', { id: `free-${id}`, type: 'number', min: 0, max: offering.capacity.places, step: 1, value: offering.capacity.free, inputmode: 'numeric' });
  const wait = h('input', { id: `wait-${id}`, type: 'number', min: 0, max: 520, step: 1, value: offering.capacity.wait_weeks, inputmode: 'numeric' });
  const status = h('p', { role: 'status' });
  const form = h('form', { class: 'capacity-form', novalidate: true },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: free.id }, `Vrij volgens aanbieder (van ${offering.capacity.places})`), free),
      h('div', { class: 'field' }, h('label', { for: wait.id }, 'Wachttijd (weken)'), wait)),
    h('button', { type: 'submit', class: 'button-quiet' }, 'Opslaan (bijgewerkt vandaag)'), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('PUT', `/api/v1/offerings/${encodeURIComponent(offering.id)}/capacity`, {
        body: { free: Number(free.value), wait_weeks: Number(wait.value), updated: todayIso() },
      });
      await onSaved();
    } catch (err) {
      status.className = 'error';
      status.textContent = errorText(err);
    }
  });
  return form;
}

function placeRow(o, ctx) {
  const age = ageInDays(o.capacity.updated);
  const stale = age > STALE_DAYS;
  const reserved = ctx.reserved.get(o.id) || 0;
  const free = Math.max(0, o.capacity.free - reserved);
  return h('tr', { class: stale ? 'stale' : null, 'data-offering': o.id },
    h('td', { 'data-label': 'Aanbieder' }, h('span', { class: 'provider' }, o.provider_name), h('span', { class: 'offering-id muted' }, o.id),
      o.in_network ? null : h('span', { class: 'badge badge-maatwerk' }, 'buiten inkoopnetwerk')),
    h('td', { 'data-label': 'Zorgvorm' }, ctx.label('care_forms', o.care_form)),
    h('td', { 'data-label': 'Locatie' }, ctx.municipalities.get(o.municipality)?.name || o.municipality, h('div', { class: 'muted' }, ctx.regions.get(o.region)?.name || o.region)),
    h('td', { class: 'num', 'data-label': 'Plaatsen' }, o.capacity.places),
    h('td', { class: `num ${free > 0 ? 'free-some' : 'free-0'}`, 'data-free': free, 'data-label': 'Vrij' }, free,
      reserved ? h('div', { class: 'muted' }, `${reserved} gereserveerd`) : null),
    h('td', { 'data-label': 'Wachttijd' }, free > 0 ? '—' : o.capacity.wait_weeks ? weeks(o.capacity.wait_weeks) : 'geen wachtlijst'),
    h('td', { 'data-label': 'Bijgewerkt' }, dateShort(o.capacity.updated),
      stale ? h('div', {}, h('span', { class: 'badge badge-stale' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), `verouderd (${age} dagen)`)) : null),
    h('td', {}, h('details', {}, h('summary', {}, 'Wijzigen'), capacityForm(o, ctx.reload))));
}

function placesTable(rows, ctx) {
  // On a phone each place is a card (the `data-cards` rules in app.css), not a table to scroll.
  return h('div', { class: 'table-wrap cards-container' },
    h('table', { class: 'data data-cards', id: 'places' },
      h('caption', { class: 'visually-hidden' }, 'Bovenregionale plekken'),
      h('thead', {}, h('tr', {},
        ['Aanbieder', 'Zorgvorm', 'Locatie', 'Plaatsen', 'Vrij', 'Wachttijd', 'Bijgewerkt', 'Capaciteit']
          .map((t) => h('th', { scope: 'col', class: t === 'Plaatsen' || t === 'Vrij' ? 'num' : null }, t)))),
      h('tbody', {}, rows.map((o) => placeRow(o, ctx)))));
}

// ---- allocation ----

// Cases that already hold a place (here or in another network) are not allocated again.
function skippedTable(skipped) {
  return h('table', { class: 'data', id: 'skipped' },
    h('caption', {}, 'Overgeslagen: heeft al een plek'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Casus'), h('th', { scope: 'col' }, 'Waarom'))),
    h('tbody', {}, skipped.map((s) => h('tr', { 'data-case': s.case }, h('td', {}, s.case), h('td', {}, s.text)))));
}

function allocationResult(result, ctx) {
  const name = (offering) => ctx.offerings.get(offering)?.provider_name || offering;
  const skipped = result.skipped || [];
  return h('div', { class: 'allocation-result' },
    h('p', { class: 'summary-line', id: 'allocation-summary' },
      `${result.placed} van de ${result.assignments.length + result.unassigned.length} casussen geplaatst`,
      skipped.length ? ` · ${skipped.length} overgeslagen (al een plek)` : '',
      ` · totale prioriteit ${fmt2(result.objective)}`, result.committed ? ' · vastgelegd als reserveringen' : ' · voorstel, nog niet vastgelegd'),
    h('p', { class: 'help' }, `${result.network} · peildatum ${dateLong(result.reference_date)} · regelset ${result.ruleset.name} ${result.ruleset.version}`),
    result.assignments.length ? h('table', { class: 'data', id: 'assignments' },
      h('caption', {}, 'Toegewezen'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Casus'), h('th', { scope: 'col' }, 'Plek'), h('th', { scope: 'col', class: 'num' }, 'Prioriteit'), h('th', { scope: 'col' }, 'Redenen'))),
      h('tbody', {}, result.assignments.map((a) => h('tr', { 'data-case': a.case },
        h('td', {}, a.case),
        h('td', {}, h('span', { class: 'provider' }, name(a.offering)), h('span', { class: 'offering-id muted' }, a.offering)),
        h('td', { class: 'num' }, fmt2(a.priority)),
        h('td', {}, h('ul', { class: 'reasons' }, (a.reasons || []).map((r) => h('li', {}, h('span', { class: 'effect' }, signed(r.effect)), h('span', {}, r.text))))))))) : null,
    result.unassigned.length ? h('table', { class: 'data', id: 'unassigned' },
      h('caption', {}, 'Niet geplaatst'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Casus'), h('th', { scope: 'col' }, 'Waarom'))),
      h('tbody', {}, result.unassigned.map((u) => h('tr', { 'data-case': u.case },
        h('td', {}, u.case),
        h('td', {}, u.text, u.outranked_by ? h('div', { class: 'muted' }, `voorrang voor ${u.outranked_by}`) : null))))) : null,
    skipped.length ? skippedTable(skipped) : null);
}

function allocationPanel(network, ctx) {
  const cases = h('textarea', { id: 'allocation-cases', rows: 6, spellcheck: 'false', class: 'code', 'aria-describedby': 'allocation-cases-help' });
  const file = h('input', { type: 'file', id: 'allocation-file', accept: 'application/json,.json', hidden: true, tabindex: '-1' });
  file.addEventListener('change', async () => {
    if (file.files[0]) cases.value = await file.files[0].text();
    file.value = '';
  });
  const date = dateInput('allocation-date', 'Peildatum', { value: todayIso() });
  const until = dateInput('allocation-until', 'Reservering geldig tot (niet verplicht)', { help: 'Leeg: tot de plek wordt vrijgegeven.' });
  const propose = h('button', { type: 'button', class: 'button-primary', id: 'allocate' }, 'Verdeling berekenen');
  const commit = h('button', { type: 'button', class: 'button-primary', id: 'allocate-commit', disabled: true }, 'Vastleggen als reserveringen');
  const out = h('div', { id: 'allocation-out' });
  let proposed = null;  // the input the shown proposal was computed from

  const run = async (doCommit) => {
    let body;
    try {
      body = JSON.parse(cases.value);
    } catch {
      out.replaceChildren(h('p', { class: 'error' }, 'CASES.json is geen geldige JSON: een lijst van casussen, elk met "registered".'));
      announce('CASES.json is geen geldige JSON.');
      return;
    }
    for (const d of [date, until]) {
      if (d.value !== 'ongeldig') continue;
      const text = `${d.element.querySelector('legend').textContent}: vul een bestaande dag, maand en jaar in.`;
      out.replaceChildren(h('p', { class: 'error' }, text));
      announce(text);
      return d.inputs[0].focus();
    }
    const query = { network, date: date.value || todayIso() };
    if (doCommit) { query.commit = 'true'; if (until.value) query.until = until.value; }
    propose.disabled = commit.disabled = true;
    try {
      const { data } = await api('POST', '/api/v1/allocate', { body, query });
      if (doCommit) {
        const n = data.assignments.length;
        return await ctx.reload({ allocation: data, cases: cases.value, message: `${n} ${n === 1 ? 'reservering' : 'reserveringen'} vastgelegd.` });
      }
      proposed = `${cases.value}|${query.date}`;
      out.replaceChildren(allocationResult(data, ctx));
      announce(`Voorstel: ${out.querySelector('#allocation-summary').textContent}`);
    } catch (e) {
      proposed = null;
      out.replaceChildren(h('p', { class: 'error' }, errorText(e)));
      announce(errorText(e));
    } finally {
      propose.disabled = false;
      commit.disabled = proposed !== `${cases.value}|${date.value || todayIso()}`;
    }
  };
  propose.addEventListener('click', () => run(false));
  commit.addEventListener('click', () => run(true));
  for (const input of [cases, date]) input.addEventListener('input', () => { commit.disabled = true; });

  return h('section', { class: 'panel', id: 'allocation', 'aria-labelledby': 'allocation-title' },
    h('h2', { id: 'allocation-title' }, `Verdelen binnen ${ctx.networkName(network)}`),
    h('p', {}, 'Verdeel de vrije bovenregionale plekken over casussen die erom concurreren. Eerst zoveel mogelijk casussen plaatsen, dan de hoogste totale prioriteit; de regels en redenen komen uit de actieve regelset.'),
    h('div', { class: 'field' },
      h('label', { for: 'allocation-cases' }, 'Casussen (CASES.json)'),
      cases,
      h('p', { class: 'help', id: 'allocation-cases-help' }, 'Een JSON-lijst van pseudonieme casussen, elk met de datum van aanmelding ("registered").'),
      h('button', { type: 'button', class: 'button-quiet', id: 'allocation-open', onclick: () => file.click() }, 'Bestand openen…'),
      file),
    h('div', { class: 'row' }, date.element, until.element),
    h('div', { class: 'actions' }, propose, commit),
    out);
}

// ---- reservations ----

function reservationsPanel(reservations, ctx) {
  const status = h('p', { role: 'status' });
  // Releasing frees the place for someone else: the row asks once more before it does.
  const confirmRelease = (r, cell) => {
    const keep = h('button', { type: 'button', class: 'button-quiet' }, 'Nee, behouden');
    const yes = h('button', { type: 'button', class: 'button-quiet button-danger' }, 'Ja, vrijgeven');
    const original = [...cell.childNodes];
    cell.replaceChildren(h('p', { class: 'confirm-text' }, `Reservering van ${r.case} vrijgeven?`), h('div', { class: 'actions confirm-actions' }, yes, keep));
    keep.addEventListener('click', () => { cell.replaceChildren(...original); cell.querySelector('button')?.focus(); });
    yes.addEventListener('click', () => release(r));
    yes.focus();
  };
  const release = async (r) => {
    try {
      await api('DELETE', `/api/v1/reservations/${r.id}`);
      await ctx.reload({ message: `Reservering van ${r.case} voor ${r.offering} vrijgegeven.` });
    } catch (e) {
      status.className = 'error';
      status.textContent = errorText(e);
    }
  };
  return h('section', { class: 'panel', id: 'reservations', 'aria-labelledby': 'reservations-title' },
    h('h2', { id: 'reservations-title' }, `Reserveringen (${reservations.length})`),
    reservations.length ? h('div', { class: 'cards-container' }, h('table', { class: 'data data-cards' },
      h('caption', { class: 'visually-hidden' }, 'Actieve reserveringen'),
      h('thead', {}, h('tr', {}, ['Casus', 'Plek', 'Sinds', 'Geldig tot', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, reservations.map((r) => h('tr', { 'data-case': r.case },
        h('td', { 'data-label': 'Casus' }, r.case),
        h('td', { 'data-label': 'Plek' }, h('span', { class: 'provider' }, ctx.offerings.get(r.offering)?.provider_name || r.offering), h('span', { class: 'offering-id muted' }, r.offering)),
        h('td', { 'data-label': 'Sinds' }, dateShort(r.created_at)),
        h('td', { 'data-label': 'Geldig tot' }, r.until ? dateShort(r.until) : 'tot vrijgave'),
        h('td', {}, h('button', { type: 'button', class: 'button-quiet button-danger', onclick: (e) => confirmRelease(r, e.currentTarget.parentElement), 'aria-label': `Reservering van ${r.case} vrijgeven` }, 'Vrijgeven')))))))
      : h('p', { class: 'muted' }, 'Geen actieve reserveringen.'),
    status);
}

// ---- the page ----

let selectedNetwork = 'EXN03';

export async function render(main, { me }, flash = {}) {
  const [vocabulary, regionList, networkList, municipalityList, offeringList, reservationList] = await Promise.all([
    cached('/api/v1/vocabulary'), cached('/api/v1/regions'), cached('/api/v1/networks'), cached('/api/v1/municipalities'),
    get('/api/v1/offerings'), get('/api/v1/reservations'),
  ]);
  const regions = new Map(regionList.regions.map((r) => [r.code, r]));
  const supra = offeringList.offerings.filter((o) => o.supra_regional);
  const networkOf = (o) => regions.get(o.region)?.network || '';
  const networks = networkList.networks.filter((n) => supra.some((o) => networkOf(o) === n.code));
  if (!networks.some((n) => n.code === selectedNetwork)) selectedNetwork = networks[0]?.code || '';
  const reserved = new Map();
  for (const r of reservationList.reservations) reserved.set(r.offering, (reserved.get(r.offering) || 0) + 1);
  const ctx = {
    label: labeller(vocabulary),
    regions,
    municipalities: new Map(municipalityList.municipalities.map((m) => [m.code, m])),
    offerings: new Map(offeringList.offerings.map((o) => [o.id, o])),
    reserved,
    networkName: (code) => networkList.networks.find((n) => n.code === code)?.name || code,
    reload: async (next = {}) => { main.replaceChildren(); await render(main, { me }, next); },
  };

  const select = h('select', { id: 'network-filter' }, networks.map((n) => h('option', { value: n.code, selected: n.code === selectedNetwork }, `${n.name} (${n.code})`)));
  select.addEventListener('change', () => { selectedNetwork = select.value; ctx.reload(); });
  const rows = supra.filter((o) => networkOf(o) === selectedNetwork)
    .sort((a, b) => b.capacity.free - a.capacity.free || a.id.localeCompare(b.id));
  const free = rows.reduce((n, o) => n + Math.max(0, o.capacity.free - (reserved.get(o.id) || 0)), 0);
  const total = rows.reduce((n, o) => n + o.capacity.places, 0);
  if (flash.message) announce(flash.message);
  const allocation = allocationPanel(selectedNetwork, ctx);
  if (flash.allocation) allocation.querySelector('#allocation-out').replaceChildren(allocationResult(flash.allocation, ctx));
  if (flash.cases) allocation.querySelector('#allocation-cases').value = flash.cases;

  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Bovenregionale plekken'),
      h('p', { class: 'lead' }, 'De schaarse plekken die het expertisenetwerk coördineert: vrije plaatsen, reserveringen, wachttijd en hoe actueel de cijfers zijn. Verdeel ze eerlijk en zichtbaar over concurrerende casussen.'),
      flash.message ? h('p', { class: 'success' }, flash.message) : null),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'network-filter' }, 'Expertisenetwerk'), select)),
    h('p', { class: 'summary-line', id: 'network-summary' }, `${rows.length} bovenregionale aanbiedingen · ${places(free)} vrij van ${total}.`),
    h('section', { class: 'panel', 'aria-label': 'Plekken' }, placesTable(rows, ctx)),
    allocation,
    reservationsPanel(reservationList.reservations.filter((r) => rows.some((o) => o.id === r.offering)), ctx));
}
