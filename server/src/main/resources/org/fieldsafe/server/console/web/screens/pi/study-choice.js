import { html } from 'lit';
import { LightElement } from '../../light-element.js';
import { api, problemEntry } from '../../api.js';
import { t } from '../../i18n.js';
import { hasText } from '../../texts.js';

// The base of the PI and key-holder screens: the studies the person may pick (ids only; GET /studies), the first
// chosen, then the screen's own data (`load()`); errors for the summary; a busy flag; the heading focused on arrival;
// and every typed field emptied when the screen is left (typed codes and passphrases do not stay in the page).
export class StudyScreen extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, studies: { state: true },
    study: { state: true }, errors: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.studies = [];
    this.errors = [];
    this.busy = false;
  }

  async connectedCallback() {
    super.connectedCallback();
    try {
      this.studies = (await api.get('studies')).map((s) => s.id);
      this.study = this.studies[0];
      await this.load();
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  /** The screen's own data for `this.study`; none by default. */
  async load() {
  }

  disconnectedCallback() {
    clearInputs(this);
    super.disconnectedCallback();
  }

  firstUpdated() {
    this.querySelector('h1')?.focus();
  }

  /** The study path of the API for the chosen study. */
  studyPath(rest) {
    return `studies/${encodeURIComponent(this.study)}/${rest}`;
  }
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

/** Empties every input of `root`. */
export function clearInputs(root) {
  root.querySelectorAll('input[type=password], input[type=text]').forEach((i) => { i.value = ''; });
}
