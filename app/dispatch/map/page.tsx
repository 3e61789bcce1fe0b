import { Forbidden } from '../../_components/Forbidden';
import { mapConfig, pageUser } from '../../_lib/page-props';
import { requirePage } from '../../_lib/session';
import { MapWindow } from './MapWindow';

export const dynamic = 'force-dynamic';

// The dispatcher's map alone, for a second monitor; it follows the selection made on /dispatch.
export default async function DispatchMapPage() {
  const p = await requirePage('/dispatch/map');
  if (p.role !== 'dispatcher' && p.role !== 'supervisor') return <Forbidden />;
  return <MapWindow user={pageUser(p)} map={mapConfig()} />;
}
