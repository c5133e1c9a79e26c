import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { api } from '../../api.js';
import { t, ts } from '../../i18n.js';
import '../../error-summary.js';
import { href } from '../../router.js';
import { refusal } from '../officer/shared.js';

// The review of an export held because its text scan replaced names of places or organisations, phones or e-mails
// in free-text answers: each replacement with its source (pseudonyms and question), the original and a little
// context (read by the server from the export's encrypted spool for this page only, never cached), accept one,
// keep the original, accept all, then release. Texts from data are set through Lit's escaping.
class ExportReview extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, review: { state: true },
    errors: { state: true }, missing: { state: true }, released: { state: true } };

  constructor() {
    super();
    this.review = null;
    this.errors = [];
    this.missing = false;
    this.released = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  path(tail = '') {
    return 'exports/' + encodeURIComponent(this.params.id) + tail;
  }

  async load() {
    try {
      this.review = await api.get(this.path('/review'));
    } catch (err) {
      if (err.status === 404) {
        this.missing = true;
      } else {
        this.errors = refusal(err);
      }
    }
  }

  async decide(decision, ids) {
    this.errors = [];
    try {
      this.review = await api.post(this.path('/review/decisions'), ids ? { decision, ids } : { decision, all: true });
    } catch (err) {
      this.errors = refusal(err);
    }
  }

  async release() {
    this.errors = [];
    try {
      await api.post(this.path('/release'), {});
      this.released = true;
    } catch (err) {
      this.errors = refusal(err);
    }
  }

  row(i) {
    return html`<tr data-replacement=${i.id}>
      <td>${i.interview} / ${i.respondent} / ${i.question}</td>
      <td class="review-kind">${ts('data.review.kind.' + i.kind)}</td>
      <td class="review-context">${i.before}<mark>${i.original}</mark>${i.after}</td>
      <td>${ts('data.review.decision.' + i.decision)}</td>
      <td><button type="button" class="secondary" aria-label=${ts('data.review.accept') + ': ' + i.original}
          ?disabled=${i.decision === 'accept'} @click=${() => this.decide('accept', [i.id])}>${t('data.review.accept')}</button>
        <button type="button" class="secondary" aria-label=${ts('data.review.keep') + ': ' + i.original}
          ?disabled=${i.decision === 'keep'} @click=${() => this.decide('keep', [i.id])}>${t('data.review.keep')}</button></td>
    </tr>`;
  }

  render() {
    const back = html`<p><a href=${href('data/exports/' + encodeURIComponent(this.params.id))}>${t('data.review.back')}</a></p>`;
    if (this.missing) {
      return html`<h1 tabindex="-1">${t('data.job.notFound')}</h1>${back}`;
    }
    if (this.released) {
      return html`<h1 tabindex="-1">${t('data.review.title')}</h1>
        <p role="status">${t('data.review.released')}</p>${back}`;
    }
    const r = this.review;
    return html`<h1 tabindex="-1">${t('data.review.title')}</h1>
      <fs-error-summary .errors=${this.errors}></fs-error-summary>
      <p class="hint">${t('data.review.hint')}</p>
      ${!r ? html`<p>${t('shell.loading')}</p>` : html`
        <p role="status">${t('data.review.decided', { decided: r.decided, n: r.replacements })}</p>
        <div class="table-box"><table class="review"><caption>${t('data.review.caption')}</caption>
          <thead><tr><th scope="col">${t('data.review.source')}</th><th scope="col">${t('data.review.kindTitle')}</th>
            <th scope="col">${t('data.review.context')}</th><th scope="col">${t('data.review.decisionTitle')}</th>
            <th scope="col">${t('data.review.actions')}</th></tr></thead>
          <tbody>${r.items.map((i) => this.row(i))}</tbody></table></div>
        <p><button type="button" class="secondary" @click=${() => this.decide('accept', null)}>${t('data.review.acceptAll')}</button>
          <button type="button" ?disabled=${r.decided < r.replacements} @click=${() => this.release()}>${t('data.review.release')}</button></p>`}
      ${back}`;
  }
}
customElements.define('fs-data-export-review', ExportReview);
