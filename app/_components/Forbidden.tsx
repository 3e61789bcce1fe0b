'use client';

import { useUi } from './i18n';

export function Forbidden() {
  const { t } = useUi();
  return (
    <main className="login">
      <div className="panel" role="alert">
        <h1>{t('forbiddenTitle')}</h1>
        <p>{t('forbiddenText')}</p>
        <a href="/">←</a>
      </div>
    </main>
  );
}
