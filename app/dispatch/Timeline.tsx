'use client';

import { type FormEvent, useRef, useState } from 'react';
import { formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { CallerDto, NoteDto } from '@/lib/incidents/incident-dto';
import type { LinkedIncident } from '@/lib/incidents/merge-incident';
import { apiSend, newKey } from '../_components/api';
import { useUi } from '../_components/i18n';
import { noteText } from '../_components/note-text';
import { useDebouncedGet } from '../_components/use-debounced-get';
import { useKey } from '../_components/use-key';
import { useWrite } from '../_components/use-write';

export interface IncidentDetailDto {
  id: number;
  notes: NoteDto[];
  callers: CallerDto[];
  related: LinkedIncident[];
}

const RELATION_KEY = { link: 'relLink', merged: 'relMerged', into: 'relInto' } as const;

// The incident's timeline: every note with its author and time (a lifecycle action's reason labelled
// with the action), further callers, related incidents; a note is added from the keyboard (N focuses
// the field, Ctrl+Enter saves). Reloaded whenever `refresh` changes (the incident's notes' events).
export function Timeline({
  incidentId,
  refresh,
  onOpen,
}: {
  incidentId: number;
  refresh: unknown;
  onOpen: (id: number) => void;
}) {
  const { t } = useUi();
  const url = `/api/incidents/${incidentId}`;
  const detail = useDebouncedGet<IncidentDetailDto>(url, 0, refresh);
  const data = detail.url === url ? detail.data : undefined;
  const [text, setText] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const { run, error, busy } = useWrite();
  useKey('n', () => {
    field.current?.focus();
    return field.current !== null;
  });

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!text.trim()) return;
    const ok = await run(() =>
      apiSend('POST', `/api/incidents/${incidentId}/notes`, { text }, { idempotencyKey: newKey() }),
    );
    if (ok !== undefined) setText('');
  };

  return (
    <section aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title" style={{ marginTop: 14 }}>
        {t('timeline')}
      </h2>
      {data && data.related.length > 0 && (
        <p data-testid="related">
          {t('related')}:{' '}
          {data.related.map((r) => (
            <span key={r.id} className="related-item">
              <button
                type="button"
                className="link-button"
                onClick={() => onOpen(r.id)}
                data-testid={`related-${r.number}`}
              >
                {r.number} ({t(RELATION_KEY[r.relation])}, {t(`inc_${r.status}` as MessageKey)})
              </button>
              {r.relation === 'link' && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`${t('unlink')} ${r.number}`}
                  title={t('unlink')}
                  onClick={() =>
                    void run(() =>
                      apiSend(
                        'POST',
                        `/api/incidents/${incidentId}/links`,
                        { other: r.id, linked: false },
                        { idempotencyKey: newKey() },
                      ),
                    )
                  }
                  data-testid={`unlink-${r.number}`}
                >
                  ✕
                </button>
              )}{' '}
            </span>
          ))}
        </p>
      )}
      <ol className="timeline">
        {data?.callers.map((c) => (
          <li key={`c${c.id}`}>
            <span className="muted">
              {formatTime(c.createdAt)} · {c.author}
            </span>{' '}
            <strong>{t('caller')}</strong>: {[c.name, c.phone].filter(Boolean).join(' ')}
            {c.note ? ` – ${c.note}` : ''}
          </li>
        ))}
        {data?.notes.map((n) => (
          <li key={n.id} data-kind={n.kind} data-testid={`note-${n.kind}`}>
            <span className="muted">
              {formatTime(n.createdAt)} · {n.author}
            </span>{' '}
            {n.kind !== 'note' && <strong>{t(`note_${n.kind}`)}: </strong>}
            {noteText(n, t)}
          </li>
        ))}
        {data && data.notes.length === 0 && data.callers.length === 0 && (
          <li className="muted">{t('noNotes')}</li>
        )}
      </ol>
      <form onSubmit={save} className="note-form">
        <label className="field">
          <span>
            {t('addNote')} <kbd>N</kbd> · <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </span>
          <textarea
            ref={field}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
              if (e.key === 'Escape') field.current?.blur();
            }}
            rows={2}
            maxLength={4000}
            aria-label={t('noteText')}
            data-testid="note-text"
          />
        </label>
        {error && (
          <div className="toast err" role="alert">
            {error}
          </div>
        )}
        <button type="submit" disabled={busy || !text.trim()} data-testid="note-save">
          {t('addNote')}
        </button>
      </form>
    </section>
  );
}
