import { env } from '@/lib/env';
import { Forbidden } from '../_components/Forbidden';
import { mapConfig, pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { CallTaker } from './CallTaker';

export const dynamic = 'force-dynamic';

export default async function CallPage() {
  const p = await requirePage('/call');
  if (p.role === 'station') return <Forbidden />;
  return <CallTaker user={pageUser(p)} map={mapConfig()} telephony={Boolean(env().TELEPHONY_TOKEN)} />;
}
