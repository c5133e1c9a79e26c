import { html, nothing } from 'lit';
import { LightElement } from './light-element.js';
import { t, ts } from './i18n.js';
import { send, problemError } from './api.js';

// The interview's recorder (docs/field-app.md, "Recording"): on the audio question (shown only with recording
// consent) it records from the microphone with MediaRecorder (Opus in WebM at a low bit rate: field links are poor)
// and sends each 2-second slice to the local app as it comes, which seals it on arrival. Nothing is kept in the
// page: no blob, no object URL, no browser storage; a slice lives only until it is sent. A level meter (Web Audio
// AnalyserNode) and the elapsed time show it works; start, pause and stop are buttons; each change is announced.
const MIME = 'audio/webm;codecs=opus';
const BITS_PER_SECOND = 24000;
const SLICE_MS = 2000;

class Recorder extends LightElement {
  static properties = {
    interviewId: { type: String }, screen: { type: Object }, status: { state: true }, paused: { state: true },
    level: { state: true }, elapsed: { state: true }, said: { state: true }, error: { state: true },
  };

  constructor() {
    super();
    this.status = null;
    this.paused = false;
    this.level = 0;
    this.elapsed = 0;
    this.said = '';
    this.error = null;
    this.sending = Promise.resolve();
  }

  path(action) {
    return 'interviews/' + this.interviewId + '/recording' + (action ? '/' + action : '');
  }

  async call(method, action, body) {
    const { response, data } = await send(method, this.path(action), body);
    if (!response.ok) {
      throw problemError(response, data);
    }
    return data;
  }

  connectedCallback() {
    super.connectedCallback();
    this.refresh();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    // the interview left the screen (paused, sealed, hidden): stop the microphone at once
    this.finish();
  }

  async refresh() {
    try {
      this.status = await this.call('GET', '');
      if (this.status.state === 'RECORDING' && !this.media) {
        // the page was reloaded or hidden while recording: what arrived is kept, the recording ends there
        this.status = await this.call('POST', 'stop');
      }
      if (this.status.dropped) {
        this.announce('recorder.dropped');
      }
    } catch (err) {
      this.status = null;
    }
  }

  announce(key, params) {
    this.said = ts(key, params);
  }

  audioQuestion() {
    const s = this.screen;
    return s && s.step === 'QUESTION' && s.question && s.question.type === 'audio' ? s.question : null;
  }

  async start() {
    const q = this.audioQuestion();
    this.error = null;
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    } catch (err) {
      this.error = 'recorder.noMicrophone';
      this.announce('recorder.noMicrophone');
      return;
    }
    let started;
    try {
      started = await this.call('POST', 'start', { question: q.id });
    } catch (err) {
      stream.getTracks().forEach((track) => track.stop());
      this.error = 'recorder.failed';
      this.announce('recorder.failed');
      return;
    }
    this.stream = stream;
    this.media = new MediaRecorder(stream, { mimeType: MIME, audioBitsPerSecond: BITS_PER_SECOND });
    this.media.ondataavailable = (e) => this.queue(e.data);
    this.media.start(SLICE_MS);
    this.meter(stream);
    this.startedAt = performance.now();
    this.before = 0;
    this.ticker = setInterval(() => this.tick(), 250);
    this.status = started.recording;
    this.paused = false;
    this.announce('recorder.started');
    this.dispatchEvent(new CustomEvent('recording-started', { bubbles: true,
      detail: { ok: true, problems: [], screen: started.screen } }));
  }

  // Each slice goes out in order, one after the other, and is dropped from the page once sent.
  queue(blob) {
    if (!blob || !blob.size) {
      return;
    }
    this.sending = this.sending.then(async () => {
      const response = await fetch('/api/v1/' + this.path('chunk'), {
        method: 'POST', credentials: 'same-origin', cache: 'no-store',
        headers: { 'Content-Type': 'audio/webm', 'Accept': 'application/json' }, body: blob,
      });
      const data = await response.json().catch(() => ({}));
      if (response.ok) {
        this.status = data;
      } else {
        this.error = 'recorder.failed';
      }
    }).catch(() => { this.error = 'recorder.failed'; });
  }

  meter(stream) {
    this.audio = new AudioContext();
    const analyser = this.audio.createAnalyser();
    analyser.fftSize = 512;
    this.audio.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const draw = () => {
      if (!this.audio) {
        return;
      }
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) {
        sum += v * v;
      }
      // root mean square, scaled so that speech fills most of the meter
      this.level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      this.frame = requestAnimationFrame(draw);
    };
    draw();
  }

  tick() {
    this.elapsed = Math.floor((this.before + (this.paused ? 0 : performance.now() - this.startedAt)) / 1000);
  }

  pause() {
    if (!this.media) {
      return;
    }
    if (this.paused) {
      this.media.resume();
      this.startedAt = performance.now();
      this.paused = false;
      this.announce('recorder.resumed');
    } else {
      this.media.pause();
      this.before += performance.now() - this.startedAt;
      this.paused = true;
      this.announce('recorder.paused');
    }
  }

  async stop() {
    await this.finish();
    try {
      this.status = await this.call('POST', 'stop');
      this.announce('recorder.stopped', { time: clock(this.elapsed) });
    } catch (err) {
      this.error = 'recorder.failed';
    }
  }

  // Stops the microphone and the meter; waits until the last slice was sent.
  async finish() {
    const media = this.media;
    if (!media) {
      return;
    }
    this.media = null;
    if (media.state !== 'inactive') {
      await new Promise((resolve) => {
        media.onstop = resolve;
        media.stop();
      });
    }
    this.stream.getTracks().forEach((track) => track.stop());
    clearInterval(this.ticker);
    cancelAnimationFrame(this.frame);
    const audio = this.audio;
    this.audio = null;
    audio?.close();
    this.level = 0;
    await this.sending;
    if (!this.isConnected) {
      // left the interview screen while recording: end the recording where it is
      send('POST', this.path('stop')).catch(() => {});
    }
  }

  render() {
    const s = this.status;
    const q = this.audioQuestion();
    const live = html`<p class="recorder-said" role="status" aria-live="polite">${this.said}</p>`;
    const error = this.error ? html`<p class="warning" role="alert">${t(this.error)}</p>` : nothing;
    if (!s || (s.state === 'NONE' && !q)) {
      return s && s.dropped ? html`<section class="recorder" aria-labelledby="recorder-title">
        <h2 id="recorder-title">${t('recorder.title')}</h2><p class="warning">${t('recorder.dropped')}</p>${live}</section>`
        : html`${live}`;
    }
    const recording = s.state === 'RECORDING' && this.media;
    return html`<section class="recorder" aria-labelledby="recorder-title">
      <h2 id="recorder-title">${t('recorder.title')}</h2>
      ${s.dropped ? html`<p class="warning">${t('recorder.dropped')}</p>` : nothing}
      ${error}
      ${s.state === 'NONE' ? html`<p class="hint">${t('recorder.hint')}</p>
        <button type="button" class="primary" @click=${() => this.start()}>${t('recorder.start')}</button>` : nothing}
      ${recording ? html`
        <p class="recorder-state">${t(this.paused ? 'recorder.statePaused' : 'recorder.stateRecording')}</p>
        <label for="recorder-level">${t('recorder.level')}</label>
        <meter id="recorder-level" min="0" max="1" low="0.1" high="0.9" optimum="0.5" .value=${this.level}></meter>
        <p>${t('recorder.elapsed')} <time class="recorder-elapsed">${clock(this.elapsed)}</time></p>
        <button type="button" class="secondary" @click=${() => this.pause()}>${t(this.paused ? 'recorder.resume'
          : 'recorder.pause')}</button>
        <button type="button" class="secondary" @click=${() => this.stop()}>${t('recorder.stop')}</button>` : nothing}
      ${s.state === 'STOPPED' ? html`<p class="recorder-state">${t('recorder.kept')}</p>`
        : nothing}
      ${live}</section>`;
  }
}

function clock(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m + ':' + String(s).padStart(2, '0');
}

customElements.define('fs-recorder', Recorder);
