// Goedkeuren (contract managers, admins): the proposals waiting for a second person
// (GET /api/v1/proposals?status=proposed), each with what it changes, what its dry run did to
// recent advice, and a strong warning for a protected rule. Approve from a date
// (POST /proposals/{id}/approve), or turn it down (POST /proposals/{id}/withdraw). The page never
// offers the approval to the person who made the proposal, nor a protected change to anyone but
// an admin; the server refuses both anyway.
import { api, cached, get } from './api.js';
import { announce, dateInput, h, labeller, roleLabels, shortHash, todayIso, when } from './dom.js';
import { changeCard, changeList, staleBaseMessage } from './tuning.js';

const kinds = {
  parameters: 'parameterwijziging',
  install: 'nieuwe versie',
  rollback: 'terugzetten naar een eerdere versie',
  init: 'geïnstalleerd door passend init',
  migrated: 'overgenomen uit passend v1',
};

function dryRunLine(d) {
  if (!d || !d.advices) return 'Proefdraai: geen eerdere adviezen van de regio’s die deze regelset gebruiken.';
  return `Proefdraai: ${d.changed} van de ${d.advices} recente adviezen ${d.changed === 1 ? 'verandert' : 'veranderen'}.`;
}

function proposalCard(p, me, label, reload) {
  const own = p.proposed_by === me.name;
  const needsAdmin = p.protected_changes.length > 0;
  const mayApprove = !own && (!needsAdmin || me.role === 'admin');
  const from = dateInput(`from-${p.proposal}`, 'Geldt vanaf', {
    value: todayIso(),
    help: 'Vanaf deze dag beantwoordt de nieuwe versie vragen. Een datum in het verleden mag: vragen over die dagen krijgen dan de nieuwe versie; adviezen die al gegeven zijn veranderen niet.',
  });
  const status = h('p', { role: 'status', class: 'form-status', id: `status-${p.proposal}` });
  const detail = h('div', { class: 'proposal-detail' });
  const note = h('textarea', { id: `note-${p.proposal}`, rows: 2, 'aria-describedby': `note-help-${p.proposal}` });
  const approve = h('button', { type: 'button', class: 'button-primary approve', disabled: !mayApprove }, 'Goedkeuren');
  const withdraw = h('button', { type: 'button', class: 'button-quiet button-danger withdraw' }, own ? 'Voorstel intrekken' : 'Afwijzen');

  const fail = (e) => {
    status.className = 'form-status error';
    status.textContent = e.status === 409 && /base|stale|active version/.test(e.message) ? staleBaseMessage(e) : e.dutch;
    announce(status.textContent);
  };
  approve.addEventListener('click', async () => {
    const date = from.value;
    if (!date || date === 'ongeldig') {
      status.className = 'form-status error';
      status.textContent = 'Vul een bestaande datum in als dag, maand en jaar.';
      return from.inputs[0].focus();
    }
    approve.disabled = true;
    try {
      const { data } = await api('POST', `/api/v1/proposals/${p.proposal}/approve`, { body: { from: date } });
      await reload(`Goedgekeurd: ${data.ruleset} ${data.version} geldt vanaf ${data.active_from}.${data.withdrawn.length ? ` ${data.withdrawn.length === 1 ? 'Eén ander voorstel is' : `${data.withdrawn.length} andere voorstellen zijn`} vervallen.` : ''}`);
    } catch (e) {
      approve.disabled = !mayApprove;
      fail(e);
    }
  });
  withdraw.addEventListener('click', async () => {
    withdraw.disabled = true;
    try {
      await api('POST', `/api/v1/proposals/${p.proposal}/withdraw`, { body: note.value.trim() ? { note: note.value.trim() } : {} });
      await reload(`Voorstel #${p.proposal} is ${own ? 'ingetrokken' : 'afgewezen'}.`);
    } catch (e) {
      withdraw.disabled = false;
      fail(e);
    }
  });
  const details = h('details', { class: 'proposal-advices' }, h('summary', {}, 'Welke adviezen veranderen'), detail);
  details.addEventListener('toggle', async () => {
    if (!details.open || detail.childElementCount) return;
    detail.append(h('p', {}, 'Laden…'));
    try {
      const full = await get(`/api/v1/proposals/${p.proposal}`);
      const changed = full.dry_run_detail?.changed || [];
      detail.replaceChildren(...(changed.length ? changed.map((c) => changeCard(c, label)) : [h('p', { class: 'muted' }, 'Geen advies verandert.')]));
    } catch (e) {
      detail.replaceChildren(h('p', { class: 'error' }, e.dutch));
    }
  });

  return h('article', { class: `proposal card${needsAdmin ? ' proposal-protected' : ''}`, 'data-proposal': p.proposal },
    h('h2', {}, `Voorstel #${p.proposal}: ${p.ruleset} ${p.version}`, needsAdmin ? h('span', { class: 'badge badge-protected' }, 'beschermde regel') : null),
    h('p', { class: 'meta-line' }, `${kinds[p.kind] || p.kind}${p.base ? ` op versie ${p.base}` : ''} · door ${p.proposed_by} · ${when(p.proposed_at)} · hash ${shortHash(p.hash)}`),
    h('p', {}, h('span', { class: 'muted' }, 'Toelichting: '), p.comment),
    h('h3', {}, 'Wat verandert'),
    changeList(p.changes, `changes-${p.proposal}`),
    h('p', { class: 'summary-line dry-run-line' }, dryRunLine(p.dry_run)),
    details,
    needsAdmin ? h('div', { class: 'protected-alert', role: 'note' },
      h('p', {}, h('strong', {}, 'Waarschuwing: dit voorstel schakelt een beschermde harde regel uit of wijzigt die'), ` (${p.protected_changes.join(', ')}).`),
      h('p', {}, me.role === 'admin' ? 'Keur het alleen goed als het regio-overleg dit besloten heeft.' : `Alleen een beheerder kan dit goedkeuren; u bent ${roleLabels[me.role] || me.role}.`)) : null,
    own ? h('p', { class: 'notice own-proposal' }, 'Dit is uw eigen voorstel. Een tweede persoon keurt het goed; u kunt het wel intrekken.') : null,
    h('div', { class: 'approve-form' },
      mayApprove ? from.element : null,
      h('div', { class: 'field' }, h('label', { for: note.id }, own ? 'Waarom intrekken (niet verplicht)' : 'Reden bij afwijzen (niet verplicht)'), note,
        h('p', { class: 'help', id: `note-help-${p.proposal}` }, 'Geen namen of andere persoonsgegevens.')),
      h('div', { class: 'actions' }, mayApprove ? approve : null, withdraw),
      status));
}

export async function render(main, { me }) {
  const [proposals, vocabulary] = await Promise.all([get('/api/v1/proposals', { status: 'proposed' }), cached('/api/v1/vocabulary')]);
  const label = labeller(vocabulary);
  const reload = async (message) => {
    main.replaceChildren();
    await render(main, { me });
    main.querySelector('.page-head').append(h('p', { class: 'success', id: 'approval-done' }, message));
    announce(message);
  };
  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Goedkeuren'),
      h('p', { class: 'lead' }, 'Elke wijziging van een regelset is een voorstel dat een tweede persoon goedkeurt. Bekijk wat het verandert en wat het met recente adviezen doet, en kies vanaf welke dag het geldt.')),
    proposals.length
      ? h('div', { class: 'proposal-list', id: 'proposals' }, proposals.map((p) => proposalCard(p, me, label, reload)))
      : h('p', { class: 'muted', id: 'no-proposals' }, 'Er wachten geen voorstellen op goedkeuring.'));
}
