import { and, eq, inArray } from 'drizzle-orm';
import { type AddressObject, simpleParser } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import type { Db } from '../../db/client';
import { messages } from '../../db/schema';
import { pgErrorCode } from '../errors';
import { inWriteTx } from '../events/write-tx';
import { messageDto } from './conversation-dto';
import { findInbound, storeInbound } from './incident-timeline';

const MAX_TEXT = 100_000;

/** HTML as markup that cannot run or fetch anything: no scripts, styles, images, forms or frames. */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'img'),
    allowedAttributes: { a: ['href', 'title'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
    disallowedTagsMode: 'discard',
  });
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const o of list) for (const v of o.value) if (v.address) return v.address.toLowerCase();
  return '';
}

function clean(s: string): string {
  // PostgreSQL text cannot hold NUL; a broken message must still be stored.
  return s.replaceAll('\u0000', '').slice(0, MAX_TEXT);
}

export interface Envelope {
  from: string;
  to: string[];
}

/**
 * Parses and stores one received e-mail with its event, committed before the SMTP answer. The same
 * Message-ID delivered again is the same row (returns `duplicate: true`, nothing new is evented).
 * A reply (In-Reply-To / References of a stored message) joins that message's conversation.
 */
export async function receiveEmail(db: Db, raw: Buffer, envelope: Envelope) {
  let parsed: Awaited<ReturnType<typeof simpleParser>> | null = null;
  try {
    parsed = await simpleParser(raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      maxHtmlLengthToParse: 2_000_000,
    });
  } catch {
    parsed = null; // malformed beyond parsing: kept as raw text below
  }
  const messageId = parsed?.messageId ? clean(parsed.messageId).slice(0, 998) : null;
  const from = firstAddress(parsed?.from) || envelope.from.toLowerCase() || 'unknown';
  const to = envelope.to.join(', ');
  const subject = clean(parsed?.subject ?? '').slice(0, 998);
  const html = parsed?.html ? clean(sanitiseHtml(parsed.html)) : null;
  const text = clean(
    parsed?.text ??
      (parsed?.html
        ? sanitizeHtml(parsed.html, { allowedTags: [], allowedAttributes: {} })
        : raw.toString('utf8')),
  ).trim();
  const attachments = (parsed?.attachments ?? []).map((a) => ({
    name: clean(a.filename ?? '(no name)').slice(0, 255),
    type: clean(a.contentType ?? 'application/octet-stream').slice(0, 255),
    size: a.size ?? a.content?.length ?? 0,
  }));
  const references = [
    ...new Set(
      [
        ...(Array.isArray(parsed?.references)
          ? parsed.references
          : parsed?.references
            ? [parsed.references]
            : []),
        ...(parsed?.inReplyTo ? [parsed.inReplyTo] : []),
      ].map((r) => clean(r).slice(0, 998)),
    ),
  ];

  const stored = messageId ? await findInbound(db, 'email', messageId) : undefined;
  if (stored) return { duplicate: true, message: messageDto(stored) };

  try {
    const { result } = await inWriteTx(db, null, async (w) => {
      // Part of a thread we know (our reply, or an earlier message of theirs)?
      let conversationId: number | undefined;
      if (references.length) {
        const [known] = await w.tx
          .select({ conversationId: messages.conversationId })
          .from(messages)
          .where(and(eq(messages.channel, 'email'), inArray(messages.externalId, references)))
          .limit(1);
        conversationId = known?.conversationId;
      }
      const data = await storeInbound(
        w,
        conversationId,
        { channel: 'email', counterpart: from, subject },
        {
          externalId: messageId,
          fromAddr: from,
          toAddr: to,
          subject,
          text,
          html,
          attachments,
          inReplyTo: parsed?.inReplyTo ? clean(parsed.inReplyTo).slice(0, 998) : null,
          references,
          sizeBytes: raw.length,
        },
      );
      return { duplicate: false, message: data.message, conversation: data.conversation };
    });
    return result;
  } catch (err) {
    // The same Message-ID arriving twice at once: the unique index decides, the second is a duplicate.
    if (pgErrorCode(err) === '23505' && messageId) {
      const existing = await findInbound(db, 'email', messageId);
      if (existing) return { duplicate: true, message: messageDto(existing) };
    }
    throw err;
  }
}
