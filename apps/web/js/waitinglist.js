// The network's waiting list (#/wachtlijst): the cases the RETs referred to the network, the free
// scarce places, and allocation from the list — first a proposal, then "Vastleggen", which sends
// the proposal it shows. When another coordinator committed first (or the list changed), the
// server refuses; the page then reloads the list and the places as they now are and says in
// Dutch what happened, naming the cases and the providers.
import { api, cached, get } from './api.js';
import { statusLabels } from './cases.js';
import { announce, dateShort, h, places, todayIso } from './dom.js';
import { allocationResult } from './network.js';

let selectedNetwork = '';

function daysSince(iso) {
  return Math.max(0, Math.round((Date.parse(`${todayIso()}T00:00:00Z`) - Date.parse(`${iso}T00:00:00Z`)) / 86400000));
}

function waitingTable(cases) {
  if (!cases.length) return h('p', { class: 'muted', id: 'waiting-empty' }, 'Er staan geen casussen op de wachtlijst.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'waiting' },
    h('caption', { class: 'visually-hidden' }, 'Casussen op de wachtlijst'),
    h('thead', {}, h('tr', {}, ['Casus', 'Regio', 'Aangemeld', 'Wacht', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, cases.map((c) => h('tr', { 'data-case': c.id },
      h('td', {}, h('a', { href: `#/casus/${encodeURIComponent(c.id)}` }, c.id)),
      h('td', {}, c.region_name),
      h('td', {}, dateShort(c.registered)),
      h('td', {}, `${daysSince(c.registered)} dagen`),
      h('td', {}, statusLabels[c.status]))))));
}

export async function render(main, { me }, flash = {}) {
  const [networkList, regionList] = await Promise.all([cached('/api/v1/networks'), cached('/api/v1/regions')]);
  const networks = me.scope?.kind === 'network' ? networkList.networks.filter((n) => n.code === me.scope.id) : networkList.networks;
  if (!networks.some((n) => n.code === selectedNetwork)) selectedNetwork = networks.find((n) => n.code === 'EXN03')?.code || networks[0]?.code;
  const network = networks.find((n) => n.code === selectedNetwork);
  const [list, offeringList, reservationList] = await Promise.all([
    get(`/api/v1/networks/${selectedNetwork}/waiting-list`, { date: todayIso() }), get('/api/v1/offerings'), get('/api/v1/reservations'),
  ]);
  const regionNetwork = new Map(regionList.regions.map((r) => [r.code, r.network]));
  const reserved = new Map();
  for (const r of reservationList.reservations) reserved.set(r.offering, (reserved.get(r.offering) || 0) + 1);
  const supra = offeringList.offerings.filter((o) => o.supra_regional && regionNetwork.get(o.region) === selectedNetwork);
  const free = supra.reduce((n, o) => n + Math.max(0, o.capacity.free - (reserved.get(o.id) || 0)), 0);
  const offerings = new Map(offeringList.offerings.map((o) => [o.id, o]));
  const reload = async (next = {}) => { main.replaceChildren(); await render(main, { me }, next); };

  const select = h('select', { id: 'waiting-network' }, networks.map((n) => h('option', { value: n.code, selected: n.code === selectedNetwork }, `${n.name} (${n.code})`)));
  select.addEventListener('change', () => { selectedNetwork = select.value; reload(); });
  const propose = h('button', { type: 'button', class: 'button-primary', id: 'waiting-propose', disabled: !list.cases.length }, 'Voorstel berekenen');
  const commit = h('button', { type: 'button', class: 'button-primary', id: 'waiting-commit', disabled: true }, 'Vastleggen: casussen plaatsen');
  const out = h('div', { id: 'waiting-out' });
  let shown = null;  // the proposal on the screen

  propose.addEventListener('click', async () => {
    propose.disabled = true;
    try {
      const { data } = await api('POST', `/api/v1/networks/${selectedNetwork}/waiting-list/allocate`, { query: { date: todayIso() } });
      shown = data;
      out.replaceChildren(allocationResult(data, { offerings }));
      commit.disabled = data.assignments.length === 0;
      announce(`Voorstel: ${out.querySelector('#allocation-summary').textContent}`);
    } catch (e) {
      out.replaceChildren(h('p', { class: 'error' }, `Fout: ${e.dutch}`));
    } finally {
      propose.disabled = false;
    }
  });
  commit.addEventListener('click', async () => {
    if (!shown) return;
    commit.disabled = propose.disabled = true;
    const expected = shown.assignments.map((a) => ({ case: a.case, offering: a.offering }));
    try {
      const { data } = await api('POST', `/api/v1/networks/${selectedNetwork}/waiting-list/allocate`, { body: { expected }, query: { date: todayIso(), commit: 'true' } });
      const names = data.assignments.map((a) => `${a.case} bij ${a.provider_name}`).join(', ');
      const message = `${data.placed} ${data.placed === 1 ? 'casus' : 'casussen'} geplaatst: ${names}.`;
      await reload({ message, allocation: data });
      announce(message);
    } catch (e) {
      const message = e.code === 'conflict' ? e.message : `Fout: ${e.dutch}`;
      await reload({ error: message });
      announce(message);
    }
  });

  main.append(...[
    h('div', { class: 'page-head' },
      h('h1', {}, 'Wachtlijst van het netwerk'),
      h('p', { class: 'lead' }, 'De casussen die de RET\'s naar het expertisenetwerk hebben verwezen. Verdeel de schaarse bovenregionale plekken eerlijk en zichtbaar: eerst zoveel mogelijk casussen plaatsen, dan de hoogste totale prioriteit.'),
      flash.message ? h('p', { class: 'success', id: 'waiting-message' }, flash.message) : null,
      h('p', { id: 'waiting-error', role: 'alert', class: flash.error ? 'error' : 'message-slot' }, flash.error || '')),
    networks.length > 1 ? h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'waiting-network' }, 'Expertisenetwerk'), select)) : null,
    h('p', { class: 'summary-line', id: 'waiting-summary' },
      `${network?.name || selectedNetwork}: ${list.cases.length} ${list.cases.length === 1 ? 'casus' : 'casussen'} op de wachtlijst · ${places(free)} vrij`),
    h('section', { class: 'panel', 'aria-labelledby': 'waiting-title' }, h('h2', { id: 'waiting-title' }, 'Wachtlijst'), waitingTable(list.cases)),
    h('section', { class: 'panel', id: 'waiting-allocation', 'aria-labelledby': 'waiting-allocation-title' },
      h('h2', { id: 'waiting-allocation-title' }, 'Verdelen vanaf de wachtlijst'),
      h('div', { class: 'actions' }, propose, commit),
      out)].filter(Boolean));
  if (flash.allocation) out.append(allocationResult(flash.allocation, { offerings }));
}
