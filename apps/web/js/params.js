// Editors for the declared rule parameters (GET /api/v1/rulesets/current/rules): one per
// declared type (number, integer, boolean, string, list, map), each with read() -> value and
// a change callback. Values are plain JSON, as params.json holds them.
import { h, identityLabels, uid } from './dom.js';

export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}
export const same = (a, b) => canonical(a) === canonical(b);

// The terms of a vocabulary named by a declaration ("tier", "care_form", ...), as {id, nl}.
export function vocabularyTerms(vocabulary, name) {
  const byName = {
    tier: vocabulary.tiers, care_form: vocabulary.care_forms, expertise: vocabulary.expertise, flag: vocabulary.flags,
    urgency: vocabulary.urgency, product_category: vocabulary.product_categories,
    identity: (vocabulary.identities || []).map((id) => ({ id, nl: identityLabels[id] || id })),
    lot: (vocabulary.lots || []).map((id) => ({ id, nl: id })),
  };
  return byName[name] || null;
}

function allowedTerms(decl, vocabulary, forKeys = false) {
  if (forKeys) {
    // The declaration's own Dutch words for its keys win over the vocabulary's.
    const named = (terms) => terms && terms.map((t) => ({ id: t.id, nl: decl.key_labels?.[t.id] || t.nl }));
    if (decl.keys?.length) return named(decl.keys.map((id) => ({ id, nl: id })));
    return decl.key_vocabulary ? named(vocabularyTerms(vocabulary, decl.key_vocabulary)) : null;
  }
  if (decl.one_of?.length) return decl.one_of.map((id) => ({ id, nl: String(id) }));
  return decl.vocabulary ? vocabularyTerms(vocabulary, decl.vocabulary) : null;
}

const termLabel = (t) => (t.nl && t.nl !== t.id ? `${t.nl} (${t.id})` : t.id);

// ---- scalar inputs ----

function numberInput(id, value, integer, min, max) {
  const input = h('input', { id, type: 'number', step: integer ? 1 : 'any', value: value ?? '', inputmode: integer ? 'numeric' : 'decimal', min, max });
  return {
    element: input,
    read: () => {
      if (input.value.trim() === '' || Number.isNaN(input.valueAsNumber)) throw new Error('vul een getal in');
      if (integer && !Number.isInteger(input.valueAsNumber)) throw new Error('vul een geheel getal in');
      return input.valueAsNumber;
    },
    set: (v) => { input.value = v ?? ''; },
  };
}

function selectInput(id, value, terms) {
  const select = h('select', { id }, terms.map((t) => h('option', { value: t.id, selected: t.id === value }, t.nl || t.id)));
  return { element: select, read: () => select.value, set: (v) => { select.value = v; } };
}

function textInput(id, value) {
  const input = h('input', { id, type: 'text', value: value ?? '' });
  return { element: input, read: () => input.value, set: (v) => { input.value = v ?? ''; } };
}

function booleanInput(id, value) {
  const box = h('input', { id, type: 'checkbox', checked: Boolean(value) });
  return { element: h('span', { class: 'check' }, box, h('label', { for: id }, 'aan')), read: () => box.checked, set: (v) => { box.checked = Boolean(v); }, focusable: box };
}

// ---- lists ----

// A list that holds every term of its vocabulary in some order (e.g. the tier order): reorder.
function orderInput(id, value, terms) {
  let order = [...value];
  const list = h('ol', { class: 'order-list', id });
  const byId = new Map(terms.map((t) => [t.id, t]));
  const draw = () => {
    list.replaceChildren(...order.map((item, i) => h('li', {},
      h('span', {}, termLabel(byId.get(item) || { id: item })), ' ',
      h('button', { type: 'button', class: 'button-quiet up', 'aria-label': `${item} omhoog`, disabled: i === 0, onclick: () => move(i, -1) }, '↑'),
      h('button', { type: 'button', class: 'button-quiet down', 'aria-label': `${item} omlaag`, disabled: i === order.length - 1, onclick: () => move(i, 1) }, '↓'))));
  };
  const move = (i, delta) => {
    const j = i + delta;
    [order[i], order[j]] = [order[j], order[i]];
    draw();
    const moved = list.querySelectorAll('li')[j];
    (moved.querySelector(delta < 0 ? '.up:not([disabled])' : '.down:not([disabled])') || moved.querySelector('button:not([disabled])'))?.focus();
  };
  draw();
  return { element: list, read: () => [...order], set: (v) => { order = [...v]; draw(); } };
}

function checkListInput(id, value, terms) {
  const chosen = new Set(value);
  const boxes = terms.map((t, i) => {
    const boxId = `${id}-${i}`;
    return { id: t.id, box: h('input', { type: 'checkbox', id: boxId, checked: chosen.has(t.id) }), label: h('label', { for: boxId }, termLabel(t)) };
  });
  return {
    element: h('div', { class: 'list-param', id }, boxes.map((b) => h('span', { class: 'check' }, b.box, b.label))),
    read: () => boxes.filter((b) => b.box.checked).map((b) => b.id),
    set: (v) => { const s = new Set(v); for (const b of boxes) b.box.checked = s.has(b.id); },
    focusable: boxes[0]?.box,
  };
}

function csvInput(id, value, numeric) {
  const input = h('input', { id, type: 'text', value: (value || []).join(', ') });
  return {
    element: input,
    read: () => {
      const parts = input.value.split(',').map((s) => s.trim()).filter(Boolean);
      if (!numeric) return parts;
      const numbers = parts.map(Number);
      if (numbers.some(Number.isNaN)) throw new Error('alleen getallen, gescheiden door komma’s');
      return numbers;
    },
    set: (v) => { input.value = (v || []).join(', '); },
  };
}

function listInput(id, decl, value, vocabulary) {
  const terms = allowedTerms(decl, vocabulary);
  if (terms && terms.length === value.length && same([...value].sort(), terms.map((t) => t.id).sort())) return orderInput(id, value, terms);
  if (terms) return checkListInput(id, value, terms);
  return csvInput(id, value, typeof (decl.default?.[0] ?? value[0]) === 'number');
}

// ---- maps ----

function mapInput(id, decl, value, vocabulary) {
  const keyTerms = allowedTerms(decl, vocabulary, true) || Object.keys(value).map((k) => ({ id: k, nl: decl.key_labels?.[k] || k }));
  const entries = keyTerms.map((t, i) => {
    const sample = value[t.id] ?? decl.default?.[t.id] ?? Object.values(decl.default || {})[0];
    const subId = `${id}-${i}`;
    let editor;
    if (typeof sample === 'number') editor = numberInput(subId, value[t.id], false, decl.min, decl.max);
    else if (Array.isArray(sample)) editor = listInput(subId, { ...decl, default: sample }, value[t.id] || [], vocabulary);
    else {
      const terms = allowedTerms(decl, vocabulary);
      editor = terms ? selectInput(subId, value[t.id], terms) : textInput(subId, value[t.id]);
    }
    return { key: t.id, editor, element: h('div', {}, h('label', { for: subId }, termLabel(t)), editor.element) };
  });
  return {
    element: h('div', { class: 'map-param', id }, entries.map((e) => e.element)),
    read: () => Object.fromEntries(entries.map((e) => [e.key, e.editor.read()])),
    set: (v) => { for (const e of entries) e.editor.set(v[e.key]); },
  };
}

// decl: {name, label, type, description, default, value, one_of, vocabulary, keys, key_vocabulary,
// key_labels, min, max}
export function paramEditor(ruleName, decl, vocabulary) {
  const id = uid(`param-${ruleName}-${decl.name}`);
  const value = decl.value;
  switch (decl.type) {
    case 'number': return { id, ...numberInput(id, value, false, decl.min, decl.max) };
    case 'integer': return { id, ...numberInput(id, value, true, decl.min, decl.max) };
    case 'boolean': return { id, ...booleanInput(id, value) };
    case 'string': {
      const terms = allowedTerms(decl, vocabulary);
      return { id, ...(terms ? selectInput(id, value, terms) : textInput(id, value)) };
    }
    case 'list': return { id, ...listInput(id, decl, value || [], vocabulary) };
    case 'map': return { id, ...mapInput(id, decl, value || {}, vocabulary) };
    default: return { id, ...textInput(id, JSON.stringify(value)) };
  }
}

export function describeValue(value) {
  if (Array.isArray(value)) return value.join(', ') || '(leeg)';
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}: ${describeValue(v)}`).join('; ');
  if (typeof value === 'number') return new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 }).format(value);
  if (typeof value === 'boolean') return value ? 'aan' : 'uit';
  return String(value);
}
