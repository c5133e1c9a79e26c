import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { api } from '../../api.js';
import { t, ts } from '../../i18n.js';
import { href } from '../../router.js';
import '../../error-summary.js';
import { currentStudy as study } from '../../studies.js';
import { span, when, refusal, category } from './shared.js';

// The safeguarding officer's case queue: the cases of their sites, open ones first by acknowledgement deadline
// (the server orders them and says, by its own clock, what is overdue and how long is left), final ones after.
// Overdue is said in words and marked, not shown by colour alone. Codes and times only: nothing of the respondent.
class CaseQueue extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, queue: { state: true },
    errors: { state: true }, studyId: { state: true } };

  constructor() {
    super();
    this.queue = null;
    this.errors = [];
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      const s = await study();
      this.studyId = s ? s.id : null;
      this.queue = s ? await api.get(`studies/${encodeURIComponent(s.id)}/referrals/queue`) : { cases: [] };
      this.errors = [];
    } catch (err) {
      this.errors = refusal(err);
    }
  }

  left(q) {
    if (q.secondsLeft === null || q.secondsLeft === undefined) {
      return t('officer.queue.noDeadline');
    }
    const d = span(q.secondsLeft);
    return q.overdue ? html`<strong class="bad overdue">${t('officer.queue.overdue', d)}</strong>`
      : t('officer.queue.left', d);
  }

  row(q) {
    const c = q.view;
    return html`<tr class=${q.overdue ? 'overdue-case' : ''} data-case=${c.id}>
      <td><a href=${href('officer/cases/:id', { id: c.id })}>${t('officer.queue.open', { id: c.id.substring(0, 8) })}</a></td>
      <td>${c.site}</td>
      <td data-category=${c.category}>${category('officer', c.category)}</td>
      <td>${t('officer.urgency.' + c.urgency)}</td>
      <td>${t('officer.state.' + c.state)}</td>
      <td>${when(c.deadline, this.uiLang)}</td>
      <td>${c.next.length ? this.left(q) : t('officer.queue.final')}</td>
    </tr>`;
  }

  render() {
    const cases = this.queue ? this.queue.cases : [];
    const overdue = cases.filter((q) => q.overdue).length;
    return html`<h1 tabindex="-1">${t('officer.queue.title')}</h1>
      <fs-error-summary .errors=${this.errors}></fs-error-summary>
      ${this.queue ? html`<p class="hint">${t('officer.queue.asOf', { time: when(this.queue.asOf, this.uiLang) })}</p>
        ${overdue ? html`<p class="notice" role="status"><strong>${t('officer.queue.overdueCount', { n: overdue })}</strong></p>` : nothing}
        ${cases.length ? html`<div class="table-box"><table class="case-queue">
          <caption>${t('officer.queue.caption', { sites: (this.session.sites || []).join(', ') })}</caption>
          <thead><tr><th scope="col">${t('officer.case.case')}</th><th scope="col">${t('officer.case.site')}</th>
            <th scope="col">${t('officer.case.category')}</th><th scope="col">${t('officer.case.urgency')}</th>
            <th scope="col">${t('officer.case.state')}</th><th scope="col">${t('officer.case.deadline')}</th>
            <th scope="col">${t('officer.queue.timeLeft')}</th></tr></thead>
          <tbody>${cases.map((q) => this.row(q))}</tbody></table></div>`
        : html`<p>${t('officer.queue.empty')}</p>`}
        <p><button type="button" class="secondary" @click=${() => this.load()}>${ts('officer.queue.refresh')}</button></p>`
      : html`<p>${t('shell.loading')}</p>`}`;
  }
}
customElements.define('fs-officer-queue', CaseQueue);
