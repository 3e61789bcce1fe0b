// GET /api/calls?list=waiting|callback|active|recent – the call queue and the call-back list
import { handle } from '@/lib/http/handler';
import { listCalls } from '@/lib/telephony/call-dto';

export const GET = handle('listCalls', async ({ db, query }) => listCalls(db, query.list));
