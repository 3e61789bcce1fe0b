'use client';

import { useUi } from './i18n';

/** Language and theme pickers, on the login page and in every screen's top bar. */
export function PrefsSelects({ long }: { long?: boolean }) {
  const { t, lang, setLang, theme, setTheme } = useUi();
  return (
    <>
      <select
        aria-label={t('language')}
        value={lang}
        onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'sl')}
      >
        <option value="sl">{long ? 'Slovenščina' : 'SL'}</option>
        <option value="en">{long ? 'English' : 'EN'}</option>
      </select>
      <select
        aria-label={t('theme')}
        value={theme}
        onChange={(e) => setTheme(e.target.value === 'dark' ? 'dark' : 'light')}
      >
        <option value="light">{t('themeLight')}</option>
        <option value="dark">{t('themeDark')}</option>
      </select>
    </>
  );
}
