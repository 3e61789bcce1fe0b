import { Forbidden } from '../_components/Forbidden';
import { mapConfig, pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { Stats } from './Stats';

export const dynamic = 'force-dynamic';

export default async function StatsPage() {
  const p = await requirePage('/stats');
  if (p.role !== 'supervisor') return <Forbidden />;
  return <Stats user={pageUser(p)} map={mapConfig()} />;
}
