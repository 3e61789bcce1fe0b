'use client';

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isOpenIncident, OUTCOMES, type Outcome } from '@/lib/incidents/incident-status';
import { apiSend, newKey } from '../_components/api';
import { useUi } from '../_components/i18n';
import type { IncidentMap, IncidentRow } from '../_components/live-state';
import { useKey } from '../_components/use-key';
import { useWrite } from '../_components/use-write';
import { InlineForm } from './InlineForm';

export type ActionMode = 'close' | 'cancel' | 'reopen' | 'merge' | 'link' | null;

// What a dispatcher does to finish an incident's work: close with a coded outcome and a remark,
// cancel with a reason, reopen a closed one, merge a duplicate into the incident that stays, link a
// related one. Each opens a small form in place (first field focused, Escape closes it); units still
// on the incident are listed and released only with the dispatcher's tick.
export function IncidentActions({
  incident,
  incidents,
  mode,
  setMode,
  onEdit,
}: {
  incident: IncidentRow;
  incidents: IncidentMap;
  mode: ActionMode;
  setMode: (m: ActionMode) => void;
  onEdit: () => void;
}) {
  const { t } = useUi();
  const open = isOpenIncident(incident.status);
  useKey('c', () => {
    if (!open) return false;
    setMode('close');
    return true;
  });
  return (
    <div className="incident-actions" data-testid="incident-actions">
      <div className="row-buttons" role="toolbar" aria-label={t('actions')}>
        {open ? (
          <>
            <button type="button" onClick={onEdit} aria-keyshortcuts="E" data-testid="action-edit">
              {t('editIncident')} <kbd>E</kbd>
            </button>
            <button
              type="button"
              onClick={() => setMode('close')}
              aria-keyshortcuts="C"
              data-testid="action-close"
            >
              {t('closeIncident')} <kbd>C</kbd>
            </button>
            <button type="button" onClick={() => setMode('cancel')} data-testid="action-cancel">
              {t('cancelIncident')}
            </button>
            <button type="button" onClick={() => setMode('merge')} data-testid="action-merge">
              {t('merge')}
            </button>
          </>
        ) : (
          incident.mergedInto === null && (
            <button type="button" onClick={() => setMode('reopen')} data-testid="action-reopen">
              {t('reopenIncident')}
            </button>
          )
        )}
        <button type="button" onClick={() => setMode('link')} data-testid="action-link">
          {t('link')}
        </button>
      </div>
      {mode && (
        <ActionForm
          key={mode}
          mode={mode}
          incident={incident}
          incidents={incidents}
          done={() => setMode(null)}
        />
      )}
    </div>
  );
}

function ActionForm({
  mode,
  incident,
  incidents,
  done,
}: {
  mode: Exclude<ActionMode, null>;
  incident: IncidentRow;
  incidents: IncidentMap;
  done: () => void;
}) {
  const { t } = useUi();
  const { run, error, setError, busy } = useWrite();
  const [outcome, setOutcome] = useState<Outcome>('handled');
  const [text, setText] = useState('');
  const [other, setOther] = useState('');
  const active = incident.assignments.filter((a) => !a.releasedAt);
  const [release, setRelease] = useState(false);
  const first = useRef<HTMLSelectElement & HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  const key = useRef(newKey());

  const otherIncident = () => {
    const n = other.trim();
    return [...incidents.values()].find((i) => i.number === n || i.number.endsWith(`-${n.padStart(6, '0')}`));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const base = `/api/incidents/${incident.id}`;
    const opts = { idempotencyKey: key.current };
    let ok: unknown;
    if (mode === 'close')
      ok = await run(() =>
        apiSend(
          'POST',
          `${base}/close`,
          { version: incident.version, outcome, remark: text, releaseUnits: release },
          opts,
        ),
      );
    else if (mode === 'cancel')
      ok = await run(() =>
        apiSend(
          'POST',
          `${base}/cancel`,
          { version: incident.version, reason: text, releaseUnits: release },
          opts,
        ),
      );
    else if (mode === 'reopen')
      ok = await run(() =>
        apiSend('POST', `${base}/reopen`, { version: incident.version, reason: text }, opts),
      );
    else {
      const target = otherIncident();
      if (!target || target.id === incident.id) {
        setError(t('noSuchIncident'));
        return;
      }
      ok =
        mode === 'merge'
          ? await run(() =>
              apiSend(
                'POST',
                `${base}/merge`,
                { version: incident.version, into: target.id, remark: text },
                opts,
              ),
            )
          : await run(() => apiSend('POST', `${base}/links`, { other: target.id }, opts));
    }
    if (ok !== undefined) done();
    else key.current = newKey();
  };

  const needsRelease = (mode === 'close' || mode === 'cancel') && active.length > 0;
  const reasonRequired = mode === 'cancel' || mode === 'reopen';
  const title = {
    close: t('closeIncident'),
    cancel: t('cancelIncident'),
    reopen: t('reopenIncident'),
    merge: t('mergeInto'),
    link: t('linkWith'),
  }[mode];
  return (
    <InlineForm
      onSubmit={submit}
      done={done}
      error={error}
      busy={busy}
      submitLabel={t('confirm')}
      submitTestId="action-submit"
      label={title}
      testId={`form-${mode}`}
    >
      <strong>{title}</strong>
      {mode === 'close' && (
        <label className="field">
          {t('outcome')}
          <select
            ref={first}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as Outcome)}
            data-testid="outcome"
          >
            {OUTCOMES.filter((o) => o !== 'duplicate').map((o) => (
              <option key={o} value={o}>
                {t(`out_${o}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {(mode === 'merge' || mode === 'link') && (
        <label className="field">
          {t('incident')}
          <input
            ref={first}
            value={other}
            onChange={(e) => setOther(e.target.value)}
            placeholder={t('mergeHint')}
            required
            list="open-incident-numbers"
            data-testid="other-incident"
          />
          <datalist id="open-incident-numbers">
            {[...incidents.values()]
              .filter((i) => i.id !== incident.id && isOpenIncident(i.status))
              .slice(0, 200)
              .map((i) => (
                <option key={i.id} value={i.number} />
              ))}
          </datalist>
        </label>
      )}
      {mode !== 'link' && (
        <label className="field">
          {reasonRequired ? t('reason') : t('remark')}
          <textarea
            ref={mode === 'close' || mode === 'merge' ? undefined : first}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={2}
            maxLength={500}
            required={reasonRequired}
            minLength={reasonRequired ? 3 : undefined}
            data-testid="action-text"
          />
        </label>
      )}
      {needsRelease && (
        <label className="check">
          <input
            type="checkbox"
            checked={release}
            onChange={(e) => setRelease(e.target.checked)}
            required
            data-testid="release-units"
          />{' '}
          {t('releaseUnitsConfirm')}: {active.map((a) => a.callsign).join(', ')}
        </label>
      )}
    </InlineForm>
  );
}
