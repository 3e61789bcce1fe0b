'use client';

import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { ApiError, apiGet } from '../_components/api';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';

export interface SaveState {
  busy: boolean;
  error: string | null;
  ok: string | null;
  /** Field → message, from the server's answer (body.username → username). */
  fields: Record<string, string>;
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
  reset: () => void;
}

// Every form here saves through the server's validation; its field errors are shown beside the fields.
export function useSave(): SaveState {
  const { t } = useUi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const reset = useCallback(() => {
    setError(null);
    setOk(null);
    setFields({});
  }, []);
  const run = useCallback(
    async (fn: () => Promise<unknown>) => {
      setBusy(true);
      reset();
      try {
        const message = await fn();
        if (typeof message === 'string' && message) setOk(message);
        return true;
      } catch (err) {
        setError(errorText(err, t));
        if (err instanceof ApiError) {
          setFields(
            Object.fromEntries(err.fields.map((f) => [f.field.replace(/^body\.|^query\./, ''), f.message])),
          );
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reset, t],
  );
  return { busy, error, ok, fields, run, reset };
}

export function Feedback({ save }: { save: SaveState }) {
  return (
    <>
      {save.error && (
        <div className="toast err" role="alert" data-testid="admin-error">
          {save.error}
          {Object.keys(save.fields).length > 0 && (
            <ul>
              {Object.entries(save.fields).map(([f, m]) => (
                <li key={f}>
                  <code>{f}</code>: {m}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {save.ok && (
        <div className="toast ok" role="status" data-testid="admin-ok">
          {save.ok}
        </div>
      )}
    </>
  );
}

/** A labelled control with the server's message for its field. */
export function Field({
  label,
  name,
  save,
  children,
}: {
  label: string;
  name: string;
  save: SaveState;
  children: ReactNode;
}) {
  const error = save.fields[name];
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in
    <label className={`admin-field${error ? ' invalid' : ''}`}>
      <span>{label}</span>
      {children}
      {error && <span className="error">{error}</span>}
    </label>
  );
}

/** "fire:2, ladder" ⇄ [{capability: 'fire', count: 2}, {capability: 'ladder', count: 1}] */
export function needsToText(needs: { capability: string; count: number }[] | undefined): string {
  return (needs ?? []).map((n) => (n.count === 1 ? n.capability : `${n.capability}:${n.count}`)).join(', ');
}

export function textToNeeds(text: string): { capability: string; count: number }[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [capability = '', count] = p.split(':').map((x) => x.trim());
      return { capability, count: count === undefined ? 1 : Number(count) };
    });
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

export function useT() {
  return useUi().t;
}

/** A form that saves on submit (Enter in any field), without the browser's own submission. */
export function AdminForm({
  onSubmit,
  testId,
  children,
}: {
  onSubmit: () => unknown;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <form
      className="admin-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      data-testid={testId}
    >
      {children}
    </form>
  );
}

/** The form's primary button, and Cancel while an existing entry is being edited. */
export function SaveButtons({
  save,
  testId,
  label,
  blocked = false,
  onCancel,
}: {
  save: SaveState;
  testId: string;
  label?: string;
  /** A field the form cannot save without is empty. */
  blocked?: boolean;
  onCancel?: (() => void) | null;
}) {
  const t = useUi().t;
  return (
    <div className="row-buttons">
      <button type="submit" className="primary" disabled={save.busy || blocked} data-testid={testId}>
        {label ?? t('adminSave')}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
    </div>
  );
}

export interface StationOption {
  id: number;
  code: string;
  name: string;
}

/** The stations, for the selects of accounts, units and tokens. */
export function useStations(): StationOption[] {
  const [stations, setStations] = useState<StationOption[]>([]);
  useEffect(() => {
    void apiGet<StationOption[]>('/api/stations').then(setStations);
  }, []);
  return stations;
}

export function StationSelect({
  value,
  onChange,
  stations,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  stations: StationOption[];
  testId?: string;
}) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">–</option>
      {stations.map((s) => (
        <option key={s.id} value={s.id}>
          {s.code} {s.name}
        </option>
      ))}
    </select>
  );
}

/** The centre of an account, token or station: the 13 centres by name; empty for "the default". */
export function CentreSelect({
  value,
  onChange,
  centres,
  testId,
  emptyLabel,
}: {
  value: string;
  onChange: (value: string) => void;
  centres: { id: number; name: { sl: string; en: string } }[];
  testId?: string;
  emptyLabel: string;
}) {
  const { lang } = useUi();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{emptyLabel}</option>
      {centres.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name[lang]}
        </option>
      ))}
    </select>
  );
}
