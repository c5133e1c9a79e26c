import { LightElement } from './light-element.js';
import { problemEntry } from './api.js';
import { hasText } from './texts.js';

// A GOV.UK question page of the console: its heading focused when it opens, the errors of its error summary, and one
// call to the server at a time (busy meanwhile); a refusal becomes an error through the screen's refusal(err).
export class QuestionScreen extends LightElement {
  static properties = { errors: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.errors = [];
    this.busy = false;
  }

  firstUpdated() {
    this.querySelector('h1')?.focus();
  }

  /** Runs `call`; on a refusal, clears the password fields and shows the refusal's error. */
  async send(call) {
    this.busy = true;
    try {
      await call();
    } catch (err) {
      this.querySelectorAll('input[type=password]').forEach((i) => { i.value = ''; });
      this.errors = [this.refusal(err)];
    } finally {
      this.busy = false;
    }
  }

  /** The error of a refusal; screens add their own cases first. */
  refusal(err) {
    if (err.status === 429) { // the login rate limit: the wait in words
      return { field: null, key: 'shell.login.tooMany', params: { minutes: Math.max(1, Math.ceil((err.retryAfter || 60) / 60)) } };
    }
    return problemEntry(err, null, hasText);
  }
}
