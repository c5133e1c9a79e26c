import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { t } from '../../i18n.js';
import { api, call, problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import { currentStudy } from '../../studies.js';
import '../../error-summary.js';

// Forms and versions: every stored version with its state and languages; upload a form file (YAML) as a draft -
// a file that does not validate lists each problem by file, line and field in the error summary - publish, retire.
class FormsScreen extends LightElement {
  static properties = { versions: { state: true }, errors: { state: true }, message: { state: true },
    busy: { state: true } };

  constructor() {
    super();
    this.versions = [];
    this.errors = [];
    this.message = null;
    this.busy = false;
  }

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  async load() {
    try {
      this.study = await currentStudy();
      this.versions = await api.get('studies/' + encodeURIComponent(this.study.id) + '/forms');
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  async upload(e) {
    e.preventDefault();
    const input = this.querySelector('#form-file');
    const file = input.files[0];
    if (!file) {
      this.errors = [{ field: 'form-file', key: 'coordinator.forms.chooseFile' }];
      return;
    }
    this.busy = true;
    this.message = null;
    try {
      const text = await file.text();
      const v = await call('POST', 'studies/' + encodeURIComponent(this.study.id) + '/forms',
        { body: text, contentType: 'application/yaml' });
      this.errors = [];
      this.message = t('coordinator.forms.uploaded', { form: v.formId, version: v.version });
      input.value = '';
      await this.load();
    } catch (err) {
      const list = err.problem && Array.isArray(err.problem.errors) ? err.problem.errors : null;
      this.errors = list && list.length
        ? list.map((p) => ({ field: 'form-file', key: 'coordinator.forms.problem',
          params: { file: p.file === 'upload' ? file.name : p.file, line: p.line, field: p.field || '-',
            message: p.message } }))
        : [problemEntry(err, 'form-file', hasText)];
    } finally {
      this.busy = false;
    }
  }

  async change(v, action) {
    try {
      await api.post('studies/' + encodeURIComponent(this.study.id) + '/forms/' + encodeURIComponent(v.formId)
        + '/versions/' + v.version + '/' + action, {});
      this.errors = [];
      this.message = t('coordinator.forms.done.' + action, { form: v.formId, version: v.version });
      await this.load();
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('coordinator.forms.title')}</h1>
      ${this.message ? html`<p role="status" class="notice">${this.message}</p>` : nothing}
      <form @submit=${this.upload}>
        <h2>${t('coordinator.forms.uploadTitle')}</h2>
        <label for="form-file">${t('coordinator.forms.file')}</label>
        <p class="hint">${t('coordinator.forms.fileHint')}</p>
        <input id="form-file" type="file" accept=".yaml,.yml,application/yaml">
        <button type="submit" ?disabled=${this.busy}>${t('coordinator.forms.upload')}</button>
      </form>
      <table>
        <caption>${t('coordinator.forms.caption')}</caption>
        <thead><tr><th scope="col">${t('coordinator.forms.form')}</th><th scope="col">${t('coordinator.forms.version')}</th>
          <th scope="col">${t('coordinator.forms.state')}</th><th scope="col">${t('coordinator.forms.languages')}</th>
          <th scope="col">${t('coordinator.forms.actions')}</th></tr></thead>
        <tbody>${this.versions.map((v) => html`<tr>
          <td>${v.formId}</td><td>${v.version}</td><td>${t('coordinator.forms.state.' + v.state)}</td>
          <td>${Object.entries(v.languages || {}).map(([l, s]) => l + ': ' + s).join(', ')}</td>
          <td>${v.state === 'draft' ? html`<button type="button" @click=${() => this.change(v, 'publish')}>${
            t('coordinator.forms.publish', { form: v.formId, version: v.version })}</button>` : nothing}
            ${v.state !== 'retired' ? html`<button type="button" class="secondary" @click=${() => this.change(v, 'retire')}>${
            t('coordinator.forms.retire', { form: v.formId, version: v.version })}</button>` : nothing}</td>
        </tr>`)}</tbody>
      </table>`;
  }
}
customElements.define('fs-coord-forms', FormsScreen);
