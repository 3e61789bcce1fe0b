import type { Db } from '../../db/client';
import { apiTokens, type Role } from '../../db/schema';
import { newSecretToken, sha256 } from './secret-token';

// The token is returned once and stored only as a hash.
export async function createApiToken(
  db: Db,
  input: { name: string; role: Role; stationId?: number | null },
): Promise<{ id: number; token: string }> {
  const token = newSecretToken('cad_');
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: input.name,
      role: input.role,
      stationId: input.stationId ?? null,
      tokenHash: sha256(token),
    })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error('token insert returned nothing');
  return { id: row.id, token };
}
