// Rule tuning (contract managers): the current parameters as a form with their descriptions,
// a dry run against past advice (POST /api/v1/rulesets/current/dry-run), then activation as a
// new rule-set version with a required comment (PUT /api/v1/rulesets/current/parameters).
import { api, cached, clearCache, get } from './api.js';
import { announce, clear, dateLong, fmt2, h, labeller, shortHash, tierLabels, uid, weeks } from './dom.js';
import { canonical, describeValue, paramEditor, same } from './params.js';

const phaseTitles = {
  classify: 'Kenmerken afleiden',
  filter: 'Harde eisen: wat uitsluit',
  exception: 'Uitzonderingen: maatwerk',
  score: 'Punten: de score binnen dezelfde trede en zorgvorm',
  order: 'Volgorde van de kandidaten',
  plan: 'Plan A, plan B, overbrugging en leemte',
  priority: 'Voorrang bij het verdelen van bovenregionale plekken',
};

// ---- the form ----

function ruleFieldset(rule, vocabulary, editors) {
  const enabled = h('input', { type: 'checkbox', id: `rule-on-${rule.name}`, checked: !rule.disabled, dataset: { loaded: String(!rule.disabled) } });
  editors.enabled.set(rule.name, enabled);
  const params = rule.params.map((p) => {
    const editor = paramEditor(rule.name, p, vocabulary);
    editors.params.push({ rule: rule.name, decl: p, editor });
    const labelled = ['number', 'integer', 'string'].includes(p.type);
    return h('div', { class: 'param', 'data-param': `${rule.name}.${p.name}` },
      labelled ? h('label', { for: editor.id }, p.name) : h('span', { class: 'param-name', id: `${editor.id}-name` }, p.name),
      h('div', {},
        h('p', { class: 'help' }, p.description),
        editor.element,
        h('p', { class: 'default' }, `standaard: ${describeValue(p.default)}`),
        h('p', { class: 'field-error', hidden: true })));
  });
  return h('fieldset', { class: 'rule', 'data-rule': rule.name },
    h('legend', {}, rule.name),
    h('p', {}, rule.description),
    h('p', { class: 'rule-meta' }, h('span', { class: 'check' }, enabled, h('label', { for: enabled.id }, 'regel actief')), ` ${rule.file}`),
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
  editors.settings.push({ name: 'bridging_care_forms', editor, value: settings.bridging_care_forms });
  const describeWait = (v) => urgencies.map((u) => `${label('urgency', u)} ${weeks(v[u])}`).join(', ');
  if (settings.max_wait_weeks) editors.settings.push({ name: 'max_wait_weeks', editor: maxWait, value: settings.max_wait_weeks, describe: describeWait });
  return h('fieldset', { class: 'rule', 'data-rule': 'settings' },
    h('legend', {}, 'Instellingen'),
    h('div', { class: 'param', 'data-param': 'settings.bridging_care_forms' },
      h('span', { class: 'param-name' }, 'bridging_care_forms'),
      h('div', {},
        h('p', { class: 'help' }, 'Zorgvormen die de engine ook bekijkt als mogelijke overbrugging (de overbruggingspool).'),
        editor.element,
        h('p', { class: 'field-error', hidden: true }))),
    settings.max_wait_weeks ? h('div', { class: 'param', 'data-param': 'settings.max_wait_weeks' },
      h('span', { class: 'param-name', id: `${maxWait.id}-name` }, 'max_wait_weeks'),
      h('div', { role: 'group', 'aria-labelledby': `${maxWait.id}-name ${maxWait.id}-help` },
        h('p', { class: 'help', id: `${maxWait.id}-help` },
          'Standaard maximale wachttijd: hoe lang een jeugdige die in de casus geen eigen maximale wachttijd heeft, op plan A kan wachten, per urgentie. ',
          'Een plek is tijdig als er nu een plek vrij is of als de wachttijd hier binnen valt; het advies meldt dan dat de standaard is gebruikt.'),
        maxWait.element,
        h('p', { class: 'default' }, `nu: ${describeWait(settings.max_wait_weeks)}`),
        h('p', { class: 'field-error', hidden: true }))) : null,
    h('div', { class: 'param', 'data-param': 'settings.bridging_pool' },
      h('span', { class: 'param-name' }, 'bridging_pool'),
      h('div', {},
        h('p', { class: 'help' }, 'Wanneer en waar de engine de overbruggingspool bekijkt. Alleen te wijzigen in params.json.'),
        h('p', {}, describePool(settings.bridging_pool)))),
    h('div', { class: 'param' },
      h('span', { class: 'param-name' }, 'lot_overrides'),
      h('div', {},
        h('p', { class: 'help' }, 'Afwijkende percelen per regio (regio → zorgvorm → perceel). Alleen te wijzigen in params.json.'),
        h('p', {}, Object.keys(settings.lot_overrides || {}).length ? describeValue(settings.lot_overrides) : '(geen)'))));
}

// Reads the form into a params.json document: only values that differ from the declared default.
function readParams(editors, current) {
  const doc = { rules: {}, disabled: [], settings: { ...(current.settings || {}) } };
  const errors = [];
  for (const { rule, decl, editor } of editors.params) {
    let value;
    try {
      value = editor.read();
    } catch (e) {
      errors.push({ rule, param: decl.name, message: e.message });
      continue;
    }
    if (!same(value, decl.default)) (doc.rules[rule] ||= {})[decl.name] = value;
  }
  for (const [rule, box] of editors.enabled) if (!box.checked) doc.disabled.push(rule);
  for (const { name, editor, value } of editors.settings) {
    let read;
    try {
      read = editor.read();
    } catch (e) {
      errors.push({ rule: 'settings', param: name, message: e.message });
      continue;
    }
    // A setting that params.json leaves out keeps its shipped value: write it only when it is
    // there already or when it changes.
    if (name in doc.settings || !same(read, value)) doc.settings[name] = read;
  }
  return { doc, errors };
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
    const name = fieldset.dataset.rule;
    const box = editors.enabled.get(name);
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

// ---- the dry-run result ----

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

function changeCard(change, label) {
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

// The edits a dry run was made with, as "rule.param: now → edited".
function editList(editors) {
  const items = [];
  for (const { rule, decl, editor } of editors.params) {
    let value;
    try { value = editor.read(); } catch { continue; }
    if (!same(value, decl.value)) items.push(h('li', {}, h('code', {}, `${rule}.${decl.name}`), `: ${describeValue(decl.value)} → `, h('strong', {}, describeValue(value))));
  }
  for (const { name, editor, value, describe = describeValue } of editors.settings) {
    let read;
    try { read = editor.read(); } catch { continue; }
    if (!same(read, value)) items.push(h('li', {}, h('code', {}, `settings.${name}`), `: ${describe(value)} → `, h('strong', {}, describe(read))));
  }
  for (const [rule, box] of editors.enabled)
    if (box.checked !== (box.dataset.loaded === 'true')) items.push(h('li', {}, h('code', {}, rule), box.checked ? ': weer actief' : ': uitgeschakeld'));
  return items.length ? h('ul', { class: 'rule-diff', id: 'dry-run-edits' }, items) : null;
}

function dryRunResult(result, label, edits) {
  const skipped = result.skipped.length;
  return h('div', { class: 'dry-run-result' },
    edits ? [h('p', { class: 'help' }, 'Proef met:'), edits] : null,
    h('p', { class: 'summary-line', id: 'dry-run-summary' },
      result.changed_count === 0 ? `Geen van de ${result.replayed} opnieuw berekende adviezen verandert.`
        : `${result.changed_count} van de ${result.replayed} opnieuw berekende adviezen ${result.changed_count === 1 ? 'verandert' : 'veranderen'}.`),
    h('p', { class: 'help' },
      `${result.considered} auditrecords bekeken (laatste ${result.limit}); ${result.duplicates} dubbel; ${skipped} niet opnieuw te berekenen. `,
      `Nu: ${result.ruleset_before.version} (${shortHash(result.ruleset_before.hash)}) → proef: ${result.ruleset_after.version} (${shortHash(result.ruleset_after.hash)}).`),
    result.changed.map((c) => changeCard(c, label)),
    skipped ? h('details', {}, h('summary', {}, `${skipped} niet opnieuw berekend`),
      h('ul', {}, result.skipped.map((s) => h('li', {}, `audit ${s.audit_id} (${s.case}): ${s.reason}`)))) : null);
}

// ---- the page ----

export async function render(main) {
  const [rules, vocabulary] = await Promise.all([get('/api/v1/rulesets/current/rules'), cached('/api/v1/vocabulary')]);
  const label = labeller(vocabulary);
  const editors = { params: [], enabled: new Map(), settings: [] };
  const phases = [...new Set(rules.rules.map((r) => r.phase))];
  const form = h('form', { class: 'tuning-form', novalidate: true, 'aria-label': 'Parameters van de regelset' },
    phases.map((phase) => {
      const list = rules.rules.filter((r) => r.phase === phase);
      const count = list.reduce((n, r) => n + r.params.length, 0);
      return h('details', { class: 'phase', 'data-phase': phase, open: phase === 'score' },
        h('summary', {}, h('h2', {}, phaseTitles[phase] || phase),
          h('span', { class: 'muted' }, `${list.length} ${list.length === 1 ? 'regel' : 'regels'}, ${count} ${count === 1 ? 'parameter' : 'parameters'}`),
          h('span', { class: 'phase-changed' })),
        list.map((r) => {
          const fs = ruleFieldset(r, vocabulary, editors);
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
  const comment = h('textarea', { id: 'activate-comment', rows: 3, required: true, 'aria-describedby': 'activate-help' });
  const activateButton = h('button', { type: 'button', class: 'button-primary', id: 'activate', disabled: true }, 'Activeren als nieuwe versie');
  const activateStatus = h('p', { role: 'status', id: 'activate-status' });
  let lastDryRun = null;  // the canonical params document the last dry run used

  const refresh = () => {
    const n = markChanges(form, editors);
    changeCount.textContent = n === 0 ? 'Nog geen wijzigingen.' : n === 1 ? '1 wijziging ten opzichte van de actieve versie.' : `${n} wijzigingen ten opzichte van de actieve versie.`;
    const { doc, errors } = readParams(editors, rules.params);
    const ready = !errors.length && lastDryRun !== null && lastDryRun === canonical(doc);
    activateButton.disabled = !ready;
    if (lastDryRun !== null && !ready && !errors.length) activateStatus.textContent = 'De parameters zijn gewijzigd na de proefdraai: draai opnieuw proef voordat u activeert.';
  };
  for (const type of ['input', 'change', 'click']) form.addEventListener(type, () => queueMicrotask(refresh));

  dryRunButton.addEventListener('click', async () => {
    const { doc, errors } = readParams(editors, rules.params);
    showParamErrors(form, errors);
    if (errors.length) {
      dryRunArea.replaceChildren(h('p', { class: 'error' }, 'Verbeter eerst de gemarkeerde parameters.'));
      announce('Verbeter eerst de gemarkeerde parameters.');
      return;
    }
    dryRunButton.disabled = true;
    dryRunArea.replaceChildren(h('p', {}, 'Eerdere adviezen worden opnieuw berekend…'));
    announce('Eerdere adviezen worden opnieuw berekend…');
    try {
      const { data } = await api('POST', '/api/v1/rulesets/current/dry-run', { body: { params: doc, limit: Number(limit.value) || 200 } });
      lastDryRun = canonical(doc);
      activateStatus.textContent = '';
      dryRunArea.replaceChildren(dryRunResult(data, label, editList(editors)));
      announce(`Proefdraai klaar: ${dryRunArea.querySelector('#dry-run-summary').textContent}`);
    } catch (e) {
      dryRunArea.replaceChildren(h('p', { class: 'error' }, e.dutch));
      announce(e.dutch);
    } finally {
      dryRunButton.disabled = false;
      refresh();
    }
  });

  activateButton.addEventListener('click', async () => {
    const { doc } = readParams(editors, rules.params);
    if (!comment.value.trim()) {
      comment.setAttribute('aria-invalid', 'true');
      activateStatus.textContent = 'Schrijf waarom de parameters veranderen: de toelichting is verplicht.';
      activateStatus.className = 'error';
      return comment.focus();
    }
    comment.removeAttribute('aria-invalid');
    activateButton.disabled = true;
    try {
      const { data } = await api('PUT', '/api/v1/rulesets/current/parameters', { body: { params: doc, comment: comment.value.trim() } });
      clearCache();
      clear(main);
      await render(main);
      main.querySelector('#activated')?.remove();
      const activated = `Versie ${data.ruleset.version} is actief (hash ${shortHash(data.ruleset.hash)}). Nieuwe adviezen noemen deze versie.`;
      main.querySelector('.page-head').append(h('p', { class: 'success', id: 'activated' }, activated));
      announce(activated);
    } catch (e) {
      activateStatus.className = 'error';
      activateStatus.textContent = e.dutch;
      activateButton.disabled = false;
    }
  });

  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Regels afstemmen'),
      h('p', { class: 'lead' }, 'Wijzig gewichten, drempels, de volgorde van de treden en de uitzonderingen zonder Lua te bewerken. Draai eerst proef op eerdere adviezen; activeer daarna als nieuwe versie.'),
      h('p', {}, 'Actieve versie: ', h('strong', { id: 'current-version' }, `${rules.ruleset.name} ${rules.ruleset.version}`), ` · hash `, h('span', { class: 'hash', title: rules.ruleset.hash }, shortHash(rules.ruleset.hash))),
      h('p', { class: 'muted' }, rules.description)),
    h('div', { class: 'tuning' },
      form,
      h('aside', { class: 'tuning-side' },
        h('section', { class: 'panel', 'aria-labelledby': 'dry-run-title' },
          h('h2', { id: 'dry-run-title' }, '1. Proefdraaien'),
          changeCount,
          h('div', { class: 'field' }, h('label', { for: 'dry-run-limit' }, 'Aantal recente adviezen'), limit,
            h('p', { class: 'help' }, 'De laatste adviezen uit de audit worden opnieuw berekend met de huidige en met de gewijzigde parameters, op dezelfde peildatum en met het huidige aanbod. Er wordt niets opgeslagen.')),
          dryRunButton,
          dryRunArea),
        h('section', { class: 'panel', 'aria-labelledby': 'activate-title' },
          h('h2', { id: 'activate-title' }, '2. Activeren'),
          h('div', { class: 'field' }, h('label', { for: 'activate-comment' }, 'Toelichting (verplicht)'), comment,
            h('p', { class: 'help', id: 'activate-help' }, 'Waarom verandert dit? De toelichting staat in de regelsetgeschiedenis en de audit.')),
          activateButton,
          activateStatus))));
  refresh();
}
