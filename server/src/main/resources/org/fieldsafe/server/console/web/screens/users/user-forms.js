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

/** Every site of the studies the person may see, sorted; a coordinator with sites: theirs. */
export async function sitesFor(session) {
  if (session && session.role === 'coordinator' && session.sites && session.sites.length) {
    return [...session.sites].sort();
  }
  const studies = await api.get('studies');
  return [...new Set(studies.flatMap((s) => s.sites))].sort();
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

/** A transcriber's languages as a text field of codes (the server checks them and who needs them). */
export function languagesField(id, chosen) {
  return html`<div class="field"><label for=${id}>${t('users.languages')}</label>
    <p class="hint" id=${id + '-hint'}>${t('users.languagesHint')}</p>
    <input id=${id} type="text" autocomplete="off" spellcheck="false" aria-describedby=${id + '-hint'}
      .value=${(chosen || []).join(', ')}></div>`;
}

/** The codes typed in a languages field: split at commas and spaces; null when none (the API's "no languages"). */
export function typedLanguages(root, id) {
  const codes = root.querySelector('#' + id).value.split(/[\s,]+/).filter((c) => c);
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
