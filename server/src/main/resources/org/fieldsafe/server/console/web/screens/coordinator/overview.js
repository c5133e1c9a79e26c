import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { t, chosenLang } from '../../i18n.js';
import { api, problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import { currentStudy } from '../../studies.js';
import '../../error-summary.js';

const OPEN_STATES = ['new', 'acknowledged', 'referred'];

/** A text of a {lang: text} map in the page's language, else the master language's, with the language it is in. */
export function localText(texts, master) {
  const lang = texts && texts[chosenLang()] ? chosenLang() : master;
  return texts && texts[lang] ? { lang, text: texts[lang] } : null;
}

// Study overview: the study's public title, its sites (country, languages), its forms with their versions and states,
// interviews received against the target, devices enrolled and not revoked, and open referral cases by state - counts
// only, never a case's content. Each part comes from its own endpoint; a part the API refuses is left out, named.
class OverviewScreen extends LightElement {
  static properties = { outline: { state: true }, versions: { state: true }, progress: { state: true },
    devices: { state: true }, cases: { state: true }, errors: { state: true } };

  constructor() {
    super();
    this.outline = null;
    this.versions = [];
    this.progress = null;
    this.devices = null;
    this.cases = null;
    this.errors = [];
  }

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  async load() {
    const errors = [];
    const part = async (path) => {
      try {
        return await api.get(path);
      } catch (err) {
        errors.push(problemEntry(err, null, hasText));
        return null;
      }
    };
    let study;
    try {
      study = await currentStudy();
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
      return;
    }
    if (!study) {
      this.errors = [{ field: null, key: 'coordinator.overview.noStudy' }];
      return;
    }
    const s = 'studies/' + encodeURIComponent(study.id);
    const [outline, versions, progress, devices, cases] = await Promise.all([part(s + '/outline'),
      part(s + '/forms'), part(s + '/progress'), part('devices'), part(s + '/referrals/counts')]);
    this.outline = outline;
    this.versions = versions || [];
    this.progress = progress;
    this.devices = devices ? devices.filter((d) => d.study === study.id) : null;
    this.cases = cases;
    this.errors = errors;
  }

  titleView() {
    const title = this.outline ? localText(this.outline.publicTitle, this.outline.masterLanguage) : null;
    return html`<p class="study-title">${t('coordinator.overview.publicTitle')}
      ${title ? html`<strong lang=${title.lang}>${title.text}</strong>`
        : html`<strong>${t('coordinator.overview.noPublicTitle')}</strong>`}</p>`;
  }

  sitesView() {
    if (!this.outline) {
      return nothing;
    }
    return html`<div class="table-box"><table class="overview-sites">
      <caption>${t('coordinator.overview.sitesCaption')}</caption>
      <thead><tr><th scope="col">${t('coordinator.overview.site')}</th><th scope="col">${t('coordinator.overview.country')}</th>
        <th scope="col">${t('coordinator.overview.languages')}</th></tr></thead>
      <tbody>${this.outline.sites.map((site) => html`<tr><th scope="row">${site.id}</th><td>${site.country}</td>
        <td>${site.languages.join(', ')}</td></tr>`)}</tbody>
    </table></div>`;
  }

  formsView() {
    const byForm = new Map();
    for (const v of this.versions) {
      if (!byForm.has(v.formId)) {
        byForm.set(v.formId, []);
      }
      byForm.get(v.formId).push(v);
    }
    const titles = new Map((this.outline ? this.outline.forms : []).map((f) => [f.formId, f.title]));
    const master = this.outline ? this.outline.masterLanguage : 'en';
    return html`<div class="table-box"><table class="overview-forms">
      <caption>${t('coordinator.overview.formsCaption')}</caption>
      <thead><tr><th scope="col">${t('coordinator.overview.form')}</th><th scope="col">${t('coordinator.overview.formTitle')}</th>
        <th scope="col">${t('coordinator.overview.versions')}</th></tr></thead>
      <tbody>${[...byForm.entries()].map(([formId, versions]) => {
        const title = localText(titles.get(formId), master);
        return html`<tr><th scope="row">${formId}</th>
          <td>${title ? html`<span lang=${title.lang}>${title.text}</span>` : ''}</td>
          <td>${versions.sort((a, b) => a.version - b.version).map((v, i) => html`${i ? html`<br>` : nothing}${
            t('coordinator.overview.versionState', { version: v.version })} ${
            t('coordinator.forms.state.' + v.state)}`)}</td></tr>`;
      })}</tbody>
    </table></div>`;
  }

  countsView() {
    const p = this.progress;
    const d = this.devices;
    return html`<dl class="summary overview-counts">
      ${p ? html`<div><dt>${t('coordinator.overview.received')}</dt>
        <dd data-count="received">${t('coordinator.progress.of', { received: p.received, target: p.target })}</dd></div>`
        : nothing}
      ${d ? html`<div><dt>${t('coordinator.overview.devicesEnrolled')}</dt><dd data-count="devices">${d.length}</dd></div>
        <div><dt>${t('coordinator.overview.devicesActive')}</dt>
        <dd data-count="active">${d.filter((x) => !x.revokedAt).length}</dd></div>` : nothing}
    </dl>`;
  }

  casesView() {
    if (!this.cases) {
      return nothing;
    }
    const total = (state) => this.cases.filter((c) => c.state === state).reduce((n, c) => n + c.cases, 0);
    return html`<div class="table-box"><table class="overview-cases">
      <caption>${t('coordinator.overview.casesCaption')}</caption>
      <thead><tr>${OPEN_STATES.map((s) => html`<th scope="col">${t('coordinator.overview.caseState.' + s)}</th>`)}</tr></thead>
      <tbody><tr>${OPEN_STATES.map((s) => html`<td data-state=${s}>${total(s)}</td>`)}</tr></tbody>
    </table></div>`;
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('coordinator.overview.title')}</h1>
      ${this.titleView()}
      ${this.countsView()}
      <h2>${t('coordinator.overview.sitesTitle')}</h2>
      ${this.sitesView()}
      <h2>${t('coordinator.overview.formsTitle')}</h2>
      ${this.formsView()}
      <h2>${t('coordinator.overview.casesTitle')}</h2>
      <p class="hint">${t('coordinator.overview.casesHint')}</p>
      ${this.casesView()}`;
  }
}
customElements.define('fs-coord-overview', OverviewScreen);
