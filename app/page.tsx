import { redirect } from 'next/navigation';
import { currentPrincipal, homeFor } from './_lib/session';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const p = await currentPrincipal();
  redirect(p ? homeFor(p.role) : '/login');
}
