import type { MessageKey } from '@/lib/i18n/messages';

/** A label with {placeholders} filled in. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** An imported entry's doubts in words. */
export function doubtWords(doubts: string[], t: (k: MessageKey) => string): string {
  return doubts.map((d) => t(`gd_${d}` as MessageKey) ?? d).join(', ');
}

/** Kilometres with the screen language's decimal mark (0,3 km / 0.3 km). */
export const km = (v: number | null, lang: 'sl' | 'en') =>
  v === null ? '–' : v.toLocaleString(lang === 'sl' ? 'sl-SI' : 'en-GB');
