// The one same-origin rule, for state-changing HTTP requests carried by the session cookie (CSRF) and
// for the WebSocket upgrade (cross-site WebSocket hijacking). A request without an Origin header is not
// a browser's cross-site request; with one, its host must be the host the request was sent to: the
// Host header, or behind a trusted reverse proxy the X-Forwarded-Host it sets.

export interface OriginHeaders {
  origin: string | null | undefined;
  host: string | null | undefined;
  forwardedHost: string | null | undefined;
}

/** Why the request's origin is refused, or null when it may proceed. */
export function originProblem(h: OriginHeaders, trustProxy: boolean): string | null {
  if (!h.origin) return null;
  let originHost: string;
  try {
    originHost = new URL(h.origin).host;
  } catch {
    return 'bad Origin header';
  }
  const host = (trustProxy && h.forwardedHost?.split(',')[0]?.trim()) || h.host;
  return originHost === host ? null : 'cross-origin request refused';
}
