import type { MessageKey } from '@/lib/i18n/messages';
import type { NoteDto } from '@/lib/incidents/incident-dto';

/**
 * A note's text for the screen. A radio report's note names the status as the API does
 * ("GB-LJ-12 → en_route: …"); it is shown with the status's label in the screen's language.
 */
export function noteText(n: Pick<NoteDto, 'kind' | 'text'>, t: (k: MessageKey) => string): string {
  if (n.kind !== 'status_report') return n.text;
  const m = /^(\S+) → ([a-z_]+)(: [\s\S]*)?$/.exec(n.text);
  return m ? `${m[1]} → ${t(`st_${m[2]}` as MessageKey)}${m[3] ?? ''}` : n.text;
}
