import { html } from 'lit';
import { api } from '../../api.js';
import { t } from '../../i18n.js';

// Shared by the users screens: the roles a person may give (an admin: all; a coordinator: enumerator only, the
// server's AccountScope rule - the page offers no more than the API allows), the sites to pick from, and the notice
// that shows a one-time password once.
const ALL_ROLES = ['admin', 'coordinator', 'enumerator', 'safeguarding_officer', 'data_manager',
  'principal_investigator', 'transcriber'];

export function rolesFor(session) {
  return session && session.role === 'admin' ? ALL_ROLES : ['enumerator'];
}

/**
 * What the users screens offer from the studies the person may see (one GET /studies): `sites`, every site sorted (a
 * coordinator with sites: theirs), and `languages`, every study language as {code, name}, sorted by code.
 */
export async function choicesFor(session) {
  const studies = await api.get('studies');
  const names = new Map();
  studies.forEach((s) => Object.entries(s.languages || {}).forEach(([code, name]) => {
    if (!names.has(code)) {
      names.set(code, name);
    }
  }));
  const languages = [...names.keys()].sort().map((code) => ({ code, name: names.get(code) }));
  if (session && session.role === 'coordinator' && session.sites && session.sites.length) {
    return { sites: [...session.sites].sort(), languages };
  }
  return { sites: [...new Set(studies.flatMap((s) => s.sites))].sort(), languages };
}

export function roleSelect(id, roles, chosen) {
  return html`<div class="field"><label for=${id}>${t('users.role')}</label>
    <select id=${id}>${roles.map((r) => html`<option value=${r} ?selected=${r === chosen}>
      ${t('shell.role.' + r)}</option>`)}</select></div>`;
}

/** Site checkboxes in a fieldset; `prefix` makes the ids unique. */
export function siteBoxes(prefix, sites, chosen) {
  return html`<fieldset class="field"><legend>${t('users.sites')}</legend>
    <p class="hint">${t('users.sitesHint')}</p>
    ${sites.map((s) => html`<div class="checkbox"><input type="checkbox" id=${prefix + '-' + s} value=${s}
      ?checked=${chosen.includes(s)} name=${prefix}><label for=${prefix + '-' + s}>${s}</label></div>`)}
  </fieldset>`;
}

/**
 * A transcriber's languages: a tick box per study language (`offered`, {code, name}), and a text field for other codes
 * the study does not list (the API takes any language code; the server checks them and who needs them). `chosen`
 * codes are ticked, or typed in the other field when the studies do not list them.
 */
export function languagesField(id, offered, chosen) {
  const listed = new Set(offered.map((l) => l.code));
  const others = (chosen || []).filter((c) => !listed.has(c));
  return html`<fieldset class="field languages" id=${id}><legend>${t('users.languages')}</legend>
    <p class="hint">${t('users.languagesHint')}</p>
    ${offered.map((l) => html`<div class="checkbox"><input type="checkbox" id=${id + '-' + l.code} name=${id}
      value=${l.code} .checked=${(chosen || []).includes(l.code)}><label for=${id + '-' + l.code}>${
      t('users.languageChoice', { name: l.name, code: l.code })}</label></div>`)}
    <div class="field"><label for=${id + '-other'}>${t('users.languagesOther')}</label>
      <p class="hint" id=${id + '-other-hint'}>${t('users.languagesOtherHint')}</p>
      <input id=${id + '-other'} type="text" autocomplete="off" spellcheck="false"
        aria-describedby=${id + '-other-hint'} .value=${others.join(', ')}></div>
  </fieldset>`;
}

/** The codes ticked and typed in a languages field (typed ones split at commas and spaces); null when none. */
export function typedLanguages(root, id) {
  const ticked = [...root.querySelectorAll(`input[name="${id}"]:checked`)].map((i) => i.value);
  const typed = root.querySelector('#' + id + '-other').value.split(/[\s,]+/).filter((c) => c);
  const codes = [...new Set([...ticked, ...typed])];
  return codes.length ? codes : null;
}

export function checkedSites(root, prefix) {
  return [...root.querySelectorAll(`input[name="${prefix}"]:checked`)].map((i) => i.value);
}

/** The one-time password, shown once with the warning (it is not shown again anywhere). */
export function oneTimePassword(created, onDone) {
  return html`<div class="notice warning one-time-password" role="alert">
      <h2>${t('users.oneTimeTitle', { user: created.username })}</h2>
      <p>${t('users.oneTimeWarning')}</p>
      <p><code class="password">${created.password}</code></p>
      <button type="button" @click=${onDone}>${t('users.oneTimeDone')}</button>
    </div>`;
}
