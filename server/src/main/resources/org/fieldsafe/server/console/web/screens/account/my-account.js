import { html } from 'lit';
import { LightElement } from '../../light-element.js';
import { t } from '../../i18n.js';
import { dateTime } from '../../dates.js';

// My account: who is logged in, the role, the sites, when the session ends, and the way to change the password.
// The example screen of docs/console.md: a custom element given session, params and uiLang by the frame.
class MyAccount extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object } };

  render() {
    const s = this.session;
    return html`<h1 tabindex="-1">${t('shell.account.title')}</h1>
      <dl class="summary">
        <div><dt>${t('shell.account.username')}</dt><dd class="user-name">${s.username}</dd></div>
        <div><dt>${t('shell.account.role')}</dt><dd>${t('shell.role.' + s.role)}</dd></div>
        <div><dt>${t('shell.account.sites')}</dt><dd>${s.sites && s.sites.length ? s.sites.join(', ')
          : t('shell.account.allSites')}</dd></div>
        <div><dt>${t('shell.account.sessionEnds')}</dt><dd>${dateTime(s.expiresAt, this.uiLang)}</dd></div>
      </dl>
      <p><a class="button" href="#/account/password">${t('shell.password.changeTitle')}</a></p>`;
  }
}
customElements.define('fs-my-account', MyAccount);
