import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { principalFromSession, SESSION_COOKIE } from '@/lib/auth/authenticate';
import type { Principal, Role } from '@/lib/auth/principal';
import { isLang, type Lang } from '@/lib/i18n/messages';

export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? principalFromSession(getDb(), token) : null;
}

/** For pages: the logged-in person, redirected to the login page when absent. */
export async function requirePage(path: string): Promise<Principal> {
  const p = await currentPrincipal();
  if (!p) redirect(`/login?next=${encodeURIComponent(path)}`);
  return p;
}

export function homeFor(role: Role): string {
  switch (role) {
    case 'call_taker':
      return '/call';
    case 'station':
      return '/station';
    case 'national':
      return '/centres';
    default:
      return '/dispatch';
  }
}

export async function uiPrefs(): Promise<{ lang: Lang; theme: 'light' | 'dark' }> {
  const jar = await cookies();
  const lang = jar.get('lang')?.value;
  const theme = jar.get('theme')?.value;
  return { lang: isLang(lang) ? lang : 'sl', theme: theme === 'dark' ? 'dark' : 'light' };
}
