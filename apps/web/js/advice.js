// The advice for one case (the query result, docs/formats.md): plan A, plan B, bridging and gap as
// cards with their reasons and the notes a RET member must see; the notes on the whole advice;
// the map; the sortable candidate table with a tier filter; the exclusions grouped by reason; and
// the printable written advice.
import {
  dateLong, dateShort, exclusionLabels, fmt, fmt2, gapLabels, gapText, h, places, shortHash, signed, tierLabels, tierOrder, uid, weeks, when,
} from './dom.js';
import { renderMap } from './map.js';

// ---- pieces ----

// The decision wording when the server sends none (it always does since result v2).
const decisionText = 'Dit is een voorstel met redenen: passend stelt voor, het RET adviseert, de gemeente of de gecertificeerde instelling beslist (AVG art. 22).';

function capacityText(c) {
  if (c.free > 0) return `${places(c.free)} vrij`;
  if (c.wait_unknown) return 'vol · wachttijd onbekend';
  return c.wait_weeks > 0 ? `vol · wachttijd ${weeks(c.wait_weeks)}` : 'vol';
}

// "BOEG - bovenregionaal expertisenetwerk Gelderland" -> "BOEG"
function networkShort(name) {
  return String(name).split(' - ')[0];
}

// What a plan or candidate row must show beside its capacity, the same on the cards, in the table
// and on paper: a supra-regional place through the network's coordinator, a place already held
// for this case, admission only via maatwerk, an identity other than the family's wish.
// item: a plan or a candidate; candidate: the candidate row of a plan (if any).
function markers(item, candidate, ctx) {
  const has = (code) => (item.notes || []).some((n) => n.code === code);
  const coordinatedBy = item.coordinated_by ?? candidate?.coordinated_by ?? null;
  const out = [];
  if (item.reserved_for_case ?? candidate?.reserved_for_case ?? has('reserved_for_case'))
    out.push({ code: 'reserved_for_case', cls: 'badge-ok', text: 'al gereserveerd voor deze casus' });
  if (coordinatedBy) {
    const name = ctx.networkName(coordinatedBy);
    out.push({ code: 'coordinated_by', cls: 'badge-network', text: `bovenregionale plek — via de coördinator van ${networkShort(name)}`,
      title: `${name} (${coordinatedBy}): de coördinator van het netwerk verdeelt deze plek; een advies reserveert de plek niet.` });
  } else if (item.supra_regional ?? candidate?.supra_regional) {
    out.push({ code: 'supra_regional', cls: 'badge-network', text: 'bovenregionale plek' });
  }
  if (item.maatwerk) out.push({ code: 'maatwerk', cls: 'badge-maatwerk', text: 'alleen via maatwerk' });
  if (item.identity_mismatch) out.push({ code: 'identity_mismatch', cls: 'badge-warn', text: 'identiteit wijkt af van de wens' });
  return out;
}

function markerBadges(list) {
  return list.map((m) => h('span', { class: `badge ${m.cls} marker-${m.code}`, 'data-marker': m.code, title: m.title || null }, m.text));
}

function staleBadge(candidate, short = false) {
  if (!candidate?.stale) return null;
  return h('span', { class: 'badge badge-stale', title: `Capaciteit bijgewerkt op ${dateLong(candidate.capacity_updated)}: te lang geleden om op te rekenen. Bel de aanbieder.` },
    h('span', { 'aria-hidden': 'true' }, '⚠ '), short ? `verouderd (${dateShort(candidate.capacity_updated)})` : `capaciteit verouderd (bijgewerkt ${dateShort(candidate.capacity_updated)})`);
}

// The providers' contact often starts with "Rode knop" itself; the page says it once.
function contactText(contact) {
  return String(contact).replace(/^\s*rode knop[\s:,-]*/i, '');
}

function timelyBadge(timely) {
  return timely ? h('span', { class: 'badge badge-ok' }, 'tijdig') : h('span', { class: 'badge badge-warn' }, 'niet tijdig');
}

// The notes of a plan: sentences the RET must see, shown as a visible warning list under the plan
// (a heading and a list, so that a screen reader announces "Let op" and the number of items).
function planNotes(notes) {
  if (!notes?.length) return null;
  const id = uid('plan-notes');
  return h('div', { class: 'plan-notes' },
    h('h4', { id }, h('span', { 'aria-hidden': 'true' }, '⚠ '), 'Let op'),
    h('ul', { 'aria-labelledby': id }, notes.map((n) => h('li', { 'data-code': n.code }, n.text))));
}

function reasonList(reasons, lifted) {
  return h('ul', { class: 'reasons' },
    (reasons || []).map((r) => h('li', {},
      h('span', { class: `effect ${r.effect < 0 ? 'effect-neg' : ''}`, title: `regel ${r.rule}` }, signed(r.effect)),
      h('span', {}, r.text))),
    (lifted || []).map((l) => h('li', { class: 'lifted' },
      h('span', { class: 'effect' }, 'maatwerk'),
      h('span', {}, `${l.text} — opgeheven: ${l.approval}`))));
}

// ---- plan cards ----

function planCard(title, kind, plan, candidate, ctx, emptyText) {
  if (!plan) {
    return h('article', { class: `plan-card plan-${kind} plan-empty`, 'aria-label': title },
      h('h3', {}, title), h('p', { class: 'muted' }, emptyText));
  }
  const where = candidate ? `${candidate.municipality_name} · ${tierLabels[candidate.tier]} (${candidate.region_name})` : `${plan.municipality_name} · ${tierLabels[plan.tier]}`;
  const badges = markers(plan, candidate, ctx);
  return h('article', { class: `plan-card plan-${kind}${plan.notes?.length ? ' has-notes' : ''}`, 'aria-label': title, 'data-offering': plan.offering },
    h('h3', {}, title, plan.rank ? h('span', { class: 'rank' }, `nr. ${plan.rank}`) : null),
    h('p', { class: 'provider' }, plan.provider_name),
    h('p', { class: 'care-form' }, ctx.label('care_forms', plan.care_form)),
    h('p', { class: 'where' }, where, h('span', { class: 'visually-hidden' }, ` (trede: ${tierLabels[plan.tier]})`)),
    h('p', { class: 'capacity' }, capacityText(plan), ' ', timelyBadge(plan.timely), ' ', staleBadge(candidate)),
    badges.length ? h('p', { class: 'markers' }, markerBadges(badges)) : null,
    planNotes(plan.notes),
    candidate?.urgent_contact ? h('p', { class: 'contact' }, h('span', { class: 'muted' }, 'Rode knop: '), contactText(candidate.urgent_contact)) : null,
    h('h4', { class: 'visually-hidden' }, 'Redenen'),
    reasonList(plan.reasons, candidate?.lifted),
    h('p', { class: 'offering-id muted' }, plan.offering));
}

function gapCard(gap, label) {
  if (!gap) return null;
  const scope = gap.scope === 'national' ? 'national' : 'region';
  return h('article', { class: `plan-card plan-gap gap-${scope}`, 'aria-label': 'Leemte', 'data-scope': scope, id: 'gap-card', tabindex: '-1' },
    h('h3', {}, 'Leemte'),
    h('p', { class: 'provider' }, gapText(gap)),
    scope === 'national'
      ? h('p', {}, 'Het gaat om zorg die overal in het land gezocht mag worden (JeugdzorgPlus, eetstoornissen of landelijk ingekochte zorg); de regio kan deze leemte niet alleen oplossen.')
      : null,
    h('p', {}, 'Zorgvormen: ', gap.care_forms.map((c) => label('care_forms', c)).join(', ')),
    gap.expertise.length ? h('p', {}, 'Expertise: ', gap.expertise.map((e) => label('expertise', e)).join(', ')) : null,
    h('p', { class: 'muted' }, 'Vastgelegd voor de signaleringsrapportage.'));
}

function bridgingEmptyText(result) {
  if (!result.plan_a) return 'Geen: er is geen plan A.';
  return result.plan_a.timely ? 'Niet nodig: plan A is tijdig.' : 'Geen tijdige ambulante overbrugging gevonden.';
}

function planCards(result, byOffering, ctx) {
  return h('div', { class: 'plan-cards' },
    planCard('Plan A', 'a', result.plan_a, byOffering.get(result.plan_a?.offering), ctx, 'Geen kandidaat past: zie de uitsluitingen.'),
    planCard('Plan B', 'b', result.plan_b, byOffering.get(result.plan_b?.offering), ctx, 'Geen tweede aanbieder past.'),
    planCard('Overbrugging', 'bridging', result.bridging, null, ctx, bridgingEmptyText(result)),
    gapCard(result.gap, ctx.label));
}

// How long the case can wait for plan A: its own maximum, or the rule set's default for its urgency.
function maxWaitText(result) {
  const m = result.max_wait_weeks;
  if (!m) return null;
  return m.source === 'default'
    ? `Tijdig betekent: binnen ${weeks(m.weeks)} (geen maximale wachttijd opgegeven; de standaard van de regelset bij deze urgentie).`
    : `Tijdig betekent: binnen ${weeks(m.weeks)} (de maximale wachttijd van de casus).`;
}

// The notes on the whole advice: the engine's own (rule null, e.g. the default maximum wait) and
// the rules' (e.g. why there is no bridging), next to the plans.
function resultNotes(result) {
  const notes = result.notes || [];
  const wait = maxWaitText(result);
  if (!notes.length && !wait) return null;
  const engine = notes.filter((n) => n.rule === null || n.rule === undefined);
  const rules = notes.filter((n) => n.rule !== null && n.rule !== undefined);
  return h('section', { class: 'advice-notes', 'aria-labelledby': 'advice-notes-title' },
    h('h3', { id: 'advice-notes-title' }, 'Bij dit advies'),
    wait ? h('p', { class: 'max-wait', 'data-source': result.max_wait_weeks.source }, wait) : null,
    notes.length ? h('ul', { class: 'notes' },
      engine.map((n) => h('li', { class: 'note-engine', 'data-code': n.code || null },
        h('span', { class: 'badge badge-warn' }, 'let op'), ' ', n.text)),
      rules.map((n) => h('li', { class: 'note-rule', 'data-rule': n.rule }, n.text))) : null);
}

// ---- candidate table ----

const columns = [
  { key: 'rank', title: 'Nr.', value: (c) => c.rank, numeric: true },
  { key: 'provider', title: 'Aanbieder', value: (c) => c.provider_name },
  { key: 'care_form', title: 'Zorgvorm', value: (c, ctx) => ctx.rank.get(c.care_form) ?? 99, show: (c, ctx) => ctx.label('care_forms', c.care_form) },
  { key: 'place', title: 'Plaats', value: (c) => c.municipality_name },
  { key: 'tier', title: 'Trede', value: (c) => tierOrder.indexOf(c.tier) },
  { key: 'capacity', title: 'Capaciteit', value: (c) => (c.free > 0 ? -c.free : c.wait_unknown ? 999 : c.wait_weeks) },
  { key: 'distance', title: 'Afstand', value: (c) => c.distance_km, numeric: true },
  { key: 'score', title: 'Score', value: (c) => c.score, numeric: true },
];

function candidateRow(c, ctx) {
  const letter = c.offering === ctx.plans.A ? 'A' : c.offering === ctx.plans.B ? 'B' : null;
  return h('tr', { class: [c.stale ? 'stale' : '', letter ? 'is-plan' : ''].join(' ').trim() || null, 'data-tier': c.tier, 'data-offering': c.offering },
    h('td', { class: 'num', 'data-label': 'Nr.' }, c.rank, letter ? h('span', { class: 'plan-letter', title: `plan ${letter}` }, letter) : null),
    h('td', { 'data-label': 'Aanbieder' }, h('span', { class: 'provider' }, c.provider_name),
      markerBadges(markers(c, null, ctx)),
      h('span', { class: 'offering-id muted' }, c.offering)),
    h('td', { 'data-label': 'Zorgvorm' }, ctx.label('care_forms', c.care_form)),
    h('td', { 'data-label': 'Plaats' }, c.municipality_name),
    h('td', { 'data-label': 'Trede' }, h('span', { class: `dot tier-${c.tier}`, 'aria-hidden': 'true' }), tierLabels[c.tier], c.exempt ? h('span', { class: 'muted' }, ' (regiogrens telt niet)') : null),
    h('td', { 'data-label': 'Capaciteit' }, capacityText(c), ' ', timelyBadge(c.timely), c.stale ? h('div', {}, staleBadge(c, true)) : null),
    h('td', { class: 'num', 'data-label': 'Afstand' }, `${fmt(c.distance_km)} km`),
    h('td', { class: 'num', 'data-label': 'Score' }, fmt2(c.score)),
    h('td', { 'data-label': 'Redenen' }, h('details', {}, h('summary', {}, `${c.reasons.length} redenen`), reasonList(c.reasons, c.lifted))));
}

function candidateTable(result, ctx) {
  const state = { key: 'rank', dir: 1, tiers: new Set(tierOrder) };
  const body = h('tbody');
  const counts = Object.fromEntries(tierOrder.map((t) => [t, result.candidates.filter((c) => c.tier === t).length]));
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const headers = columns.map((col) => {
    const button = h('button', { type: 'button', class: 'sort' }, col.title);
    const th = h('th', { scope: 'col', class: col.numeric ? 'num' : null, 'aria-sort': col.key === 'rank' ? 'ascending' : 'none' }, button);
    button.addEventListener('click', () => {
      state.dir = state.key === col.key ? -state.dir : 1;
      state.key = col.key;
      for (const other of headers) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
      draw();
    });
    return th;
  });
  const draw = () => {
    const col = columns.find((c) => c.key === state.key);
    const rows = result.candidates.filter((c) => state.tiers.has(c.tier)).sort((a, b) => {
      const va = col.value(a, ctx), vb = col.value(b, ctx);
      const cmp = typeof va === 'string' ? va.localeCompare(vb, 'nl') : va - vb;
      return cmp * state.dir || a.rank - b.rank;
    });
    body.replaceChildren(...rows.map((c) => candidateRow(c, ctx)));
    status.textContent = `${rows.length} van ${result.candidates.length} kandidaten getoond.`;
  };
  const filter = h('div', { class: 'tier-filter', role: 'group', 'aria-labelledby': 'tier-filter-label' },
    h('span', { id: 'tier-filter-label', class: 'filter-label' }, 'Toon treden:'),
    tierOrder.map((t) => {
      const id = `filter-${t}`;
      const box = h('input', { type: 'checkbox', id, checked: true, value: t });
      box.addEventListener('change', () => { if (box.checked) state.tiers.add(t); else state.tiers.delete(t); draw(); });
      return h('span', { class: 'check' }, box, h('label', { for: id }, h('span', { class: `dot tier-${t}`, 'aria-hidden': 'true' }), `${tierLabels[t]} (${counts[t]})`));
    }));
  draw();
  return h('section', { class: 'candidates', 'aria-labelledby': 'candidates-title' },
    h('h2', { id: 'candidates-title' }, `Kandidaten (${result.candidates.length})`),
    h('p', { class: 'help order-help' }, 'Volgorde: eerst wat tijdig is; dan gecontracteerd aanbod vóór aanbod dat alleen via maatwerk kan; dan de trede, waarbij eigen regio en buurregio samen als één trede tellen; dan de meest thuisnabije zorgvorm; dan de trede zelf (eigen regio vóór buurregio); dan de score.'),
    filter,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'data data-cards' },
        h('caption', { class: 'visually-hidden' }, 'Kandidaten, te sorteren met de kolomknoppen'),
        h('thead', {}, h('tr', {}, headers, h('th', { scope: 'col' }, 'Redenen'))),
        body)),
    status);
}

// ---- exclusions ----

function exclusions(result, ctx) {
  const groups = new Map();
  for (const x of result.excluded) {
    if (!groups.has(x.code)) groups.set(x.code, []);
    groups.get(x.code).push(x);
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return h('section', { class: 'exclusions', 'aria-labelledby': 'exclusions-title' },
    h('h2', { id: 'exclusions-title' }, `Uitgesloten (${result.excluded.length})`),
    h('p', { class: 'help' }, 'Elk aanbod van een gevraagde zorgvorm staat bij de kandidaten of hier, met de regel die het uitsloot.'),
    sorted.length ? sorted.map(([code, list]) => h('details', { class: 'exclusion-group', 'data-code': code },
      h('summary', {}, h('span', {}, exclusionLabels[code] || code), h('span', { class: 'count' }, list.length)),
      h('ul', {}, list.map((x) => h('li', {},
        h('span', { class: 'provider' }, x.provider_name), ' · ', ctx.label('care_forms', x.care_form), ' · ', tierLabels[x.tier],
        h('div', { class: 'muted' }, x.exclusions.map((e) => e.text).join('; '))))))) : h('p', { class: 'muted' }, 'Niets uitgesloten.'));
}

// ---- printable written advice ----

function printPlan(title, plan, candidate, ctx) {
  if (!plan) return null;
  const badges = markers(plan, candidate, ctx);
  return h('section', { class: 'print-plan' },
    h('h3', {}, `${title}: ${plan.provider_name}`),
    h('p', {}, `${ctx.label('care_forms', plan.care_form)} in ${plan.municipality_name} (trede: ${tierLabels[plan.tier]}); ${capacityText(plan)}; ${plan.timely ? 'tijdig' : 'niet tijdig'}.`,
      badges.length ? ` ${badges.map((m) => m.text).join('; ')}.` : '',
      candidate?.stale ? ` Capaciteit bijgewerkt op ${dateLong(candidate.capacity_updated)}.` : ''),
    plan.notes?.length ? h('div', { class: 'print-notes' }, h('p', {}, h('strong', {}, 'Let op:')),
      h('ul', {}, plan.notes.map((n) => h('li', { 'data-code': n.code }, n.text)))) : null,
    h('p', {}, 'Aanbod: ', plan.offering, candidate?.urgent_contact ? ` · rode knop: ${contactText(candidate.urgent_contact)}` : ''),
    h('p', {}, 'Redenen:'),
    h('ul', {}, plan.reasons.map((r) => h('li', {}, `${r.text} (${signed(r.effect)})`)),
      (candidate?.lifted || []).map((l) => h('li', {}, `${l.text}; opgeheven: ${l.approval}`))));
}

function printAdvice(result, ctx, byOffering) {
  const { auditId, label } = ctx;
  const wait = maxWaitText(result);
  return h('section', { class: 'print-advice', 'aria-hidden': 'true' },
    h('h2', {}, `Voorstel voor het Regionaal Expertteam — casus ${result.case}`),
    h('dl', { class: 'meta' },
      ctx.question ? [h('dt', {}, 'Vraag'), h('dd', {}, ctx.question)] : null,
      h('dt', {}, 'Peildatum'), h('dd', {}, dateLong(result.reference_date)),
      h('dt', {}, 'Afgedrukt'), h('dd', {}, when(new Date().toISOString())),
      h('dt', {}, 'Regio'), h('dd', {}, `${result.region.name} (${result.region.code})`),
      h('dt', {}, 'Regelset'), h('dd', {}, `${result.ruleset.name} ${result.ruleset.version}`),
      h('dt', {}, 'Hash'), h('dd', { class: 'hash' }, result.ruleset.hash),
      auditId ? [h('dt', {}, 'Auditnummer'), h('dd', {}, auditId)] : null),
    wait ? h('p', {}, wait) : null,
    result.notes?.length ? [h('p', {}, h('strong', {}, 'Bij dit advies:')), h('ul', { class: 'print-result-notes' }, result.notes.map((n) => h('li', {}, n.text)))] : null,
    printPlan('Plan A', result.plan_a, byOffering.get(result.plan_a?.offering), ctx) || h('p', {}, 'Plan A: geen passende kandidaat.'),
    printPlan('Plan B', result.plan_b, byOffering.get(result.plan_b?.offering), ctx) || h('p', {}, 'Plan B: geen tweede aanbieder.'),
    printPlan('Overbrugging', result.bridging, null, ctx) || [h('h3', {}, 'Overbrugging'), h('p', {}, bridgingEmptyText(result))],
    result.gap ? [h('h3', {}, 'Leemte'),
      h('p', {}, `${gapText(result.gap)} Zorgvormen: ${result.gap.care_forms.map((c) => label('care_forms', c)).join(', ')}. Vastgelegd voor de signaleringsrapportage.`)] : null,
    h('p', { class: 'decision' }, result.decision || decisionText,
      ' Het advies van het RET en de afwegingen staan in het verslag van de bespreking.'),
    h('p', { class: 'sign' }, 'Advies RET: ______________________________  Datum: ____________  Namens het RET: ______________________'));
}

// ---- the whole advice ----

// ctx: {label, vocabulary, municipalities: Map, adjacent: [codes], caseMunicipality, auditId, question,
//       networkName: code -> name}
export async function renderAdvice(result, ctx) {
  const byOffering = new Map(result.candidates.map((c) => [c.offering, c]));
  ctx = { networkName: (code) => code, ...ctx };
  const tableCtx = {
    label: ctx.label,
    networkName: ctx.networkName,
    rank: new Map(ctx.vocabulary.care_forms.map((c) => [c.id, c.rank])),
    plans: { A: result.plan_a?.offering, B: result.plan_b?.offering },
  };
  const map = await renderMap({
    region: result.region.code, adjacent: ctx.adjacent, candidates: result.candidates,
    municipalities: ctx.municipalities, plans: tableCtx.plans, caseMunicipality: ctx.caseMunicipality,
  });
  const printButton = h('button', { type: 'button', class: 'button-primary', onclick: () => window.print() }, 'Advies afdrukken');
  return h('div', { class: 'advice' },
    h('header', { class: 'advice-header' },
      h('div', {},
        h('h2', { id: 'advice-title' }, `Advies voor casus ${result.case}`),
        h('p', { class: 'meta-line' },
          `${result.region.name} (${result.region.code}) · peildatum ${dateLong(result.reference_date)} · regelset `,
          h('span', { class: 'ruleset-version', title: result.ruleset.hash }, `${result.ruleset.name} ${result.ruleset.version}`),
          ` (${shortHash(result.ruleset.hash)})`,
          ctx.auditId ? ` · audit ${ctx.auditId}` : '')),
      printButton),
    h('p', { class: 'decision-note' }, result.decision || decisionText),
    result.gap ? h('p', { class: 'gap-line', 'data-scope': result.gap.scope === 'national' ? 'national' : 'region' },
      h('strong', {}, 'Leemte: '), gapText(result.gap), ' ', h('a', { href: '#gap-card', onclick: (e) => { e.preventDefault(); document.getElementById('gap-card')?.focus(); } }, 'Naar de leemte')) : null,
    h('div', { class: 'advice-top' },
      h('div', {},
        resultNotes(result),
        planCards(result, byOffering, ctx)),
      h('section', { class: 'map-section', 'aria-labelledby': 'map-title' }, h('h2', { id: 'map-title' }, 'Kaart'), map)),
    candidateTable(result, tableCtx),
    exclusions(result, tableCtx),
    printAdvice(result, ctx, byOffering));
}
