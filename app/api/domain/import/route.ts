// POST /api/domain/import?dataset=aed|water|hospital|note|dangerous_goods&format=geojson|csv – import a file

import { AppError } from '@/lib/errors';
import { importGeodata } from '@/lib/geodata/import-geodata';
import { importDangerousGoods } from '@/lib/hazmat/dangerous-goods';
import { handle } from '@/lib/http/handler';

export const POST = handle('importDomainData', async ({ db, principal, query, body }) => {
  if (query.dataset === 'dangerous_goods') {
    if (query.format !== 'csv')
      throw new AppError('validation_failed', 'dangerous goods come as CSV', [
        { field: 'query.format', message: 'csv' },
      ]);
    return importDangerousGoods(db, principal, body.text);
  }
  return importGeodata(db, principal, { dataset: query.dataset, format: query.format, body: body.text });
});
