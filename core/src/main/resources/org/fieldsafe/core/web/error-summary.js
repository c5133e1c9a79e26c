import { html, nothing } from 'lit';
import { LightElement } from './light-element.js';
import { t } from './i18n.js';

// GOV.UK error summary: at the top of the page, focused when it appears, each error a link to its field.
// Each error: {field: id of the control or null, key: message key, params: the key's {placeholders} or none,
// detail: extra words from the app or server (English) or null}.
class ErrorSummary extends LightElement {
  static properties = { errors: { type: Array } };

  constructor() {
    super();
    this.errors = [];
  }

  updated(changed) {
    if (changed.has('errors') && this.errors.length) {
      this.querySelector('.error-summary')?.focus();
    }
  }

  focusField(e, field) {
    e.preventDefault();
    document.getElementById(field)?.focus();
  }

  render() {
    if (!this.errors.length) {
      return nothing;
    }
    return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title">${t('errors.title')}</h2>
      <ul>${this.errors.map((e) => html`<li>${e.field
        ? html`<a href=${'#' + e.field} @click=${(ev) => this.focusField(ev, e.field)}>${t(e.key, e.params)}</a>`
        : t(e.key, e.params)}${e.detail ? html` <span class="detail" lang="en">(${e.detail})</span>` : nothing}</li>`)}</ul>
    </div>`;
  }
}
customElements.define('fs-error-summary', ErrorSummary);

/** The message of a field's error, shown above the control (GOV.UK), or nothing. */
export function fieldError(errors, field) {
  const e = errors.find((x) => x.field === field);
  return e ? html`<p class="error-message" id=${field + '-error'}>${t(e.key, e.params)}</p>` : nothing;
}
