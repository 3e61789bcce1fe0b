import { z } from 'zod';
import { CONTACT_CHANNELS, SERVICE_KINDS } from '../../db/schema/enums';
import { ZId } from '../validation';

// What the on-call directory's routes take.

const ZTimeOfDay = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');
const ZPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()/-]{3,32}$/, 'a phone number');

export const ZContact = z
  .object({ channel: z.enum(CONTACT_CHANNELS), address: z.string().trim().min(3).max(300) })
  .superRefine((c, ctx) => {
    const ok =
      c.channel === 'email'
        ? z.email().safeParse(c.address).success
        : c.channel === 'webhook'
          ? /^https?:\/\/\S+$/.test(c.address)
          : ZPhone.safeParse(c.address).success;
    if (!ok)
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message:
          c.channel === 'email'
            ? 'an e-mail address'
            : c.channel === 'webhook'
              ? 'an http(s) URL'
              : 'a phone number',
      });
  });

export const ZShift = z.object({
  weekday: z.number().int().min(1).max(7),
  starts: ZTimeOfDay,
  ends: ZTimeOfDay,
  officer: z.string().trim().min(1).max(120),
  phone: ZPhone.nullish(),
  email: z.email().nullish(),
});

export const ZSaveService = z.object({
  /** Absent: a new service. */
  id: ZId.optional(),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{2,40}$/, 'letters, digits, . _ -; 2 to 40'),
  name: z.string().trim().min(2).max(200),
  kind: z.enum(SERVICE_KINDS),
  incidentTypes: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  national: z.boolean().default(false),
  municipalityIds: z.array(ZId).max(300).default([]),
  contacts: z.array(ZContact).max(10).default([]),
  handoverStation: z.string().trim().max(40).nullish(),
  note: z.string().trim().max(2000).default(''),
  active: z.boolean().default(true),
  shifts: z.array(ZShift).max(200).default([]),
});
export type TSaveService = z.infer<typeof ZSaveService>;

export const ZAddException = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    officer: z.string().trim().min(1).max(120),
    phone: ZPhone.nullish(),
    email: z.email().nullish(),
    reason: z.string().trim().max(300).default(''),
  })
  .refine((e) => Date.parse(e.endsAt) > Date.parse(e.startsAt), {
    path: ['endsAt'],
    message: 'after startsAt',
  });

export const ZOnDutyQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  type: z.string().trim().min(1).max(60).optional(),
  kind: z.enum(SERVICE_KINDS).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

export const ZNotify = z.object({
  serviceId: ZId,
  channel: z.enum(CONTACT_CHANNELS),
  /** What the officer is asked to do; the incident's number, type and place are always included. */
  message: z.string().trim().max(600).default(''),
});

export const ZAckByHand = z.object({ note: z.string().trim().max(500).default('') });
export const ZAckLink = z.object({
  token: z.string().trim().min(20).max(100),
  /** link: the officer on the page the link opens; system: the partner's system (webhook channel). */
  via: z.enum(['link', 'webhook']).default('webhook'),
  note: z.string().trim().max(500).default(''),
});
