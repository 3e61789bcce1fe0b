import type { Db } from '../../db/client';
import type { Role } from '../../db/schema';
import { createApiToken as create } from './manage-api-tokens';

// For the CLI and test set-up: the same audited path as the administration screen, by "system".
export async function createApiToken(
  db: Db,
  input: { name: string; role: Role; stationId?: number | null },
): Promise<{ id: number; token: string }> {
  const { id, token } = await create(db, null, input);
  return { id, token };
}
