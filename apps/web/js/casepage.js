// One case (#/casus/<id>): its status, the RET's advice, the placement, its timeline with who and
// when, and the actions of the moment: ask passend for an advice and record the RET's advice;
// record the provider's answer; refer to the network's waiting list; close. After a refusal by
// the server (a place taken meanwhile, a step no longer possible) the page reloads the case as
// it now stands and says in Dutch what happened.
import { api, cached, get } from './api.js';
import { statusLabels } from './cases.js';
import { announce, dateInput, dateLong, dateShort, h, todayIso, when } from './dom.js';

function caseId() {
  return decodeURIComponent(location.hash.replace(/^#\/?casus\/?/, '').split('/')[0] || '');
}

const place = (p) => (p ? `${p.provider_name || p.provider} (${p.offering})` : '—');

function timelineItem(t) {
  let detail = '';
  if (t.event === 'advised') {
    detail = `plan A ${place(t.plan_a)}${t.plan_b ? `, plan B ${place(t.plan_b)}` : ''}; regie: ${t.regie}; follow-up ${dateShort(t.follow_up)}`;
    if (!t.follows_engine) detail += '; wijkt af van het advies van passend';
  } else if (t.event === 'refused') {
    detail = `${place(t)} — reden: ${t.reason_label}`;
  } else if (t.event === 'accepted' || t.event === 'placed' || t.event === 'released') {
    detail = place(t);
  } else if (t.event === 'referred') {
    detail = t.network_name;
  } else if (t.event === 'closed') {
    detail = `uitkomst ${t.outcome_label}${t.released?.length ? `; plek vrijgegeven bij ${t.released.map((r) => r.provider_name || r.offering).join(', ')}` : ''}`;
  }
  return h('li', { 'data-event': t.event },
    h('p', {}, h('strong', {}, `${dateLong(t.date)} — ${t.label}`), detail ? `: ${detail}` : ''),
    t.note ? h('p', { class: 'muted' }, `Notitie: ${t.note}`) : null,
    h('p', { class: 'muted' }, `door ${t.actor}, vastgelegd ${when(t.at)}`));
}

function select(id, options, selected) {
  return h('select', { id }, options.map(([value, text]) => h('option', { value, selected: value === selected }, text)));
}

function field(id, label, control, help) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, help ? h('p', { class: 'help' }, help) : null);
}

// Sends one step; a refusal by the server reloads the true state and shows its Dutch text.
async function step(ctx, path, body, done) {
  try {
    await api('POST', `/api/v1/cases/${encodeURIComponent(ctx.record.id)}/${path}`, { body, query: { date: todayIso() } });
    await ctx.reload({ message: done });
  } catch (e) {
    if (e.code === 'invalid_input') return ctx.showError(`Fout: ${e.dutch}`);
    await ctx.reload({ error: e.code === 'conflict' ? `Niet vastgelegd: ${e.dutch} De pagina toont de casus zoals die nu is.` : `Fout: ${e.dutch}` });
  }
}

// The RET's advice: passend's advice for the stored case first, then the RET chooses.
function advicePanel(ctx) {
  const out = h('div', { id: 'advice-form-area' });
  const ask = h('button', { type: 'button', class: 'button-primary', id: 'ask-engine' }, 'Advies van passend opvragen');
  ask.addEventListener('click', async () => {
    ask.disabled = true;
    try {
      const { data } = await api('POST', '/api/v1/query', { body: ctx.record.case, query: { date: todayIso() } });
      out.replaceChildren(adviceForm(ctx, data));
      out.querySelector('select')?.focus();
    } catch (e) {
      ctx.showError(`Fout: ${e.dutch}`);
    } finally {
      ask.disabled = false;
    }
  });
  return h('section', { class: 'panel', id: 'advice-panel', 'aria-labelledby': 'advice-panel-title' },
    h('h2', { id: 'advice-panel-title' }, 'Advies van het RET vastleggen'),
    h('p', {}, 'passend berekent eerst zijn advies voor deze casus; het RET kiest daarna plan A, plan B en eventueel overbrugging uit de kandidaten.'),
    h('div', { class: 'actions' }, ask), out);
}

function adviceForm(ctx, result) {
  const options = [['', '— geen —'], ...result.candidates.map((c) => [c.offering, `${c.rank}. ${c.provider_name} (${c.offering})${c.free > 0 ? ` · ${c.free} vrij` : ' · vol'}`])];
  const planA = select('advice-plan-a', options.slice(1), result.plan_a?.offering);
  const planB = select('advice-plan-b', options, result.plan_b?.offering || '');
  const regie = h('input', { id: 'advice-regie', type: 'text', required: true, maxlength: 500 });
  const agreement = h('input', { id: 'advice-agreement', type: 'text', maxlength: 500 });
  const note = h('textarea', { id: 'advice-note', rows: 2, maxlength: 500 });
  const follow = dateInput('advice-follow-up', 'Follow-up', { value: ctx.followUpDefault, help: 'Het RET kijkt na zes tot acht weken opnieuw.' });
  const form = h('form', { id: 'advice-form', novalidate: true },
    h('p', {}, `Plan A van passend: ${place(result.plan_a)}.`),
    field('advice-plan-a', 'Plan A', planA), field('advice-plan-b', 'Plan B', planB),
    field('advice-regie', 'Regie (casusregie en procesregie)', regie, 'Wie heeft welke regie, zonder namen: bijvoorbeeld "casusregie: wijkteam; procesregie: RET".'),
    field('advice-agreement', 'Afspraak (niet verplicht)', agreement),
    follow.element,
    field('advice-note', 'Toelichting (verplicht als plan A afwijkt van passend)', note),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button-primary', id: 'advice-save' }, 'Advies vastleggen')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (follow.value === 'ongeldig' || !follow.value) return ctx.showError('Fout: vul de datum van de follow-up in als dag, maand en jaar.');
    const body = { plan_a: planA.value, regie: regie.value, follow_up: follow.value, note: note.value };
    if (planB.value) body.plan_b = planB.value;
    if (agreement.value) body.agreements = [agreement.value];
    step(ctx, 'advice', body, 'Advies van het RET vastgelegd.');
  });
  return form;
}

// The provider's answer for one of the advice's offerings.
function responsePanel(ctx) {
  const a = ctx.record.advice;
  // A placed case: only the provider it was placed with can still say that it does not go ahead.
  const placed = ctx.record.status === 'geplaatst' && ctx.record.placement;
  const offers = (placed ? [ctx.record.placement] : [a.plan_a, a.plan_b, a.bridging]).filter(Boolean).map((p) => [p.offering, place(p)]);
  const offering = select('response-offering', offers);
  const answer = select('response-answer', placed ? [['refuse', 'Plaatsing gaat niet door']] : [['accept', 'Neemt de casus aan'], ['refuse', 'Wijst de casus af']]);
  const reason = select('response-reason', ctx.vocabulary.refusal_reasons.map((r) => [r.id, r.nl]));
  const reasonField = field('response-reason', 'Reden van afwijzing', reason);
  reasonField.hidden = !placed;
  answer.addEventListener('change', () => { reasonField.hidden = answer.value !== 'refuse'; });
  const note = h('input', { id: 'response-note', type: 'text', maxlength: 500 });
  const form = h('form', { id: 'response-form', novalidate: true },
    field('response-offering', 'Aanbod', offering), field('response-answer', 'Antwoord van de aanbieder', answer), reasonField,
    field('response-note', 'Notitie (niet verplicht)', note),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button-primary', id: 'response-save' }, 'Antwoord vastleggen')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = answer.value === 'accept' ? { offering: offering.value, accept: true } : { offering: offering.value, refuse: reason.value };
    if (note.value) body.note = note.value;
    const name = offers.find(([id]) => id === offering.value)?.[1] || offering.value;
    step(ctx, 'responses', body, answer.value === 'accept' ? `${name} neemt de casus aan; de plek is gereserveerd.` : `Afwijzing door ${name} vastgelegd.`);
  });
  return h('section', { class: 'panel', id: 'response-panel', 'aria-labelledby': 'response-title' },
    h('h2', { id: 'response-title' }, 'Antwoord van de aanbieder'), form);
}

function referPanel(ctx) {
  const network = select('refer-network', ctx.networks.map((n) => [n.code, `${n.name} (${n.code})`]), ctx.ownNetwork);
  const form = h('form', { id: 'refer-form', novalidate: true }, field('refer-network', 'Expertisenetwerk', network),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button-quiet', id: 'refer-save' }, 'Op de wachtlijst zetten')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    step(ctx, 'referral', { network: network.value }, 'De casus staat op de wachtlijst van het netwerk.');
  });
  return h('section', { class: 'panel', id: 'refer-panel', 'aria-labelledby': 'refer-title' },
    h('h2', { id: 'refer-title' }, 'Bovenregionale plek nodig'),
    h('p', {}, 'Zet de casus op de wachtlijst van het expertisenetwerk; de coördinator verdeelt de schaarse plekken.'), form);
}

// Closing gives the place back unless the outcome is geplaatst: the page asks first.
function closePanel(ctx) {
  const outcome = select('close-outcome', [['geplaatst', 'Geplaatst'], ['afgeschaald', 'Afgeschaald'], ['anders', 'Anders']],
    ctx.record.status === 'geplaatst' ? 'geplaatst' : 'anders');
  const note = h('input', { id: 'close-note', type: 'text', maxlength: 500 });
  const confirm = h('div', { id: 'close-confirm', hidden: true });
  const form = h('form', { id: 'close-form', novalidate: true }, field('close-outcome', 'Uitkomst', outcome), field('close-note', 'Notitie (niet verplicht)', note),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button-quiet', id: 'close-save' }, 'Casus sluiten')), confirm);
  const send = () => step(ctx, 'closure', { outcome: outcome.value, note: note.value }, 'De casus is gesloten.');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const placement = ctx.record.placement;
    if (!placement || outcome.value === 'geplaatst') return send();
    const yes = h('button', { type: 'button', class: 'button-quiet button-danger', id: 'close-confirm-yes' }, 'Ja, sluiten en plek vrijgeven');
    const no = h('button', { type: 'button', class: 'button-quiet' }, 'Nee, niet sluiten');
    confirm.replaceChildren(h('p', { class: 'confirm-text' }, `Sluiten met uitkomst ${outcome.value} geeft de plek bij ${placement.provider_name} vrij voor een andere jeugdige. Dat kan niet worden teruggedraaid.`),
      h('div', { class: 'actions confirm-actions' }, yes, no));
    confirm.hidden = false;
    yes.addEventListener('click', send);
    no.addEventListener('click', () => { confirm.hidden = true; form.querySelector('#close-save').focus(); });
    yes.focus();
  });
  return h('section', { class: 'panel', id: 'close-panel', 'aria-labelledby': 'close-title' }, h('h2', { id: 'close-title' }, 'Casus sluiten'), form);
}

function summary(r) {
  const a = r.advice;
  return h('section', { class: 'panel', id: 'case-summary', 'aria-labelledby': 'case-summary-title' },
    h('h2', { id: 'case-summary-title' }, 'Stand van zaken'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Status'), h('dd', { id: 'case-status' }, statusLabels[r.status]),
      h('dt', {}, 'Regio'), h('dd', {}, `${r.region_name} (${r.region})`),
      h('dt', {}, 'Aangemeld'), h('dd', {}, dateLong(r.registered)),
      h('dt', {}, 'Follow-up'), h('dd', {}, r.follow_up ? dateLong(r.follow_up) : '—', r.overdue ? h('span', { class: 'badge badge-stale' }, 'te laat') : null),
      r.network ? [h('dt', {}, 'Wachtlijst'), h('dd', {}, r.network_name)] : null,
      a ? [h('dt', {}, 'Plan A'), h('dd', {}, place(a.plan_a)), h('dt', {}, 'Plan B'), h('dd', {}, place(a.plan_b)),
        h('dt', {}, 'Regie'), h('dd', {}, a.regie),
        a.agreements.length ? [h('dt', {}, 'Afspraken'), h('dd', {}, a.agreements.join('; '))] : null] : null,
      r.placement ? [h('dt', {}, 'Geplaatst bij'), h('dd', { id: 'case-placement' }, place(r.placement), r.placement.outside_region ? ' (buiten de eigen regio)' : '')] : null,
      r.case.history?.rejected_by?.length ? [h('dt', {}, 'Afgewezen door'), h('dd', {}, r.case.history.rejected_by.join(', '), ' — wordt niet opnieuw voorgesteld')] : null));
}

export async function render(main, { me }, flash = {}) {
  const id = caseId();
  const [vocabulary, networkList, regionList] = await Promise.all([cached('/api/v1/vocabulary'), cached('/api/v1/networks'), cached('/api/v1/regions')]);
  let record;
  try {
    record = await get(`/api/v1/cases/${encodeURIComponent(id)}`, { date: todayIso() });
  } catch (e) {
    main.append(h('h1', {}, `Casus ${id}`), h('p', { class: 'error' }, e.code === 'not_found' ? 'Deze casus is niet gevonden.' : e.dutch),
      h('p', {}, h('a', { href: '#/casussen' }, 'Naar de casussen')));
    return;
  }
  const errorLine = h('p', { id: 'case-error', role: 'alert', class: flash.error ? 'error' : 'message-slot' }, flash.error || '');
  const follow = new Date(Date.now() + 42 * 86400000).toISOString().slice(0, 10);
  const ctx = {
    record, vocabulary, networks: networkList.networks, followUpDefault: follow,
    ownNetwork: regionList.regions.find((r) => r.code === record.region)?.network,
    reload: async (next) => { main.replaceChildren(); await render(main, { me }, next); if (next.message) announce(next.message); },
    showError: (text) => { errorLine.className = 'error'; errorLine.textContent = text; },
  };
  const open = record.status !== 'gesloten';
  main.append(...[
    h('div', { class: 'page-head' },
      h('p', {}, h('a', { href: '#/casussen' }, '← Casussen')),
      h('h1', {}, `Casus ${record.id}`),
      flash.message ? h('p', { class: 'success', id: 'case-message' }, flash.message) : null),
    errorLine,
    summary(record),
    open && record.status !== 'geplaatst' ? advicePanel(ctx) : null,
    open && record.advice && record.status !== 'aangemeld' ? responsePanel(ctx) : null,
    open && (record.status === 'aangemeld' || record.status === 'advies') ? referPanel(ctx) : null,
    open ? closePanel(ctx) : null,
    h('section', { class: 'panel', id: 'timeline', 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, 'Tijdlijn'),
      h('ol', { class: 'timeline' }, record.timeline.map(timelineItem)))].filter(Boolean));
  document.title = `Casus ${record.id} — passend`;
}
