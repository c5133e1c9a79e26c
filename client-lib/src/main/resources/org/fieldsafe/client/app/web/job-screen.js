import { html, nothing } from 'lit';
import { LightElement } from './light-element.js';
import { api } from './api.js';
import { t } from './i18n.js';

// A pull or a sync: a start button, then progress (a bar and each step in words) polled from the local app, and
// how it ended, with failures said in plain words and the technical detail beside them.
class JobScreen extends LightElement {
  static properties = { kind: { type: String }, job: { state: true }, errors: { state: true } };

  constructor() {
    super();
    this.job = null;
    this.errors = [];
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  async start() {
    this.errors = [];
    try {
      await api[this.kind]();
      this.job = { kind: this.kind, state: 'running', steps: [], done: 0, total: 0 };
      this.poll();
    } catch (err) {
      this.errors = [{ field: null, key: err.key, detail: err.detail }];
    }
  }

  async poll() {
    try {
      this.job = await api.job();
    } catch (err) {
      this.errors = [{ field: null, key: err.key, detail: err.detail }];
      return;
    }
    if (this.job.state === 'running') {
      this.timer = setTimeout(() => this.poll(), 250);
    } else {
      this.querySelector('#job-outcome')?.focus();
    }
  }

  step(s) {
    return html`<li>${t(s.key, { subject: s.subject, detail: s.detail })}</li>`;
  }

  render() {
    const job = this.job;
    const running = job && job.state === 'running';
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1>${t(this.kind + '.title')}</h1>
      <p class="hint">${t(this.kind + '.hint')}</p>
      ${running ? nothing : html`<button type="button" class="primary" @click=${this.start}>${t(this.kind + '.start')}</button>`}
      ${job ? html`<section aria-labelledby="job-progress-title">
        <h2 id="job-progress-title">${running ? t('job.running') : html`<span id="job-outcome" tabindex="-1"
          class=${job.state === 'done' ? 'ok' : 'failed'}>${t(job.state === 'done' ? 'job.done' : 'job.failed')}</span>`}</h2>
        ${job.total ? html`<progress max=${job.total} value=${job.done} aria-labelledby="job-progress-title"></progress>
          <p>${t('job.progress', { done: job.done, total: job.total })}</p>` : nothing}
        <ol class="steps" aria-live="polite">${(job.steps || []).map((s) => this.step(s))}</ol>
        ${job.state === 'failed' ? html`<div class="job-failed" role="alert">
          <p><strong>${t(job.errorKey || 'error.unexpected')}</strong></p>
          ${job.errorDetail ? html`<p class="detail">${t('error.details')}: <span lang="en">${job.errorDetail}</span></p>` : nothing}
        </div>` : nothing}
      </section>` : nothing}
      ${running ? nothing : html`<p><button type="button" class="secondary"
          @click=${() => this.dispatchEvent(new CustomEvent('navigate', { detail: 'home', bubbles: true }))}>${t('job.back')}</button></p>`}`;
  }
}
customElements.define('fs-job-screen', JobScreen);
