// GET /api/me – who is calling
import { handle } from '@/lib/http/handler';

export const GET = handle('me', async ({ principal }) => ({
  id: principal.id,
  kind: principal.kind,
  username: principal.name,
  displayName: principal.displayName,
  role: principal.role,
  stationId: principal.stationId,
  centreId: principal.centreId,
}));
