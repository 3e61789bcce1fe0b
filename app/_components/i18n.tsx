'use client';

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type Lang, type MessageKey, messages } from '@/lib/i18n/messages';

type Theme = 'light' | 'dark';

interface UiContext {
  lang: Lang;
  theme: Theme;
  t: (key: MessageKey) => string;
  setLang: (lang: Lang) => void;
  setTheme: (theme: Theme) => void;
}

const Ctx = createContext<UiContext | null>(null);

const YEAR = 365 * 24 * 3600;

export function I18nProvider({
  lang: initialLang,
  theme: initialTheme,
  children,
}: {
  lang: Lang;
  theme: Theme;
  children: ReactNode;
}) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [theme, setThemeState] = useState<Theme>(initialTheme);
  const setLang = useCallback((l: Lang) => {
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie read by the server layout
    document.cookie = `lang=${l}; Path=/; Max-Age=${YEAR}; SameSite=Lax`;
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  const setTheme = useCallback((th: Theme) => {
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie read by the server layout
    document.cookie = `theme=${th}; Path=/; Max-Age=${YEAR}; SameSite=Lax`;
    document.documentElement.dataset.theme = th;
    setThemeState(th);
  }, []);
  const value = useMemo<UiContext>(
    () => ({ lang, theme, t: (key) => messages[lang][key], setLang, setTheme }),
    [lang, theme, setLang, setTheme],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useUi(): UiContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useUi outside I18nProvider');
  return ctx;
}
