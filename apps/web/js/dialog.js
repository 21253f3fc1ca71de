// A question in a modal <dialog>: the browser keeps the focus inside it and Escape cancels. The
// safe answer has the focus first, so Enter never throws work away by accident.
import { h } from './dom.js';

let counter = 0;

export function ask({ title, text, confirm, cancel, danger = false, id }) {
  const n = ++counter;
  const no = h('button', { type: 'button', class: 'button-primary', value: 'no' }, cancel);
  const yes = h('button', { type: 'button', class: danger ? 'button-quiet button-danger' : 'button-quiet', value: 'yes' }, confirm);
  const dialog = h('dialog', { class: 'dialog', id, 'aria-labelledby': `dialog-title-${n}`, 'aria-describedby': `dialog-text-${n}` },
    h('h2', { id: `dialog-title-${n}` }, title),
    h('p', { id: `dialog-text-${n}` }, text),
    h('div', { class: 'actions' }, no, yes));
  document.body.append(dialog);
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      if (!answer && opener instanceof HTMLElement) opener.focus();
      resolve(answer);
    };
    no.addEventListener('click', () => close(false));
    yes.addEventListener('click', () => close(true));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(false); });
    dialog.showModal();
    no.focus();
  });
}

// A notice that the session is about to end, with one button to stay. Returns a function that
// takes it away again (when there was activity after all).
export function warn({ title, text, button, id }) {
  const n = ++counter;
  const stay = h('button', { type: 'button', class: 'button-primary' }, button);
  const dialog = h('dialog', { class: 'dialog', id, role: 'alertdialog', 'aria-labelledby': `dialog-title-${n}`, 'aria-describedby': `dialog-text-${n}` },
    h('h2', { id: `dialog-title-${n}` }, title),
    h('p', { id: `dialog-text-${n}` }, text),
    h('div', { class: 'actions' }, stay));
  document.body.append(dialog);
  const dismiss = () => { if (dialog.open) dialog.close(); dialog.remove(); };
  stay.addEventListener('click', dismiss);
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); dismiss(); });
  dialog.showModal();
  stay.focus();
  return dismiss;
}
