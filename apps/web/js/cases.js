// The RET's case board (#/casussen): the cases it follows, grouped by status, overdue follow-ups
// first, filtered by region (GET /api/v1/cases); and registering a case from its CASE.json
// (POST /api/v1/cases). Each case links to its page (#/casus/<id>, casepage.js).
import { api, cached, get } from './api.js';
import { announce, clear, dateShort, h, todayIso } from './dom.js';

export const statusLabels = {
  aangemeld: 'Aangemeld', advies: 'Advies', wacht_op_plek: 'Wacht op plek', geplaatst: 'Geplaatst', gesloten: 'Gesloten',
};
const statusOrder = ['aangemeld', 'advies', 'wacht_op_plek', 'geplaatst', 'gesloten'];

let selectedRegion = '';

function caseRow(c) {
  const plan = c.placement?.provider_name || c.plan_a?.provider_name || '';
  return h('tr', { 'data-case': c.id, class: c.overdue ? 'overdue' : null },
    h('td', {}, h('a', { href: `#/casus/${encodeURIComponent(c.id)}` }, c.id)),
    h('td', {}, c.region_name),
    h('td', {}, dateShort(c.registered)),
    h('td', {}, c.follow_up ? dateShort(c.follow_up) : '—',
      c.overdue ? h('span', { class: 'badge badge-stale' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), 'follow-up te laat') : null),
    h('td', {}, plan || '—'));
}

function statusSection(status, cases) {
  const id = `status-${status}`;
  return h('section', { class: 'panel case-group', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, `${statusLabels[status]} (${cases.length})`),
    cases.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, `Casussen met status ${statusLabels[status].toLowerCase()}`),
      h('thead', {}, h('tr', {}, ['Casus', 'Regio', 'Aangemeld', 'Follow-up', status === 'geplaatst' || status === 'gesloten' ? 'Geplaatst bij' : 'Plan A']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, cases.map(caseRow))))
      : h('p', { class: 'muted' }, 'Geen casussen.'));
}

// Registering a case: its pseudonymous CASE.json, pasted or opened from a file.
function registerPanel(onRegistered) {
  const text = h('textarea', { id: 'register-case', rows: 6, spellcheck: 'false', class: 'code', 'aria-describedby': 'register-help register-status' });
  const file = h('input', { type: 'file', id: 'register-file', accept: 'application/json,.json', hidden: true, tabindex: '-1' });
  file.addEventListener('change', async () => {
    if (file.files[0]) text.value = await file.files[0].text();
    file.value = '';
  });
  const status = h('p', { id: 'register-status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'button-primary', id: 'register' }, 'Casus aanmelden');
  const form = h('form', { novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'register-case' }, 'Casus (CASE.json)'), text,
      h('p', { class: 'help', id: 'register-help' }, 'De pseudonieme casus zoals bij Bespreking opgeslagen (CASE.json opslaan). Geen namen, BSN, adressen of geboortedata.'),
      h('button', { type: 'button', class: 'button-quiet', onclick: () => file.click() }, 'Bestand openen…'), file),
    h('div', { class: 'actions' }, submit), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let doc;
    try {
      doc = JSON.parse(text.value);
    } catch {
      status.className = 'error';
      status.textContent = 'Fout: de casus is geen geldige CASE.json.';
      return text.focus();
    }
    submit.disabled = true;
    try {
      const { data } = await api('POST', '/api/v1/cases', { body: doc, query: { date: todayIso() } });
      onRegistered(data);
    } catch (err) {
      status.className = 'error';
      status.textContent = `Fout: de casus is niet aangemeld. ${err.dutch}`;
      text.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'panel', id: 'register-panel', 'aria-labelledby': 'register-title' },
    h('h2', { id: 'register-title' }, 'Casus aanmelden'), form);
}

export async function render(main, { me }) {
  const [regionList, list] = await Promise.all([
    cached('/api/v1/regions'), get('/api/v1/cases', selectedRegion ? { region: selectedRegion, date: todayIso() } : { date: todayIso() }),
  ]);
  const reachable = me.scope?.kind === 'region' ? regionList.regions.filter((r) => r.code === me.scope.id) : regionList.regions;
  const select = h('select', { id: 'region-filter' },
    reachable.length > 1 ? h('option', { value: '' }, 'Alle regio\'s') : null,
    reachable.map((r) => h('option', { value: r.code, selected: r.code === selectedRegion }, `${r.name} (${r.code})`)));
  select.addEventListener('change', async () => {
    selectedRegion = select.value;
    clear(main);
    await render(main, { me });
    document.getElementById('region-filter')?.focus();
  });
  const cases = list.cases;
  const overdue = cases.filter((c) => c.overdue);
  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Casussen'),
      h('p', { class: 'lead' }, 'De casussen die het RET volgt, van aanmelding tot plaatsing of afsluiting. Follow-ups die te laat zijn staan bovenaan.')),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'region-filter' }, 'Regio'), select)),
    h('p', { class: 'summary-line', id: 'cases-summary' },
      `${cases.length} ${cases.length === 1 ? 'casus' : 'casussen'}`,
      overdue.length ? ` · ${overdue.length} follow-up${overdue.length === 1 ? '' : 's'} te laat` : ''),
    ...statusOrder.map((s) => statusSection(s, cases.filter((c) => c.status === s))),
    registerPanel((record) => {
      announce(`Casus ${record.id} aangemeld.`);
      location.hash = `#/casus/${encodeURIComponent(record.id)}`;
    }));
}
