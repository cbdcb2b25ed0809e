// HTTP calls to the JAVUMBO API, shaped like the real client's axios instance:
// same-origin cookies, `Accept: application/json` on every call, a JSON body
// only when there is data (axios drops Content-Type without data), and any
// non-2xx answer rejected with `error.response = { status, data }` so pages
// can show the server's `error` text.

export class ApiError extends Error {
  constructor(method, path, response) {
    super(response
      ? `Request failed with status code ${response.status}: ${method} ${path}`
      : `Network error: ${method} ${path}`);
    this.name = 'ApiError';
    this.response = response;
  }
}

/** Parses like axios's default: JSON when it parses, otherwise the raw text. */
function parseBody(text) {
  if (text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function request(method, path, { data, params, blob = false } = {}) {
  const query = params ? `?${new URLSearchParams(params).toString()}` : '';
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (data !== undefined) {
    headers['Content-Type'] = 'application/json';
    // JSON.stringify drops undefined members, as axios does.
    init.body = JSON.stringify(data);
  }
  let res;
  try {
    res = await fetch(path + query, init);
  } catch {
    throw new ApiError(method, path, undefined);
  }
  const body = blob && res.ok ? await res.blob() : parseBody(await res.text());
  const response = { status: res.status, data: body, headers: res.headers };
  if (!res.ok) throw new ApiError(method, path, response);
  return response;
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, data) => request('POST', path, { data }),
  put: (path, data) => request('PUT', path, { data }),
  delete: (path) => request('DELETE', path),
};

/** The server's `error` text of a failed call, if it sent one. */
export function serverError(err) {
  const data = err?.response?.data;
  return data && typeof data === 'object' && typeof data.error === 'string' && data.error !== ''
    ? data.error
    : undefined;
}
