// "Mijn plekken": a provider's planner keeps the figures of all the provider's offerings
// current on one screen (GET/PUT /api/v1/providers/{id}/capacity). Stale figures come first;
// one save sends every offering, so a save also says "these figures are still true".
import { api, get } from './api.js';
import { clear, dateLong, h, markTitle, places, weeks } from './dom.js';
import { dutchMessage } from './messages.js';

const NOTE_MAX = 200;

function offeringCard(o, index) {
  const id = (name) => `place-${index}-${name}`;
  const title = `${o.care_form_label} · ${o.location}`;
  const free = h('input', { id: id('free'), name: 'free', type: 'number', inputmode: 'numeric', min: 0, max: o.places, step: 1, required: true, value: o.free, 'aria-describedby': id('free-help') });
  const wait = h('input', { id: id('wait'), name: 'wait_weeks', type: 'number', inputmode: 'numeric', min: 0, max: 520, step: 1, required: true, value: o.wait_weeks });
  const note = h('textarea', { id: id('note'), name: 'note', rows: 2, maxlength: NOTE_MAX, 'aria-describedby': id('note-help') });
  note.value = o.note || '';
  const lastUpdate = `Laatst bijgewerkt ${dateLong(o.updated)}${o.updated_by ? ` door ${o.updated_by}` : ' (uit het inkoopnetwerk)'}`;
  return h('fieldset', { class: `place-card${o.stale ? ' place-stale' : ''}`, dataset: { offering: o.offering, index: String(index) } },
    h('legend', {}, title, o.stale ? h('span', { class: 'badge badge-stale' }, 'verouderd') : null),
    h('p', { class: 'place-meta' }, `${places(o.places)} in totaal · ${o.reserved} gereserveerd · wachttijd nu ${weeks(o.wait_weeks)}`),
    h('p', { class: o.stale ? 'place-updated place-updated-stale' : 'place-updated' },
      lastUpdate, o.stale ? ` — ${o.age_days} dagen geleden` : ''),
    h('div', { class: 'place-fields' },
      h('div', { class: 'field' },
        h('label', { for: free.id }, 'Vrije plekken'),
        h('p', { class: 'help', id: id('free-help') }, `0 tot ${o.places}; minstens ${o.reserved} (gereserveerd)`),
        free,
        h('p', { class: 'field-error', id: id('free-error'), hidden: true })),
      h('div', { class: 'field' },
        h('label', { for: wait.id }, 'Verwachte wachttijd (weken)'),
        wait,
        h('p', { class: 'field-error', id: id('wait_weeks-error'), hidden: true }))),
    h('div', { class: 'field' },
      h('label', { for: note.id }, 'Notitie (niet verplicht)'),
      h('p', { class: 'help', id: id('note-help') }, `Hoogstens ${NOTE_MAX} tekens. Geen namen, adressen, geboortedata of BSN invullen.`),
      note,
      h('p', { class: 'field-error', id: id('note-error'), hidden: true })));
}

export async function render(main, { me }) {
  const provider = me.scope?.kind === 'provider' ? me.scope.id : null;
  main.append(h('h1', {}, 'Mijn plekken'));
  if (!provider) {
    main.append(h('p', { class: 'notice' }, 'Deze pagina is voor een token van een aanbieder.'));
    return;
  }
  const data = await get(`/api/v1/providers/${encodeURIComponent(provider)}/capacity`);
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const form = h('form', { class: 'places-form', novalidate: true });
  const container = h('div', {});
  main.append(
    h('p', { class: 'lead' }, `${data.provider_name} (${data.provider}). Houd hier de vrije plekken en wachttijden van al uw aanbod actueel: het RET ziet ze direct in zijn advies. Cijfers ouder dan ${data.stale_days} dagen heten verouderd.`),
    summary, form);
  form.append(container, h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'button-primary' }, 'Alles opslaan'), status));

  function draw(list) {
    clear(container);
    const stale = list.filter((o) => o.stale);
    const fresh = list.filter((o) => !o.stale);
    let index = 0;
    if (stale.length) {
      container.append(h('section', { class: 'places-section', 'aria-labelledby': 'places-stale' },
        h('h2', { id: 'places-stale' }, `Verouderd — graag bijwerken (${stale.length})`),
        stale.map((o) => offeringCard(o, index++))));
    }
    container.append(h('section', { class: 'places-section', 'aria-labelledby': 'places-fresh' },
      h('h2', { id: 'places-fresh' }, stale.length ? `Actueel (${fresh.length})` : `Al uw aanbod is actueel (${fresh.length})`),
      fresh.map((o) => offeringCard(o, index++))));
  }
  draw(data.offerings);

  function showErrors(errors) {
    for (const el of form.querySelectorAll('.field-error')) el.hidden = true;
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    summary.hidden = !errors.length;
    summary.replaceChildren();
    markTitle(errors.length > 0);
    if (!errors.length) return;
    summary.append(h('h2', {}, errors.length === 1 ? 'Er is 1 probleem' : `Er zijn ${errors.length} problemen`),
      h('ul', {}, errors.map((e) => h('li', {}, e.field ? h('a', { href: `#${e.field.id}` }, e.text) : e.text))));
    for (const e of errors) {
      if (!e.field) continue;
      e.field.setAttribute('aria-invalid', 'true');
      const message = document.getElementById(`${e.field.id.replace(/-(free|wait|note)$/, '')}-${e.key}-error`);
      if (message) { message.textContent = e.text; message.hidden = false; }
    }
    for (const a of summary.querySelectorAll('a')) a.addEventListener('click', (event) => {
      event.preventDefault();
      document.getElementById(a.getAttribute('href').slice(1))?.focus();
    });
    summary.focus();
  }

  // The browser checks what it can; the server checks everything again.
  function collect() {
    const errors = [];
    const offerings = [];
    for (const card of form.querySelectorAll('fieldset[data-offering]')) {
      const name = card.querySelector('legend').firstChild.textContent;
      const [free, wait, note] = ['free', 'wait_weeks', 'note'].map((n) => card.querySelector(`[name="${n}"]`));
      const item = { offering: card.dataset.offering };
      const f = Number(free.value);
      if (free.value === '' || !Number.isInteger(f) || f < Number(free.min) || f > Number(free.max))
        errors.push({ field: free, key: 'free', text: `${name}: vrije plekken moet een geheel getal van 0 tot ${free.max} zijn` });
      item.free = f;
      const w = Number(wait.value);
      if (wait.value === '' || !Number.isInteger(w) || w < 0 || w > 520)
        errors.push({ field: wait, key: 'wait_weeks', text: `${name}: de wachttijd moet een geheel aantal weken van 0 tot 520 zijn` });
      item.wait_weeks = w;
      if ([...note.value].length > NOTE_MAX) errors.push({ field: note, key: 'note', text: `${name}: de notitie is te lang (hoogstens ${NOTE_MAX} tekens)` });
      item.note = note.value.trim();
      offerings.push(item);
    }
    return { errors, offerings };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    const { errors, offerings } = collect();
    if (errors.length) return showErrors(errors);
    try {
      const { data: saved } = await api('PUT', `/api/v1/providers/${encodeURIComponent(provider)}/capacity`, { body: { offerings } });
      showErrors([]);
      draw(saved.offerings);
      status.textContent = `Opgeslagen: ${saved.offerings.length} ${saved.offerings.length === 1 ? 'aanbod' : 'aanbiedingen'} bijgewerkt op ${dateLong(saved.date)}.`;
    } catch (e) {
      const m = (e.pointer || '').match(/^\/offerings\/(\d+)\/(free|wait_weeks|note)$/);
      let field = null;
      if (m) {
        const card = form.querySelectorAll('fieldset[data-offering]')[Number(m[1])];
        field = card?.querySelector(`[name="${m[2]}"]`) || null;
      } else {
        const o = e.message.match(/^aanbod (\S+):/);
        const card = o && form.querySelector(`fieldset[data-offering="${o[1]}"]`);
        field = card?.querySelector('[name="free"]') || null;
      }
      showErrors([{ field, key: m ? m[2] : 'free', text: field ? dutchMessage(e.message, e.code) : e.dutch }]);
    }
  });
}
