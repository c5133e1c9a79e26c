import { html, nothing } from 'lit';
import { QuestionScreen } from './question-screen.js';
import { api } from './api.js';
import { t } from './i18n.js';
import { fieldError } from './error-summary.js';

// Changing one's own password: forced at the first login with a one-time password (nothing else opens until it is
// done), or chosen from "my account". The server checks the rules; the page only checks that the new one was typed
// the same twice. Success ends every other session and hands the fresh one to the frame.
class PasswordScreen extends QuestionScreen {
  static properties = { forced: { type: Boolean }, session: { type: Object } };

  constructor() {
    super();
    this.forced = false;
  }

  async submit(e) {
    e.preventDefault();
    const current = this.querySelector('#password-current').value;
    const fresh = this.querySelector('#password-new').value;
    const again = this.querySelector('#password-again').value;
    const errors = [];
    if (!current) {
      errors.push({ field: 'password-current', key: 'shell.password.currentEmpty' });
    }
    if (!fresh) {
      errors.push({ field: 'password-new', key: 'shell.password.newEmpty' });
    } else if (fresh !== again) {
      errors.push({ field: 'password-again', key: 'shell.password.mismatch' });
    }
    this.errors = errors;
    if (errors.length) {
      return;
    }
    await this.send(async () => {
      const session = await api.changePassword(current, fresh);
      if (!this.forced) { // back to the account, without a hashchange that would clear the notice
        history.replaceState(null, '', '#/account');
      }
      this.dispatchEvent(new CustomEvent('session', { bubbles: true,
        detail: { session, notice: 'shell.password.changed' } }));
    });
  }

  refusal(err) {
    if (err.type === 'current-password-wrong') {
      return { field: 'password-current', key: 'shell.password.currentWrong' };
    }
    if (err.type === 'password-too-weak') {
      return { field: 'password-new', key: 'shell.password.tooWeak', params: { min: 12 } };
    }
    return super.refusal(err);
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t(this.forced ? 'shell.password.forcedTitle' : 'shell.password.changeTitle')}</h1>
      ${this.forced ? html`<p class="hint">${t('shell.password.forcedHint')}</p>` : nothing}
      <form class="question" @submit=${this.submit} novalidate>
        <div class="field">
          <label for="password-current">${t(this.forced ? 'shell.password.oneTime' : 'shell.password.current')}</label>
          ${fieldError(this.errors, 'password-current')}
          <input id="password-current" type="password" autocomplete="current-password">
        </div>
        <div class="field">
          <label for="password-new">${t('shell.password.new')}</label>
          <p class="hint" id="password-new-hint">${t('shell.password.newHint', { min: 12 })}</p>
          ${fieldError(this.errors, 'password-new')}
          <input id="password-new" type="password" autocomplete="new-password" aria-describedby="password-new-hint">
        </div>
        <div class="field">
          <label for="password-again">${t('shell.password.again')}</label>
          ${fieldError(this.errors, 'password-again')}
          <input id="password-again" type="password" autocomplete="new-password">
        </div>
        <button type="submit" ?disabled=${this.busy}>${t('shell.password.submit')}</button>
      </form>`;
  }
}
customElements.define('fs-password-screen', PasswordScreen);
