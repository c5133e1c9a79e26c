import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { api, problemEntry } from '../../api.js';
import { t, ts } from '../../i18n.js';
import { hasText } from '../../texts.js';
import { fieldError } from '../../error-summary.js';
import { href } from '../../router.js';
import { currentStudy as study } from '../../studies.js';
import { when, refusal } from '../officer/shared.js';

// The data manager's exports: start one (formats, codebook language, sites, dates, a k at least the study's - the
// server refuses a looser one -, the research key's passphrase, which goes only into the POST body and is emptied
// from its field at once), and the list of their own exports with their state. A started export opens its page.
// With QDPX among the formats the recordings may be asked for (audio): the page says before the start whether the
// person holds a principal investigator's live audio grant (the options' audioGrant) and, when not, what to ask for.
class Exports extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, options: { state: true },
    jobs: { state: true }, errors: { state: true }, busy: { state: true }, qdpx: { state: true } };

  constructor() {
    super();
    this.options = null;
    this.jobs = [];
    this.errors = [];
    this.busy = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      const s = await study();
      this.options = s ? await api.get(`studies/${encodeURIComponent(s.id)}/exports/options`) : null;
      this.qdpx = this.options ? this.options.defaultFormats.includes('qdpx') : false;
      this.jobs = await api.get('exports');
    } catch (err) {
      this.errors = refusal(err);
    }
  }

  async start(e) {
    e.preventDefault();
    const f = e.target.elements;
    const checked = (name) => [...this.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);
    const passphrase = f.passphrase.value;
    f.passphrase.value = '';
    const body = { passphrase, formats: checked('formats'), language: f.language.value,
      filter: { sites: checked('sites'), forms: [], from: f.from.value || null, to: f.to.value || null } };
    if (f.k.value !== '') {
      body.k = Number(f.k.value);
    }
    if (body.formats.includes('qdpx') && f.audio && f.audio.checked) {
      body.audio = true;
    }
    this.busy = true;
    try {
      const job = await api.post(`studies/${encodeURIComponent(this.options.study)}/exports`, body);
      location.hash = href('data/exports/:id', { id: job.id });
    } catch (err) {
      this.errors = err.type === 'audio-grant-missing' ? [problemEntry(err, 'export-audio', hasText)]
        : refusal(err, { audio: 'export-audio', passphrase: 'export-passphrase', formats: 'export-format-' + this.options.formats[0],
        language: 'export-language', 'filter.sites': 'export-site-' + this.options.sites[0], 'filter.from': 'export-from',
        'filter.to': 'export-to', k: 'export-k' });
    } finally {
      this.busy = false;
    }
  }

  form(o) {
    return html`<form class="export-form" novalidate @submit=${(e) => this.start(e)}>
      <h2>${t('data.exports.start')}</h2>
      <fieldset class="field" id="export-formats">${fieldError(this.errors, 'export-format-' + o.formats[0])}
        <legend>${t('data.exports.formats')}</legend>
        ${o.formats.map((f) => html`<div><input type="checkbox" id=${'export-format-' + f} name="formats" value=${f}
          ?checked=${o.defaultFormats.includes(f)} @change=${f === 'qdpx' ? (e) => { this.qdpx = e.target.checked; } : null}>
          <label for=${'export-format-' + f}>${t('data.format.' + f)}</label></div>`)}
      </fieldset>
      ${this.qdpx ? this.audio(o) : nothing}
      <div class="field">${fieldError(this.errors, 'export-language')}<label for="export-language">${t('data.exports.language')}</label>
        <select id="export-language" name="language">${o.languages.map((l) => html`<option value=${l} ?selected=${l === o.masterLanguage}>${l}</option>`)}</select></div>
      <fieldset class="field">${fieldError(this.errors, 'export-site-' + o.sites[0])}
        <legend>${t('data.exports.sites')}</legend><p class="hint">${t('data.exports.sitesHint')}</p>
        ${o.sites.map((s) => html`<div><input type="checkbox" id=${'export-site-' + s} name="sites" value=${s}>
          <label for=${'export-site-' + s}>${s}</label></div>`)}
      </fieldset>
      <div class="field">${fieldError(this.errors, 'export-from')}<label for="export-from">${t('data.exports.from')}</label>
        <input id="export-from" name="from" type="date"></div>
      <div class="field">${fieldError(this.errors, 'export-to')}<label for="export-to">${t('data.exports.to')}</label>
        <input id="export-to" name="to" type="date"></div>
      <div class="field">${fieldError(this.errors, 'export-k')}<label for="export-k">${t('data.exports.k')}</label>
        <p class="hint" id="export-k-hint">${t('data.exports.kHint', { k: o.k, max: o.maxK })}</p>
        <input id="export-k" name="k" type="number" min=${o.k} max=${o.maxK} step="1" aria-describedby="export-k-hint"></div>
      <div class="field">${fieldError(this.errors, 'export-passphrase')}<label for="export-passphrase">${t('data.exports.passphrase')}</label>
        <p class="hint">${t('data.exports.passphraseHint')}</p>
        <input id="export-passphrase" name="passphrase" type="password" autocomplete="off"></div>
      <button type="submit" ?disabled=${this.busy}>${ts('data.exports.submit')}</button>
    </form>`;
  }

  /** The recordings choice, offered with QDPX only: whether the person holds a live audio grant, in words. */
  audio(o) {
    const g = o.audioGrant;
    const refused = this.errors.some((e) => e.field === 'export-audio');
    return html`<div class="field checkbox export-audio">${refused // what to do here; the summary says why
      ? html`<p class="error-message" id="export-audio-error">${t('data.exports.audioUntick')}</p>` : nothing}
        <input type="checkbox" id="export-audio" name="audio" aria-describedby="export-audio-hint">
        <label for="export-audio">${t('data.exports.audio')}</label>
        <p class="hint" id="export-audio-hint">${g
          ? t('data.exports.audioGranted', { by: g.grantedBy, when: when(g.expiresAt, this.uiLang) })
          : t('data.exports.audioNoGrant')}</p>
        <p class="hint">${t('data.exports.audioHint')}</p>
      </div>`;
  }

  list() {
    if (!this.jobs.length) {
      return html`<p>${t('data.exports.none')}</p>`;
    }
    return html`<div class="table-box"><table class="export-list"><caption>${t('data.exports.mine')}</caption>
      <thead><tr><th scope="col">${t('data.exports.started')}</th><th scope="col">${t('data.exports.state')}</th>
        <th scope="col">${t('data.exports.expires')}</th></tr></thead>
      <tbody>${this.jobs.map((j) => html`<tr><td><a href=${href('data/exports/:id', { id: j.id })}>${when(j.createdAt, this.uiLang)}</a></td>
        <td>${t('data.state.' + j.state)}</td><td>${when(j.expiresAt, this.uiLang)}</td></tr>`)}</tbody></table></div>`;
  }

  render() {
    return html`<h1 tabindex="-1">${t('data.exports.title')}</h1>
      <fs-error-summary .errors=${this.errors}></fs-error-summary>
      ${this.options ? this.form(this.options) : html`<p>${t('shell.loading')}</p>`}
      <h2>${t('data.exports.mine')}</h2>${this.list()}`;
  }
}
customElements.define('fs-data-exports', Exports);
