// The bespreking view: a case in, the advice out. The case and the advice live only in this
// page's memory (never in storage), so they are gone when the tab closes.
import { api, cached } from './api.js';
import { announce, clear, h, labeller } from './dom.js';
import { renderAdvice } from './advice.js';
import { buildCaseForm } from './caseform.js';

const memory = { doc: null, result: null, auditId: null, draft: null };

// The case a sign-out would throw away: the one on the form, advised or still being typed. The
// sign-out button asks first when there is one (main.js).
export function caseOnScreen() {
  const doc = memory.draft || memory.doc;
  return doc ? { id: doc.id || '', advised: Boolean(memory.result) } : null;
}

async function referenceData() {
  const [vocabulary, municipalities, providers, networks] = await Promise.all([
    cached('/api/v1/vocabulary'), cached('/api/v1/municipalities'), cached('/api/v1/providers'), cached('/api/v1/networks'),
  ]);
  return { vocabulary, municipalities: municipalities.municipalities, providers: providers.providers, networks: networks.networks };
}

async function adjacentRegions(code) {
  try {
    return (await cached(`/api/v1/regions/${encodeURIComponent(code)}`)).adjacent.map((a) => a.code);
  } catch {
    return [];
  }
}

function fileButtons(caseForm, setStatus) {
  // The file input itself is not shown and takes no tab stop; the button opens it.
  const fileInput = h('input', { type: 'file', id: 'case-file', accept: 'application/json,.json', hidden: true, tabindex: '-1' });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files[0];
    if (!file) return;
    try {
      caseForm.fill(JSON.parse(await file.text()));
      caseForm.form.dispatchEvent(new Event('change'));
      setStatus(`Casus uit ${file.name} ingevuld.`);
    } catch {
      setStatus(`${file.name} is geen geldig CASE.json-bestand.`, true);
    }
    fileInput.value = '';
  });
  const save = () => {
    const doc = caseForm.read();
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' }));
    const a = h('a', { href: url, download: `${doc.id || 'casus'}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };
  return [
    h('button', { type: 'button', class: 'button-quiet', id: 'case-open', onclick: () => fileInput.click() }, 'CASE.json openen…'),
    fileInput,
    h('button', { type: 'button', class: 'button-quiet', onclick: save }, 'CASE.json opslaan'),
  ];
}

export async function render(main) {
  const data = await referenceData();
  const label = labeller(data.vocabulary);
  const municipalities = new Map(data.municipalities.map((m) => [m.code, m]));
  const networkNames = new Map(data.networks.map((n) => [n.code, n.name]));
  const caseForm = buildCaseForm(data);
  const emptyCase = JSON.stringify(caseForm.read());
  memory.draft = null;
  const keepDraft = () => {
    const doc = caseForm.read();
    memory.draft = JSON.stringify(doc) === emptyCase ? null : doc;
  };
  // Not a live region: the whole advice would be read out at once. The status line below the
  // form (in the page from the start) says in one sentence that the advice is there, and the
  // focus moves to its heading.
  const adviceArea = h('section', { class: 'advice-area', 'aria-labelledby': 'advice-heading' },
    h('h2', { id: 'advice-heading', class: 'visually-hidden' }, 'Advies'),
    h('p', { class: 'placeholder' }, 'Vul de casus in en vraag het advies op. Het advies verschijnt hier: plan A, plan B, overbrugging, de kandidaten op de kaart en de uitsluitingen.'));
  const status = h('p', { class: 'form-status', role: 'status' });
  const undo = h('button', { type: 'button', class: 'button-quiet', id: 'undo-clear', hidden: true }, 'Ongedaan maken');
  const setStatus = (text, isError = false) => { status.textContent = text; status.classList.toggle('error', isError); undo.hidden = true; };
  const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Advies opvragen');

  const question = (doc) => {
    const m = municipalities.get(doc.municipality);
    return [`${doc.age} jaar`, m ? m.name : doc.municipality, doc.need.care_forms.map((c) => label('care_forms', c)).join(', '),
      doc.need.expertise.length ? `expertise: ${doc.need.expertise.map((e) => label('expertise', e)).join(', ')}` : '',
      doc.flags?.length ? `kenmerken: ${doc.flags.map((f) => label('flags', f)).join(', ')}` : '',
      `urgentie ${label('urgency', doc.need.urgency)}`,
      doc.need.max_wait_weeks !== undefined ? `wacht hoogstens ${doc.need.max_wait_weeks} weken` : '',
      doc.maatwerk ? `maatwerk goedgekeurd door ${doc.maatwerk.approved_by} op ${doc.maatwerk.date}` : ''].filter(Boolean).join(' · ');
  };

  // Once there is an advice, the form folds away into a one-line summary so that the advice gets
  // the whole screen; "Casus wijzigen" brings it back.
  const layout = h('div', { class: 'bespreking' });
  const summary = h('div', { class: 'case-summary', hidden: true });
  const setFolded = (folded) => {
    layout.classList.toggle('folded', folded);
    summary.hidden = !folded;
    if (folded) {
      const doc = memory.doc;
      summary.replaceChildren(
        h('p', {}, h('strong', {}, `Casus ${doc.id}`), ` · ${question(doc)}`),
        h('button', { type: 'button', class: 'button-quiet', id: 'edit-case', onclick: () => { setFolded(false); document.getElementById('case-id')?.focus(); } }, 'Casus wijzigen'));
    }
  };

  // As soon as the case on the form differs from the one advised on, the advice says so: a
  // banner on top, "verouderd" in its heading, and one sentence in the status line.
  const outdated = h('div', { class: 'outdated-banner', id: 'advice-outdated', hidden: true },
    h('p', {}, h('strong', {}, 'Verouderd: '), 'de casus is gewijzigd na dit advies. Dit advies hoort bij de vorige invoer. Vraag het advies opnieuw op.'));
  const markOutdated = () => {
    if (!memory.result || adviceArea.classList.contains('is-outdated')) return;
    adviceArea.classList.add('is-outdated');
    outdated.hidden = false;
    const title = document.getElementById('advice-title');
    if (title) title.append(h('span', { class: 'badge badge-stale outdated-badge' }, 'verouderd'));
    setStatus('Let op: het advies hieronder is verouderd, want de casus is gewijzigd.');
  };
  // Searching a list or typing a name not yet added changes nothing in the case.
  const markIfCase = (e) => {
    if (e.target.closest?.('.choice-search') || (e.type === 'input' && e.target.closest?.('.chip-input'))) return;
    markOutdated();
  };
  caseForm.form.addEventListener('input', markIfCase);
  caseForm.form.addEventListener('change', markIfCase);
  caseForm.form.addEventListener('input', keepDraft);
  caseForm.form.addEventListener('change', keepDraft);

  const showAdvice = async () => {
    const advice = await renderAdvice(memory.result, {
      label, vocabulary: data.vocabulary, municipalities, adjacent: await adjacentRegions(memory.result.region.code),
      caseMunicipality: memory.doc.municipality, auditId: memory.auditId, question: question(memory.doc),
      networkName: (code) => networkNames.get(code) || code,
    });
    adviceArea.classList.remove('is-outdated');
    outdated.hidden = true;
    clear(adviceArea).append(outdated, advice);
  };

  // Clearing is undone with one click: the status line offers it until the next message.
  function clearForm() {
    const before = caseForm.read();
    caseForm.fill({});
    caseForm.showErrors([]);
    caseForm.form.dispatchEvent(new Event('change'));
    setStatus('Formulier leeggemaakt.');
    undo.hidden = false;
    undo.onclick = () => {
      caseForm.fill(before);
      setStatus(`Formulier teruggezet (casus ${before.id || 'zonder nummer'}).`);
      document.getElementById('case-id')?.focus();
    };
  }

  caseForm.form.append(h('div', { class: 'actions' }, submit,
    h('button', { type: 'button', class: 'button-quiet', id: 'clear-case', onclick: clearForm }, 'Leegmaken'),
    fileButtons(caseForm, setStatus)), h('div', { class: 'status-line' }, status, undo));

  caseForm.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = caseForm.validate();
    caseForm.showErrors(errors);
    if (errors.length) return setStatus('Het advies is niet opgevraagd: verbeter eerst de invoer.', true);
    const doc = caseForm.read();
    submit.disabled = true;
    adviceArea.setAttribute('aria-busy', 'true');
    setStatus('Advies wordt berekend…');
    try {
      const { data: result, headers } = await api('POST', '/api/v1/query', { body: doc, query: { date: caseForm.referenceDate() } });
      Object.assign(memory, { doc, result, auditId: headers.get('X-Passend-Audit-Id') });
      await showAdvice();
      setStatus(`Advies berekend voor casus ${result.case}.`);
      announce(`Advies berekend voor casus ${result.case}.`);  // the form and its status line fold away
      setFolded(true);
      const title = document.getElementById('advice-title');
      title?.setAttribute('tabindex', '-1');
      title?.focus();
    } catch (e) {
      if (e.code === 'invalid_input') {
        caseForm.showServerErrors(e.issues.length ? e.issues : [{ pointer: e.pointer, message: e.message }]);
        setStatus('De server weigerde de casus; zie de problemen bovenaan het formulier.', true);
      } else {
        setStatus(`Het advies is niet opgevraagd. ${e.dutch}`, true);
      }
    } finally {
      submit.disabled = false;
      adviceArea.setAttribute('aria-busy', 'false');
    }
  });

  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Bespreking'),
      h('p', { class: 'lead' }, 'Welke aanbieders uit het inkoopnetwerk kunnen deze jeugdige helpen, en waarom? passend stelt voor, het RET adviseert, de gemeente of de gecertificeerde instelling beslist.')),
    summary,
    layout);
  layout.append(h('aside', { class: 'case-panel' }, caseForm.form), adviceArea);

  if (memory.doc) {
    caseForm.fill(memory.doc);
    if (memory.result) {
      await showAdvice();
      setFolded(true);
    }
  }
}

