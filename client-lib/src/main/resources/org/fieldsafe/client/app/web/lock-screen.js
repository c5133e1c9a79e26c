import { html } from 'lit';
import { LightElement } from './light-element.js';
import { api } from './api.js';
import { t, ts } from './i18n.js';
import { fieldError } from './error-summary.js';

// The neutral lock page: choose the app passphrase at first start, else unlock with it. Shows nothing of the study
// but its public title.
class LockScreen extends LightElement {
  static properties = { session: { type: Object }, errors: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.errors = [];
    this.busy = false;
  }

  firstUpdated() {
    this.querySelector('input')?.focus();
  }

  async submit(e) {
    e.preventDefault();
    const form = e.target;
    const passphrase = form.elements.passphrase.value;
    if (!passphrase) {
      this.errors = [{ field: 'passphrase', key: 'lock.empty' }];
      return;
    }
    this.busy = true;
    try {
      const session = this.session.passphraseSet
        ? await api.unlock(passphrase)
        : await api.setPassphrase(passphrase, form.elements.again.value);
      form.reset();
      this.errors = [];
      this.dispatchEvent(new CustomEvent('session', { detail: session, bubbles: true }));
    } catch (err) {
      form.elements.passphrase.value = '';
      if (form.elements.again) {
        form.elements.again.value = '';
      }
      this.errors = [{ field: 'passphrase', key: err.key }];
    } finally {
      this.busy = false;
    }
  }

  render() {
    const setting = !this.session.passphraseSet;
    const described = (id, hint) => [hint, this.errors.some((x) => x.field === id) ? id + '-error' : '']
      .filter(Boolean).join(' ');
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1>${t(setting ? 'lock.setTitle' : 'lock.title')}</h1>
      <form @submit=${this.submit} novalidate>
        <div class="field ${this.errors.length ? 'field-error' : ''}">
          <label for="passphrase">${t('lock.passphrase')}</label>
          <p class="hint" id="passphrase-hint">${t(setting ? 'lock.setHint' : 'lock.hint')}</p>
          ${fieldError(this.errors, 'passphrase')}
          <input id="passphrase" name="passphrase" type="password" autocomplete="off" spellcheck="false"
            aria-describedby=${described('passphrase', 'passphrase-hint')}>
        </div>
        ${setting ? html`<div class="field">
          <label for="again">${t('lock.again')}</label>
          <input id="again" name="again" type="password" autocomplete="off" spellcheck="false">
        </div>` : ''}
        <button type="submit" class="primary" ?disabled=${this.busy}>${t(setting ? 'lock.set' : 'lock.unlock')}</button>
      </form>
      <p class="sr-only" aria-live="polite">${this.busy ? ts('job.running') : ''}</p>`;
  }
}
customElements.define('fs-lock-screen', LockScreen);
