import { html, nothing } from 'lit';
import { QuestionScreen } from './question-screen.js';
import { api } from './api.js';
import { t } from './i18n.js';
import { fieldError } from './error-summary.js';

// Sign in (GOV.UK question page): user name and password, an error summary linking to the fields, the login rate
// limit's wait in words. Success hands the session to the frame ('session' event); the token stays in the cookie.
class LoginScreen extends QuestionScreen {
  static properties = { notice: { type: String } };

  async submit(e) {
    e.preventDefault();
    const username = this.querySelector('#login-username').value.trim();
    const password = this.querySelector('#login-password').value;
    const errors = [];
    if (!username) {
      errors.push({ field: 'login-username', key: 'shell.login.usernameEmpty' });
    }
    if (!password) {
      errors.push({ field: 'login-password', key: 'shell.login.passwordEmpty' });
    }
    this.errors = errors;
    if (errors.length) {
      return;
    }
    await this.send(async () => {
      const session = await api.login(username, password);
      this.dispatchEvent(new CustomEvent('session', { bubbles: true, detail: { session, notice: null } }));
    });
  }

  refusal(err) {
    if (err.status === 401) {
      return { field: 'login-username', key: 'shell.login.failed' };
    }
    if (err.status === 503) {
      return { field: null, key: 'shell.login.busy' };
    }
    return super.refusal(err);
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      ${this.notice ? html`<p class="notice" role="status">${t(this.notice)}</p>` : nothing}
      <h1 tabindex="-1">${t('shell.login.title')}</h1>
      <form class="question" @submit=${this.submit} novalidate>
        <div class="field">
          <label for="login-username">${t('shell.login.username')}</label>
          ${fieldError(this.errors, 'login-username')}
          <input id="login-username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false">
        </div>
        <div class="field">
          <label for="login-password">${t('shell.login.password')}</label>
          ${fieldError(this.errors, 'login-password')}
          <input id="login-password" name="password" type="password" autocomplete="current-password">
        </div>
        <button type="submit" ?disabled=${this.busy}>${t('shell.login.submit')}</button>
      </form>`;
  }
}
customElements.define('fs-login-screen', LoginScreen);
