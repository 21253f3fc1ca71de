// Regelsetgeschiedenis: every version and proposal of a rule set, newest first
// (GET /api/v1/rulesets/{name}/history): who proposed, who approved, when, why, what changed,
// the dry-run summary, from when until when it answered. Contract managers can bring back an
// earlier version ("Terugzetten naar deze versie"): a proposal like any other
// (POST /rulesets/{name}/rollback), approved by a second person.
import { api, get } from './api.js';
import { announce, dateLong, h, when } from './dom.js';
import { staleBaseMessage } from './tuning.js';

const statusLabels = { proposed: 'voorgesteld', active: 'actief', superseded: 'vervangen', withdrawn: 'ingetrokken' };
const kinds = {
  parameters: 'parameterwijziging',
  install: 'nieuwe versie',
  rollback: 'terugzetten',
  init: 'geïnstalleerd door passend init',
  migrated: 'overgenomen uit passend v1',
};

function period(e) {
  if (!e.active_from) return null;
  const from = e.active_from === '0001-01-01' ? 'voor elke datum' : `vanaf ${dateLong(e.active_from)}`;
  if (e.status === 'superseded' && !e.active_until) return 'heeft nooit gegolden: een latere goedkeuring ging voor';
  return e.active_until ? `${from} tot en met ${dateLong(e.active_until)}` : from;
}

function rollbackForm(name, entry, onDone) {
  const id = `rollback-${entry.proposal}`;
  const comment = h('textarea', { id: `${id}-comment`, rows: 2 });
  const status = h('p', { role: 'status', class: 'form-status' });
  const send = h('button', { type: 'button', class: 'button-primary' }, 'Voorstel versturen');
  const form = h('div', { class: 'rollback-form', id, hidden: true },
    h('p', {}, `Een voorstel om versie ${entry.version} terug te zetten (dezelfde bestanden en hash). Het geldt pas als een tweede persoon het goedkeurt.`),
    h('div', { class: 'field' }, h('label', { for: comment.id }, 'Waarom terugzetten (verplicht)'), comment),
    h('div', { class: 'actions' }, send), status);
  send.addEventListener('click', async () => {
    if (!comment.value.trim()) {
      status.className = 'form-status error';
      status.textContent = 'Schrijf waarom de versie terug moet: de toelichting is verplicht.';
      return comment.focus();
    }
    send.disabled = true;
    try {
      const { data } = await api('POST', `/api/v1/rulesets/${encodeURIComponent(name)}/rollback`, { body: { to: entry.version, comment: comment.value.trim() } });
      await onDone(`Voorstel #${data.proposal} om terug te zetten naar versie ${data.version} is verstuurd; een tweede persoon keurt het goed op de pagina Goedkeuren.`);
    } catch (e) {
      send.disabled = false;
      status.className = 'form-status error';
      status.textContent = e.status === 409 ? staleBaseMessage(e) : e.dutch;
    }
  });
  return form;
}

function entryItem(name, e, mayRollback, headVersion, onDone) {
  const canRollback = mayRollback && e.approved_by && e.version !== headVersion && (e.status === 'active' || e.status === 'superseded');
  const form = canRollback ? rollbackForm(name, e, onDone) : null;
  const open = canRollback ? h('button', { type: 'button', class: 'button-quiet rollback', onclick: () => { form.hidden = false; form.querySelector('textarea').focus(); } }, 'Terugzetten naar deze versie') : null;
  const period_ = period(e);
  return h('li', { class: `version ${e.in_force ? 'current' : ''} status-${e.status}`, 'data-version': e.version, 'data-proposal': e.proposal },
    h('h2', {}, `${e.ruleset} ${e.version}`, h('span', { class: `badge ${e.in_force ? 'badge-ok' : ''}` }, e.in_force ? 'geldt nu' : statusLabels[e.status] || e.status),
      e.protected_changes.length ? h('span', { class: 'badge badge-protected' }, 'beschermde regel') : null),
    h('p', {}, `#${e.proposal} · ${kinds[e.kind] || e.kind}${e.base ? ` op versie ${e.base}` : ''}`),
    h('p', {}, `Voorgesteld door ${e.proposed_by}, ${when(e.proposed_at)}`, e.approved_by ? ` · goedgekeurd door ${e.approved_by}, ${when(e.approved_at)}` : ''),
    period_ ? h('p', {}, `Geldt ${period_}`) : null,
    e.status === 'withdrawn' && e.note ? h('p', { class: 'muted' }, `Ingetrokken: ${e.note}`) : null,
    h('p', {}, h('span', { class: 'muted' }, 'Toelichting: '), e.comment),
    e.changes.length ? h('ul', { class: 'diff' }, e.changes.map((c) => h('li', {}, c.text))) : null,
    e.kind !== 'init' && e.kind !== 'migrated' ? h('p', { class: 'muted' }, `Proefdraai: ${e.dry_run.changed} van ${e.dry_run.advices} recente adviezen veranderden.`) : null,
    h('p', { class: 'muted' }, 'Hash: ', h('span', { class: 'hash', title: e.hash }, e.hash)),
    open, form);
}

export async function render(main, { me }) {
  const list = await get('/api/v1/rulesets');
  const wanted = decodeURIComponent(location.hash.split('/')[2] || '');
  const names = list.rulesets.map((r) => r.name);
  const name = names.includes(wanted) ? wanted : names.includes(me?.ruleset?.name) ? me.ruleset.name : names[0];
  const overview = list.rulesets.find((r) => r.name === name);
  const history = await get(`/api/v1/rulesets/${encodeURIComponent(name)}/history`);
  const mayRollback = me && (me.role === 'contract_manager' || me.role === 'admin');
  const onDone = async (message) => {
    main.replaceChildren();
    await render(main, { me });
    main.querySelector('.page-head').append(h('p', { class: 'success', id: 'rollback-sent' }, message));
    announce(message);
  };
  const assigned = list.assignments.filter((a) => a.ruleset === name).map((a) => a.label);
  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Regelsetgeschiedenis'),
      h('p', { class: 'lead' }, 'Elke versie met een eigen hash, elk voorstel met wie, wanneer en waarom. Elk advies noemt de versie en hash waarmee het tot stand kwam.'),
      names.length > 1 ? h('div', { class: 'field' }, h('label', { for: 'history-pick' }, 'Regelset'),
        h('select', { id: 'history-pick', onchange: (ev) => { location.hash = `#/geschiedenis/${encodeURIComponent(ev.target.value)}`; } },
          names.map((n) => h('option', { value: n, selected: n === name }, n)))) : null,
      h('p', {}, 'Geldt nu: ', h('strong', { id: 'history-current' }, overview.in_force ? `${name} ${overview.in_force.version}` : `${name}: geen versie`),
        overview.in_force ? [' · hash ', h('span', { class: 'hash' }, overview.in_force.hash)] : null),
      h('p', { class: 'muted' }, assigned.length ? `Toegewezen aan: ${assigned.join(', ')}.` : 'Aan geen regio of netwerk toegewezen.',
        ` Gebruikt door ${overview.regions.length} ${overview.regions.length === 1 ? 'regio' : 'regio’s'}.`)),
    h('ol', { class: 'version-list', reversed: true }, [...history].reverse().map((e) => entryItem(name, e, mayRollback, overview.head?.version, onDone))));
}
