// The network coordinator's view: the scarce supra-regional places (bovenregionale plekken) per
// expertise network with their free counts, waits and how fresh the numbers are; coordinators
// can update a place's capacity (PUT /api/v1/offerings/{id}/capacity).
import { api, cached, get } from './api.js';
import { dateShort, h, labeller, places, todayIso, weeks } from './dom.js';

const STALE_DAYS = 30;

function ageInDays(iso) {
  return Math.round((Date.parse(`${todayIso()}T00:00:00Z`) - Date.parse(`${iso}T00:00:00Z`)) / 86400000);
}

function capacityForm(offering, onSaved) {
  const id = offering.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const free = h('input', { id: `free-${id}`, type: 'number', min: 0, max: offering.capacity.places, step: 1, value: offering.capacity.free, inputmode: 'numeric' });
  const wait = h('input', { id: `wait-${id}`, type: 'number', min: 0, max: 520, step: 1, value: offering.capacity.wait_weeks, inputmode: 'numeric' });
  const status = h('p', { role: 'status' });
  const form = h('form', { class: 'capacity-form', novalidate: true },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: free.id }, `Vrij (van ${offering.capacity.places})`), free),
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
      status.textContent = `${err.lead} ${err.message}`;
    }
  });
  return form;
}

function placeRow(o, ctx) {
  const age = ageInDays(o.capacity.updated);
  const stale = age > STALE_DAYS;
  return h('tr', { class: stale ? 'stale' : null, 'data-offering': o.id },
    h('td', {}, h('span', { class: 'provider' }, o.provider_name), h('span', { class: 'offering-id muted' }, o.id),
      o.in_network ? null : h('span', { class: 'badge badge-maatwerk' }, 'buiten inkoopnetwerk')),
    h('td', {}, ctx.label('care_forms', o.care_form)),
    h('td', {}, ctx.municipalities.get(o.municipality)?.name || o.municipality, h('div', { class: 'muted' }, ctx.regions.get(o.region)?.name || o.region)),
    h('td', { class: 'num' }, o.capacity.places),
    h('td', { class: `num ${o.capacity.free > 0 ? 'free-some' : 'free-0'}` }, o.capacity.free),
    h('td', {}, o.capacity.free > 0 ? '—' : o.capacity.wait_weeks ? weeks(o.capacity.wait_weeks) : 'geen wachtlijst'),
    h('td', {}, dateShort(o.capacity.updated),
      stale ? h('div', {}, h('span', { class: 'badge badge-stale' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), `verouderd (${age} dagen)`)) : null),
    ctx.canEdit ? h('td', {}, h('details', {}, h('summary', {}, 'Wijzigen'), capacityForm(o, ctx.reload))) : null);
}

export async function render(main, { me }) {
  const [vocabulary, regionList, networkList, municipalityList, offeringList] = await Promise.all([
    cached('/api/v1/vocabulary'), cached('/api/v1/regions'), cached('/api/v1/networks'), cached('/api/v1/municipalities'), get('/api/v1/offerings'),
  ]);
  const ctx = {
    label: labeller(vocabulary),
    regions: new Map(regionList.regions.map((r) => [r.code, r])),
    municipalities: new Map(municipalityList.municipalities.map((m) => [m.code, m])),
    canEdit: me.role === 'coordinator' || me.role === 'admin',
    reload: async () => { main.replaceChildren(); await render(main, { me }); },
  };
  const supra = offeringList.offerings.filter((o) => o.supra_regional);
  const networkOf = (o) => ctx.regions.get(o.region)?.network || '';
  const networks = networkList.networks.filter((n) => supra.some((o) => networkOf(o) === n.code));
  const select = h('select', { id: 'network-filter' },
    h('option', { value: '' }, `alle netwerken (${supra.length} plekken)`),
    networks.map((n) => h('option', { value: n.code }, `${n.name} (${n.code})`)));
  const body = h('tbody');
  const summary = h('p', { class: 'summary-line', 'aria-live': 'polite', id: 'network-summary' });
  const draw = () => {
    const rows = supra.filter((o) => !select.value || networkOf(o) === select.value)
      .sort((a, b) => networkOf(a).localeCompare(networkOf(b)) || b.capacity.free - a.capacity.free || a.id.localeCompare(b.id));
    body.replaceChildren(...rows.map((o) => placeRow(o, ctx)));
    const free = rows.reduce((n, o) => n + o.capacity.free, 0);
    const total = rows.reduce((n, o) => n + o.capacity.places, 0);
    summary.textContent = `${rows.length} bovenregionale aanbiedingen · ${places(free)} vrij van ${total}.`;
  };
  select.addEventListener('change', draw);
  draw();

  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Bovenregionale plekken'),
      h('p', { class: 'lead' }, 'De schaarse plekken die het expertisenetwerk coördineert, met vrije plaatsen, wachttijd en hoe actueel de cijfers zijn.')),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'network-filter' }, 'Expertisenetwerk'), select)),
    summary,
    h('section', { class: 'panel' },
      h('div', { class: 'table-wrap' },
        h('table', { class: 'data', id: 'places' },
          h('caption', { class: 'visually-hidden' }, 'Bovenregionale plekken'),
          h('thead', {}, h('tr', {},
            ['Aanbieder', 'Zorgvorm', 'Locatie', 'Plaatsen', 'Vrij', 'Wachttijd', 'Bijgewerkt'].map((t, i) => h('th', { scope: 'col', class: i >= 3 && i <= 4 ? 'num' : null }, t)),
            ctx.canEdit ? h('th', { scope: 'col' }, 'Capaciteit') : null)),
          body))),
    h('section', { class: 'panel', id: 'allocation' },
      h('h2', {}, 'Verdelen'),
      h('p', {}, 'Het verdelen van deze plekken over concurrerende casussen (allocatie) en het vastleggen als reserveringen gaat nu nog via de opdrachtregel:'),
      h('pre', {}, h('code', {}, 'passend allocate --db … --network EXN03 --cases CASES.json [--commit]')),
      h('p', { class: 'muted' }, 'De API heeft (nog) geen route voor allocatie en reserveringen; zodra die er is, komt de verdeling op deze pagina.')));
}
