'use client';

import { type FormEvent, useState } from 'react';
import type { Surroundings as SurroundingsDto } from '@/lib/geodata/incident-surroundings';
import { readHazardId, readPlate } from '@/lib/hazmat/hazard-id';
import { formatDistance } from '@/lib/i18n/format';
import { apiSend, newKey } from '../api';
import { useUi } from '../i18n';
import { useDebouncedGet } from '../use-debounced-get';
import { useWrite } from '../use-write';
import { AedList } from './AedList';
import { NotesList } from './NotesList';
import { SubstanceCard } from './SubstanceCard';
import { WaterList } from './WaterList';

/** "33/1203", "33 1203", "1203" → the numbers to record; null when it does not read as either. */
function plateInput(text: string): { unNumber: string; hazardId?: string } | null {
  const p = readPlate(text);
  if (p) return p;
  const un = /^\s*(?:UN\s?)?(\d{4})\s*$/i.exec(text);
  return un ? { unNumber: un[1] as string } : null;
}

// What the domain databases say about the incident's place, for the dispatcher (who also records a
// substance and writes a warning for the place) and the crew (read only, large).
export function Surroundings({
  incidentId,
  refresh,
  editable,
  position,
}: {
  incidentId: number;
  refresh: unknown;
  editable: boolean;
  position?: { lat: number; lon: number; address: string };
}) {
  const { t, lang } = useUi();
  const url = `/api/incidents/${incidentId}/surroundings`;
  const got = useDebouncedGet<SurroundingsDto>(url, 0, refresh);
  const data = got.url === url ? got.data : undefined;
  const [plate, setPlate] = useState('');
  const [plateNote, setPlateNote] = useState('');
  const [noteText, setNoteText] = useState('');
  const [noteSeverity, setNoteSeverity] = useState('warning');
  const [noteRadius, setNoteRadius] = useState('50');
  const [noteUntil, setNoteUntil] = useState('');
  const [noteOpen, setNoteOpen] = useState(false);
  // The note being changed (its id and the version read), or null for a new one.
  const [editing, setEditing] = useState<{
    id: number;
    version: number;
    lat: number;
    lon: number;
    address: string;
  } | null>(null);
  const { run, error, busy } = useWrite();
  const parsed = plateInput(plate);

  const addSubstance = async (e: FormEvent) => {
    e.preventDefault();
    if (!parsed) return;
    const ok = await run(() =>
      apiSend(
        'POST',
        `/api/incidents/${incidentId}/substances`,
        { ...parsed, note: plateNote },
        { idempotencyKey: newKey() },
      ),
    );
    if (ok !== undefined) {
      setPlate('');
      setPlateNote('');
    }
  };
  const addNote = async (e: FormEvent) => {
    e.preventDefault();
    const where = editing ?? position;
    if (!where || !noteText.trim()) return;
    const ok = await run(() =>
      apiSend(
        'POST',
        '/api/location-notes',
        {
          ...(editing ? { id: editing.id, version: editing.version } : {}),
          lat: where.lat,
          lon: where.lon,
          address: where.address,
          text: noteText,
          severity: noteSeverity,
          radiusM: Number(noteRadius) || 50,
          validUntil: noteUntil || null,
        },
        { idempotencyKey: newKey() },
      ),
    );
    if (ok !== undefined) {
      setNoteText('');
      setEditing(null);
      setNoteOpen(false);
    }
  };

  if (!data) return null;
  return (
    <div className="surroundings" data-testid="surroundings">
      <NotesList
        notes={data.notes}
        actions={
          editable
            ? (n) => (
                <span className="row-buttons inline">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setEditing({
                        id: n.id,
                        version: n.version,
                        lat: n.lat,
                        lon: n.lon,
                        address: n.address,
                      });
                      setNoteText(n.text);
                      setNoteSeverity(n.severity);
                      setNoteRadius(String(n.radiusM));
                      setNoteUntil(n.validUntil ?? '');
                      setNoteOpen(true);
                    }}
                  >
                    {t('adminEdit')}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void run(() => apiSend('DELETE', `/api/location-notes/${n.id}`))}
                  >
                    {t('noteDelete')}
                  </button>
                </span>
              )
            : undefined
        }
      />
      {(data.substances.length > 0 || editable) && (
        <section aria-label={t('hazmatTitle')} data-testid="substances">
          <h3>{t('hazmatTitle')}</h3>
          {data.substances.map((s) => (
            <SubstanceCard
              key={s.id}
              unNumber={s.unNumber}
              hazard={s.hazard}
              substances={s.substances}
              note={s.note}
            >
              {editable && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    void run(() => apiSend('DELETE', `/api/incidents/${incidentId}/substances/${s.id}`))
                  }
                >
                  {t('hazmatRemove')}
                </button>
              )}
            </SubstanceCard>
          ))}
          {editable && (
            <form className="row" onSubmit={addSubstance} data-testid="substance-form">
              <input
                aria-label={t('hazmatLookup')}
                placeholder={t('hazmatLookup')}
                value={plate}
                onChange={(e) => setPlate(e.target.value)}
                aria-invalid={plate.trim() !== '' && !parsed}
              />
              <input
                aria-label={t('remark')}
                placeholder={t('remark')}
                value={plateNote}
                onChange={(e) => setPlateNote(e.target.value)}
              />
              <button type="submit" disabled={!parsed || busy} style={{ flex: 'none' }}>
                {t('hazmatAdd')}
              </button>
            </form>
          )}
          {editable && parsed?.hazardId && (
            <p className="muted">{readHazardId(parsed.hazardId).meaning[lang]}</p>
          )}
        </section>
      )}
      {data.aeds && <AedList available={data.aeds.available} unavailable={data.aeds.unavailable} />}
      {/* The crew sees hydrants where there are some; "none within 500 m" is for the dispatcher. */}
      {(editable || data.waterSources.length > 0) && <WaterList sources={data.waterSources} />}
      {editable && (
        <section aria-label={t('hospitalsTitle')} data-testid="hospitals">
          <h3>{t('hospitalsTitle')}</h3>
          <ul>
            {data.hospitals.map((h) => (
              <li key={h.capability}>
                <strong>{t(`hc_${h.capability}`)}:</strong>{' '}
                {h.list.map((x) => `${x.name} ${formatDistance(x.distanceM)}`).join(' · ') || '–'}
              </li>
            ))}
          </ul>
        </section>
      )}
      {editable && position && (
        <details className="note-add" open={noteOpen} onToggle={(e) => setNoteOpen(e.currentTarget.open)}>
          <summary>{editing ? t('adminEdit') : t('notesAdd')}</summary>
          <form onSubmit={addNote} data-testid="note-form">
            <div className="field">
              <label htmlFor="place-note-text">{t('noteText')}</label>
              <textarea
                id="place-note-text"
                rows={2}
                value={noteText}
                onChange={(e) => setNoteText(e.target.value)}
              />
            </div>
            <div className="row">
              <label>
                {t('noteSeverity')}{' '}
                <select value={noteSeverity} onChange={(e) => setNoteSeverity(e.target.value)}>
                  <option value="info">{t('sev_info')}</option>
                  <option value="warning">{t('sev_warning')}</option>
                  <option value="danger">{t('sev_danger')}</option>
                </select>
              </label>
              <label>
                {t('noteRadius')}{' '}
                <input
                  type="number"
                  min={1}
                  max={5000}
                  value={noteRadius}
                  onChange={(e) => setNoteRadius(e.target.value)}
                />
              </label>
              <label>
                {t('noteValidUntil')}{' '}
                <input type="date" value={noteUntil} onChange={(e) => setNoteUntil(e.target.value)} />
              </label>
              <button type="submit" disabled={!noteText.trim() || busy} style={{ flex: 'none' }}>
                {t('save')}
              </button>
            </div>
          </form>
        </details>
      )}
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
