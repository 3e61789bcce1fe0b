import { env } from '../env';
import { type PidfLocation, parsePidfLo } from './pidf-lo';

// Fetches a caller's location by reference (RFC 6753): a HELD locationRequest (RFC 5985) POSTed to the
// reference, and a plain GET where the server does not take HELD. null: the LIS did not answer with a
// readable location in time.

const HELD_REQUEST =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held" responseTime="emergencyRouting">' +
  '<locationType exact="false">geodetic civic</locationType></locationRequest>';

export async function dereferenceLocation(uri: string): Promise<PidfLocation | null> {
  const timeout = env().LOCATION_DEREFERENCE_TIMEOUT_MS;
  const ask = async (init: RequestInit) => {
    const res = await fetch(uri, { ...init, signal: AbortSignal.timeout(timeout), redirect: 'error' });
    const text = (await res.text()).slice(0, 1_000_000);
    return { status: res.status, text };
  };
  try {
    let r = await ask({
      method: 'POST',
      headers: { 'content-type': 'application/held+xml;charset=utf-8', accept: 'application/held+xml' },
      body: HELD_REQUEST,
    });
    if (r.status === 405 || r.status === 415)
      r = await ask({ method: 'GET', headers: { accept: 'application/pidf+xml' } });
    if (r.status < 200 || r.status >= 300) return null;
    const loc = parsePidfLo(r.text);
    return loc.shape || loc.civic ? loc : null;
  } catch {
    return null;
  }
}
