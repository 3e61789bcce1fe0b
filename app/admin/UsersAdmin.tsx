'use client';

import { useCallback, useEffect, useState } from 'react';
import { CENTRE_STAFF_ROLES } from '@/db/schema/enums';
import { formatDateTime } from '@/lib/i18n/format';
import type { UserDto } from '@/lib/users/user-dto';
import { apiGet, apiSend, newKey } from '../_components/api';
import { useUi } from '../_components/i18n';
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

const EMPTY = {
  id: 0,
  username: '',
  displayName: '',
  role: 'call_taker',
  stationId: '',
  centreId: '',
  password: '',
};

export function UsersAdmin({ self }: { self: number }) {
  const t = useT();
  const [users, setUsers] = useState<UserDto[]>([]);
  const stations = useStations();
  const centres = useCentres();
  const { lang } = useUi();
  const [form, setForm] = useState(EMPTY);
  const [reset, setReset] = useState<{ id: number; password: string } | null>(null);
  const save = useSave();
  const load = useCallback(async () => setUsers(await apiGet<UserDto[]>('/api/users')), []);
  useEffect(() => {
    void load();
  }, [load]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = () =>
    save.run(async () => {
      const stationId = form.role === 'station' ? Number(form.stationId) || null : null;
      // A centre's staff: the chosen centre, else (left empty) mine as the supervisor who opens it.
      const centre =
        CENTRE_STAFF_ROLES.includes(form.role) && form.centreId ? { centreId: Number(form.centreId) } : {};
      if (form.id) {
        await apiSend(
          'PATCH',
          `/api/users/${form.id}`,
          { displayName: form.displayName, role: form.role, stationId, ...centre },
          { idempotencyKey: newKey() },
        );
      } else {
        await apiSend(
          'POST',
          '/api/users',
          {
            username: form.username,
            displayName: form.displayName,
            role: form.role,
            stationId,
            ...centre,
            password: form.password,
          },
          { idempotencyKey: newKey() },
        );
      }
      setForm(EMPTY);
      await load();
      return t('adminSaved');
    });
  const toggle = (u: UserDto) =>
    save.run(async () => {
      await apiSend('PATCH', `/api/users/${u.id}`, { disabled: !u.disabled }, { idempotencyKey: newKey() });
      await load();
      return `${u.username}: ${u.disabled ? t('adminEnabled') : t('adminDisabled')}`;
    });
  const doReset = () =>
    save.run(async () => {
      if (!reset) return;
      await apiSend(
        'POST',
        `/api/users/${reset.id}/password`,
        { password: reset.password },
        { idempotencyKey: newKey() },
      );
      setReset(null);
      return t('adminPasswordSet');
    });

  return (
    <div className="admin-grid">
      <section className="panel">
        <h2>{t('adminUsers')}</h2>
        <table className="table" data-testid="users-table">
          <thead>
            <tr>
              <th>{t('username')}</th>
              <th>{t('adminName')}</th>
              <th>{t('adminRole')}</th>
              <th>{t('adminStation')}</th>
              <th>{t('centreField')}</th>
              <th>{t('adminLastSeen')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-username={u.username} className={u.disabled ? 'disabled' : ''}>
                <td>
                  {u.username} {u.demo && <span className="chip">demo</span>}
                </td>
                <td>{u.displayName}</td>
                <td>{t(roleKey(u.role))}</td>
                <td>{u.stationName ?? ''}</td>
                <td>{u.centreId !== null ? centres.name(u.centreId, lang) : ''}</td>
                <td className="nowrap">{u.lastSeenAt ? formatDateTime(u.lastSeenAt) : '–'}</td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      onClick={() =>
                        setForm({
                          id: u.id,
                          username: u.username,
                          displayName: u.displayName,
                          role: u.role,
                          stationId: String(u.stationId ?? ''),
                          centreId: String(u.centreId ?? ''),
                          password: '',
                        })
                      }
                    >
                      {t('adminEdit')}
                    </button>
                    {u.id !== self && (
                      <button
                        type="button"
                        onClick={() => void toggle(u)}
                        data-testid={`toggle-${u.username}`}
                      >
                        {u.disabled ? t('adminEnable') : t('adminDisable')}
                      </button>
                    )}
                    <button type="button" onClick={() => setReset({ id: u.id, password: '' })}>
                      {t('adminResetPassword')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{form.id ? `${t('adminEdit')}: ${form.username}` : t('adminNewUser')}</h2>
        <Feedback save={save} />
        {reset && (
          <AdminForm onSubmit={doReset}>
            <Field
              label={`${t('adminNewPassword')} (${users.find((u) => u.id === reset.id)?.username ?? ''})`}
              name="password"
              save={save}
            >
              <input
                type="password"
                autoComplete="new-password"
                value={reset.password}
                onChange={(e) => setReset({ ...reset, password: e.target.value })}
                data-testid="reset-password"
              />
            </Field>
            <SaveButtons
              save={save}
              testId="reset-save"
              label={t('adminSetPassword')}
              onCancel={() => setReset(null)}
            />
          </AdminForm>
        )}
        <AdminForm onSubmit={submit} testId="user-form">
          {!form.id && (
            <Field label={t('username')} name="username" save={save}>
              <input
                value={form.username}
                onChange={set('username')}
                autoComplete="off"
                data-testid="user-username"
              />
            </Field>
          )}
          <Field label={t('adminName')} name="displayName" save={save}>
            <input value={form.displayName} onChange={set('displayName')} data-testid="user-name" />
          </Field>
          <Field label={t('adminRole')} name="role" save={save}>
            <select value={form.role} onChange={set('role')} data-testid="user-role">
              {CLIENT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_KEY[r])}
                </option>
              ))}
            </select>
          </Field>
          {form.role === 'station' && (
            <Field label={t('adminStation')} name="stationId" save={save}>
              <StationSelect
                value={form.stationId}
                onChange={(v) => setForm((f) => ({ ...f, stationId: v }))}
                stations={stations}
                testId="user-station"
              />
            </Field>
          )}
          {CENTRE_STAFF_ROLES.includes(form.role) && (
            <Field label={t('centreField')} name="centreId" save={save}>
              <CentreSelect
                value={form.centreId}
                onChange={(v) => setForm((f) => ({ ...f, centreId: v }))}
                centres={centres.list}
                emptyLabel={t('noCentre')}
                testId="user-centre"
              />
            </Field>
          )}
          {!form.id && (
            <Field label={t('password')} name="password" save={save}>
              <input
                type="password"
                autoComplete="new-password"
                value={form.password}
                onChange={set('password')}
                data-testid="user-password"
              />
            </Field>
          )}
          <p className="muted">{form.id ? t('adminSessionsNote') : t('adminPasswordRule')}</p>
          <SaveButtons
            save={save}
            testId="user-save"
            onCancel={form.id !== 0 ? () => setForm(EMPTY) : null}
          />
        </AdminForm>
      </section>
    </div>
  );
}
