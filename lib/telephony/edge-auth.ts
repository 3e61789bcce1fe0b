import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { sha256 } from '../auth/secret-token';
import { env } from '../env';
import { AppError } from '../errors';

// The SIP edge's events are taken only with its token and only from the configured addresses: a
// forged "answered" or "abandoned" would move a real caller's call.

let cached: { spec: string; list: BlockList } | null = null;

function allowedList(spec: string): BlockList {
  if (cached?.spec === spec) return cached.list;
  const list = new BlockList();
  for (const raw of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addr, bits] = raw.split('/');
    const family = isIP(addr ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (!addr || !isIP(addr)) continue;
    if (bits !== undefined) list.addSubnet(addr, Number(bits), family);
    else list.addAddress(addr, family);
  }
  cached = { spec, list };
  return list;
}

export function checkTelephonyCaller(req: Request): void {
  const config = env();
  if (!config.TELEPHONY_TOKEN) throw new AppError('not_found', 'telephony is not configured here');
  const problem = edgeProblem(
    req.headers.get('authorization'),
    req.headers.get('x-cad112-client'),
    config.TELEPHONY_TOKEN,
    config.TELEPHONY_ALLOWED_ADDRESSES,
  );
  if (problem === 'token') throw new AppError('unauthenticated', 'the telephony token is required');
  if (problem === 'address')
    throw new AppError('forbidden', 'not an address of the SIP edge (TELEPHONY_ALLOWED_ADDRESSES)');
}

/** What is wrong with a caller of the edge's endpoint: its token, its address, or nothing. */
export function edgeProblem(
  authorization: string | null,
  address: string | null,
  token: string,
  allowed: string,
): 'token' | 'address' | null {
  const sent = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(sha256(sent));
  const b = Buffer.from(sha256(token));
  if (!sent || !timingSafeEqual(a, b)) return 'token';
  let from = address ?? '';
  if (from.startsWith('::ffff:')) from = from.slice(7);
  const family = isIP(from) === 6 ? 'ipv6' : 'ipv4';
  if (!isIP(from) || !allowedList(allowed).check(from, family)) return 'address';
  return null;
}
