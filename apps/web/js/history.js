// The rule-set history: every parameter version (who, when, why, hash) and what changed against
// the version before it (GET /api/v1/rulesets, GET /api/v1/rulesets/{id}); the first version is
// compared with the declared defaults of the rule set as shipped.
import { get } from './api.js';
import { h, when } from './dom.js';
import { describeValue, same } from './params.js';

// Effective values per "rule.param" (declared defaults overlaid with a params.json), the
// disabled rules, and the settings.
function effective(params, defaults) {
  const values = new Map(defaults);
  for (const [rule, map] of Object.entries(params?.rules || {}))
    for (const [name, value] of Object.entries(map)) {
      const key = `${rule}.${name}`;
      const base = defaults.get(key);
      const merged = base && typeof base === 'object' && !Array.isArray(base) && value && typeof value === 'object' && !Array.isArray(value) ? { ...base, ...value } : value;
      values.set(key, merged);
    }
  for (const [name, value] of Object.entries(params?.settings || {})) values.set(`settings.${name}`, value);
  values.set('disabled', [...(params?.disabled || [])].sort());
  return values;
}

function differences(before, after) {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.filter((k) => !same(before.get(k) ?? null, after.get(k) ?? null))
    .map((k) => ({ key: k, before: before.get(k), after: after.get(k) }));
}

function diffList(diffs) {
  if (!diffs.length) return h('p', { class: 'muted' }, 'Geen inhoudelijke wijziging van de parameters.');
  return h('ul', { class: 'diff' }, diffs.map((d) => h('li', {},
    h('code', {}, d.key === 'disabled' ? 'uitgeschakelde regels' : d.key), ': ',
    d.before === undefined ? '(niet gezet)' : describeValue(d.before), ' → ', h('strong', {}, d.after === undefined ? '(standaard)' : describeValue(d.after)))));
}

export async function render(main) {
  const [list, rules] = await Promise.all([get('/api/v1/rulesets'), get('/api/v1/rulesets/current/rules')]);
  const defaults = new Map();
  for (const r of rules.rules) for (const p of r.params) defaults.set(`${r.name}.${p.name}`, p.default);
  const versions = await Promise.all(list.versions.map((v) => get(`/api/v1/rulesets/${v.id}`)));
  let previous = effective({ settings: {} }, defaults);
  const items = versions.map((v) => {
    const values = effective(v.params, defaults);
    // A setting absent before means "as shipped", which the API does not show: not a change.
    const diffs = differences(previous, values).filter((d) => !(d.key.startsWith('settings.') && d.before === undefined));
    previous = values;
    return { v, diffs };
  }).reverse();
  const currentId = list.current.ruleset_version?.id;

  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Regelsetgeschiedenis'),
      h('p', { class: 'lead' }, 'Elke wijziging van de parameters is een nieuwe versie met een eigen hash. Elk advies noemt de versie en hash waarmee het tot stand kwam.'),
      h('p', {}, 'Actief: ', h('strong', { id: 'history-current' }, `${list.current.name} ${list.current.version}`), ' · hash ', h('span', { class: 'hash' }, list.current.hash))),
    items.length ? h('ol', { class: 'version-list', reversed: true }, items.map(({ v, diffs }) => h('li', { class: `version ${v.id === currentId ? 'current' : ''}`, 'data-version': v.version },
      h('h2', {}, `${v.name} ${v.version}`, v.id === currentId ? h('span', { class: 'badge badge-ok' }, 'actief') : null),
      h('p', {}, `${when(v.at)} · door ${v.author}`),
      h('p', {}, h('span', { class: 'muted' }, 'Toelichting: '), v.comment),
      h('p', { class: 'muted' }, 'Hash: ', h('span', { class: 'hash', title: v.hash }, v.hash)),
      diffList(diffs))))
      : h('p', { class: 'muted' }, 'Nog geen wijzigingen: de regelset wordt gebruikt zoals geleverd.'),
    h('p', { class: 'muted' }, `De eerste versie is vergeleken met de standaardwaarden van ${list.current.name} ${list.current.version.split('+')[0]} zoals geleverd.`));
}
