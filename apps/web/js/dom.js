// Small DOM helpers, Dutch formatting and the labels the API does not carry itself.

export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' && 'value' in el) el.value = value;
    else if (key === 'checked' || key === 'selected') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let idCounter = 0;
export const uid = (prefix) => `${prefix}-${++idCounter}`;

// ---- formatting ----

const number1 = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const number2 = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
export const fmt = (n) => (n === null || n === undefined ? '—' : number1.format(n));
export const fmt2 = (n) => (n === null || n === undefined ? '—' : number2.format(n));
export const signed = (n) => (n > 0 ? '+' : n < 0 ? '−' : '') + number2.format(Math.abs(n));

const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
export function dateLong(iso) { return iso ? longDate.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—'; }
export function dateShort(iso) { return iso ? shortDate.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—'; }
export function when(iso) { return iso ? dateTime.format(new Date(iso)) : '—'; }
export function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
export const shortHash = (hash) => (hash ? hash.replace(/^sha256:/, '').slice(0, 12) : '—');

export function weeks(n) { return n === 1 ? '1 week' : `${n} weken`; }
export function places(n) { return n === 1 ? '1 plek' : `${n} plekken`; }

// ---- labels ----

export const roleLabels = {
  member: 'RET-lid',
  contract_manager: 'contractmanager',
  coordinator: 'netwerkcoördinator',
  admin: 'beheerder',
  provider: 'aanbieder',
};

// The tiers ("treden"), as the vocabulary names them (GET /api/v1/vocabulary).
export const tierLabels = { region: 'eigen regio', adjacent: 'buurregio', network: 'bovenregionaal', national: 'landelijk' };
export const tierOrder = ['region', 'adjacent', 'network', 'national'];

export const identityLabels = {
  general: 'algemeen',
  protestant: 'protestants-christelijk',
  reformed: 'reformatorisch',
  catholic: 'katholiek',
  islamic: 'islamitisch',
  jewish: 'joods',
  humanist: 'humanistisch',
  anthroposophic: 'antroposofisch',
};

export const maatwerkLabels = {
  non_contracted: 'niet-gecontracteerd aanbod (buiten het inkoopnetwerk of zonder geldig contract)',
  outside_region: 'buiten het toegestane gebied',
};

export const exclusionLabels = {
  age: 'Leeftijd past niet',
  care_form_not_asked: 'Zorgvorm niet gevraagd',
  not_in_network: 'Niet in het inkoopnetwerk',
  no_contract: 'Geen contract',
  contract_ended: 'Contract beëindigd',
  contract_suspended: 'Contract opgeschort',
  contract_expired: 'Contract verlopen',
  contract_not_started: 'Contract nog niet ingegaan',
  wrong_lot: 'Contract voor een ander perceel',
  contraindication: 'Contra-indicatie',
  outside_region: 'Buiten het toegestane gebied',
  rejected: 'Eerder afgewezen',
  expertise_missing: 'Expertise ontbreekt',
  breakdown: 'Eerdere plaatsing afgebroken',
  no_secure_authorisation: 'Geen machtiging gesloten jeugdhulp',
};

// A gap (leemte) by scope and kind. Regular care is judged in the own region; exempt care
// (JeugdzorgPlus, eating disorders, landelijk ingekochte zorg) may be found anywhere, so a gap in it
// is national: nowhere in the country is it available in time.
export const gapLabels = {
  region: {
    title: 'Regionale leemte',
    absent: 'Regionale leemte: er is geen passend gecontracteerd aanbod in de eigen regio.',
    no_capacity: 'Regionale leemte: passend aanbod in de regio, maar niet op tijd beschikbaar.',
  },
  national: {
    title: 'Landelijke leemte',
    absent: 'Landelijke leemte: nergens in het land tijdig passend aanbod; er is nergens passend gecontracteerd aanbod.',
    no_capacity: 'Landelijke leemte: nergens in het land tijdig passend aanbod; het aanbod dat past, is overal te laat beschikbaar.',
  },
};
export function gapText(gap) {
  const scope = gapLabels[gap.scope] || gapLabels.region;
  return scope[gap.kind] || `${scope.title}: ${gap.kind}`;
}

// The vocabulary as lookups: label(kind, id) with the id as fallback.
export function labeller(vocabulary) {
  const maps = {};
  for (const kind of ['care_forms', 'expertise', 'flags', 'urgency', 'tiers', 'product_categories']) {
    maps[kind] = new Map((vocabulary[kind] || []).map((t) => [t.id, t.nl]));
  }
  return (kind, id) => (kind === 'identities' ? identityLabels[id] : maps[kind]?.get(id)) || id;
}

// ---- the page title while errors stand ----

// GOV.UK and NL Design System: the title starts with "Fout: " while a form shows errors, so a
// screen reader hears it first when the page is (re)announced.
export function markTitle(hasErrors) {
  const base = document.title.replace(/^Fout: /, '');
  document.title = hasErrors ? `Fout: ${base}` : base;
}

// ---- dates as day / month / year ----

// A date as three number fields (dag, maand, jaar) in a fieldset, as the GOV.UK and NL Design
// System date input does: the same in every browser language, never the browser's mm/dd/yyyy.
// Returns an object with the fieldset as `element`, `value` (ISO yyyy-mm-dd, '' when empty,
// 'ongeldig' when filled in but not a date) and `id` (the fieldset's id, for error links).
export function dateInput(id, legend, { help, value = '' } = {}) {
  const helpId = help ? `${id}-help` : null;
  const errorId = `${id}-error`;
  const part = (key, label, width, max) => {
    const input = h('input', {
      id: `${id}-${key}`, name: `${id}-${key}`, type: 'text', inputmode: 'numeric', pattern: '[0-9]*',
      maxlength: width, class: `date-${key}`, autocomplete: 'off', 'data-max': max,
    });
    return { input, element: h('div', { class: 'date-part' }, h('label', { for: input.id }, label), input) };
  };
  const day = part('day', 'Dag', 2, 31);
  const month = part('month', 'Maand', 2, 12);
  const year = part('year', 'Jaar', 4, 9999);
  const element = h('fieldset', { class: 'date-input', id, 'aria-describedby': [helpId, errorId].filter(Boolean).join(' ') },
    h('legend', {}, legend),
    help ? h('p', { class: 'help', id: helpId }, help) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }),
    h('div', { class: 'date-parts' }, day.element, month.element, year.element));
  const widget = {
    element, id,
    inputs: [day.input, month.input, year.input],
    get value() {
      const [d, m, y] = widget.inputs.map((i) => i.value.trim());
      if (!d && !m && !y) return '';
      if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return 'ongeldig';
      const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
      const date = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? 'ongeldig' : iso;
    },
    set value(iso) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
      day.input.value = m ? String(Number(m[3])) : '';
      month.input.value = m ? String(Number(m[2])) : '';
      year.input.value = m ? m[1] : '';
    },
    addEventListener: (type, fn) => element.addEventListener(type, fn),
  };
  widget.value = value;
  return widget;
}

// A short status message for screen readers, in the live region that index.html holds from the
// start (a region inserted together with its content is often not read out). Emptied first, so
// that the same sentence twice is read twice.
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}
