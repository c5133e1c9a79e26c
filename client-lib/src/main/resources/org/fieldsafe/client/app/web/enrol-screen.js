import { html } from 'lit';
import { LightElement } from './light-element.js';
import { api } from './api.js';
import { t, ts } from './i18n.js';
import { fieldError } from './error-summary.js';

// Enrol: the server address and the one-time code from the coordinator (GOV.UK question page).
class EnrolScreen extends LightElement {
  static properties = { errors: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.errors = [];
    this.busy = false;
  }

  async submit(e) {
    e.preventDefault();
    const server = e.target.elements.server.value.trim();
    const code = e.target.elements.code.value.trim();
    const errors = [];
    if (!server) {
      errors.push({ field: 'server', key: 'enrol.serverEmpty' });
    }
    if (!code) {
      errors.push({ field: 'code', key: 'enrol.codeEmpty' });
    }
    this.errors = errors;
    if (errors.length) {
      return;
    }
    this.busy = true;
    try {
      const session = await api.enrol(server, code);
      this.dispatchEvent(new CustomEvent('session', { detail: session, bubbles: true }));
      this.dispatchEvent(new CustomEvent('navigate', { detail: 'pull', bubbles: true }));
    } catch (err) {
      const field = err.key === 'error.server-invalid' || err.key === 'error.network' ? 'server' : 'code';
      this.errors = [{ field, key: err.key, detail: err.detail }];
    } finally {
      this.busy = false;
    }
  }

  field(id, type) {
    const error = this.errors.some((x) => x.field === id);
    return html`<div class="field ${error ? 'field-error' : ''}">
      <label for=${id}>${t('enrol.' + id)}</label>
      <p class="hint" id=${id + '-hint'}>${t('enrol.' + id + 'Hint')}</p>
      ${fieldError(this.errors, id)}
      <input id=${id} name=${id} type=${type} autocomplete="off" spellcheck="false"
        aria-describedby=${id + '-hint' + (error ? ' ' + id + '-error' : '')}>
    </div>`;
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1>${t('enrol.title')}</h1>
      <p class="hint">${t('enrol.hint')}</p>
      <form @submit=${this.submit} novalidate>
        ${this.field('server', 'url')}
        ${this.field('code', 'text')}
        <button type="submit" class="primary" ?disabled=${this.busy}>${t('enrol.submit')}</button>
        <p class="sr-only" aria-live="polite">${this.busy ? ts('job.running') : ''}</p>
      </form>`;
  }
}
customElements.define('fs-enrol-screen', EnrolScreen);
