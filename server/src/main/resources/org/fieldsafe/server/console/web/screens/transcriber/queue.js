import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { api, problemEntry } from '../../api.js';
import { t, ts } from '../../i18n.js';
import { href } from '../../router.js';
import { hasText } from '../../texts.js';
import { dateTime } from '../../dates.js';
import '../../error-summary.js';
import { currentStudy as study } from '../../studies.js';

// The transcriber's queue: the submissions of their sites with a recording or typed answers, oldest first, and per
// language of theirs the latest transcript or translation and its status (none, draft, done, checked), each a link
// to the desk. Ids, sites, languages and times only: never text.
class TranscriberQueue extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, items: { state: true },
    errors: { state: true } };

  constructor() {
    super();
    this.items = null;
    this.errors = [];
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      const s = await study();
      const items = s ? await api.get(`studies/${encodeURIComponent(s.id)}/transcription/queue`) : [];
      this.items = [...items].sort((a, b) => String(a.finalisedAt).localeCompare(String(b.finalisedAt)));
      this.errors = [];
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  work(item, l) {
    const status = l.status || 'none';
    return html`<li data-kind=${l.kind} data-language=${l.language}>
      <a href=${href('transcriber/desk/:submission/:kind/:language', { submission: item.submissionId, kind: l.kind, language: l.language })}>${t('transcriber.kind.' + l.kind)} (${l.language})</a>:
      <strong class="status status-${status}">${t('transcriber.status.' + status)}</strong>${l.version ? html` ${t('transcriber.queue.version', { n: l.version })}` : nothing}</li>`;
  }

  row(item) {
    return html`<tr data-submission=${item.submissionId}>
      <td>${item.submissionId.substring(0, 8)}</td>
      <td>${item.site}</td>
      <td>${item.interviewLanguage || ''}</td>
      <td>${item.recording ? t('transcriber.queue.recording') : t('transcriber.queue.typed')}</td>
      <td>${dateTime(item.finalisedAt, this.uiLang)}</td>
      <td><ul class="plain">${(item.latest || []).map((l) => this.work(item, l))}</ul></td>
    </tr>`;
  }

  render() {
    const items = this.items || [];
    return html`<h1 tabindex="-1">${t('transcriber.queue.title')}</h1>
      <fs-error-summary .errors=${this.errors}></fs-error-summary>
      ${this.items ? html`${items.length ? html`<div class="table-box"><table class="transcription-queue">
          <caption>${t('transcriber.queue.caption', { sites: ((this.session && this.session.sites) || []).join(', ') })}</caption>
          <thead><tr><th scope="col">${t('transcriber.queue.submission')}</th><th scope="col">${t('transcriber.queue.site')}</th>
            <th scope="col">${t('transcriber.queue.language')}</th><th scope="col">${t('transcriber.queue.source')}</th>
            <th scope="col">${t('transcriber.queue.finalised')}</th><th scope="col">${t('transcriber.queue.work')}</th></tr></thead>
          <tbody>${items.map((i) => this.row(i))}</tbody></table></div>`
        : html`<p>${t('transcriber.queue.empty')}</p>`}
        <p><button type="button" class="secondary" @click=${() => this.load()}>${ts('transcriber.queue.refresh')}</button></p>`
      : html`<p>${t('shell.loading')}</p>`}`;
  }
}
customElements.define('fs-transcriber-queue', TranscriberQueue);
