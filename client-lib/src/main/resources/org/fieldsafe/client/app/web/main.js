import { html, nothing } from 'lit';
import { LightElement } from './light-element.js';
import { api } from './api.js';
import { setTexts, t, ts, langOf } from './i18n.js';
import './error-summary.js';
import './lock-screen.js';

// The first screen is the lock page (the app starts locked), and it needs only the modules above: the other screens
// (and the interview's modules and Lit's directives they import) are fetched once it is drawn, off its path. Until a
// screen's module has run, Lit keeps what it set on the element and hands it over at the upgrade.
let screens = null;
function loadScreens() {
  screens ??= Promise.all([import('./enrol-screen.js'), import('./job-screen.js'), import('./home-screen.js'),
    import('./status-screen.js'), import('./interview-screen.js')]);
  return screens;
}

const ESC_TWICE_MS = 1000;
const ACTIVITY_EVERY_MS = 30000;

// The field app's frame: the neutral public title (tab, window, header), the language, quick-hide (button and Esc
// pressed twice: blanks to the lock page at once and locks the local app), auto-lock after the study's idle minutes,
// and the current screen. Nothing is kept in the URL, history or browser storage: the local app is the state.
class FieldApp extends LightElement {
  static properties = { session: { state: true }, screen: { state: true } };

  constructor() {
    super();
    this.session = null;
    this.screen = 'loading';
    this.lastEsc = 0;
    this.lastInput = Date.now();
    this.lastActivitySent = 0;
    this.onKey = (e) => this.key(e);
    this.onInput = () => this.input();
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey, true);
    document.addEventListener('pointerdown', this.onInput, true);
    document.addEventListener('input', this.onInput, true);
    this.addEventListener('session', (e) => this.apply(e.detail));
    this.addEventListener('navigate', (e) => this.go(e.detail));
    this.addEventListener('locked', () => this.hide(false));
    this.idleTimer = setInterval(() => this.checkIdle(), 5000);
    this.load();
  }

  // Another screen; the session is read again, since a pull may have brought the study (its public title).
  async go(screen) {
    this.screen = screen;
    try {
      this.apply(await api.session());
    } catch (err) {
      this.hide(false);
    }
  }

  async load() {
    try {
      this.apply(await api.session());
    } catch (err) {
      this.screen = 'broken';
    }
    await this.updateComplete;
    loadScreens();
  }

  apply(session) {
    setTexts(session);
    this.session = session;
    document.documentElement.lang = langOf('home.title');
    document.title = session.publicTitle;
    if (!session.passphraseSet || session.locked) {
      this.screen = 'lock';
    } else if (!session.enrolled) {
      this.screen = 'enrol';
    } else if (this.screen === 'lock' || this.screen === 'loading' || this.screen === 'enrol') {
      this.screen = session.studyPulled ? 'home' : 'pull';
    }
    this.lastInput = Date.now();
  }

  key(e) {
    this.input();
    if (e.key !== 'Escape') {
      return;
    }
    const now = Date.now();
    if (now - this.lastEsc < ESC_TWICE_MS) {
      this.lastEsc = 0;
      this.hide(true);
    } else {
      this.lastEsc = now;
    }
  }

  input() {
    this.lastInput = Date.now();
    if (this.session && !this.session.locked && this.screen !== 'lock'
        && this.lastInput - this.lastActivitySent > ACTIVITY_EVERY_MS) {
      this.lastActivitySent = this.lastInput;
      api.activity().catch((err) => { if (err.status === 423) this.hide(false); });
    }
  }

  checkIdle() {
    if (this.session && this.screen !== 'lock'
        && Date.now() - this.lastInput >= this.session.autoLockMinutes * 60000) {
      this.hide(true);
    }
  }

  // Quick-hide and locking: the screen is replaced by the lock page in this same task, then the app is told.
  hide(tellApp) {
    if (!this.session) {
      return;
    }
    this.session = { ...this.session, locked: true };
    this.screen = 'lock';
    this.performUpdate();
    document.title = this.session.publicTitle;
    if (tellApp) {
      api.lock().catch(() => {});
    }
  }

  async language(e) {
    e.preventDefault();
    try {
      this.apply(await api.language(e.target.elements.lang.value));
    } catch (err) {
      this.screen = 'broken';
    }
  }

  header() {
    const s = this.session;
    const unlocked = !s.locked && s.passphraseSet;
    return html`<a class="skip" href="#main" @click=${(e) => { e.preventDefault(); this.querySelector('#main')?.focus(); }}>${t('app.skip')}</a>
      <header class="app-header">
        <p class="app-title" lang=${s.publicTitleLang}>${s.publicTitle}</p>
        <form class="language" @submit=${this.language}>
          <label for="lang">${t('app.language')}</label>
          <select id="lang" name="lang">${Object.entries(s.languages).map(([code, name]) => html`
            <option value=${code} lang=${code} ?selected=${code === s.lang}>${name}</option>`)}</select>
          <button type="submit" class="secondary">${t('app.languageApply')}</button>
        </form>
        <button type="button" class="quick-hide" title=${ts('app.quickHideHint')} @click=${() => this.hide(true)}>${t('app.quickHide')}</button>
      </header>
      ${unlocked && s.enrolled ? html`<nav aria-label=${ts('app.nav.home')}><ul>
        ${['home', 'interview', 'pull', 'sync', 'status'].map((n) => html`<li><button type="button" class="nav"
          aria-current=${this.screen === n ? 'page' : 'false'}
          @click=${() => this.go(n)}>${t('app.nav.' + n)}</button></li>`)}
        <li><button type="button" class="nav" @click=${() => this.hide(true)}>${t('app.nav.lock')}</button></li>
      </ul></nav>` : nothing}
      ${s.textsState === 'missing' ? html`<p class="banner fallback-banner" lang=${langOf('app.missingTexts')}>${ts('app.missingTexts')}</p>`
        : s.textsState === 'draft' ? html`<p class="banner">${t('app.draftTexts')}</p>` : nothing}`;
  }

  screenContent() {
    switch (this.screen) {
      case 'lock': return html`<fs-lock-screen .session=${this.session} .uiLang=${this.session.lang}></fs-lock-screen>`;
      case 'enrol': return html`<fs-enrol-screen .uiLang=${this.session.lang}></fs-enrol-screen>`;
      case 'pull': return html`<fs-job-screen kind="pull" .uiLang=${this.session.lang}></fs-job-screen>`;
      case 'sync': return html`<fs-job-screen kind="sync" .uiLang=${this.session.lang}></fs-job-screen>`;
      case 'status': return html`<fs-status-screen .uiLang=${this.session.lang}></fs-status-screen>`;
      case 'interview': return html`<fs-interview-screen .uiLang=${this.session.lang} .languages=${this.session.languages}></fs-interview-screen>`;
      case 'home': return html`<fs-home-screen .session=${this.session} .uiLang=${this.session.lang}></fs-home-screen>`;
      default: return nothing;
    }
  }

  render() {
    if (!this.session) {
      return nothing;
    }
    return html`${this.header()}
      <main id="main" tabindex="-1" lang=${langOf('home.title')}>${this.screen === 'lock'
        ? html`<fs-lock-screen .session=${this.session} .uiLang=${this.session.lang}></fs-lock-screen>`
        : html`<div class="screen" data-screen=${this.screen}>${this.screenContent()}</div>`}</main>`;
  }
}
customElements.define('fs-app', FieldApp);
