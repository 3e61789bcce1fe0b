import { describe, expect, it } from 'vitest';
import { originProblem } from '../../lib/http/origin';

// One rule for the cookie-carried HTTP write and the WebSocket upgrade.
describe('the same-origin rule', () => {
  const h = (origin: string | null, host: string, forwardedHost: string | null = null) => ({
    origin,
    host,
    forwardedHost,
  });

  it('lets a request without an Origin header through (not a browser’s cross-site request)', () => {
    expect(originProblem(h(null, 'cad.reco.si'), false)).toBeNull();
  });

  it('accepts the page’s own origin and refuses another site, or a malformed header', () => {
    expect(originProblem(h('https://cad.reco.si', 'cad.reco.si'), false)).toBeNull();
    expect(originProblem(h('https://evil.example', 'cad.reco.si'), false)).toBe(
      'cross-origin request refused',
    );
    expect(originProblem(h('not a url', 'cad.reco.si'), false)).toBe('bad Origin header');
    expect(originProblem(h('https://cad.reco.si:8443', 'cad.reco.si'), false)).not.toBeNull();
  });

  it('reads X-Forwarded-Host only behind a trusted proxy', () => {
    const behind = h('https://cad.reco.si', 'app-node-2:3000', 'cad.reco.si');
    expect(originProblem(behind, true)).toBeNull();
    expect(originProblem(behind, false)).toBe('cross-origin request refused');
    // A client cannot make a foreign origin pass by sending the header itself.
    expect(originProblem(h('https://evil.example', 'cad.reco.si', 'evil.example'), false)).not.toBeNull();
  });
});
