/**
 * Whether a browser request from `origin` may change state or open a websocket: it comes from the
 * page's own host (the request's Host header), or from an origin the configuration lists
 * (ALLOWED_ORIGINS, PUBLIC_URL). A missing or opaque ("null") origin is never allowed.
 */
export function isAllowedOrigin(origin: string | undefined, requestHost: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined || origin === '' || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (allowed.has(url.origin)) return true;
  if (requestHost === undefined || requestHost === '') return false;
  // Parsed with the origin's scheme so that "example.org" and "example.org:443" compare equal over https.
  let host: URL;
  try {
    host = new URL(`${url.protocol}//${requestHost}`);
  } catch {
    return false;
  }
  return host.host === url.host && host.pathname === '/' && host.username === '' && host.password === '';
}

/** The origin of a Referer value, or undefined when it has none (the fallback when a browser sends no Origin). */
export function originOfReferer(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  try {
    const origin = new URL(referer).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
