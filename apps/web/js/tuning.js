// Regels afstemmen (contract managers): the active version of a rule set as a form with Dutch
// labels, explanations and ranges; a dry run against past advice (POST /rulesets/{name}/dry-run);
// then check and confirm — what changes, what it does to recent advice, a strong warning for a
// protected rule — and send it as a proposal (POST /rulesets/{name}/proposals) for a second
// person to approve (page Goedkeuren). The proposal names the version the form was loaded from:
// when someone else's change was approved meanwhile, the server refuses it (409) and the page
// says which version is active, so nobody overwrites another's change.
import { api, cached, get } from './api.js';
import { announce, clear, dateLong, fmt2, h, labeller, shortHash, tierLabels, uid, weeks } from './dom.js';
import { canonical, describeValue, paramEditor, same } from './params.js';

const phaseTitles = {
  classify: 'Kenmerken afleiden',
  filter: 'Harde eisen: wat uitsluit',
  exception: 'Uitzonderingen: maatwerk',
  score: 'Punten: de score, ná de volgordestappen',
  order: 'Volgorde van de kandidaten: vóór de score',
  plan: 'Plan A, plan B, overbrugging en leemte',
  priority: 'Voorrang bij het verdelen van bovenregionale plekken',
};

// "(van 0 tot en met 100)"
export function rangeText(p) {
  if (p.min !== undefined && p.max !== undefined) return `van ${describeValue(p.min)} tot en met ${describeValue(p.max)}`;
  if (p.min !== undefined) return `minstens ${describeValue(p.min)}`;
  if (p.max !== undefined) return `hoogstens ${describeValue(p.max)}`;
  return '';
}

// A value in Dutch, map keys by their Dutch words when the declaration gives them.
export function describeParam(p, value) {
  if (value && typeof value === 'object' && !Array.isArray(value) && p.key_labels)
    return Object.entries(value).map(([k, v]) => `${p.key_labels[k] || k}: ${describeValue(v)}`).join('; ');
  return describeValue(value);
}

// ---- the form ----

function ruleFieldset(rule, vocabulary, editors, onProtectedToggle) {
  const enabled = h('input', { type: 'checkbox', id: `rule-on-${rule.name}`, checked: !rule.disabled, dataset: { loaded: String(!rule.disabled) } });
  editors.enabled.set(rule.name, enabled);
  const protectedWarning = h('p', { class: 'protected-warning', role: 'alert', hidden: true },
    h('strong', {}, 'Let op: '), `${rule.label} is een beschermde harde regel. Uitschakelen laat aanbod toe dat nu is uitgesloten; een beheerder moet dit voorstel goedkeuren.`);
  if (rule.protected) enabled.addEventListener('change', () => { protectedWarning.hidden = enabled.checked; onProtectedToggle(); });
  const params = rule.params.map((p) => {
    const editor = paramEditor(rule.name, { ...p, min: p.min, max: p.max }, vocabulary);
    editors.params.push({ rule: rule.name, ruleLabel: rule.label, protected: rule.protected, decl: p, editor });
    const labelled = ['number', 'integer', 'string'].includes(p.type);
    const range = rangeText(p);
    return h('div', { class: 'param', 'data-param': `${rule.name}.${p.name}` },
      labelled ? h('label', { for: editor.id }, p.label) : h('span', { class: 'param-name', id: `${editor.id}-name` }, p.label),
      h('div', {},
        h('p', { class: 'help' }, p.explanation || p.description, range ? ` Toegestaan: ${range}.` : ''),
        editor.element,
        h('p', { class: 'default' }, `standaard: ${describeParam(p, p.default)}`, h('span', { class: 'muted code-name' }, ` · ${rule.name}.${p.name}`)),
        h('p', { class: 'field-error', hidden: true })));
  });
  return h('fieldset', { class: `rule${rule.protected ? ' rule-protected' : ''}`, 'data-rule': rule.name },
    h('legend', {}, rule.label, rule.protected ? h('span', { class: 'badge badge-protected' }, 'beschermd') : null),
    h('p', {}, rule.explanation || rule.description),
    h('p', { class: 'rule-meta' }, h('span', { class: 'check' }, enabled, h('label', { for: enabled.id }, 'regel actief')), h('span', { class: 'muted' }, ` ${rule.file}`)),
    protectedWarning,
    params);
}

// "alleen als plan A niet tijdig is; treden: eigen regio, buurregio, bovenregionaal"
function describePool(pool) {
  if (!pool) return '(bij elke vraag, in elke trede)';
  const when = pool.when === 'plan_a_not_timely' ? 'alleen als plan A niet tijdig is' : 'bij elke vraag';
  return `${when}; treden: ${(pool.tiers || []).map((t) => tierLabels[t] || t).join(', ')}`;
}

// settings.max_wait_weeks: how long a case without its own maximum wait can wait for plan A, per
// urgency, in whole weeks (0 to 520, as the server checks).
const urgencies = ['crisis', 'high', 'normal'];
function maxWaitEditor(value, label) {
  const id = uid('settings-max-wait');
  const inputs = urgencies.map((u) => ({
    urgency: u,
    input: h('input', { id: `${id}-${u}`, type: 'number', min: 0, max: 520, step: 1, inputmode: 'numeric', value: value?.[u] ?? '' }),
  }));
  return {
    id,
    element: h('div', { class: 'map-param', id }, inputs.map(({ urgency, input }) =>
      h('div', {}, h('label', { for: input.id }, `urgentie ${label('urgency', urgency)} (weken)`), input))),
    read: () => Object.fromEntries(inputs.map(({ urgency, input }) => {
      const n = input.valueAsNumber;
      if (input.value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 520)
        throw new Error(`urgentie ${label('urgency', urgency)}: vul een geheel aantal weken in (0 tot en met 520)`);
      return [urgency, n];
    })),
  };
}

function settingsFieldset(settings, vocabulary, editors) {
  const label = labeller(vocabulary);
  const decl = { name: 'bridging_care_forms', type: 'list', vocabulary: 'care_form', value: settings.bridging_care_forms, default: settings.bridging_care_forms };
  const editor = paramEditor('settings', decl, vocabulary);
  const maxWait = maxWaitEditor(settings.max_wait_weeks, label);
  const describeWait = (v) => urgencies.map((u) => `${label('urgency', u)} ${weeks(v[u])}`).join(', ');
  editors.settings.push({ name: 'bridging_care_forms', label: 'Zorgvormen voor overbrugging', editor, value: settings.bridging_care_forms });
  if (settings.max_wait_weeks) editors.settings.push({ name: 'max_wait_weeks', label: 'Standaard maximale wachttijd', editor: maxWait, value: settings.max_wait_weeks, describe: describeWait });
  return h('fieldset', { class: 'rule', 'data-rule': 'settings' },
    h('legend', {}, 'Instellingen'),
    h('div', { class: 'param', 'data-param': 'settings.bridging_care_forms' },
      h('span', { class: 'param-name' }, 'Zorgvormen voor overbrugging'),
      h('div', {},
        h('p', { class: 'help' }, 'Zorgvormen die de engine ook bekijkt als mogelijke overbrugging (de overbruggingspool).'),
        editor.element,
        h('p', { class: 'field-error', hidden: true }))),
    settings.max_wait_weeks ? h('div', { class: 'param', 'data-param': 'settings.max_wait_weeks' },
      h('span', { class: 'param-name', id: `${maxWait.id}-name` }, 'Standaard maximale wachttijd'),
      h('div', { role: 'group', 'aria-labelledby': `${maxWait.id}-name ${maxWait.id}-help` },
        h('p', { class: 'help', id: `${maxWait.id}-help` },
          'Standaard maximale wachttijd: hoe lang een jeugdige die in de casus geen eigen maximale wachttijd heeft, op plan A kan wachten, per urgentie. ',
          'Een plek is tijdig als er nu een plek vrij is of als de wachttijd hier binnen valt; het advies meldt dan dat de standaard is gebruikt.'),
        maxWait.element,
        h('p', { class: 'default' }, `nu: ${describeWait(settings.max_wait_weeks)}`),
        h('p', { class: 'field-error', hidden: true }))) : null,
    h('div', { class: 'param', 'data-param': 'settings.bridging_pool' },
      h('span', { class: 'param-name' }, 'Overbruggingspool'),
      h('div', {},
        h('p', { class: 'help' }, 'Wanneer en waar de engine de overbruggingspool bekijkt. Alleen te wijzigen in params.json van de regelset.'),
        h('p', {}, describePool(settings.bridging_pool)))),
    h('div', { class: 'param' },
      h('span', { class: 'param-name' }, 'Afwijkende percelen'),
      h('div', {},
        h('p', { class: 'help' }, 'Afwijkende percelen per regio (regio → zorgvorm → perceel). Alleen te wijzigen in params.json van de regelset.'),
        h('p', {}, Object.keys(settings.lot_overrides || {}).length ? describeValue(settings.lot_overrides) : '(geen)'))));
}

// What changes, in the shape of params.json: only the values that differ from the version the
// form was loaded from (the server merges them over it), the whole list of switched-off rules
// when a rule is switched on or off, and the settings that change.
function readChange(editors) {
  const change = {};
  const errors = [];
  for (const { rule, decl, editor } of editors.params) {
    let value;
    try {
      value = editor.read();
    } catch (e) {
      errors.push({ rule, param: decl.name, message: e.message });
      continue;
    }
    if (decl.min !== undefined || decl.max !== undefined) {
      const numbers = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [value];
      const out = numbers.find((n) => typeof n === 'number' && ((decl.min !== undefined && n < decl.min) || (decl.max !== undefined && n > decl.max)));
      if (out !== undefined) {
        errors.push({ rule, param: decl.name, message: `${describeValue(out)} mag niet: toegestaan is ${rangeText(decl)}` });
        continue;
      }
    }
    if (!same(value, decl.value)) ((change.rules ||= {})[rule] ||= {})[decl.name] = value;
  }
  const disabled = [...editors.enabled].filter(([, box]) => !box.checked).map(([rule]) => rule);
  const loaded = [...editors.enabled].filter(([, box]) => box.dataset.loaded === 'false').map(([rule]) => rule);
  if (!same([...disabled].sort(), [...loaded].sort())) change.disabled = disabled;
  for (const { name, editor, value } of editors.settings) {
    let read;
    try {
      read = editor.read();
    } catch (e) {
      errors.push({ rule: 'settings', param: name, message: e.message });
      continue;
    }
    if (!same(read, value)) (change.settings ||= {})[name] = read;
  }
  return { change, errors };
}

// The protected rules the form switches off or changes.
function protectedEdits(editors) {
  const out = new Set();
  for (const { rule, decl, editor, protected: isProtected } of editors.params) {
    if (!isProtected) continue;
    try { if (!same(editor.read(), decl.value)) out.add(rule); } catch { out.add(rule); }
  }
  for (const [rule, box] of editors.enabled) {
    const fs = box.closest('fieldset');
    if (fs?.classList.contains('rule-protected') && !box.checked && box.dataset.loaded === 'true') out.add(rule);
  }
  return [...out];
}

function markChanges(form, editors) {
  let count = 0;
  for (const { rule, decl, editor } of editors.params) {
    let changed = false;
    try { changed = !same(editor.read(), decl.value); } catch { changed = true; }
    form.querySelector(`[data-param="${rule}.${decl.name}"]`)?.classList.toggle('changed', changed);
    count += changed;
  }
  for (const { name, editor, value } of editors.settings) {
    let changed = false;
    try { changed = !same(editor.read(), value); } catch { changed = true; }
    form.querySelector(`[data-param="settings.${name}"]`)?.classList.toggle('changed', changed);
    count += changed;
  }
  for (const fieldset of form.querySelectorAll('fieldset.rule[data-rule]')) {
    const box = editors.enabled.get(fieldset.dataset.rule);
    const toggled = box ? String(!box.checked) !== fieldset.dataset.loadedDisabled : false;
    count += toggled;
    fieldset.classList.toggle('changed', toggled || Boolean(fieldset.querySelector('.param.changed')));
  }
  for (const phase of form.querySelectorAll('details.phase')) {
    const n = phase.querySelectorAll('.param.changed').length + [...phase.querySelectorAll('fieldset.rule.changed')].filter((f) => !f.querySelector('.param.changed')).length;
    phase.querySelector('.phase-changed').textContent = n ? `${n} gewijzigd` : '';
  }
  return count;
}

function showParamErrors(form, errors) {
  for (const slot of form.querySelectorAll('.param .field-error')) { slot.hidden = true; slot.textContent = ''; }
  for (const e of errors) {
    const slot = form.querySelector(`[data-param="${e.rule}.${e.param}"] .field-error`);
    if (slot) { slot.hidden = false; slot.textContent = e.message; }
  }
}

// ---- the dry-run result (also used by the approval queue) ----

function planText(plan, label) {
  if (!plan) return 'geen';
  return `${plan.provider_name} — ${label('care_forms', plan.care_form)}, ${plan.municipality_name} (${tierLabels[plan.tier] || plan.tier})`;
}

function beforeAfterRow(title, before, after, label) {
  const changed = (before?.offering || null) !== (after?.offering || null);
  return h('tr', { class: changed ? 'changed' : null },
    h('th', { scope: 'row' }, title),
    h('td', { class: changed ? null : 'same' }, planText(before, label)),
    h('td', { class: 'arrow', 'aria-label': 'wordt' }, '→'),
    h('td', { class: changed ? 'new' : 'same' }, changed ? planText(after, label) : 'ongewijzigd'));
}

function standingText(s) {
  if (!s) return 'niet beoordeeld';
  if (s.excluded) return `uitgesloten (${s.excluded})`;
  return `nr. ${s.rank}, score ${fmt2(s.score)}`;
}

export function changeCard(change, label) {
  const names = new Map(change.offerings.map((o) => [o.offering, o.provider_name || o.offering]));
  return h('article', { class: 'change', 'data-audit': change.audit_id, 'data-case': change.case },
    h('h3', {}, h('span', {}, `Casus ${change.case}`), h('span', { class: 'muted' }, `${change.region?.name || ''} · ${dateLong(change.reference_date)} · audit ${change.audit_id}`)),
    h('table', { class: 'before-after' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, 'Nu'), h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, 'Met de wijziging'))),
      h('tbody', {},
        beforeAfterRow('Plan A', change.before.plan_a, change.after.plan_a, label),
        beforeAfterRow('Plan B', change.before.plan_b, change.after.plan_b, label),
        beforeAfterRow('Overbrugging', change.before.bridging, change.after.bridging, label))),
    h('p', { class: 'help' }, 'Waarom:'),
    h('ul', { class: 'rule-diff' },
      change.offerings.map((o) => h('li', {}, `${names.get(o.offering)}: ${standingText(o.before)} → ${standingText(o.after)}`)),
      change.reasons.map((r) => h('li', {}, h('code', {}, r.rule), ` bij ${names.get(r.offering)}: ${r.before === null ? 'geen' : fmt2(r.before)} → ${r.after === null ? 'geen' : fmt2(r.after)} punten (${r.text})`))));
}

// What changes, as the server says it: each parameter by its Dutch label, before → after.
export function changeList(changes, id) {
  return h('ul', { class: 'rule-diff', id }, changes.map((c) => h('li', {}, c.text)));
}

export function dryRunSummary(result) {
  if (result.replayed === 0) return 'Geen eerdere adviezen om opnieuw te berekenen: er zijn nog geen bewaarde adviezen van de regio’s die deze regelset gebruiken.';
  return result.changed_count === 0 ? `Geen van de ${result.replayed} opnieuw berekende adviezen verandert.`
    : `${result.changed_count} van de ${result.replayed} opnieuw berekende adviezen ${result.changed_count === 1 ? 'verandert' : 'veranderen'}.`;
}

export function dryRunResult(result, label) {
  const skipped = result.skipped.length;
  return h('div', { class: 'dry-run-result' },
    result.changes ? [h('p', { class: 'help' }, 'Proef met:'), changeList(result.changes, 'dry-run-edits')] : null,
    h('p', { class: 'summary-line', id: 'dry-run-summary' }, dryRunSummary(result)),
    h('p', { class: 'help' },
      `${result.considered} adviezen bekeken (laatste ${result.limit} van de ${result.regions ? result.regions.length : 'alle'} regio’s die deze regelset gebruiken); ${result.duplicates} dubbel; ${skipped} niet opnieuw te berekenen. `,
      `Nu: ${result.ruleset_before.version} (${shortHash(result.ruleset_before.hash)}) → voorstel: ${result.ruleset_after.version}.`),
    result.changed.map((c) => changeCard(c, label)),
    skipped ? h('details', {}, h('summary', {}, `${skipped} niet opnieuw berekend`),
      h('ul', {}, result.skipped.map((s) => h('li', {}, `audit ${s.audit_id} (${s.case}): ${s.reason}`)))) : null);
}

// The active version the server named when it refused a stale base.
export function activeVersionIn(message) {
  const m = /version (\S+) is the active version/.exec(message || '');
  return m ? m[1] : null;
}

export function staleBaseMessage(e) {
  const active = activeVersionIn(e.message);
  return `Intussen is een andere wijziging goedgekeurd${active ? `: versie ${active} is nu actief` : ''}. `
    + 'Uw voorstel ging uit van een versie die niet meer actief is en zou die wijziging ongedaan maken. Laad de pagina opnieuw en breng uw wijziging opnieuw aan.';
}

// ---- the page ----

function pickRuleset(list, me) {
  const wanted = location.hash.split('/')[2];
  const names = list.rulesets.map((r) => r.name);
  if (wanted && names.includes(decodeURIComponent(wanted))) return decodeURIComponent(wanted);
  if (me?.ruleset?.name && names.includes(me.ruleset.name)) return me.ruleset.name;
  return names.includes('default') ? 'default' : names[0];
}

function orderStepsNote(steps) {
  return h('div', { class: 'notice order-steps', id: 'order-steps' },
    h('p', {}, h('strong', {}, 'De score beslist pas als laatste. '), 'Eerst ordenen deze stappen de kandidaten:'),
    h('ol', {}, steps.map((s) => h('li', {}, s.label))),
    h('p', {}, 'Punten veranderen de volgorde alleen tussen kandidaten die in al deze stappen gelijk eindigen. Een gewicht voor iets wat een stap al beslist (zoals de trede) verandert een advies daarom zelden; de proefdraai laat zien of het iets uitmaakt.'));
}

export async function render(main, { me } = {}) {
  const list = await get('/api/v1/rulesets');
  const name = pickRuleset(list, me);
  const [rules, vocabulary] = await Promise.all([get(`/api/v1/rulesets/${encodeURIComponent(name)}/rules`), cached('/api/v1/vocabulary')]);
  const label = labeller(vocabulary);
  const base = rules.base;
  const editors = { params: [], enabled: new Map(), settings: [] };
  const phases = [...new Set(rules.rules.map((r) => r.phase))];
  const refreshSoon = () => queueMicrotask(refresh);
  const form = h('form', { class: 'tuning-form', novalidate: true, 'aria-label': `Parameters van regelset ${name}` },
    phases.map((phase) => {
      const listed = rules.rules.filter((r) => r.phase === phase);
      const count = listed.reduce((n, r) => n + r.params.length, 0);
      return h('details', { class: 'phase', 'data-phase': phase, open: phase === 'score' },
        h('summary', {}, h('h2', {}, phaseTitles[phase] || phase),
          h('span', { class: 'muted' }, `${listed.length} ${listed.length === 1 ? 'regel' : 'regels'}, ${count} ${count === 1 ? 'parameter' : 'parameters'}`),
          h('span', { class: 'phase-changed' })),
        phase === 'score' && rules.order_steps?.length ? orderStepsNote(rules.order_steps) : null,
        listed.map((r) => {
          const fs = ruleFieldset(r, vocabulary, editors, refreshSoon);
          fs.dataset.loadedDisabled = String(r.disabled);
          return fs;
        }));
    }),
    h('details', { class: 'phase', 'data-phase': 'settings' },
      h('summary', {}, h('h2', {}, 'Instellingen'), h('span', { class: 'muted' }, 'overbrugging, percelen en de standaard maximale wachttijd'), h('span', { class: 'phase-changed' })),
      settingsFieldset(rules.settings, vocabulary, editors)));

  const changeCount = h('p', { class: 'summary-line', 'aria-live': 'polite' });
  const limit = h('input', { id: 'dry-run-limit', type: 'number', min: 1, max: 1000, step: 1, value: 200, inputmode: 'numeric' });
  const dryRunButton = h('button', { type: 'button', class: 'button-primary', id: 'dry-run' }, 'Proefdraaien');
  const dryRunArea = h('div', { id: 'dry-run-area' });
  const comment = h('textarea', { id: 'proposal-comment', rows: 3, required: true, 'aria-describedby': 'proposal-help' });
  const checkButton = h('button', { type: 'button', class: 'button-primary', id: 'check-proposal', disabled: true }, 'Voorstel controleren');
  const confirmArea = h('div', { id: 'confirm-area' });
  const proposalStatus = h('p', { role: 'status', id: 'proposal-status' });
  let lastDryRun = null;  // the change document the last dry run used (canonical)
  let lastResult = null;

  const refresh = () => {
    const n = markChanges(form, editors);
    changeCount.textContent = n === 0 ? 'Nog geen wijzigingen.' : n === 1 ? `1 wijziging ten opzichte van versie ${base}.` : `${n} wijzigingen ten opzichte van versie ${base}.`;
    const { change, errors } = readChange(editors);
    const ready = !errors.length && lastDryRun !== null && lastDryRun === canonical(change);
    checkButton.disabled = !ready;
    if (!ready) confirmArea.replaceChildren();
    if (lastDryRun !== null && !ready && !errors.length && proposalStatus.className !== 'error') proposalStatus.textContent = 'De parameters zijn gewijzigd na de proefdraai: draai opnieuw proef voordat u het voorstel controleert.';
  };
  for (const type of ['input', 'change', 'click']) form.addEventListener(type, refreshSoon);

  const refused = (e, area) => {
    if (e.status === 409) {
      area.replaceChildren(h('div', { class: 'error-summary', id: 'stale-base', role: 'alert' },
        h('h3', {}, 'Iemand anders was u voor'), h('p', {}, staleBaseMessage(e)),
        h('button', { type: 'button', class: 'button-primary', id: 'reload', onclick: () => { clear(main); render(main, { me }); } }, 'Pagina opnieuw laden')));
      announce(staleBaseMessage(e));
      return;
    }
    area.replaceChildren(h('p', { class: 'error' }, e.dutch));
    announce(e.dutch);
  };

  dryRunButton.addEventListener('click', async () => {
    const { change, errors } = readChange(editors);
    showParamErrors(form, errors);
    if (errors.length) {
      dryRunArea.replaceChildren(h('p', { class: 'error' }, 'Verbeter eerst de gemarkeerde parameters.'));
      announce('Verbeter eerst de gemarkeerde parameters.');
      return;
    }
    if (!Object.keys(change).length) {
      dryRunArea.replaceChildren(h('p', { class: 'error' }, 'Er is nog niets gewijzigd.'));
      return;
    }
    dryRunButton.disabled = true;
    dryRunArea.replaceChildren(h('p', {}, 'Eerdere adviezen worden opnieuw berekend…'));
    announce('Eerdere adviezen worden opnieuw berekend…');
    try {
      const { data } = await api('POST', `/api/v1/rulesets/${encodeURIComponent(name)}/dry-run`, { body: { params: change, base, limit: Number(limit.value) || 200 } });
      lastDryRun = canonical(change);
      lastResult = data;
      proposalStatus.textContent = '';
      proposalStatus.className = '';
      dryRunArea.replaceChildren(dryRunResult(data, label));
      announce(`Proefdraai klaar: ${dryRunArea.querySelector('#dry-run-summary').textContent}`);
    } catch (e) {
      lastDryRun = null;
      refused(e, dryRunArea);
    } finally {
      dryRunButton.disabled = false;
      refresh();
    }
  });

  // Check and confirm: what the proposal changes and what it did to recent advice, once more,
  // before it is sent; a protected rule needs an explicit tick.
  checkButton.addEventListener('click', () => {
    if (!comment.value.trim()) {
      comment.setAttribute('aria-invalid', 'true');
      proposalStatus.className = 'error';
      proposalStatus.textContent = 'Schrijf waarom de regels veranderen: de toelichting is verplicht.';
      return comment.focus();
    }
    comment.removeAttribute('aria-invalid');
    proposalStatus.textContent = '';
    proposalStatus.className = '';
    const { change } = readChange(editors);
    const touched = lastResult.protected_changes?.length ? lastResult.protected_changes : protectedEdits(editors);
    const understood = h('input', { type: 'checkbox', id: 'confirm-protected' });
    const send = h('button', { type: 'button', class: 'button-primary', id: 'send-proposal' }, 'Voorstel versturen');
    const labels = touched.map((r) => rules.rules.find((x) => x.name === r)?.label || r);
    confirmArea.replaceChildren(h('section', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('h3', { id: 'confirm-title', tabindex: '-1' }, 'Controleer uw voorstel'),
      h('p', {}, `Regelset ${name}, uitgaand van versie ${base}. Wijzigingen:`),
      changeList(lastResult.changes || [], 'confirm-changes'),
      h('p', { class: 'summary-line', id: 'confirm-impact' }, `Gevolg voor recente adviezen: ${dryRunSummary(lastResult)}`),
      touched.length ? h('div', { class: 'protected-alert', id: 'protected-alert', role: 'alert' },
        h('p', {}, h('strong', {}, 'Waarschuwing: dit voorstel wijzigt een beschermde harde regel'), ` (${labels.join(', ')}).`),
        h('p', {}, 'Harde regels beschermen jeugdigen tegen aanbod dat niet past of niet gecontracteerd is. Uitschakelen of verzwakken geldt voor elke vraag van elke regio die deze regelset gebruikt. Alleen een beheerder kan dit voorstel goedkeuren.'),
        h('p', { class: 'check' }, understood, h('label', { for: 'confirm-protected' }, 'Ik begrijp dit en wil dit toch voorstellen'))) : null,
      h('p', {}, `Toelichting: ${comment.value.trim()}`),
      h('p', { class: 'help' }, 'Na versturen geldt er nog niets: een tweede contractmanager (of een beheerder) keurt het voorstel goed op de pagina Goedkeuren.'),
      h('div', { class: 'actions' }, send, h('button', { type: 'button', class: 'button-quiet', onclick: () => confirmArea.replaceChildren() }, 'Terug'))));
    confirmArea.querySelector('#confirm-title').focus();
    send.addEventListener('click', async () => {
      if (touched.length && !understood.checked) {
        proposalStatus.className = 'error';
        proposalStatus.textContent = 'Vink eerst aan dat u de waarschuwing over de beschermde regel hebt gelezen.';
        return understood.focus();
      }
      send.disabled = true;
      try {
        const { data } = await api('POST', `/api/v1/rulesets/${encodeURIComponent(name)}/proposals`, { body: { params: change, base, comment: comment.value.trim() } });
        clear(main);
        await render(main, { me });
        const sent = `Voorstel #${data.proposal} (versie ${data.version}) is verstuurd. Het geldt pas als een tweede persoon het goedkeurt.`;
        main.querySelector('.page-head').append(h('p', { class: 'success', id: 'proposal-sent' }, sent, ' ', h('a', { href: '#/goedkeuren' }, 'Naar Goedkeuren')));
        announce(sent);
      } catch (e) {
        send.disabled = false;
        refused(e, confirmArea);
        if (e.status !== 409) { proposalStatus.className = 'error'; proposalStatus.textContent = e.dutch; }
      }
    });
  });

  const picker = list.rulesets.length > 1 ? h('div', { class: 'field' },
    h('label', { for: 'ruleset-pick' }, 'Regelset'),
    h('select', { id: 'ruleset-pick', onchange: (ev) => { location.hash = `#/regels/${encodeURIComponent(ev.target.value)}`; } },
      list.rulesets.map((r) => h('option', { value: r.name, selected: r.name === name }, `${r.name} (${r.regions.length} ${r.regions.length === 1 ? 'regio' : "regio's"})`)))) : null;
  const overview = rules.overview;
  const open = overview.open_proposals;
  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Regels afstemmen'),
      h('p', { class: 'lead' }, 'Wijzig gewichten, drempels, de volgorde van de treden en de uitzonderingen zonder Lua te bewerken. Draai eerst proef op eerdere adviezen, controleer het voorstel en verstuur het; een tweede persoon keurt het goed.'),
      picker,
      h('p', {}, 'Uitgangspunt: ', h('strong', { id: 'current-version' }, `${name} ${base}`), ' · hash ', h('span', { class: 'hash', title: rules.ruleset.hash }, shortHash(rules.ruleset.hash)),
        ` · geldt voor ${overview.regions.length === 42 ? 'alle regio’s' : `${overview.regions.length} ${overview.regions.length === 1 ? 'regio' : 'regio’s'}`}`),
      open ? h('p', { class: 'notice' }, `Er ${open === 1 ? 'wacht 1 voorstel' : `wachten ${open} voorstellen`} op goedkeuring. Wordt er een goedgekeurd, dan vervallen de andere en moet u uw wijziging opnieuw aanbrengen. `, h('a', { href: '#/goedkeuren' }, 'Bekijk de voorstellen')) : null,
      h('p', { class: 'muted' }, rules.description)),
    h('div', { class: 'tuning' },
      form,
      h('aside', { class: 'tuning-side' },
        h('section', { class: 'panel', 'aria-labelledby': 'dry-run-title' },
          h('h2', { id: 'dry-run-title' }, '1. Proefdraaien'),
          changeCount,
          h('div', { class: 'field' }, h('label', { for: 'dry-run-limit' }, 'Aantal recente adviezen'), limit,
            h('p', { class: 'help' }, 'De laatste adviezen van de regio’s die deze regelset gebruiken worden opnieuw berekend met de huidige en met de gewijzigde regels, op hun eigen peildatum en met het huidige aanbod. Er wordt niets opgeslagen.')),
          dryRunButton,
          dryRunArea),
        h('section', { class: 'panel', 'aria-labelledby': 'propose-title' },
          h('h2', { id: 'propose-title' }, '2. Controleren en versturen'),
          h('div', { class: 'field' }, h('label', { for: 'proposal-comment' }, 'Toelichting (verplicht)'), comment,
            h('p', { class: 'help', id: 'proposal-help' }, 'Waarom verandert dit? De toelichting staat in de regelsetgeschiedenis en de audit. Geen namen of andere persoonsgegevens.')),
          checkButton,
          proposalStatus,
          confirmArea))));
  refresh();
}
