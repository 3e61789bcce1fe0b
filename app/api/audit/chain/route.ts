// GET /api/audit/chain – how the event log is protected, its chain head and anchors

import { dbHandle } from '@/db/client';
import { chainStatus } from '@/lib/audit/chain-status';
import { handle } from '@/lib/http/handler';

export const GET = handle('auditChain', ({ db }) => chainStatus(db, dbHandle().kind === 'pglite'));
