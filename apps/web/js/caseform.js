// The case form: every field of CASE.json (docs/formats.md), driven by the bundled vocabularies.
// buildCaseForm() returns the form element and read()/fill()/showErrors() to go with it.
import { dateInput, h, identityLabels, maatwerkLabels, markTitle, todayIso, uid } from './dom.js';
import { dutchMessage } from './messages.js';

const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_AGE = 23;         // youth care can run to 23; the server refuses older
const MAX_FREE_TEXT = 500;  // characters (code points) of maatwerk "goedgekeurd door" and "reden"

// What the court or a youth-protection measure says (CASE.json `legal.measure`); '' = not given.
const MEASURES = [
  ['', 'niet opgegeven'], ['none', 'geen'], ['ots', 'ondertoezichtstelling (OTS)'], ['voogdij', 'voogdij'],
  ['jeugdreclassering', 'jeugdreclassering'],
];

// Characters as the server counts them: code points, so an emoji counts once.
const characters = (text) => [...text].length;

// ---- small widgets ----

function field(label, input, help, describedBy = []) {
  const helpId = help ? uid('help') : null;
  const ids = [`${input.id}-error`, helpId, ...describedBy].filter(Boolean);
  if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
  return h('div', { class: 'field' },
    h('label', { for: input.id }, label),
    help ? h('p', { class: 'help', id: helpId }, help) : null,
    h('p', { class: 'field-error', id: `${input.id}-error`, hidden: true }),
    input);
}

function checkboxItems(id, terms, ordered) {
  return terms.map((t, i) => {
    const boxId = `${id}-${t.id}`;
    return h('li', { 'data-text': t.nl.toLowerCase() },
      h('input', { type: 'checkbox', id: boxId, name: id, value: t.id }),
      h('label', { for: boxId }, ordered ? h('span', { class: 'order', 'aria-hidden': 'true' }, `${i + 1}`) : null, t.nl));
  });
}

function checkboxGroup(id, legend, terms, { help, ordered = false, columns = 1 } = {}) {
  const helpId = help ? `${id}-help` : null;
  return h('fieldset', { class: 'group', id, 'data-columns': columns, 'aria-describedby': [`${id}-error`, helpId].filter(Boolean).join(' ') },
    h('legend', {}, legend),
    help ? h('p', { class: 'help', id: helpId }, help) : null,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    h(ordered ? 'ol' : 'ul', { class: `choices columns-${columns}` }, checkboxItems(id, terms, ordered)));
}

// A long list of check boxes (expertise, flags) folded into one line that says what is chosen;
// opened, it has a search field that narrows the list. Closed, it is one tab stop instead of
// one per term. update() redraws the line after the boxes were set from outside.
function choiceList(id, legend, terms, { noun, help } = {}) {
  const helpId = help ? `${id}-help` : null;
  const chosen = h('span', { class: 'chosen', id: `${id}-chosen` });
  const list = h('ul', { class: 'choices columns-2', id: `${id}-list` }, checkboxItems(id, terms, false));
  const search = h('input', { type: 'search', id: `${id}-search`, autocomplete: 'off', 'aria-controls': list.id, 'aria-describedby': `${id}-shown` });
  const shown = h('p', { class: 'help', id: `${id}-shown`, role: 'status' });
  const details = h('details', { class: 'choice-list' },
    h('summary', {}, chosen),
    h('div', { class: 'field choice-search' }, h('label', { for: search.id }, `Zoek ${noun}`), search),
    shown, list);
  const update = () => {
    const names = [...list.querySelectorAll('input:checked')].map((box) => box.labels[0].textContent);
    chosen.textContent = names.length ? `${names.length} gekozen: ${names.join(', ')}` : `Geen ${noun} gekozen`;
  };
  const narrow = () => {
    const q = search.value.trim().toLowerCase();
    let n = 0;
    for (const li of list.children) {
      li.hidden = Boolean(q) && !li.dataset.text.includes(q) && !li.querySelector('input').checked;
      if (!li.hidden) n += 1;
    }
    shown.textContent = q ? `${n} van ${terms.length} getoond` : '';
  };
  search.addEventListener('input', narrow);
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault(); });
  list.addEventListener('change', update);
  update();
  const element = h('fieldset', { class: 'group', id, 'aria-describedby': [`${id}-error`, helpId].filter(Boolean).join(' ') },
    h('legend', {}, legend),
    help ? h('p', { class: 'help', id: helpId }, help) : null,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    details);
  return { element, update };
}

function checked(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}

function setChecked(form, name, values) {
  const set = new Set(values || []);
  for (const box of form.querySelectorAll(`input[name="${name}"]`)) box.checked = set.has(box.value);
}

// A list of codes entered one by one (with suggestions), shown as removable chips.
function chipList(id, legend, { options, parse, display, help, placeholder }) {
  const values = [];
  const listId = uid('list');
  const input = h('input', { id, type: 'text', list: listId, autocomplete: 'off', placeholder, 'aria-labelledby': `${id}-legend`, 'aria-describedby': `${id}-error` });
  const chips = h('ul', { class: 'chips', 'aria-live': 'polite' });
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  // changed: a user added or removed one, which changes the case (the advice is then outdated).
  const redraw = (changed = false) => {
    if (changed) input.dispatchEvent(new Event('change', { bubbles: true }));
    chips.replaceChildren(...values.map((v, i) => h('li', { class: 'chip' },
      h('span', {}, display(v)),
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Verwijder ${display(v)}`, onclick: () => { values.splice(i, 1); redraw(true); input.focus(); } }, '×'))));
  };
  const add = () => {
    const text = input.value.trim();
    if (!text) return;
    const value = parse(text);
    if (!value) {
      error.hidden = false;
      error.textContent = `Onbekend: “${text}”. Kies uit de suggesties.`;
      return;
    }
    error.hidden = true;
    if (!values.includes(value)) values.push(value);
    input.value = '';
    redraw(true);
  };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } });
  input.addEventListener('change', () => { if (parse(input.value.trim())) add(); });
  const element = h('fieldset', { class: 'group chip-group', id: `${id}-group` },
    h('legend', { id: `${id}-legend` }, legend),
    help ? h('p', { class: 'help' }, help) : null,
    h('div', { class: 'chip-input' }, input, h('button', { type: 'button', class: 'button-quiet', onclick: add }, 'Toevoegen')),
    h('datalist', { id: listId }, options.map((o) => h('option', { value: o.value }, o.label))),
    chips, error);
  return {
    element,
    get: () => [...values],
    set: (list) => { values.splice(0, values.length, ...(list || [])); redraw(); },
    pending: () => input.value.trim(),
  };
}

// ---- the form ----

// ctx: {vocabulary, municipalities: [{code, name, region, region_name}], providers: [{id, name}]}
export function buildCaseForm(ctx) {
  const municipalityByCode = new Map(ctx.municipalities.map((m) => [m.code, m]));
  const municipalityByName = new Map(ctx.municipalities.map((m) => [m.name.toLowerCase(), m]));
  const municipalityText = (m) => `${m.name} (${m.code})`;
  const parseMunicipality = (text) => {
    const code = text.match(/\b(GM\d{4})\b/i)?.[1]?.toUpperCase();
    if (code && municipalityByCode.has(code)) return code;
    return municipalityByName.get(text.toLowerCase())?.code || null;
  };
  const providerById = new Map(ctx.providers.map((p) => [p.id, p]));
  const parseProvider = (text) => {
    const id = text.split(' · ')[0].trim();
    return providerById.has(id) || ID_PATTERN.test(id) ? id : null;
  };
  const providerText = (id) => (providerById.has(id) ? `${id} · ${providerById.get(id).name}` : id);
  const municipalityOptions = ctx.municipalities.map((m) => ({ value: municipalityText(m), label: m.region_name }));
  const providerOptions = ctx.providers.map((p) => ({ value: `${p.id} · ${p.name}`, label: p.in_network ? '' : 'buiten het inkoopnetwerk' }));

  const v = ctx.vocabulary;
  const municipalityListId = uid('list');
  const inputs = {
    id: h('input', { id: 'case-id', type: 'text', required: true, autocomplete: 'off', pattern: ID_PATTERN.source, maxlength: 64 }),
    age: h('input', { id: 'case-age', type: 'number', min: 0, max: MAX_AGE, step: 1, required: true, inputmode: 'numeric' }),
    municipality: h('input', { id: 'case-municipality', type: 'text', list: municipalityListId, required: true, autocomplete: 'off' }),
    maxWait: h('input', { id: 'case-max-wait', type: 'number', min: 0, max: 520, step: 1, inputmode: 'numeric' }),
    identity: h('select', { id: 'case-identity' },
      h('option', { value: '' }, 'geen voorkeur'),
      v.identities.map((i) => h('option', { value: i }, identityLabels[i] || i))),
    registered: dateInput('case-registered', 'Aangemeld op', { help: 'Niet verplicht; telt mee bij de verdeling van bovenregionale plekken. Bijvoorbeeld 3 11 2026.' }),
    date: dateInput('case-date', 'Peildatum', { help: 'Datum waarop contracten en capaciteit gelden; standaard vandaag.', value: todayIso() }),
    maatwerkOn: h('input', { id: 'maatwerk-on', type: 'checkbox' }),
    approvedBy: h('input', { id: 'maatwerk-approved-by', type: 'text', autocomplete: 'off' }),
    approvedOn: dateInput('maatwerk-date', 'Datum van goedkeuring', { help: 'Niet na de peildatum. Bijvoorbeeld 20 11 2026.' }),
    reason: h('textarea', { id: 'maatwerk-reason', rows: 2 }),
    secureAuthorisation: h('input', { id: 'case-secure-authorisation', type: 'checkbox' }),
    measure: h('select', { id: 'case-measure' }, MEASURES.map(([value, text]) => h('option', { value }, text))),
  };
  const regionNote = h('p', { class: 'help region-note', id: 'case-region', 'aria-live': 'polite' });
  const showRegion = () => {
    const m = municipalityByCode.get(parseMunicipality(inputs.municipality.value.trim()) || '');
    regionNote.textContent = m ? `Jeugdregio: ${m.region_name} (${m.region})` : 'Kies de verantwoordelijke gemeente (woonplaatsbeginsel).';
  };
  inputs.municipality.addEventListener('input', showRegion);
  showRegion();

  const near = chipList('case-near', 'Gemeenten dichtbij (voorkeur van ouders en jeugdige)', {
    options: municipalityOptions, parse: parseMunicipality,
    display: (code) => (municipalityByCode.has(code) ? municipalityText(municipalityByCode.get(code)) : code),
    placeholder: 'gemeente zoeken',
  });
  const rejected = chipList('case-rejected', 'Eerder afgewezen door', {
    options: providerOptions, parse: parseProvider, display: providerText, placeholder: 'aanbieder zoeken',
    help: 'Aanbieders die deze jeugdige eerder hebben afgewezen: zij worden niet opnieuw voorgesteld.',
  });
  const previous = chipList('case-previous', 'Eerdere aanbieders (continuïteit)', {
    options: providerOptions, parse: parseProvider, display: providerText, placeholder: 'aanbieder zoeken',
    help: 'Aanbieders die de jeugdige kent zonder afgebroken plaatsing.',
  });
  const breakdowns = chipList('case-breakdowns', 'Afgebroken plaatsingen', {
    options: providerOptions, parse: parseProvider, display: providerText, placeholder: 'aanbieder zoeken',
    help: 'Aanbieders bij wie een plaatsing van deze jeugdige is afgebroken. Noem een aanbieder hier of bij eerdere aanbieders, niet bij beide.',
  });

  const urgency = h('fieldset', { class: 'group', id: 'case-urgency' },
    h('legend', {}, 'Urgentie'),
    h('ul', { class: 'choices choices-inline' }, v.urgency.map((u) => h('li', {},
      h('input', { type: 'radio', name: 'urgency', id: `urgency-${u.id}`, value: u.id, checked: u.id === 'normal' }),
      h('label', { for: `urgency-${u.id}` }, u.nl)))));

  // Free text ends up in the audit trail, kept for 15 years: the warning stands next to the
  // fields that take it, and each of them names it for screen readers.
  const privacyWarning = h('p', { class: 'privacy-warning', id: 'maatwerk-privacy', role: 'note' },
    h('strong', {}, 'Geen namen, adressen, geboortedata of BSN invullen: '),
    'noem een team of functie en beschrijf de zorgvraag, niet de persoon. passend weigert tekst met een BSN, postcode, '
      + 'straat en huisnummer, telefoonnummer, e-mailadres of volledige datum. Namen herkent passend niet: let daar zelf op.');
  const reasonCount = h('p', { class: 'help char-count', id: 'maatwerk-reason-count', 'aria-live': 'polite' });
  const countReason = () => {
    const n = characters(inputs.reason.value.trim());
    reasonCount.textContent = `${n} van ${MAX_FREE_TEXT} tekens`;
    reasonCount.classList.toggle('error', n > MAX_FREE_TEXT);
  };
  inputs.reason.addEventListener('input', countReason);
  countReason();
  const maatwerkFields = h('div', { class: 'maatwerk-fields', id: 'maatwerk-fields', hidden: true },
    privacyWarning,
    field('Goedgekeurd door', inputs.approvedBy, 'Een team of functie, bijvoorbeeld: RET Food Valley, voorzitter.', ['maatwerk-privacy']),
    inputs.approvedOn.element,
    field('Reden', inputs.reason, 'Waarom maatwerk nodig is.', ['maatwerk-privacy', 'maatwerk-reason-count']),
    reasonCount,
    checkboxGroup('maatwerk-allow', 'Welke uitsluitingen mag het maatwerk opheffen?',
      Object.entries(maatwerkLabels).map(([id, nl]) => ({ id, nl }))));
  inputs.maatwerkOn.addEventListener('change', () => { maatwerkFields.hidden = !inputs.maatwerkOn.checked; });

  const expertise = choiceList('case-expertise', 'Vereiste expertise', v.expertise, { noun: 'expertise' });
  const flags = choiceList('case-flags', 'Kenmerken (contra-indicaties bij aanbieders)', v.flags, { noun: 'kenmerken' });
  const errorSummary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const form = h('form', { class: 'case-form', novalidate: true, 'aria-labelledby': 'case-form-title' },
    h('h2', { id: 'case-form-title' }, 'Casus'),
    h('p', { class: 'help' }, 'Pseudoniem: geen naam, BSN, geboortedatum of adres. De server weigert zulke velden.'),
    errorSummary,
    h('div', { class: 'row' },
      field('Casusnummer', inputs.id, 'Pseudoniem, bijvoorbeeld 2026-FV-042.'),
      field('Leeftijd', inputs.age)),
    field('Verantwoordelijke gemeente', inputs.municipality),
    h('datalist', { id: municipalityListId }, municipalityOptions.map((o) => h('option', { value: o.value }, o.label))),
    regionNote,
    checkboxGroup('case-care-forms', 'Gevraagde zorgvormen', v.care_forms,
      { ordered: true, help: 'Gerangschikt van meest naar minst thuis (zo thuis mogelijk). Kies alle zorgvormen die passen.' }),
    expertise.element,
    flags.element,
    urgency,
    h('div', { class: 'row' },
      field('Maximale wachttijd (weken)', inputs.maxWait, 'Hoe lang plan A mag duren voordat overbrugging nodig is.')),
    inputs.registered.element,
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Voorkeuren'),
      field('Identiteit (levensbeschouwing)', inputs.identity),
      near.element),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Voorgeschiedenis'),
      rejected.element,
      previous.element,
      breakdowns.element),
    h('fieldset', { class: 'group', id: 'case-legal' },
      h('legend', {}, 'Juridisch kader'),
      h('div', { class: 'check' }, inputs.secureAuthorisation,
        h('label', { for: 'case-secure-authorisation' }, 'De kinderrechter heeft een machtiging gesloten jeugdhulp afgegeven')),
      field('Maatregel', inputs.measure)),
    h('fieldset', { class: 'group' },
      h('legend', {}, 'Maatwerk'),
      h('div', { class: 'check' }, inputs.maatwerkOn, h('label', { for: 'maatwerk-on' }, 'Het RET heeft maatwerk goedgekeurd')),
      maatwerkFields),
    inputs.date.element);

  function read() {
    const doc = {
      id: inputs.id.value.trim(),
      age: inputs.age.value === '' ? null : Number(inputs.age.value),
      municipality: parseMunicipality(inputs.municipality.value.trim()) || inputs.municipality.value.trim(),
      need: { care_forms: checked(form, 'case-care-forms'), expertise: checked(form, 'case-expertise'), urgency: form.querySelector('input[name="urgency"]:checked')?.value || 'normal' },
    };
    if (inputs.maxWait.value !== '') doc.need.max_wait_weeks = Number(inputs.maxWait.value);
    const flags = checked(form, 'case-flags');
    if (flags.length) doc.flags = flags;
    const preferences = {};
    if (inputs.identity.value) preferences.identity = inputs.identity.value;
    if (near.get().length) preferences.near_municipalities = near.get();
    if (Object.keys(preferences).length) doc.preferences = preferences;
    const history = {};
    if (rejected.get().length) history.rejected_by = rejected.get();
    if (previous.get().length) history.previous_providers = previous.get();
    if (breakdowns.get().length) history.breakdowns = breakdowns.get();
    if (Object.keys(history).length) doc.history = history;
    const legal = {};
    if (inputs.secureAuthorisation.checked) legal.secure_authorisation = true;
    if (inputs.measure.value) legal.measure = inputs.measure.value;
    if (Object.keys(legal).length) doc.legal = legal;
    if (inputs.maatwerkOn.checked) {
      doc.maatwerk = { approved_by: inputs.approvedBy.value.trim(), date: inputs.approvedOn.value, reason: inputs.reason.value.trim(), allow: checked(form, 'maatwerk-allow') };
    }
    if (inputs.registered.value) doc.registered = inputs.registered.value;
    return doc;
  }

  function fill(doc) {
    inputs.id.value = doc.id || '';
    inputs.age.value = doc.age ?? '';
    const m = municipalityByCode.get(doc.municipality);
    inputs.municipality.value = m ? municipalityText(m) : doc.municipality || '';
    showRegion();
    setChecked(form, 'case-care-forms', doc.need?.care_forms);
    setChecked(form, 'case-expertise', doc.need?.expertise);
    setChecked(form, 'case-flags', doc.flags);
    expertise.update();
    flags.update();
    for (const r of form.querySelectorAll('input[name="urgency"]')) r.checked = r.value === (doc.need?.urgency || 'normal');
    inputs.maxWait.value = doc.need?.max_wait_weeks ?? '';
    inputs.identity.value = doc.preferences?.identity || '';
    near.set(doc.preferences?.near_municipalities);
    rejected.set(doc.history?.rejected_by);
    previous.set(doc.history?.previous_providers);
    breakdowns.set(doc.history?.breakdowns);
    inputs.secureAuthorisation.checked = doc.legal?.secure_authorisation === true;
    inputs.measure.value = MEASURES.some(([value]) => value === doc.legal?.measure) ? doc.legal.measure : '';
    inputs.maatwerkOn.checked = Boolean(doc.maatwerk);
    maatwerkFields.hidden = !doc.maatwerk;
    inputs.approvedBy.value = doc.maatwerk?.approved_by || '';
    inputs.approvedOn.value = doc.maatwerk?.date || '';
    inputs.reason.value = doc.maatwerk?.reason || '';
    countReason();
    setChecked(form, 'maatwerk-allow', doc.maatwerk?.allow);
    inputs.registered.value = doc.registered || '';
  }

  // Checks in the browser what can be checked here; the server checks everything again.
  function validate() {
    const doc = read();
    const errors = [];
    if (!ID_PATTERN.test(doc.id)) errors.push(['/id', 'Vul een casusnummer in: letters, cijfers, punt, streepje of liggend streepje (pseudoniem).']);
    if (doc.age === null || !Number.isInteger(doc.age) || doc.age < 0 || doc.age > MAX_AGE) errors.push(['/age', `Vul een leeftijd in (0 tot en met ${MAX_AGE}).`]);
    if (!municipalityByCode.has(doc.municipality)) errors.push(['/municipality', 'Kies een gemeente uit de lijst.']);
    if (!doc.need.care_forms.length) errors.push(['/need/care_forms', 'Kies minstens één zorgvorm.']);
    for (const chips of [near, rejected, previous, breakdowns])
      if (chips.pending()) errors.push([`#${chips.element.id}`, `“${chips.pending()}” is nog niet toegevoegd: druk op Toevoegen of maak het veld leeg.`]);
    const shared = breakdowns.get().filter((p) => previous.get().includes(p));
    if (shared.length) errors.push(['/history/breakdowns', `${shared.join(', ')} staat bij afgebroken plaatsingen én bij eerdere aanbieders: kies één van de twee.`]);
    if (doc.maatwerk) {
      if (!doc.maatwerk.approved_by) errors.push(['/maatwerk/approved_by', 'Maatwerk: vul in wie het goedkeurde.']);
      if (characters(doc.maatwerk.approved_by) > MAX_FREE_TEXT) errors.push(['/maatwerk/approved_by', `Maatwerk: “goedgekeurd door” mag hoogstens ${MAX_FREE_TEXT} tekens zijn.`]);
      if (!doc.maatwerk.date) errors.push(['/maatwerk/date', 'Maatwerk: vul de datum van goedkeuring in.']);
      else if (doc.maatwerk.date === 'ongeldig') errors.push(['/maatwerk/date', 'Maatwerk: vul de datum van goedkeuring in als een bestaande dag, maand en jaar.']);
      else if (/^\d{4}-/.test(inputs.date.value) && doc.maatwerk.date > inputs.date.value) errors.push(['/maatwerk/date', 'Maatwerk: de datum van goedkeuring ligt na de peildatum.']);
      if (!doc.maatwerk.reason) errors.push(['/maatwerk/reason', 'Maatwerk: vul de reden in.']);
      if (characters(doc.maatwerk.reason) > MAX_FREE_TEXT) errors.push(['/maatwerk/reason', `Maatwerk: de reden mag hoogstens ${MAX_FREE_TEXT} tekens zijn.`]);
      if (!doc.maatwerk.allow.length) errors.push(['/maatwerk/allow', 'Maatwerk: kies welke uitsluitingen het mag opheffen.']);
    }
    if (!inputs.date.value) errors.push(['#case-date', 'Vul een peildatum in.']);
    else if (inputs.date.value === 'ongeldig') errors.push(['#case-date', 'Vul de peildatum in als een bestaande dag, maand en jaar, bijvoorbeeld 26 11 2026.']);
    if (inputs.registered.value === 'ongeldig') errors.push(['/registered', 'Vul de aanmelddatum in als een bestaande dag, maand en jaar, of laat de drie vakjes leeg.']);
    return errors;
  }

  const targets = {
    '/id': 'case-id', '/age': 'case-age', '/municipality': 'case-municipality',
    '/need/care_forms': 'case-care-forms', '/need/expertise': 'case-expertise', '/need/urgency': 'case-urgency',
    '/need/max_wait_weeks': 'case-max-wait', '/flags': 'case-flags', '/preferences/identity': 'case-identity',
    '/preferences/near_municipalities': 'case-near-group', '/history/rejected_by': 'case-rejected-group',
    '/history/previous_providers': 'case-previous-group', '/history/breakdowns': 'case-breakdowns-group',
    '/legal/secure_authorisation': 'case-secure-authorisation', '/legal/measure': 'case-measure', '/legal': 'case-legal',
    '/maatwerk/approved_by': 'maatwerk-approved-by',
    '/maatwerk/date': 'maatwerk-date', '/maatwerk/reason': 'maatwerk-reason', '/maatwerk/allow': 'maatwerk-allow',
    '/registered': 'case-registered',
  };
  const targetFor = (pointer) => {
    if (pointer.startsWith('#')) return pointer.slice(1);
    const key = Object.keys(targets).filter((k) => pointer === k || pointer.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
    return key ? targets[key] : null;
  };

  // errors: [[pointer, message]]; shown in a summary with links, and at each field.
  function showErrors(errors) {
    for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
    for (const el of form.querySelectorAll('.field-error')) { el.hidden = true; el.textContent = ''; }
    errorSummary.hidden = !errors.length;
    errorSummary.replaceChildren();
    markTitle(errors.length > 0);
    if (!errors.length) return;
    errorSummary.append(h('h3', {}, errors.length === 1 ? 'Er is 1 probleem' : `Er zijn ${errors.length} problemen`),
      h('ul', {}, errors.map(([pointer, message]) => {
        const id = targetFor(pointer);
        const target = id && document.getElementById(id);
        if (target) {
          for (const el of target.matches('.date-input') ? target.querySelectorAll('input') : [target]) el.setAttribute('aria-invalid', 'true');
          const slot = document.getElementById(`${id}-error`) || document.getElementById(`${id.replace(/-group$/, '')}-error`);
          if (slot) { slot.hidden = false; slot.textContent = message; }
        }
        return h('li', {}, target ? h('a', { href: `#${id}`, onclick: (e) => { e.preventDefault(); focusTarget(target); } }, message) : message);
      })));
    errorSummary.focus();
  }

  // The field's label (or its group's legend) for a JSON pointer of the server.
  function labelFor(pointer) {
    const id = targetFor(pointer || '');
    const el = id && document.getElementById(id);
    if (!el) return null;
    if (el.matches('fieldset')) return el.querySelector('legend')?.textContent || null;
    return el.labels?.[0]?.textContent || document.getElementById(el.getAttribute('aria-labelledby'))?.textContent || null;
  }

  // The server's refusals: [{pointer, message}] as Dutch sentences by the field's label.
  function showServerErrors(issues) {
    showErrors(issues.map((i) => {
      const label = labelFor(i.pointer);
      const text = dutchMessage(i.message, 'invalid_input');
      return [i.pointer || '', label ? `${label}: ${text}` : `De casus: ${text}`];
    }));
  }

  return { form, read, fill, validate, showErrors, showServerErrors, referenceDate: () => inputs.date.value };
}

function focusTarget(target) {
  const details = target.querySelector('details');
  if (details) details.open = true;
  const focusable = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea, button');
  target.scrollIntoView({ block: 'center' });
  (focusable || target).focus();
}
