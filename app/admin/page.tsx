import { Forbidden } from '../_components/Forbidden';
import { mapConfig, pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { Admin } from './Admin';

export const dynamic = 'force-dynamic';

export default async function AdminPage() {
  const p = await requirePage('/admin');
  if (p.role !== 'supervisor') return <Forbidden />;
  return <Admin user={pageUser(p)} map={mapConfig()} />;
}
