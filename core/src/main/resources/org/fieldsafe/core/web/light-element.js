import { LitElement } from 'lit';

// Components render into the page itself (no shadow DOM), so the one style sheet, labels and the error summary's
// links work across them and tests find elements as a person would.
// uiLang: the chosen language, set by the frame on every screen so that a change of language re-renders it.
export class LightElement extends LitElement {
  static properties = { uiLang: { type: String } };

  createRenderRoot() {
    return this;
  }
}
