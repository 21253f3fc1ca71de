// The API client: the token from sessionStorage (gone when the tab closes), JSON in and out,
// and errors as ApiError with the server's stable code, pointer and issues.
import { codeTexts, dutchError } from './messages.js';

const TOKEN_KEY = 'passend.token';
const ACTIVE_KEY = 'passend.active';
// The page forgets the token after this long without activity (a click, a key, an API call),
// so an unattended screen does not stay signed in (docs/web.md, "Signing in").
export const IDLE_LIMIT_MS = 30 * 60 * 1000;

function idleFor() {
  const last = Number(sessionStorage.getItem(ACTIVE_KEY) || 0);
  return Date.now() - last;
}

export const session = {
  token() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token && idleFor() > IDLE_LIMIT_MS) {
      this.clear();
      return null;
    }
    return token;
  },
  set(token) { sessionStorage.setItem(TOKEN_KEY, token); this.touch(); },
  clear() { sessionStorage.removeItem(TOKEN_KEY); sessionStorage.removeItem(ACTIVE_KEY); },
  touch() { if (sessionStorage.getItem(TOKEN_KEY)) sessionStorage.setItem(ACTIVE_KEY, String(Date.now())); },
  idle() { return sessionStorage.getItem(TOKEN_KEY) !== null && idleFor() > IDLE_LIMIT_MS; },
  remaining() { return IDLE_LIMIT_MS - idleFor(); },
};


export class ApiError extends Error {
  constructor(status, body) {
    const code = body?.code ?? (status === 0 ? 'network' : 'internal');
    super(body?.message || codeTexts[code] || codeTexts.internal);
    this.status = status;
    this.code = code;
    this.pointer = body?.pointer || '';
    this.issues = body?.issues || [];
  }
  // What a user reads: plain Dutch, never the (English, precise) server message as is.
  get dutch() { return dutchError(this); }
}

let onUnauthenticated = () => {};
export function whenUnauthenticated(fn) { onUnauthenticated = fn; }

export async function api(method, path, { body, query } = {}) {
  const headers = { Accept: 'application/json' };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  session.touch();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const qs = query ? '?' + new URLSearchParams(query).toString() : '';
  let res;
  try {
    res = await fetch(path + qs, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null);
  }
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (!res.ok) {
    const error = new ApiError(res.status, data);
    if (res.status === 401) onUnauthenticated(error);
    throw error;
  }
  return { data, headers: res.headers };
}

export const get = async (path, query) => (await api('GET', path, { query })).data;

// Reference data, fetched once per sign-in.
const cache = new Map();
export function cached(path) {
  if (!cache.has(path)) {
    const p = get(path);
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return cache.get(path);
}
export function clearCache() { cache.clear(); }
