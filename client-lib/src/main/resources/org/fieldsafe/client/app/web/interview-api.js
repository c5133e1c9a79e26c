import { api, problemError, problemKey, send } from './api.js';

// The interview calls of the local app (/api/v1/interviews...). The draft passphrase goes in the body of start and
// resume only. A refused step (422 step-refused) resolves with {ok: false, problems, screen} rather than throwing,
// so screens show the problems in the error summary and stay on the unchanged screen.
async function step(method, path, body) {
  const { response, data } = await send(method, 'interviews' + path, body);
  if (response.ok) {
    return data;
  }
  if (problemKey(data) === 'step-refused') {
    return { ok: false, problems: data.problems, screen: data.screen, disclosed: [] };
  }
  throw problemError(response, data);
}

export const interviews = {
  home: () => api.home(),
  drafts: () => step('GET', ''),
  start: (body) => step('POST', '', body),
  resume: (draftId, passphrase) => step('POST', '/resume', { draftId, passphrase }),
  screen: (id) => step('GET', '/' + id),
  answer: (id, question, value) => step('POST', '/' + id + '/answer', { question, value }),
  probes: (id, question, ticked) => step('POST', '/' + id + '/probes', { question, ticked }),
  act: (id, action) => step('POST', '/' + id + '/' + action),
  disclosure: (id, category, urgency) => step('POST', '/' + id + '/disclosure', { category, urgency }),
  referral: (id, answer) => step('POST', '/' + id + '/referral', answer),
  review: (id) => step('GET', '/' + id + '/review'),
  redaction: (id, replacement, undo) => step('POST', '/' + id + '/redaction', { id: replacement, undo }),
};
