import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { api, problemEntry } from '../../api.js';
import { t, tn, ts } from '../../i18n.js';
import { hasText } from '../../texts.js';
import { dateTime } from '../../dates.js';
import '../../error-summary.js';
import { currentStudy as study } from '../../studies.js';

const AUTOSAVE_MS = 2000;
const RATES = [0.5, 0.75, 1, 1.25, 1.5];

/** Seconds as mm:ss (hh:mm:ss from an hour). */
export function mark(seconds) {
  const s = Math.max(0, Math.floor(seconds || 0));
  const two = (n) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h ? `${h}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}

// The transcription desk: one submission's transcript (the interview's language) or translation (another), in one
// language. The recording is unlocked with the transcriber's key passphrase (a server-side unlock: the audio element
// streams it decrypted, no-store, from a short-lived ticket of this session); the player's keys are Alt
// combinations so that typing letters in the text never fires them; a time mark [mm:ss] goes in at the cursor;
// drafts save themselves through the API (sealed on the server, never in the browser's storage); saving runs the
// redaction scanner and shows what it suggests; "done" fixes the version; a second transcriber checks a done one.
class TranscriberDesk extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, errors: { state: true },
    versions: { state: true }, text: { state: true }, audioSrc: { state: true }, savedAt: { state: true },
    status: { state: true }, version: { state: true }, author: { state: true }, suggestions: { state: true },
    rate: { state: true }, opened: { state: true }, busy: { state: true }, note: { state: true } };

  constructor() {
    super();
    this.errors = [];
    this.versions = null;
    this.text = '';
    this.audioSrc = null;
    this.savedAt = null;
    this.status = 'none';
    this.version = null;
    this.author = null;
    this.suggestions = null;
    this.rate = 1;
    this.opened = false;
    this.busy = false;
    this.note = '';
    this.timer = null;
    this.onKey = (e) => this.key(e);
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
    this.load();
  }

  disconnectedCallback() {
    document.removeEventListener('keydown', this.onKey);
    clearTimeout(this.timer);
    this.text = '';
    this.audioSrc = null;
    super.disconnectedCallback();
  }

  get base() {
    const p = this.params || {};
    return `submissions/${encodeURIComponent(p.submission)}/transcripts/${encodeURIComponent(p.kind)}/${encodeURIComponent(p.language)}`;
  }

  refuse(err, field = null) {
    this.errors = [problemEntry(err, field, hasText)];
  }

  async load() {
    try {
      const s = await study();
      this.studyId = s ? s.id : null;
      const all = await api.get(`submissions/${encodeURIComponent(this.params.submission)}/transcripts`);
      this.versions = all.filter((v) => v.kind === this.params.kind && v.language === this.params.language)
        .sort((a, b) => a.version - b.version);
      const latest = this.versions[this.versions.length - 1];
      if (latest) {
        this.version = latest.version;
        this.status = latest.status;
        this.author = latest.author;
      }
    } catch (err) {
      this.versions = [];
      this.refuse(err);
    }
  }

  get latest() {
    return this.versions && this.versions.length ? this.versions[this.versions.length - 1] : null;
  }

  get mine() {
    return !this.latest || (this.latest.author === this.session.username && this.latest.status === 'draft');
  }

  async unlock(e) {
    e.preventDefault();
    const field = this.querySelector('#desk-passphrase');
    const passphrase = field.value;
    field.value = '';
    if (!passphrase) {
      this.errors = [{ field: 'desk-passphrase', key: 'transcriber.error.passphrase' }];
      return;
    }
    this.busy = true;
    try {
      const listen = `submissions/${encodeURIComponent(this.params.submission)}/attachments/recording/listen`;
      try {
        const ticket = await api.post(listen, { passphrase });
        this.audioSrc = `/api/v1/${listen}/${encodeURIComponent(ticket.ticket)}`;
      } catch (err) {
        if (err.status !== 404) {
          throw err;
        }
        this.audioSrc = null; // typed answers only: no recording to play
      }
      const latest = this.latest;
      if (latest) {
        const opened = await api.post(`${this.base}/${latest.version}/open`, { passphrase });
        this.text = opened.text;
      }
      this.opened = true;
      this.errors = [];
      await this.updateComplete;
      const area = this.querySelector('#desk-text');
      if (area) {
        area.focus();
      }
    } catch (err) {
      this.refuse(err, 'desk-passphrase');
    } finally {
      this.busy = false;
    }
  }

  get audio() {
    return this.querySelector('audio');
  }

  // Alt + P play/pause, Alt + B back 5 s, Alt + S slower, Alt + U faster (speed up), Alt + M a time mark at the
  // cursor; none of them is one of Chromium's own Alt keys (Alt + F and Alt + E open its menu, Alt + D the address)
  key(e) {
    if (!e.altKey || e.ctrlKey || e.metaKey || !this.opened) {
      return;
    }
    const actions = { KeyP: () => this.playPause(), KeyB: () => this.back(), KeyS: () => this.speed(-1),
      KeyU: () => this.speed(1), KeyM: () => this.insertMark() };
    const action = actions[e.code];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  playPause() {
    const a = this.audio;
    if (a) {
      if (a.paused) {
        a.play().catch(() => {});
      } else {
        a.pause();
      }
    }
  }

  back() {
    const a = this.audio;
    if (a) {
      a.currentTime = Math.max(0, a.currentTime - 5);
    }
  }

  speed(step) {
    const i = Math.min(RATES.length - 1, Math.max(0, RATES.indexOf(this.rate) + step));
    this.rate = RATES[i];
    if (this.audio) {
      this.audio.playbackRate = this.rate;
    }
    this.note = ''; // the speed line itself says the new speed (aria-live)
  }

  insertMark() {
    const area = this.querySelector('#desk-text');
    const a = this.audio;
    if (!area) {
      return;
    }
    const stamp = `[${mark(a ? a.currentTime : 0)}] `;
    const at = area.selectionStart ?? area.value.length;
    const end = area.selectionEnd ?? at;
    area.value = area.value.slice(0, at) + stamp + area.value.slice(end);
    area.selectionStart = area.selectionEnd = at + stamp.length;
    area.focus();
    this.typed(area.value);
  }

  typed(value) {
    this.text = value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save('draft', false), AUTOSAVE_MS);
  }

  async save(status, scan) {
    clearTimeout(this.timer);
    if (!this.mine && status === 'draft' && this.latest && this.latest.author !== this.session.username
        && this.latest.status === 'draft') {
      return;
    }
    const text = this.text;
    try {
      const saved = await api.put(this.base, { text, status, basedOn: this.version });
      this.version = saved.version;
      this.status = saved.status;
      this.author = this.session.username;
      this.savedAt = new Date().toISOString();
      this.errors = [];
      if (status !== 'draft') {
        await this.load();
      }
      if (scan) {
        await this.scan(text);
      }
    } catch (err) {
      this.refuse(err, 'desk-text');
    }
  }

  async scan(text) {
    if (!this.studyId) {
      return;
    }
    try {
      const result = await api.post(`studies/${encodeURIComponent(this.studyId)}/redaction/scan`, { text });
      this.suggestions = result.findings;
    } catch (err) {
      this.refuse(err);
    }
  }

  async check() {
    try {
      await api.post(`${this.base}/${this.latest.version}/check`, {});
      this.note = t('transcriber.desk.checkedNow');
      await this.load();
    } catch (err) {
      this.refuse(err);
    }
  }

  keysHelp() {
    return html`<section class="desk-keys" aria-labelledby="desk-keys-title">
      <h2 id="desk-keys-title">${t('transcriber.keys.title')}</h2>
      <p class="hint">${t('transcriber.keys.why')}</p>
      <dl class="keys">
        <dt><kbd>Alt</kbd> + <kbd>P</kbd></dt><dd>${t('transcriber.keys.play')}</dd>
        <dt><kbd>Alt</kbd> + <kbd>B</kbd></dt><dd>${t('transcriber.keys.back')}</dd>
        <dt><kbd>Alt</kbd> + <kbd>S</kbd></dt><dd>${t('transcriber.keys.slower')}</dd>
        <dt><kbd>Alt</kbd> + <kbd>U</kbd></dt><dd>${t('transcriber.keys.faster')}</dd>
        <dt><kbd>Alt</kbd> + <kbd>M</kbd></dt><dd>${t('transcriber.keys.mark')}</dd>
      </dl></section>`;
  }

  unlockForm() {
    return html`<form class="desk-unlock" @submit=${(e) => this.unlock(e)}>
      <label for="desk-passphrase">${t('transcriber.desk.passphrase')}</label>
      <p class="hint" id="desk-passphrase-hint">${t('transcriber.desk.passphraseHint')}</p>
      <input id="desk-passphrase" type="password" autocomplete="off" aria-describedby="desk-passphrase-hint">
      <button type="submit" ?disabled=${this.busy}>${ts('transcriber.desk.unlock')}</button>
    </form>`;
  }

  suggestionsList() {
    if (this.suggestions === null) {
      return nothing;
    }
    return html`<section class="desk-suggestions" aria-live="polite">
      <h2>${t('transcriber.scan.title')}</h2>
      ${this.suggestions.length ? html`<p>${tn('transcriber.scan.some', this.suggestions.length)}</p>
        <ul>${this.suggestions.map((f) => html`<li data-kind=${f.kind}>${t('transcriber.scan.kind.' + f.kind)}:
          <q>${f.text}</q> &rarr; <code>${f.replacement}</code></li>`)}</ul>`
        : html`<p>${t('transcriber.scan.none')}</p>`}</section>`;
  }

  workArea() {
    const latest = this.latest;
    const checkable = latest && latest.status === 'done' && latest.author !== this.session.username;
    const writable = this.mine || (latest && latest.status !== 'draft');
    return html`
      <div class="desk-player">
        ${this.audioSrc ? html`<audio controls preload="auto" src=${this.audioSrc} aria-label=${t('transcriber.desk.player')}></audio>`
          : html`<p>${t('transcriber.desk.noRecording')}</p>`}
        <p class="hint desk-speed" aria-live="polite">${t('transcriber.desk.speed', { rate: String(this.rate) })} ${this.note}</p>
      </div>
      <p><label for="desk-text">${t('transcriber.desk.text', { language: this.params.language })}</label></p>
      <textarea id="desk-text" rows="12" cols="90" lang=${this.params.language} .value=${this.text} ?readonly=${!writable}
        @input=${(e) => this.typed(e.target.value)}></textarea>
      <p class="hint desk-saved" role="status">${this.savedAt ? t('transcriber.desk.saved', { time: dateTime(this.savedAt, this.uiLang) }) : t('transcriber.desk.notSaved')}</p>
      <p class="actions">
        ${writable ? html`<button type="button" class="secondary" @click=${() => this.save('draft', true)}>${ts('transcriber.desk.save')}</button>
        <button type="button" @click=${() => this.save('done', true)}>${ts('transcriber.desk.done')}</button>` : nothing}
        ${checkable ? html`<button type="button" @click=${() => this.check()}>${ts('transcriber.desk.check')}</button>` : nothing}
      </p>
      ${this.suggestionsList()}`;
  }

  render() {
    const p = this.params || {};
    const latest = this.latest;
    return html`<h1 tabindex="-1">${t('transcriber.desk.title')}</h1>
      <fs-error-summary .errors=${this.errors}></fs-error-summary>
      <p class="desk-what">${t('transcriber.kind.' + p.kind)} (${p.language}),
        ${t('transcriber.queue.submission')} ${String(p.submission || '').substring(0, 8)}:
        <strong class="status status-${latest ? latest.status : 'none'}">${t('transcriber.status.' + (latest ? latest.status : 'none'))}</strong>
        ${latest ? html`${t('transcriber.queue.version', { n: latest.version })}, ${t('transcriber.desk.by', { author: latest.author })}${latest.checker ? html`, ${t('transcriber.desk.checkedBy', { checker: latest.checker })}` : nothing}` : nothing}</p>
      ${this.versions === null ? html`<p>${t('shell.loading')}</p>`
        : html`${this.opened ? this.workArea() : this.unlockForm()}${this.keysHelp()}`}`;
  }
}
customElements.define('fs-transcriber-desk', TranscriberDesk);
