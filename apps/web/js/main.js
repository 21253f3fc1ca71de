// The page shell: sign-in with a token, the role-aware menu, and a hash router over the views.
import { IDLE_LIMIT_MS, clearCache, get, session, whenUnauthenticated } from './api.js';
import { ask, warn } from './dialog.js';
import { clear, h, markTitle, roleLabels } from './dom.js';
import { codeTexts } from './messages.js';

const views = {
  bespreking: { title: 'Bespreking', roles: ['member', 'contract_manager', 'coordinator', 'admin'], load: (q) => import(`./bespreking.js${q}`) },
  regels: { title: 'Regels afstemmen', roles: ['contract_manager', 'admin'], load: (q) => import(`./tuning.js${q}`) },
  goedkeuren: { title: 'Goedkeuren', roles: ['contract_manager', 'admin'], load: (q) => import(`./approvals.js${q}`) },
  geschiedenis: { title: 'Regelsetgeschiedenis', roles: ['member', 'contract_manager', 'coordinator', 'admin'], load: (q) => import(`./history.js${q}`) },
  casussen: { title: 'Casussen', roles: ['member', 'coordinator', 'admin'], load: (q) => import(`./cases.js${q}`) },
  casus: { title: 'Casus', roles: ['member', 'coordinator', 'admin'], menu: false, load: (q) => import(`./casepage.js${q}`) },
  wachtlijst: { title: 'Wachtlijst', roles: ['coordinator', 'admin'], load: (q) => import(`./waitinglist.js${q}`) },
  netwerk: { title: 'Bovenregionale plekken', roles: ['coordinator', 'admin'], load: (q) => import(`./network.js${q}`) },
  plekken: { title: 'Mijn plekken', roles: ['provider'], load: (q) => import(`./places.js${q}`) },
};

const state = { me: null, modules: {} };
let failedLoads = 0;
const main = document.getElementById('main');

function homeFor(role) {
  if (role === 'provider') return 'plekken';
  return role === 'contract_manager' ? 'regels' : role === 'coordinator' ? 'netwerk' : 'bespreking';
}

function allowed(name) {
  return state.me && views[name]?.roles.includes(state.me.role);
}

function renderMenu() {
  const menu = clear(document.getElementById('menu'));
  const current = currentView();
  for (const [name, view] of Object.entries(views)) {
    if (!allowed(name) || view.menu === false) continue;
    const here = name === current || (name === 'casussen' && current === 'casus');
    menu.append(h('li', {}, h('a', { href: `#/${name}`, 'aria-current': here ? 'page' : null }, view.title)));
  }
  document.querySelector('.app-nav').hidden = !state.me;
  document.getElementById('user').hidden = !state.me;
  if (state.me) {
    const scope = state.me.scope_name ? ` · ${state.me.scope_name}` : '';
    document.getElementById('user-label').textContent = `${state.me.name} · ${roleLabels[state.me.role] || state.me.role}${scope}`;
  }
}

function currentView() {
  const name = location.hash.replace(/^#\/?/, '').split('/')[0];
  return name || (state.me ? homeFor(state.me.role) : '');
}

function focusHeading() {
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

// A page of its own for an address that leads nowhere, and for a server that cannot be reached
// (a page not visited before is loaded from the server when it is first opened).
function renderNotFound() {
  document.title = 'Pagina niet gevonden — passend';
  main.append(h('h1', {}, 'Pagina niet gevonden'),
    h('p', {}, 'Dit adres bestaat niet in passend. Controleer het adres, of kies een pagina in het menu.'),
    h('p', {}, h('a', { href: `#/${homeFor(state.me.role)}` }, `Naar ${views[homeFor(state.me.role)].title}`)));
}

export function renderUnreachable() {
  clear(main);
  document.title = 'Server niet bereikbaar — passend';
  main.append(h('h1', {}, 'De server is niet bereikbaar'),
    h('p', {}, 'passend kan de server nu niet bereiken. Wat u op deze pagina had ingevuld, is niet verstuurd.'),
    h('p', {}, 'Controleer de netwerkverbinding en probeer het opnieuw. Lukt het dan nog niet, neem contact op met de beheerder van passend in uw organisatie.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button-primary', onclick: () => (state.me ? route() : start()).catch(showFailure) }, 'Opnieuw proberen')));
  focusHeading();
}

async function route() {
  if (!state.me) return renderSignIn();
  const name = currentView();
  renderMenu();
  clear(main);
  if (!views[name]) {
    renderNotFound();
    return focusHeading();
  }
  if (!allowed(name)) {
    document.title = `${views[name].title} — passend`;
    main.append(h('h1', {}, views[name].title), h('p', { class: 'notice' }, `Deze pagina is er niet voor de rol ${roleLabels[state.me.role]}.`));
    return focusHeading();
  }
  document.title = `${views[name].title} — passend`;
  main.append(h('p', { class: 'loading', role: 'status' }, 'Laden…'));
  let module;
  try {
    // A module that failed to load stays failed for this URL in the browser's module map; a retry
    // asks for it under a new one.
    module = await views[name].load(failedLoads ? `?retry=${failedLoads}` : '');
  } catch {
    failedLoads += 1;
    return renderUnreachable();  // the module could not be fetched: the server is gone
  }
  state.modules[name] = module;
  if (currentView() !== name && location.hash) return;  // navigated away meanwhile
  clear(main);
  await module.render(main, { me: state.me });
  focusHeading();
}

function renderSignIn(message, isError = true) {
  renderMenu();
  clear(main);
  document.title = 'Aanmelden — passend';
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false', 'aria-describedby': 'sign-in-error token-help' });
  // In the page before anything is said in it, so that screen readers announce what it says.
  const error = h('p', { class: message ? (isError ? 'error' : 'notice') : 'message-slot', role: 'alert', id: 'sign-in-error' }, message || '');
  const form = h('form', { class: 'card sign-in', novalidate: true },
    h('h1', {}, 'Aanmelden'),
    h('p', {}, 'Meld u aan met uw persoonlijke token. Het token blijft alleen in dit tabblad bewaard en verdwijnt als u het tabblad sluit.'),
    h('div', { class: 'field' },
      h('label', { for: 'token' }, 'Token'),
      input,
      h('p', { class: 'help', id: 'token-help' }, 'Uw token krijgt u van de beheerder van passend in uw organisatie. Het begint met passend_.')),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button-primary' }, 'Aanmelden')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    error.className = 'error';
    if (!token) {
      error.textContent = 'Vul uw token in.';
      input.setAttribute('aria-invalid', 'true');
      markTitle(true);
      return input.focus();
    }
    session.set(token);
    if (!(await loadMe(error))) {
      input.setAttribute('aria-invalid', 'true');
      return input.focus();
    }
    if (!location.hash || location.hash === '#/aanmelden') location.hash = `#/${homeFor(state.me.role)}`;
    else route().catch(showFailure);
  });
  main.append(form);
  input.focus();
}

async function loadMe(errorElement) {
  try {
    state.me = await get('/api/v1/me');
    return true;
  } catch (e) {
    session.clear();
    state.me = null;
    if (errorElement) {
      errorElement.textContent = e.code === 'unauthenticated' ? 'Dit token is onbekend, verlopen of ingetrokken.' : e.dutch;
      markTitle(true);
    }
    return false;
  }
}

// Signing out reloads the page: every case and advice held in memory is gone with it.
const FLASH_KEY = 'passend.flash';
function signOut(message) {
  session.clear();
  clearCache();
  state.me = null;
  sessionStorage.setItem(FLASH_KEY, message);
  location.replace(location.pathname);
}

whenUnauthenticated(() => {
  if (state.me) signOut('Uw token is niet meer geldig. Meld u opnieuw aan.');
});

// A case on the form lives only in this page: signing out asks before it throws it away.
document.getElementById('sign-out').addEventListener('click', async () => {
  const onScreen = state.modules.bespreking?.caseOnScreen?.();
  if (onScreen) {
    const which = onScreen.id ? `casus ${onScreen.id}` : 'de casus op het formulier';
    const leave = await ask({
      id: 'sign-out-dialog', title: 'Afmelden?', danger: true, confirm: 'Afmelden', cancel: 'Aangemeld blijven',
      text: `Na het afmelden zijn ${which}${onScreen.advised ? ' en het advies' : ''} niet meer op dit scherm. passend bewaart ze niet. Wilt u de casus houden, kies dan eerst "CASE.json opslaan".`,
    });
    if (!leave) return;
  }
  signOut('U bent afgemeld.');
});

const IDLE_MESSAGE = 'U bent na 30 minuten zonder activiteit afgemeld. Meld u opnieuw aan.';
// Activity keeps the token; after IDLE_LIMIT_MS without any, the page signs out by itself. Two
// minutes before, it says so and offers to stay (WCAG 2.2.1): any click or key counts.
const IDLE_WARNING_MS = 2 * 60 * 1000;
let dismissIdleWarning = null;
for (const type of ['click', 'keydown']) {
  document.addEventListener(type, () => {
    session.touch();
    if (dismissIdleWarning) { dismissIdleWarning(); dismissIdleWarning = null; }
  }, { passive: true });
}
function checkIdle() {
  if (!state.me) return;
  if (session.idle()) return signOut(IDLE_MESSAGE);
  if (!dismissIdleWarning && session.remaining() <= IDLE_WARNING_MS) {
    const lost = state.modules.bespreking?.caseOnScreen?.() ? ' De casus op het scherm gaat dan verloren.' : '';
    dismissIdleWarning = warn({
      id: 'idle-warning', title: 'U wordt bijna afgemeld', button: 'Aangemeld blijven',
      text: `Er is ${Math.round((IDLE_LIMIT_MS - IDLE_WARNING_MS) / 60000)} minuten niets gebeurd op deze pagina. Over 2 minuten meldt passend u af.${lost}`,
    });
  }
}
setInterval(checkIdle, 15 * 1000);
// Coming back to the tab checks at once: a laptop that slept has skipped the timer.
window.addEventListener('focus', checkIdle);
document.addEventListener('visibilitychange', () => { if (!document.hidden) checkIdle(); });
window.addEventListener('hashchange', () => { route().catch(showFailure); });

function showFailure(e) {
  if (e?.code === 'network') return renderUnreachable();
  document.title = 'Er ging iets mis — passend';
  clear(main).append(h('h1', {}, 'Er ging iets mis'), h('p', { class: 'error' }, e?.dutch || codeTexts.internal),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button-primary', onclick: () => route().catch(showFailure) }, 'Opnieuw proberen')));
  focusHeading();
}

async function start() {
  document.getElementById('boot')?.remove();
  const idle = session.idle();
  if (idle) session.clear();
  const flash = sessionStorage.getItem(FLASH_KEY) || (idle ? IDLE_MESSAGE : null);
  sessionStorage.removeItem(FLASH_KEY);
  if (session.token()) {
    try {
      state.me = await get('/api/v1/me');
    } catch (e) {
      if (e.code === 'network') return renderUnreachable();
      session.clear();
    }
  }
  if (!state.me) return renderSignIn(flash || undefined, false);
  await route();
}

start().catch(showFailure);
