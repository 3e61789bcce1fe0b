'use client';

import { useCallback, useEffect, useState } from 'react';
import { CENTRE_STAFF_ROLES } from '@/db/schema/enums';
import { formatDateTime } from '@/lib/i18n/format';
import { apiGet, apiSend, newKey } from '../_components/api';
import { CLIENT_ROLES, ROLE_KEY, roleKey } from '../_components/roles';
import { useCentres } from '../_components/use-centres';
import {
  AdminForm,
  CentreSelect,
  Feedback,
  Field,
  SaveButtons,
  StationSelect,
  useSave,
  useStations,
  useT,
} from './admin-ui';

interface Token {
  id: number;
  name: string;
  role: string;
  stationName: string | null;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
}

// Integration tokens: the secret is shown once, right after it is issued, and never again.

export function TokensAdmin() {
  const centres = useCentres();
  const t = useT();
  const [tokens, setTokens] = useState<Token[]>([]);
  const stations = useStations();
  const [form, setForm] = useState({ name: '', role: 'station', stationId: '', centreId: '' });
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const save = useSave();
  const load = useCallback(async () => setTokens(await apiGet<Token[]>('/api/tokens')), []);
  useEffect(() => {
    void load();
  }, [load]);
  const create = () =>
    save.run(async () => {
      const res = await apiSend<{ name: string; token: string }>('POST', '/api/tokens', {
        name: form.name,
        role: form.role,
        stationId: form.role === 'station' ? Number(form.stationId) || null : null,
        ...(CENTRE_STAFF_ROLES.includes(form.role) && form.centreId
          ? { centreId: Number(form.centreId) }
          : {}),
      });
      setSecret({ name: res.name, token: res.token });
      setForm({ name: '', role: 'station', stationId: '', centreId: '' });
      await load();
    });
  const revoke = (tk: Token) =>
    save.run(async () => {
      if (!confirm(`${t('adminRevoke')}: ${tk.name}?`)) return;
      await apiSend('POST', `/api/tokens/${tk.id}/revoke`, undefined, { idempotencyKey: newKey() });
      await load();
      return `${tk.name}: ${t('adminRevoked')}`;
    });
  return (
    <div className="admin-grid">
      <section className="panel">
        <h2>{t('adminTokens')}</h2>
        <table className="table" data-testid="tokens-table">
          <thead>
            <tr>
              <th>{t('adminName')}</th>
              <th>{t('adminRole')}</th>
              <th>{t('adminStation')}</th>
              <th>{t('adminIssued')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => (
              <tr key={tk.id} data-name={tk.name} className={tk.revokedAt ? 'disabled' : ''}>
                <td>{tk.name}</td>
                <td>{t(roleKey(tk.role))}</td>
                <td>{tk.stationName ?? ''}</td>
                <td className="nowrap">
                  {formatDateTime(tk.createdAt)} {tk.createdBy ?? 'system'}
                </td>
                <td>
                  {tk.revokedAt ? (
                    `${t('adminRevoked')} ${formatDateTime(tk.revokedAt)}`
                  ) : (
                    <button type="button" onClick={() => void revoke(tk)} data-testid={`revoke-${tk.name}`}>
                      {t('adminRevoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{t('adminNewToken')}</h2>
        <Feedback save={save} />
        {secret && (
          <div className="secret-once" role="status" data-testid="token-secret">
            <p>
              <strong>{secret.name}</strong>: {t('adminTokenOnce')}
            </p>
            <code>{secret.token}</code>{' '}
            <button type="button" onClick={() => void navigator.clipboard?.writeText(secret.token)}>
              {t('adminCopy')}
            </button>{' '}
            <button type="button" onClick={() => setSecret(null)}>
              {t('adminDone')}
            </button>
          </div>
        )}
        <AdminForm onSubmit={create} testId="token-form">
          <Field label={t('adminName')} name="name" save={save}>
            <input
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              placeholder="PGD Vič – pozivnik"
              data-testid="token-name"
            />
          </Field>
          <Field label={t('adminRole')} name="role" save={save}>
            <select
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value })}
              data-testid="token-role"
            >
              {CLIENT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_KEY[r])}
                </option>
              ))}
            </select>
          </Field>
          {CENTRE_STAFF_ROLES.includes(form.role) && (
            <Field label={t('centreField')} name="centreId" save={save}>
              <CentreSelect
                value={form.centreId}
                onChange={(v) => setForm((f) => ({ ...f, centreId: v }))}
                centres={centres.list}
                emptyLabel={t('noCentre')}
                testId="token-centre"
              />
            </Field>
          )}
          {form.role === 'station' && (
            <Field label={t('adminStation')} name="stationId" save={save}>
              <StationSelect
                value={form.stationId}
                onChange={(v) => setForm((f) => ({ ...f, stationId: v }))}
                stations={stations}
                testId="token-station"
              />
            </Field>
          )}
          <SaveButtons save={save} testId="token-create" label={t('adminIssue')} />
        </AdminForm>
      </section>
    </div>
  );
}
