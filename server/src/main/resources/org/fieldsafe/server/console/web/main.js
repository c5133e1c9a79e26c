import { html, nothing } from 'lit';
import { LightElement } from './light-element.js';
import { api, setCsrf } from './api.js';
import { t, ts, langOf } from './i18n.js';
import { loadTexts } from './texts.js';
import { navigation, home, areas, resolve, href } from './router.js';
import './error-summary.js';
import './login-screen.js';
import './password-screen.js';

// The console's frame: the language, the session (login, the forced change of a one-time password, logout, expiry),
// the navigation of the role's screens (routes.js) and the current screen, loaded on first use. The server is the
// state: nothing is kept in browser storage; the address holds the screen and its ids only.
class Console extends LightElement {
  static properties = {
    session: { state: true }, screen: { state: true }, notice: { state: true }, lang: { state: true },
    textsState: { state: true }, languages: { state: true }, current: { state: true },
  };

  constructor() {
    super();
    this.session = null;
    this.screen = 'loading';
    this.notice = null;
    this.languages = {};
    this.textsState = 'complete';
    this.current = null;
    this.expiryTimer = null;
    const wanted = (navigator.language || 'en').split('-')[0];
    this.lang = ['en', 'bn', 'km', 'hi', 'ne', 'th', 'lhu'].includes(wanted) ? wanted : 'en';
  }

  connectedCallback() {
    super.connectedCallback();
    this.addEventListener('session', (e) => this.apply(e.detail.session, e.detail.notice));
    window.addEventListener('fs-session-ended', () => this.ended('shell.session.expired'));
    window.addEventListener('hashchange', () => {
      this.notice = null;
      this.route();
    });
    this.start();
  }

  async start() {
    await this.words(['shell']);
    try {
      await this.apply(await api.session(), null);
    } catch (err) {
      this.screen = err.status === 401 ? 'login' : 'broken';
    }
  }

  // The words of these areas in `lang`; the screens re-render when `lang` changes, so it changes only after them.
  async words(list, lang = this.lang) {
    const shell = await loadTexts(lang, list);
    this.lang = lang;
    this.textsState = shell.state;
    this.languages = shell.languages;
    document.documentElement.lang = langOf('shell.title');
    document.title = ts('shell.title');
  }

  // A session from the login, the password change or the server: the forced change first, else the role's screens.
  async apply(session, notice) {
    this.session = session;
    this.notice = notice;
    setCsrf(session.csrfToken);
    clearTimeout(this.expiryTimer);
    if (session.expiresAt) { // counted by the server's clock: the browser's may be off
      this.expiryTimer = setTimeout(() => this.ended('shell.session.expired'),
        Math.max(0, Math.min(session.expiresInSeconds * 1000, 2 ** 31 - 1)));
    }
    await this.words(areas(session.role));
    if (session.passwordChangeRequired) {
      this.screen = 'forced-password';
      return;
    }
    this.screen = 'shell';
    await this.route();
  }

  ended(notice) {
    if (!this.session && this.screen === 'login') {
      return;
    }
    clearTimeout(this.expiryTimer);
    setCsrf(null);
    this.session = null;
    this.current = null;
    this.notice = notice;
    this.screen = 'login';
  }

  async logout() {
    try {
      await api.logout();
    } catch (err) {
      // the session is gone either way
    }
    this.ended('shell.logout.done');
  }

  // The screen the address names, its module loaded first; the role's home screen when the address names none.
  async route() {
    if (!this.session || this.screen !== 'shell') {
      return;
    }
    if (!location.hash || location.hash === '#/' || location.hash === '#') {
      const first = home(this.session.role);
      if (first) {
        history.replaceState(null, '', href(first.path));
      }
    }
    const found = resolve(location.hash, this.session.role);
    if (!found) {
      this.current = { missing: true };
      return;
    }
    try {
      await import('/console/' + found.route.module);
      found.el = document.createElement(found.route.tag);
      this.current = found;
    } catch (err) {
      this.current = { broken: true };
    }
    await this.updateComplete;
    document.title = ts(found.route.title) + ' - ' + ts('shell.title');
    this.querySelector('main h1')?.focus();
  }

  async language(e) {
    e.preventDefault();
    await this.words(this.session ? areas(this.session.role) : ['shell'], e.target.elements.lang.value);
  }

  header() {
    return html`<a class="skip" href="#main" @click=${(e) => { e.preventDefault(); this.querySelector('#main')?.focus(); }}>${t('shell.skip')}</a>
      <header class="console-header">
        <p class="console-title">${t('shell.title')}</p>
        <form class="language" @submit=${this.language}>
          <label for="console-lang">${t('shell.language')}</label>
          <select id="console-lang" name="lang">${Object.entries(this.languages).map(([code, name]) => html`
            <option value=${code} lang=${code} ?selected=${code === this.lang}>${name}</option>`)}</select>
          <button type="submit" class="secondary">${t('shell.languageApply')}</button>
        </form>
        ${this.session ? html`<p class="who"><span class="user-name">${this.session.username}</span>
          (${t('shell.role.' + this.session.role)})</p>
          <button type="button" class="secondary" @click=${this.logout}>${t('shell.logout')}</button>` : nothing}
      </header>
      ${this.textsState === 'missing' ? html`<p class="banner fallback-banner">${t('shell.missingTexts')}</p>`
        : this.textsState === 'draft' ? html`<p class="banner">${t('shell.draftTexts')}</p>` : nothing}`;
  }

  nav() {
    if (this.screen !== 'shell') {
      return nothing;
    }
    const path = this.current?.route?.path;
    return html`<nav aria-label=${ts('shell.nav.label')} class="console-nav"><ul>
      ${navigation(this.session.role).map((r) => html`<li><a href=${href(r.path)}
        aria-current=${r.path === path ? 'page' : 'false'}>${t(r.title)}</a></li>`)}
    </ul></nav>`;
  }

  content() {
    switch (this.screen) {
      case 'loading': return html`<p>${t('shell.loading')}</p>`;
      case 'broken': return html`<h1 tabindex="-1">${t('shell.broken')}</h1>`;
      case 'login': return html`<fs-login-screen .notice=${this.notice} .uiLang=${this.lang}></fs-login-screen>`;
      case 'forced-password': return html`<fs-password-screen forced .session=${this.session} .uiLang=${this.lang}></fs-password-screen>`;
      default: return this.screenContent();
    }
  }

  screenContent() {
    const c = this.current;
    if (!c) {
      return nothing;
    }
    if (c.missing || c.broken) {
      return html`<h1 tabindex="-1">${t(c.missing ? 'shell.notFound' : 'shell.broken')}</h1>`;
    }
    const notice = this.notice ? html`<p class="notice" role="status">${t(this.notice)}</p>` : nothing;
    c.el.session = this.session;
    c.el.params = c.params;
    c.el.uiLang = this.lang;
    return html`${notice}<div class="screen" data-screen=${c.route.path}>${c.el}</div>`;
  }

  render() {
    return html`${this.header()}
      <div class="console-body">${this.nav()}
        <main id="main" tabindex="-1" lang=${langOf('shell.title')}>${this.content()}</main>
      </div>`;
  }
}
customElements.define('fs-console', Console);
