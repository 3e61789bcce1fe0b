'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MessageKey } from '@/lib/i18n/messages';
import { ALL_AGENCIES } from '../_components/agencies';
import { apiGet, apiSend, newKey } from '../_components/api';
import { LiveMap, type MapMarker } from '../_components/Map';
import { useCentres } from '../_components/use-centres';
import type { MapConfig } from '../_lib/page-props';
import { AdminForm, CentreSelect, Feedback, Field, SaveButtons, useSave, useT } from './admin-ui';

interface Station {
  id: number;
  code: string;
  name: string;
  agency: string;
  address: string;
  position: { lat: number; lon: number };
  serviceArea: { type: 'Polygon'; coordinates: [number, number][][] } | null;
  transferUri: string | null;
  centreId: number;
}

const EMPTY = {
  id: 0,
  code: '',
  name: '',
  agency: 'fire',
  address: '',
  lat: '',
  lon: '',
  transferUri: '',
  centreId: '',
};

// A station's position is a click on the map; its service area is drawn vertex by vertex.
export function StationsAdmin({ map }: { map: MapConfig }) {
  const t = useT();
  const centres = useCentres();
  const [stations, setStations] = useState<Station[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [ring, setRing] = useState<[number, number][] | null>(null);
  const [mode, setMode] = useState<'position' | 'area'>('position');
  const save = useSave();
  const load = useCallback(async () => setStations(await apiGet<Station[]>('/api/stations')), []);
  useEffect(() => {
    void load();
  }, [load]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const edit = (s: Station) => {
    setForm({
      id: s.id,
      code: s.code,
      name: s.name,
      agency: s.agency,
      address: s.address,
      lat: String(s.position.lat),
      lon: String(s.position.lon),
      transferUri: s.transferUri ?? '',
      centreId: String(s.centreId),
    });
    const outer = s.serviceArea?.coordinates[0];
    setRing(outer ? outer.slice(0, -1).map(([lon, lat]) => [lat, lon] as [number, number]) : null);
    save.reset();
  };
  const submit = () =>
    save.run(async () => {
      const body = {
        code: form.code,
        name: form.name,
        agency: form.agency,
        address: form.address,
        position: { lat: Number(form.lat), lon: Number(form.lon) },
        serviceArea: ring && ring.length > 0 ? ring : null,
        transferUri: form.transferUri.trim() || null,
        // Left empty on a new station: the centre of the region its position lies in.
        ...(form.centreId ? { centreId: Number(form.centreId) } : {}),
      };
      if (form.id) await apiSend('PATCH', `/api/stations/${form.id}`, body, { idempotencyKey: newKey() });
      else await apiSend('POST', '/api/stations', body, { idempotencyKey: newKey() });
      setForm(EMPTY);
      setRing(null);
      await load();
      return t('adminSaved');
    });

  const markers = useMemo<MapMarker[]>(() => {
    const list: MapMarker[] = stations
      .filter((s) => s.id !== form.id)
      .map((s) => ({
        id: `s${s.id}`,
        kind: 'station',
        lat: s.position.lat,
        lon: s.position.lon,
        color: '#57606a',
        title: `${s.code} ${s.name}`,
      }));
    if (form.lat && form.lon && Number.isFinite(Number(form.lat)) && Number.isFinite(Number(form.lon)))
      list.push({
        id: 'edit',
        kind: 'pick',
        lat: Number(form.lat),
        lon: Number(form.lon),
        color: '#0b5cd5',
        title: form.name || t('adminStation'),
        selected: true,
      });
    // Vertices while drawing only: a finished area is its outline.
    if (mode === 'area')
      for (const [i, [lat, lon]] of (ring ?? []).entries())
        list.push({ id: `v${i}`, kind: 'pick', lat, lon, color: '#e36209', title: String(i + 1) });
    return list;
  }, [stations, form, ring, t, mode]);
  // The other stations' areas faintly, the one being edited in orange.
  const polygons = [
    ...stations
      .filter((s) => s.id !== form.id && s.serviceArea)
      .map((s) => ({
        id: `a${s.id}`,
        ring: (s.serviceArea?.coordinates[0] ?? []).map(([lon, lat]) => [lat, lon] as [number, number]),
        color: '#8c959f',
        faint: true,
      })),
    ...(ring && ring.length >= 3 ? [{ id: 'area', ring, color: '#e36209' }] : []),
  ];
  const focus = useMemo(
    () => (form.id && form.lat ? { lat: Number(form.lat), lon: Number(form.lon), zoom: 11 } : null),
    [form.id, form.lat, form.lon],
  );

  return (
    <div className="admin-grid admin-grid-map">
      <section className="panel">
        <h2>{t('adminStations')}</h2>
        <table className="table" data-testid="stations-table">
          <thead>
            <tr>
              <th>{t('adminCode')}</th>
              <th>{t('adminName')}</th>
              <th>{t('filterAgency')}</th>
              <th>{t('adminArea')}</th>
            </tr>
          </thead>
          <tbody>
            {stations.map((s) => (
              <tr key={s.id} data-code={s.code}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => edit(s)}
                    data-testid={`edit-station-${s.code}`}
                  >
                    {s.code}
                  </button>
                </td>
                <td>{s.name}</td>
                <td>{t(`agency_${s.agency}` as MessageKey)}</td>
                <td>{s.serviceArea ? '✓' : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{form.id ? `${t('adminEdit')}: ${form.code}` : t('adminNewStation')}</h2>
        <Feedback save={save} />
        <AdminForm onSubmit={submit} testId="station-form">
          <div className="row">
            <Field label={t('adminCode')} name="code" save={save}>
              <input value={form.code} onChange={set('code')} data-testid="station-code" />
            </Field>
            <Field label={t('filterAgency')} name="agency" save={save}>
              <select value={form.agency} onChange={set('agency')}>
                {ALL_AGENCIES.map((a) => (
                  <option key={a} value={a}>
                    {t(`agency_${a}` as MessageKey)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field label={t('adminName')} name="name" save={save}>
            <input value={form.name} onChange={set('name')} data-testid="station-name" />
          </Field>
          <Field label={t('adminAddress')} name="address" save={save}>
            <input value={form.address} onChange={set('address')} />
          </Field>
          <Field label={t('centreField')} name="centreId" save={save}>
            <CentreSelect
              value={form.centreId}
              onChange={(v) => setForm((f) => ({ ...f, centreId: v }))}
              centres={centres.list}
              emptyLabel={t('noCentre')}
              testId="station-centre"
            />
          </Field>
          <Field label={t('adminTransferUri')} name="transferUri" save={save}>
            <input
              value={form.transferUri}
              onChange={set('transferUri')}
              placeholder="sip:113@gw.reco.local"
              data-testid="station-transfer-uri"
            />
          </Field>
          <div className="row">
            <Field label={t('adminLat')} name="position.lat" save={save}>
              <input value={form.lat} onChange={set('lat')} inputMode="decimal" data-testid="station-lat" />
            </Field>
            <Field label={t('adminLon')} name="position.lon" save={save}>
              <input value={form.lon} onChange={set('lon')} inputMode="decimal" data-testid="station-lon" />
            </Field>
          </div>
          <fieldset className="map-mode">
            <legend>{t('adminMapClick')}</legend>
            <label className="inline">
              <input type="radio" checked={mode === 'position'} onChange={() => setMode('position')} />{' '}
              {t('adminSetPosition')}
            </label>
            <label className="inline">
              <input
                type="radio"
                checked={mode === 'area'}
                onChange={() => setMode('area')}
                data-testid="mode-area"
              />{' '}
              {t('adminDrawArea')}
            </label>
          </fieldset>
          <p className={`muted${save.fields.serviceArea ? ' error' : ''}`} data-testid="area-vertices">
            {t('adminArea')}: {ring?.length ?? 0} {t('adminVertices')}
            {save.fields.serviceArea ? ` – ${save.fields.serviceArea}` : ''}{' '}
            <button type="button" onClick={() => setRing(null)}>
              {t('warnClear')}
            </button>
          </p>
          <SaveButtons
            save={save}
            testId="station-save"
            onCancel={
              form.id !== 0
                ? () => {
                    setForm(EMPTY);
                    setRing(null);
                  }
                : null
            }
          />
        </AdminForm>
      </section>
      <LiveMap
        tileUrl={map.tileUrl}
        attribution={map.attribution}
        markers={markers}
        polygons={polygons}
        focus={focus}
        onMapClick={(lat, lon) => {
          if (mode === 'area')
            setRing((r) => [...(r ?? []), [Number(lat.toFixed(6)), Number(lon.toFixed(6))]]);
          else setForm((f) => ({ ...f, lat: lat.toFixed(6), lon: lon.toFixed(6) }));
        }}
        testId="station-map"
      />
    </div>
  );
}
