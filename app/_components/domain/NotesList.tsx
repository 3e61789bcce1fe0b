'use client';

import type { LocationNoteDto } from '@/lib/geodata/nearest';
import { formatDistance } from '@/lib/i18n/format';
import { useUi } from '../i18n';

// Warnings tied to the place: the most severe first, each with its author and validity.
export function NotesList({
  notes,
  testId = 'place-notes',
  actions,
}: {
  notes: LocationNoteDto[];
  testId?: string;
  /** Controls beside each note (the dispatcher edits and deletes). */
  actions?: (n: LocationNoteDto) => React.ReactNode;
}) {
  const { t } = useUi();
  if (notes.length === 0) return null;
  return (
    <section className="place-notes" aria-label={t('notesTitle')} data-testid={testId}>
      <h3>{t('notesTitle')}</h3>
      <ul>
        {notes.map((n) => (
          <li key={n.id} className={`note-${n.severity}`} data-testid={`place-note-${n.id}`}>
            <span className="sev">{t(`sev_${n.severity}`)}</span> {n.text}
            <span className="muted">
              {' '}
              · {n.address || ''}
              {n.distanceM !== undefined ? ` ${formatDistance(n.distanceM)}` : ''} · {n.authorName}
              {n.validUntil
                ? ` · ${t('noteValidUntil')} ${n.validUntil.split('-').reverse().join('. ')}`
                : ''}
            </span>
            {actions?.(n)}
          </li>
        ))}
      </ul>
    </section>
  );
}
