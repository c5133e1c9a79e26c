import { html } from 'lit';
import { api } from '../../api.js';
import { t } from '../../i18n.js';

// The studies a person may pick on the PI and key-holder screens (ids only; GET /studies), and the select for them.
export async function loadStudies() {
  const studies = await api.get('studies');
  return studies.map((s) => s.id);
}

/** A labelled select of study ids; `id` is the control's id, `onChange` gets the chosen id. */
export function studySelect(id, studies, chosen, onChange) {
  return html`<div class="field">
      <label for=${id}>${t('pi.study')}</label>
      <select id=${id} @change=${(e) => onChange(e.target.value)}>
        ${studies.map((s) => html`<option value=${s} ?selected=${s === chosen}>${s}</option>`)}
      </select>
    </div>`;
}

/** Empties every input of `root` (typed codes and passphrases do not stay in the page). */
export function clearInputs(root) {
  root.querySelectorAll('input[type=password], input[type=text]').forEach((i) => { i.value = ''; });
}
