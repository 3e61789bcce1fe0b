import type { Db } from '../../db/client';
import type { Principal } from '../auth/principal';
import { env } from '../env';
import { AppError } from '../errors';
import { log } from '../log';
import { parseAmlHttps, parseAmlSms } from './parse-aml';
import { recordLocationFix } from './record-location-fix';

/**
 * POST /api/aml: either transport. A message is stored with what can be read and its doubts named;
 * only a message with no caller's number or no AML in it is refused, and the refusal is logged with the
 * raw message so nothing a handset sent is lost without trace.
 */
export async function receiveAml(
  db: Db,
  actor: Principal,
  input: { text: string; bytes: Buffer; contentType: string; from?: string },
) {
  try {
    const ct = input.contentType;
    const fix = /^application\/x-www-form-urlencoded\b/.test(ct)
      ? parseAmlHttps(input.text, env().AML_HMAC_KEY)
      : /^application\/octet-stream\b/.test(ct)
        ? parseAmlSms(input.bytes, input.from ?? null)
        : /^text\/plain\b/.test(ct) || ct === ''
          ? parseAmlSms(input.text, input.from ?? null)
          : (() => {
              throw new AppError(
                'unsupported_media_type',
                'AML comes as text/plain or application/octet-stream (SMS) or a form post (HTTPS)',
                [
                  {
                    field: 'content-type',
                    message: 'text/plain, application/octet-stream or application/x-www-form-urlencoded',
                  },
                ],
              );
            })();
    const raw = /^application\/octet-stream\b/.test(ct) ? input.bytes.toString('hex') : input.text;
    if (fix.doubts.length)
      log().info(
        { actor: actor.name, doubts: fix.doubts, phone: fix.phone },
        'AML message stored with doubts',
      );
    return await recordLocationFix(db, actor, fix, raw);
  } catch (err) {
    if (err instanceof AppError)
      log().warn(
        {
          actor: actor.name,
          fields: err.fields,
          from: input.from,
          contentType: input.contentType,
          raw: input.bytes
            .subarray(0, 2000)
            .toString(/octet-stream/.test(input.contentType) ? 'hex' : 'utf8'),
        },
        'AML message refused',
      );
    throw err;
  }
}
