// GET /api/hospitals/nearest?lat=…&lon=…&capability=… – the nearest suitable hospitals
import { nearestHospitals } from '@/lib/geodata/nearest';
import { handle } from '@/lib/http/handler';

export const GET = handle('nearestHospitals', async ({ db, query }) => nearestHospitals(db, query));
