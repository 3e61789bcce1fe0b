import { Forbidden } from '../../_components/Forbidden';
import { mapConfig, pageUser } from '../../_lib/page-props';
import { requirePage } from '../../_lib/session';
import { Replay } from '../Replay';

export const dynamic = 'force-dynamic';

export default async function IncidentReplayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const p = await requirePage(`/replay/${encodeURIComponent(id)}`);
  if (p.role !== 'dispatcher' && p.role !== 'supervisor') return <Forbidden />;
  const incidentId = /^\d{1,10}$/.test(id) ? Number(id) : null;
  return <Replay user={pageUser(p)} map={mapConfig()} incidentId={incidentId} />;
}
