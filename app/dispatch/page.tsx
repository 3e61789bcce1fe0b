import { Forbidden } from '../_components/Forbidden';
import { mapConfig, pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { Dispatcher } from './Dispatcher';

export const dynamic = 'force-dynamic';

export default async function DispatchPage() {
  const p = await requirePage('/dispatch');
  if (p.role !== 'dispatcher' && p.role !== 'supervisor') return <Forbidden />;
  return <Dispatcher user={pageUser(p)} map={mapConfig()} />;
}
