import { Forbidden } from '../_components/Forbidden';
import { mapConfig, pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { StationScreen } from './StationScreen';

export const dynamic = 'force-dynamic';

export default async function StationPage() {
  const p = await requirePage('/station');
  if (p.role !== 'station') return <Forbidden />;
  return <StationScreen user={pageUser(p)} map={mapConfig()} />;
}
