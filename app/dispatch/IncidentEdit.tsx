'use client';

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { PRIORITIES, type Priority } from '@/lib/incidents/incident-status';
import { apiSend, newKey } from '../_components/api';
import { useUi } from '../_components/i18n';
import type { IncidentRow } from '../_components/live-state';
import { useIncidentTypes } from '../_components/use-incident-types';
import { useWrite } from '../_components/use-write';
import { InlineForm } from './InlineForm';

const PRIORITY_KEY = { red: 'priorityRed', yellow: 'priorityYellow', green: 'priorityGreen' } as const;

interface Draft {
  type: string;
  priority: Priority;
  description: string;
  address: string;
  lat: string;
  lon: string;
}

const draftOf = (i: IncidentRow): Draft => ({
  type: i.type,
  priority: i.priority,
  description: i.description,
  address: i.location.address,
  lat: String(i.location.lat),
  lon: String(i.location.lon),
});

// Editing an incident with the version it was read at: when someone else changed it meanwhile, the
// save is refused by the server (409) and the form shows their values beside the dispatcher's,
// instead of overwriting them; a second save, after looking, goes on the current version.
export function IncidentEdit({ incident, done }: { incident: IncidentRow; done: () => void }) {
  const { t, lang } = useUi();
  const { types, typeName } = useIncidentTypes();
  const [start] = useState<Draft>(() => draftOf(incident));
  const [draft, setDraft] = useState<Draft>(start);
  const [base, setBase] = useState(incident.version);
  const [theirs, setTheirs] = useState<Draft | null>(null);
  const { run, error, busy } = useWrite();
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  // Changed by someone else while this form is open: say so at once, with their values.
  useEffect(() => {
    if (incident.version !== base) setTheirs(draftOf(incident));
  }, [incident, base]);

  const set = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const start = draftOf(incident);
    const moved = draft.lat !== start.lat || draft.lon !== start.lon || draft.address !== start.address;
    const body = {
      version: base,
      ...(draft.type !== incident.type ? { type: draft.type } : {}),
      ...(draft.priority !== incident.priority ? { priority: draft.priority } : {}),
      ...(draft.description !== incident.description ? { description: draft.description } : {}),
      ...(moved
        ? { location: { lat: Number(draft.lat), lon: Number(draft.lon), address: draft.address.trim() } }
        : {}),
    };
    if (Object.keys(body).length === 1) return done();
    const saved = await run(
      () => apiSend('PATCH', `/api/incidents/${incident.id}`, body, { idempotencyKey: newKey() }),
      (err) => {
        if (err.code !== 'stale_version') return false;
        const current = err.detail.current as IncidentRow | undefined;
        if (current) {
          setTheirs(draftOf({ ...current, assignments: [] }));
          setBase(current.version);
        }
        return true;
      },
    );
    if (saved !== undefined) done();
  };

  // Only what the other person changed (not what this dispatcher typed) is shown beside a field.
  const diff = (k: keyof Draft) =>
    theirs && theirs[k] !== start[k] ? (
      <span className="conflict-value" data-testid={`theirs-${k}`}>
        {k === 'priority'
          ? t(PRIORITY_KEY[theirs.priority])
          : k === 'type'
            ? typeName(theirs.type)
            : theirs[k] || '–'}
      </span>
    ) : null;

  return (
    <InlineForm
      onSubmit={submit}
      done={done}
      error={error}
      busy={busy}
      submitLabel={t('save')}
      submitTestId="edit-save"
      label={t('editIncident')}
      testId="form-edit"
    >
      {theirs && (
        <div className="toast err" role="alert" data-testid="edit-conflict">
          {t('editConflict')}
        </div>
      )}
      <div className="row">
        <label className="field">
          {t('incidentType')}
          <select ref={first} value={draft.type} onChange={set('type')} data-testid="edit-type">
            {types.length === 0 && <option value={draft.type}>{draft.type}</option>}
            {types.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name[lang]}
              </option>
            ))}
          </select>
          {diff('type')}
        </label>
        <label className="field">
          {t('priority')}
          <select value={draft.priority} onChange={set('priority')} data-testid="edit-priority">
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(PRIORITY_KEY[p])}
              </option>
            ))}
          </select>
          {diff('priority')}
        </label>
      </div>
      <label className="field">
        {t('description')}
        <textarea value={draft.description} onChange={set('description')} rows={3} maxLength={4000} />
        {diff('description')}
      </label>
      <label className="field">
        {t('address')}
        <input value={draft.address} onChange={set('address')} maxLength={300} />
        {diff('address')}
      </label>
      <div className="row">
        <label className="field">
          {t('latitude')}
          <input
            value={draft.lat}
            onChange={set('lat')}
            inputMode="decimal"
            pattern="-?\d{1,2}(\.\d+)?"
            required
            data-testid="edit-lat"
          />
          {diff('lat')}
        </label>
        <label className="field">
          {t('longitude')}
          <input
            value={draft.lon}
            onChange={set('lon')}
            inputMode="decimal"
            pattern="-?\d{1,3}(\.\d+)?"
            required
            data-testid="edit-lon"
          />
          {diff('lon')}
        </label>
      </div>
    </InlineForm>
  );
}
