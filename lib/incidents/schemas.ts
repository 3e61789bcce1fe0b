import { z } from 'zod';
import { CHANNELS, INCIDENT_STATUSES, OUTCOMES, PRIORITIES } from '../../db/schema';
import { ZTriageAnswers } from '../triage/schemas';
import { INT32_MAX, ZId, ZVersion } from '../validation';
import type { IncidentDto } from './incident-dto';

// Boundary schemas for incidents. Names follow ZThing / TThing.

const trimmed = (max: number) => z.string().trim().max(max);

export const ZLocation = z.object({
  lat: z.number().finite().min(-90).max(90),
  lon: z.number().finite().min(-180).max(180),
  accuracyM: z.number().int().min(0).max(100_000).nullable().optional(),
  address: trimmed(300).optional(),
});

export const ZCaller = z.object({
  phone: z
    .string()
    .trim()
    .max(32)
    .regex(/^[+0-9 ()/-]*$/, 'digits, spaces and + ( ) / - only')
    .optional(),
  name: trimmed(120).optional(),
});

export const ZCreateIncident = z.object({
  type: z.string().min(1).max(64),
  priority: z.enum(PRIORITIES),
  description: trimmed(4000).optional(),
  location: ZLocation,
  caller: ZCaller.optional(),
  channel: z.enum(CHANNELS).optional(),
  /** When the call was answered; at most a day back and not in the future. */
  callStartedAt: z.iso
    .datetime({ offset: true })
    .refine((v) => {
      const t = Date.parse(v);
      return t <= Date.now() + 60_000 && t >= Date.now() - 86_400_000;
    }, 'within the last day')
    .optional(),
  /** Answers to the type's protocol questions; the suggested priority is recorded with them. */
  triage: z.object({ answers: ZTriageAnswers }).optional(),
});
export type TCreateIncident = z.infer<typeof ZCreateIncident>;

export const ZUpdateIncident = z
  .object({
    version: ZVersion,
    type: z.string().min(1).max(64).optional(),
    priority: z.enum(PRIORITIES).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    description: trimmed(4000).optional(),
    location: ZLocation.optional(),
    caller: ZCaller.optional(),
    /** Closing or cancelling while units are still assigned needs a stated reason; they are released. */
    closeReason: trimmed(500).optional(),
    /** false: a call-taker has confirmed an incident a machine opened (eCall). */
    flagged: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 1, { message: 'nothing to change', path: ['(root)'] });
export type TUpdateIncident = z.infer<typeof ZUpdateIncident>;
/** The fields an incident.updated event names as changed (closing and merging set the last two). */
export type IncidentChange =
  | Exclude<keyof TUpdateIncident, 'version' | 'closeReason'>
  | 'outcome'
  | 'mergedInto';
/** The previous values of the changed fields (an incident.updated event's `before`). */
export type IncidentBefore = Partial<Pick<IncidentDto, IncidentChange>>;

const version = ZVersion;
const reason = (min: number) => z.string().trim().min(min).max(500);

/** Close with a coded outcome; units still on it are released only when the dispatcher says so. */
export const ZCloseIncident = z.object({
  version,
  outcome: z.enum(OUTCOMES),
  remark: reason(0).optional(),
  releaseUnits: z.boolean().optional(),
});
export type TCloseIncident = z.infer<typeof ZCloseIncident>;

export const ZCancelIncident = z.object({
  version,
  reason: reason(3),
  releaseUnits: z.boolean().optional(),
});
export type TCancelIncident = z.infer<typeof ZCancelIncident>;

export const ZReopenIncident = z.object({ version, reason: reason(3) });
export type TReopenIncident = z.infer<typeof ZReopenIncident>;

/** Merge this incident (a duplicate) into `into`, the one that stays. */
export const ZMergeIncident = z.object({
  version,
  into: ZId,
  remark: reason(0).optional(),
});
export type TMergeIncident = z.infer<typeof ZMergeIncident>;

export const ZLinkIncident = z.object({
  other: ZId,
  /** false removes the link. */
  linked: z.boolean().default(true),
});
export type TLinkIncident = z.infer<typeof ZLinkIncident>;

export const ZReleaseAssignment = z.object({ reason: reason(0).optional() });
export type TReleaseAssignment = z.infer<typeof ZReleaseAssignment>;

/** Send another unit in this one's place (a nearer one, a breakdown): one write, both events. */
export const ZSwapAssignment = z.object({
  unitId: ZId,
  reason: reason(0).optional(),
});
export type TSwapAssignment = z.infer<typeof ZSwapAssignment>;

export const ZAddNote = z.object({ text: z.string().trim().min(1).max(4000) });

export const ZAssignUnit = z.object({
  unitId: ZId,
  /** Take the unit off the incident it is working on and send it here (e.g. a more urgent call). */
  reassign: z.boolean().optional(),
});

export const ZIncidentListQuery = z.object({
  /** 'ended': closed or cancelled, newest first (the dispatcher's recently ended list, to reopen). */
  status: z.enum(['open', 'all', 'ended', ...INCIDENT_STATUSES]).default('open'),
  /** One incident by its number (jump to it), e.g. 2026-000123. */
  number: z
    .string()
    .regex(/^\d{4}-\d{6}$/, 'YYYY-NNNNNN')
    .optional(),
  mine: z.enum(['true', 'false']).optional(),
  /** The dispatcher's board asks for every open incident (a storm can open thousands). */
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
});

export const ZIdParam = z.coerce.number().int().positive().max(INT32_MAX);

export const ZNearbyQuery = z.object({
  lat: z.coerce.number().finite().min(-90).max(90),
  lon: z.coerce.number().finite().min(-180).max(180),
  radiusM: z.coerce.number().int().min(10).max(50_000).optional(),
  minutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
});

export const ZAddCaller = z.object({
  phone: ZCaller.shape.phone,
  name: trimmed(120).optional(),
  note: trimmed(4000).optional(),
});
