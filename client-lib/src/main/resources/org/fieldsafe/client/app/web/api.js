// The page's one way to the local app: JSON over fetch, same origin, the session cookie sent by the browser.
// Problems (application/problem+json) become ApiError with the problem's type key, status and detail.
export class ApiError extends Error {
  constructor(status, key, detail) {
    super(detail || key);
    this.status = status;
    this.key = key;
    this.detail = detail;
  }
}

// One request to the local app: {response, data}. A network failure (the app gone) is an ApiError.
export async function send(method, path, body) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch('/api/v1/' + path, init);
  } catch (e) {
    throw new ApiError(0, 'error.unexpected', 'the app does not answer: is "fieldsafe client app" still running?');
  }
  const text = await response.text();
  return { response, data: text ? JSON.parse(text) : {} };
}

// The problem's type key without the app's prefix.
export function problemKey(data) {
  return (data.type || '').replace('urn:fieldsafe:app:', '');
}

// A refused call as an ApiError carrying the translatable key.
export function problemError(response, data) {
  const key = problemKey(data);
  return new ApiError(response.status, key.startsWith('error.') ? key : 'error.' + key, data.detail);
}

async function call(method, path, body) {
  const { response, data } = await send(method, path, body);
  if (!response.ok) {
    throw problemError(response, data);
  }
  return data;
}

export const api = {
  session: () => call('GET', 'session'),
  setPassphrase: (passphrase, again) => call('POST', 'passphrase', { passphrase, again }),
  unlock: (passphrase) => call('POST', 'unlock', { passphrase }),
  lock: () => call('POST', 'lock'),
  language: (lang) => call('POST', 'language', { lang }),
  activity: () => call('POST', 'activity'),
  enrol: (server, code) => call('POST', 'enrol', { server, code }),
  home: () => call('GET', 'home'),
  status: () => call('GET', 'status'),
  pull: () => call('POST', 'pull'),
  sync: () => call('POST', 'sync'),
  job: () => call('GET', 'job'),
};
