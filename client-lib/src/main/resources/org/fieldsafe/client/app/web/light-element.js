import { LitElement } from 'lit';

// Components render into the page itself (no shadow DOM), so the one style sheet, labels and the error summary's
// links work across them and tests find elements as a person would.
export class LightElement extends LitElement {
  createRenderRoot() {
    return this;
  }
}
