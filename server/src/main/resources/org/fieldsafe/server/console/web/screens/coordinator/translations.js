import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { t, ts } from '../../i18n.js';
import { api, call, problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import { currentStudy } from '../../studies.js';
import '../../error-summary.js';

const STATES = ['', 'draft', 'complete', 'reviewed'];

// Translations: coverage per form x language, and the translator round trip - download the CSV or XLIFF template of a
// form version in a language, upload the filled file, see every change (key, before, after) or the file's problems by
// line before anything is written, then apply: the very text that was previewed becomes a new draft version of the
// form, which is published under "Forms and versions". Texts are form texts (never answers), shown as text only.
class TranslationsScreen extends LightElement {
  static properties = { coverage: { state: true }, preview: { state: true }, errors: { state: true },
    message: { state: true }, busy: { state: true }, languages: { state: true } };

  constructor() {
    super();
    this.coverage = [];
    this.languages = {};
    this.preview = null;
    this.errors = [];
    this.message = null;
    this.busy = false;
  }

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  base() {
    return 'studies/' + encodeURIComponent(this.study.id) + '/translations';
  }

  async load() {
    try {
      this.study = await currentStudy();
      this.languages = this.study.languages || {};
      const outline = await api.get('studies/' + encodeURIComponent(this.study.id) + '/outline');
      this.masterLanguage = outline.masterLanguage;
      this.coverage = await api.get(this.base());
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  // The rows a template exists for: every study language but the master (its texts are the form's own).
  targets() {
    return this.coverage.filter((r) => this.isTranslation(r));
  }

  isTranslation(r) {
    return r.language !== this.masterLanguage;
  }

  templateHref(r, format) {
    return '/api/v1/' + this.base() + '/' + encodeURIComponent(r.formId) + '/versions/' + r.version + '/'
      + encodeURIComponent(r.language) + '?format=' + format;
  }

  target() {
    const value = this.querySelector('#translation-target').value;
    return this.coverage.find((r) => r.formId + '/' + r.version + '/' + r.language === value);
  }

  path(r, preview) {
    const state = this.querySelector('#translation-state').value;
    return this.base() + '/' + encodeURIComponent(r.formId) + '/versions/' + r.version + '/'
      + encodeURIComponent(r.language) + (preview ? '/preview' : '') + (state ? '?state=' + state : '');
  }

  refusal(err, fileName) {
    const list = err.problem && Array.isArray(err.problem.errors) ? err.problem.errors : null;
    if (list && list.length) {
      return list.map((p) => ({ field: 'translation-file',
        key: p.line > 0 ? 'coordinator.translations.problem' : 'coordinator.translations.problemNoLine',
        params: { file: p.file === 'upload' ? fileName : p.file, line: p.line, field: p.field || '-',
          message: p.message } }));
    }
    return [problemEntry(err, 'translation-file', hasText)];
  }

  async showChanges(e) {
    e.preventDefault();
    const input = this.querySelector('#translation-file');
    const file = input.files[0];
    const r = this.target();
    if (!file) {
      this.errors = [{ field: 'translation-file', key: 'coordinator.translations.chooseFile' }];
      return;
    }
    this.busy = true;
    this.message = null;
    this.preview = null;
    try {
      const text = await file.text();
      const contentType = /\.csv$/i.test(file.name) ? 'text/csv' : 'application/xliff+xml';
      const changes = await call('POST', this.path(r, true), { body: text, contentType });
      this.errors = [];
      // what is applied is exactly what was previewed: the same text, to the same base version and state
      this.preview = { changes, text, contentType, path: this.path(r, false), fileName: file.name, target: r };
      await this.updateComplete;
      this.querySelector('#translation-preview')?.focus();
    } catch (err) {
      this.errors = this.refusal(err, file.name);
    } finally {
      this.busy = false;
    }
  }

  async apply() {
    const p = this.preview;
    this.busy = true;
    try {
      const done = await call('POST', p.path, { body: p.text, contentType: p.contentType });
      this.errors = [];
      this.preview = null;
      this.message = done.sha256 !== p.changes.sha256
        ? t('coordinator.translations.differs')
        : t(done.stored.version === p.target.version ? 'coordinator.translations.unchanged'
          : 'coordinator.translations.applied', { form: done.stored.formId, version: done.stored.version });
      this.querySelector('#translation-file').value = '';
      await this.load();
      await this.updateComplete;
      this.querySelector('#translation-message')?.focus();
    } catch (err) {
      this.errors = this.refusal(err, p.fileName);
    } finally {
      this.busy = false;
    }
  }

  cancel() {
    this.preview = null;
    this.querySelector('#translation-file').value = '';
  }

  languageName(code) {
    return this.languages[code] ? code + ' (' + this.languages[code] + ')' : code;
  }

  coverageView() {
    return html`<div class="table-box"><table class="translation-coverage">
      <caption>${t('coordinator.translations.caption')}</caption>
      <thead><tr><th scope="col">${t('coordinator.translations.form')}</th>
        <th scope="col">${t('coordinator.translations.language')}</th>
        <th scope="col">${t('coordinator.translations.state')}</th>
        <th scope="col">${t('coordinator.translations.translated')}</th>
        <th scope="col">${t('coordinator.translations.template')}</th></tr></thead>
      <tbody>${this.coverage.map((r) => html`<tr data-form=${r.formId} data-language=${r.language}>
        <th scope="row">${t('coordinator.translations.formVersion', { form: r.formId, version: r.version })}
          <span class="hint">${t('coordinator.forms.state.' + r.formState)}</span></th>
        <td>${this.languageName(r.language)}</td>
        <td>${t('coordinator.translations.state.' + r.state)}<br><span class="hint">${
          t('coordinator.translations.interviews.' + r.interviews)}</span></td>
        <td class="translated">${t('coordinator.translations.count', { translated: r.translated, total: r.total })}
          ${r.translated < r.total ? html`<br><span class="fallback">${t('coordinator.translations.fallback',
            { n: r.total - r.translated })}</span>` : nothing}</td>
        <td>${this.isTranslation(r) ? html`<a download href=${this.templateHref(r, 'csv')}
            aria-label=${ts('coordinator.translations.downloadLabel', { format: 'CSV', form: r.formId, language: r.language })}
            >CSV</a> · <a download href=${this.templateHref(r, 'xliff')}
            aria-label=${ts('coordinator.translations.downloadLabel', { format: 'XLIFF', form: r.formId, language: r.language })}
            >XLIFF</a>` : t('coordinator.translations.master')}</td></tr>`)}</tbody>
    </table></div>`;
  }

  uploadView() {
    return html`<form @submit=${this.showChanges} class="translation-upload">
      <h2>${t('coordinator.translations.uploadTitle')}</h2>
      <p class="hint">${t('coordinator.translations.uploadHint')}</p>
      <div class="field"><label for="translation-target">${t('coordinator.translations.target')}</label>
        <select id="translation-target">${this.targets().map((r) => html`<option
          value=${r.formId + '/' + r.version + '/' + r.language}>${ts('coordinator.translations.formVersion',
            { form: r.formId, version: r.version }) + ' - ' + this.languageName(r.language)}</option>`)}</select></div>
      <div class="field"><label for="translation-state">${t('coordinator.translations.stateChoice')}</label>
        <select id="translation-state">${STATES.map((s) => html`<option value=${s}>${
          ts('coordinator.translations.stateChoice.' + (s || 'file'))}</option>`)}</select></div>
      <div class="field"><label for="translation-file">${t('coordinator.translations.file')}</label>
        <input id="translation-file" type="file" accept=".csv,.xlf,.xliff,.xml,text/csv,application/xliff+xml"></div>
      <button type="submit" ?disabled=${this.busy}>${t('coordinator.translations.preview')}</button>
    </form>`;
  }

  change(kind, c) {
    return html`<tr class=${'change-' + kind}><td>${t('coordinator.translations.kind.' + kind)}</td>
      <th scope="row"><code>${c.key}</code></th>
      <td>${c.before === null ? html`<span class="fallback">${t('coordinator.translations.none')}</span>` : c.before}</td>
      <td>${c.after === null ? html`<span class="fallback">${t('coordinator.translations.englishShown')}</span>`
        : c.after}</td></tr>`;
  }

  previewView() {
    const p = this.preview;
    const c = p.changes;
    const count = c.added.length + c.changed.length + c.removed.length;
    return html`<section id="translation-preview" tabindex="-1" class="notice" aria-labelledby="preview-title">
      <h2 id="preview-title">${t('coordinator.translations.previewTitle', { form: c.formId, version: c.baseVersion,
        language: this.languageName(c.language) })}</h2>
      <p>${t('coordinator.translations.previewSummary', { added: c.added.length, changed: c.changed.length,
        removed: c.removed.length, unchanged: c.unchanged })}</p>
      <p>${t('coordinator.translations.previewState', { before: ts('coordinator.translations.state.' + c.stateBefore),
        after: ts('coordinator.translations.state.' + c.stateAfter), translatedBefore: c.translatedBefore,
        translatedAfter: c.translatedAfter, total: c.total })}</p>
      ${count ? html`<div class="table-box"><table class="translation-changes">
        <caption>${t('coordinator.translations.changesCaption')}</caption>
        <thead><tr><th scope="col">${t('coordinator.translations.change')}</th>
          <th scope="col">${t('coordinator.translations.key')}</th>
          <th scope="col">${t('coordinator.translations.before')}</th>
          <th scope="col">${t('coordinator.translations.after')}</th></tr></thead>
        <tbody>${c.added.map((x) => this.change('added', x))}${c.changed.map((x) => this.change('changed', x))}${
          c.removed.map((x) => this.change('removed', x))}</tbody>
      </table></div>` : html`<p>${t('coordinator.translations.noChanges')}</p>`}
      <p class="hint">${t('coordinator.translations.applyHint')}</p>
      <button type="button" @click=${this.apply} ?disabled=${this.busy}>${t('coordinator.translations.apply')}</button>
      <button type="button" class="secondary" @click=${this.cancel}>${t('coordinator.translations.cancel')}</button>
    </section>`;
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('coordinator.translations.title')}</h1>
      ${this.message ? html`<p id="translation-message" tabindex="-1" role="status" class="notice">${this.message}</p>`
        : nothing}
      ${this.preview ? this.previewView() : nothing}
      <h2>${t('coordinator.translations.coverageTitle')}</h2>
      ${this.coverageView()}
      ${this.uploadView()}`;
  }
}
customElements.define('fs-coord-translations', TranslationsScreen);
