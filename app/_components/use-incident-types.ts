'use client';

import { useCallback, useEffect, useState } from 'react';
import { apiGet } from './api';
import { useUi } from './i18n';
import type { IncidentType } from './live-state';

/** The incident types (names in both languages, protocols), loaded once per page, and a name lookup. */
export function useIncidentTypes() {
  const { lang } = useUi();
  const [types, setTypes] = useState<IncidentType[]>([]);
  useEffect(() => {
    apiGet<IncidentType[]>('/api/incident-types')
      .then(setTypes)
      .catch(() => {});
  }, []);
  const typeName = useCallback(
    (code: string) => types.find((x) => x.code === code)?.name[lang] ?? code,
    [types, lang],
  );
  return { types, typeName };
}
