import type { Db } from '../../db/client';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import { log } from '../log';
import { parseAmlHttps, parseAmlSms } from './parse-aml';
import { recordLocationFix } from './record-location-fix';

/** POST /api/aml: either transport; a malformed message is refused with the fields named, and logged. */
export async function receiveAml(
  db: Db,
  actor: Principal,
  input: { text: string; contentType: string; from?: string },
) {
  try {
    const fix = /^application\/x-www-form-urlencoded\b/.test(input.contentType)
      ? parseAmlHttps(new URLSearchParams(input.text))
      : /^text\/plain\b/.test(input.contentType) || input.contentType === ''
        ? parseAmlSms(input.text, input.from ?? null)
        : (() => {
            throw new AppError(
              'unsupported_media_type',
              'AML comes as text/plain (SMS) or a form post (HTTPS)',
              [{ field: 'content-type', message: 'text/plain or application/x-www-form-urlencoded' }],
            );
          })();
    return await recordLocationFix(db, actor, fix, input.text);
  } catch (err) {
    if (err instanceof AppError)
      log().warn(
        { actor: actor.name, fields: err.fields, raw: input.text.slice(0, 300) },
        'AML message refused',
      );
    throw err;
  }
}
