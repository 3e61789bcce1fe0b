import { Forbidden } from '../_components/Forbidden';
import { mapConfig, pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { Replay } from './Replay';

export const dynamic = 'force-dynamic';

export default async function WindowReplayPage() {
  const p = await requirePage('/replay');
  if (p.role !== 'supervisor') return <Forbidden />;
  return <Replay user={pageUser(p)} map={mapConfig()} incidentId={null} />;
}
