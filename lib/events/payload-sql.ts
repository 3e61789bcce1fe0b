import { type SQL, sql } from 'drizzle-orm';
import type { EventPayloads, EventType } from './catalogue';

// SQL that reads an event's payload in the database (statistics, replay) names its path through
// these helpers, so tsc checks the path against the catalogue's payload type of that event: a renamed
// field breaks the build instead of a chart.

type Key<T> = Extract<keyof NonNullable<T>, string>;

function path(alias: string, keys: string[]): string {
  for (const k of [alias, ...keys]) if (!/^[a-zA-Z_]+$/.test(k)) throw new Error(`bad payload path ${k}`);
  const last = keys.length - 1;
  return `${alias}.payload${keys.map((k, i) => `${i === last ? '->>' : '->'}'${k}'`).join('')}`;
}

/** `<alias>.payload->'k1'->>'k2'` as text, for a field of `type`'s payload. */
export function payloadText<
  T extends EventType,
  K1 extends Key<EventPayloads[T]>,
  K2 extends Key<EventPayloads[T][K1]>,
>(_type: T, alias: string, k1: K1, k2: K2): SQL<string | null> {
  return sql.raw(path(alias, [k1, k2])) as SQL<string | null>;
}

/** `<alias>.payload->'k1'` as JSON, for an entity snapshot in `type`'s payload. */
export function payloadJson<T extends EventType, K1 extends Key<EventPayloads[T]>>(
  _type: T,
  alias: string,
  k1: K1,
): SQL<EventPayloads[T][K1]> {
  return sql.raw(`${path(alias, [])}->'${k1}'`) as SQL<EventPayloads[T][K1]>;
}
