import { Forbidden } from '../_components/Forbidden';
import { pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { Centres } from './Centres';

export const dynamic = 'force-dynamic';

export default async function CentresPage() {
  const p = await requirePage('/centres');
  if (!['call_taker', 'dispatcher', 'supervisor', 'national'].includes(p.role)) return <Forbidden />;
  return <Centres user={pageUser(p)} />;
}
