import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { currentPrincipal, homeFor } from '../../_lib/session';
import { LoginForm } from './LoginForm';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const p = await currentPrincipal();
  const safeNext = next && /^\/[a-z]/.test(next) ? next : undefined;
  if (p) redirect(safeNext ?? homeFor(p.role));
  return <LoginForm next={safeNext} demo={env().DEMO_MODE} />;
}
