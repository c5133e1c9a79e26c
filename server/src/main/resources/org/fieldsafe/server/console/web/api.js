// The console's one way to the server: JSON over fetch to /api/v1, same origin, the HttpOnly session cookie sent by
// the browser and the session's CSRF token in X-CSRF-Token on every unsafe request. A refused call is an ApiError
// carrying the problem (application/problem+json): its type slug, status, detail and Retry-After. A 401 anywhere but
// the login itself means the session ended (expired, logged out elsewhere): the shell hears 'fs-session-ended'.
const SAFE = ['GET', 'HEAD'];
let csrf = null;

export class ApiError extends Error {
  constructor(status, type, detail, retryAfter, problem) {
    super(detail || type);
    this.status = status;
    this.type = type;
    this.detail = detail;
    this.retryAfter = retryAfter;
    this.problem = problem;
  }
}

/** The CSRF token of the current session (from POST or GET /api/v1/session); null after logout. */
export function setCsrf(token) {
  csrf = token || null;
}

function slug(type) {
  return (type || '').replace(/^.*[:/]/, '');
}

/**
 * One call: method, path below /api/v1/, and either {json} (sent as JSON) or {body, contentType} (text or a Blob,
 * e.g. an uploaded file). Resolves to the parsed JSON answer (or {} when empty); {raw: true} resolves to the Response.
 */
export async function call(method, path, options = {}) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
  if (!SAFE.includes(method) && csrf) {
    init.headers['X-CSRF-Token'] = csrf;
  }
  if (options.json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    init.headers['Content-Type'] = options.contentType || 'application/octet-stream';
    init.body = options.body;
  }
  let response;
  try {
    response = await fetch('/api/v1/' + path, init);
  } catch (e) {
    throw new ApiError(0, 'network', 'the server does not answer');
  }
  if (!response.ok) {
    const text = await response.text();
    let problem = {};
    try {
      problem = text ? JSON.parse(text) : {};
    } catch (e) {
      problem = {};
    }
    const retry = Number(response.headers.get('Retry-After'));
    const error = new ApiError(response.status, slug(problem.type) || 'http-' + response.status, problem.detail,
      Number.isFinite(retry) && retry > 0 ? retry : null, problem);
    if (response.status === 401 && !options.login) {
      window.dispatchEvent(new CustomEvent('fs-session-ended'));
    }
    throw error;
  }
  if (options.raw) {
    return response;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

export const api = {
  get: (path, options) => call('GET', path, options),
  post: (path, json, options = {}) => call('POST', path, { ...options, json }),
  put: (path, json, options = {}) => call('PUT', path, { ...options, json }),
  patch: (path, json, options = {}) => call('PATCH', path, { ...options, json }),
  del: (path, options) => call('DELETE', path, options),
  /** The current session, or an ApiError 401 when there is none. */
  session: () => call('GET', 'session', { login: true }),
  login: (username, password) => call('POST', 'session', { login: true, json: { username, password } }),
  logout: () => call('DELETE', 'session'),
  changePassword: (currentPassword, newPassword) => call('POST', 'session/password',
    { json: { currentPassword, newPassword } }),
};

/**
 * A refused call as an error-summary entry: the problem's own words when the texts have them ('problem.<type>'
 * in any loaded area), else the generic one, with the server's detail (English) beside it.
 */
export function problemEntry(err, field = null, hasKey = () => false) {
  const key = 'problem.' + err.type;
  if (hasKey(key)) {
    return { field, key, detail: null };
  }
  return { field, key: err.status === 0 ? 'shell.problem.network' : 'shell.problem.unexpected', detail: err.detail };
}
