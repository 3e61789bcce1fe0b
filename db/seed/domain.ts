import { eq, sql } from 'drizzle-orm';
import { inWriteTx } from '../../lib/events/write-tx';
import { normaliseSearch } from '../../lib/geo/normalise';
import { seedMunicipalities } from '../../lib/oncall/municipalities';
import { saveServiceTx } from '../../lib/oncall/save-service';
import type { TSaveService } from '../../lib/oncall/schemas';
import type { Db } from '../client';
import {
  aeds,
  dangerousGoods,
  ergGuides,
  hospitals,
  locationNotes,
  municipalities,
  oncallExceptions,
  oncallServices,
  waterSources,
} from '../schema';
import { DANGEROUS_GOODS, ERG_GUIDES } from './dangerous-goods';

// The domain databases' data: reference data every installation has (municipalities, the ERG seed)
// and demo data for the quick start and the tests (on-call services per region, AEDs, hydrants,
// hospitals, location notes). The demo names, numbers and addresses are made up (example.si).

export async function seedReference(db: Db): Promise<void> {
  await seedMunicipalities(db);
  for (const g of ERG_GUIDES)
    await db.insert(ergGuides).values(g).onConflictDoUpdate({ target: ergGuides.guide, set: g });
  for (const d of DANGEROUS_GOODS)
    await db
      .insert(dangerousGoods)
      .values(d)
      .onConflictDoNothing({ target: [dangerousGoods.unNumber, dangerousGoods.nameEn] });
}

const CITIES = {
  ljubljana: [46.0511, 14.5051],
  maribor: [46.5547, 15.6459],
  kranj: [46.2389, 14.3556],
  celje: [46.2309, 15.2604],
  koper: [45.5481, 13.7302],
  novoMesto: [45.8011, 15.171],
} as const;

/** A deterministic spread of points around a centre (no randomness: the same demo every time). */
function around([lat, lon]: readonly [number, number], n: number, radiusKm: number) {
  return Array.from({ length: n }, (_, i) => {
    const r = (radiusKm * Math.sqrt((i + 0.5) / n)) / 111;
    const a = i * 2.399963; // the golden angle
    return { lat: lat + r * Math.sin(a), lon: lon + (r * Math.cos(a)) / Math.cos((lat * Math.PI) / 180) };
  });
}

const point = (lat: number, lon: number) => sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;

const DAY = { starts: '07:00', ends: '15:00' };
const NIGHT = { starts: '15:00', ends: '07:00' };
function roster(dayOfficer: [string, string], nightOfficer: [string, string]) {
  const shifts: TSaveService['shifts'] = [];
  for (let d = 1; d <= 7; d++) {
    if (d <= 5) shifts.push({ weekday: d, ...DAY, officer: dayOfficer[0], phone: dayOfficer[1] });
    // Weekends are one 24-hour duty from 07:00 (a shift whose end is not after its start runs past midnight).
    shifts.push(
      d <= 5
        ? { weekday: d, ...NIGHT, officer: nightOfficer[0], phone: nightOfficer[1] }
        : { weekday: d, starts: '07:00', ends: '07:00', officer: nightOfficer[0], phone: nightOfficer[1] },
    );
  }
  return shifts;
}

type DemoService = Omit<
  TSaveService,
  'municipalityIds' | 'national' | 'active' | 'note' | 'handoverStation'
> & {
  towns: string[];
  national?: boolean;
  handoverStation?: string;
};

const LJ_TOWNS = [
  'Ljubljana',
  'Medvode',
  'Dol pri Ljubljani',
  'Ig',
  'Škofljica',
  'Brezovica',
  'Vrhnika',
  'Grosuplje',
  'Domžale',
  'Kamnik',
  'Litija',
  'Logatec',
];
const MB_TOWNS = [
  'Maribor',
  'Ruše',
  'Miklavž na Dravskem polju',
  'Hoče - Slivnica',
  'Pesnica',
  'Duplek',
  'Starše',
  'Kungota',
  'Selnica ob Dravi',
  'Slovenska Bistrica',
];
const KR_TOWNS = [
  'Kranj',
  'Jesenice',
  'Radovljica',
  'Bled',
  'Tržič',
  'Škofja Loka',
  'Naklo',
  'Šenčur',
  'Cerklje na Gorenjskem',
  'Preddvor',
  'Kranjska Gora',
];
const CE_TOWNS = ['Celje', 'Žalec', 'Šentjur', 'Vojnik', 'Štore', 'Laško', 'Velenje', 'Slovenske Konjice'];
const KP_TOWNS = ['Koper', 'Izola', 'Piran', 'Ankaran', 'Hrpelje - Kozina', 'Sežana'];
const NM_TOWNS = [
  'Novo mesto',
  'Trebnje',
  'Kočevje',
  'Ribnica',
  'Črnomelj',
  'Metlika',
  'Žužemberk',
  'Šentjernej',
];
const ZA_TOWNS = ['Trbovlje', 'Zagorje ob Savi', 'Hrastnik'];
const PT_TOWNS = ['Ptuj', 'Ormož', 'Kidričevo', 'Majšperk', 'Videm', 'Gorišnica'];
const MS_TOWNS = [
  'Murska Sobota',
  'Lendava',
  'Gornja Radgona',
  'Ljutomer',
  'Beltinci',
  'Moravske Toplice',
  'Puconci',
];
const SG_TOWNS = [
  'Slovenj Gradec',
  'Ravne na Koroškem',
  'Dravograd',
  'Prevalje',
  'Mežica',
  'Radlje ob Dravi',
];
const BR_TOWNS = ['Brežice', 'Krško', 'Sevnica', 'Kostanjevica na Krki', 'Radeče'];
const NG_TOWNS = [
  'Nova Gorica',
  'Ajdovščina',
  'Tolmin',
  'Idrija',
  'Kobarid',
  'Bovec',
  'Brda',
  'Kanal ob Soči',
  'Šempeter - Vrtojba',
];
const PO_TOWNS = ['Postojna', 'Ilirska Bistrica', 'Pivka', 'Cerknica', 'Loška dolina'];

export const DEMO_SERVICES: DemoService[] = [
  {
    code: 'EL-LJ',
    name: 'Elektro Ljubljana – dežurna služba',
    kind: 'electricity',
    incidentTypes: ['storm_damage', 'fire_building', 'technical_rescue', 'flood'],
    towns: [...LJ_TOWNS, ...NM_TOWNS, ...ZA_TOWNS],
    contacts: [
      { channel: 'phone', address: '+386 1 555 0100' },
      { channel: 'email', address: 'dezurni@elektro-lj.example.si' },
    ],
    shifts: roster(['Janez Kovač', '+386 41 555 101'], ['Marko Zupan', '+386 41 555 102']),
  },
  {
    code: 'VO-LJ',
    name: 'Vodovod Ljubljana – dežurna služba',
    kind: 'water',
    incidentTypes: ['flood', 'storm_damage'],
    towns: LJ_TOWNS.slice(0, 8),
    contacts: [{ channel: 'phone', address: '+386 1 555 0200' }],
    shifts: roster(['Petra Horvat', '+386 41 555 201'], ['Tomaž Kralj', '+386 41 555 202']),
  },
  {
    code: 'PL-LJ',
    name: 'Plinovod Ljubljana – dežurna služba',
    kind: 'gas',
    incidentTypes: ['gas_leak', 'fire_building'],
    towns: LJ_TOWNS.slice(0, 6),
    contacts: [{ channel: 'phone', address: '+386 1 555 0300' }],
    shifts: roster(['Boštjan Vidmar', '+386 41 555 301'], ['Nina Golob', '+386 41 555 302']),
  },
  {
    code: 'EL-MB',
    name: 'Elektro Maribor – dežurna služba',
    kind: 'electricity',
    incidentTypes: ['storm_damage', 'fire_building', 'technical_rescue', 'flood'],
    towns: [...MB_TOWNS, ...PT_TOWNS, ...MS_TOWNS],
    contacts: [{ channel: 'phone', address: '+386 2 555 0100' }],
    shifts: roster(['Andrej Lah', '+386 41 555 401'], ['Simona Kos', '+386 41 555 402']),
  },
  {
    code: 'VO-MB',
    name: 'Mariborski vodovod – dežurna služba',
    kind: 'water',
    incidentTypes: ['flood', 'storm_damage'],
    towns: MB_TOWNS.slice(0, 6),
    contacts: [{ channel: 'phone', address: '+386 2 555 0200' }],
    shifts: roster(['Rok Majcen', '+386 41 555 501'], ['Urška Ferk', '+386 41 555 502']),
  },
  {
    code: 'EL-KR',
    name: 'Elektro Gorenjska – dežurna služba',
    kind: 'electricity',
    incidentTypes: ['storm_damage', 'fire_building', 'technical_rescue', 'flood'],
    towns: KR_TOWNS,
    contacts: [{ channel: 'phone', address: '+386 4 555 0100' }],
    shifts: roster(['Jure Pogačnik', '+386 41 555 601'], ['Maja Jeraj', '+386 41 555 602']),
  },
  {
    code: 'EL-CE',
    name: 'Elektro Celje – dežurna služba',
    kind: 'electricity',
    incidentTypes: ['storm_damage', 'fire_building', 'technical_rescue', 'flood'],
    towns: [...CE_TOWNS, ...SG_TOWNS, ...BR_TOWNS],
    contacts: [{ channel: 'phone', address: '+386 3 555 0100' }],
    shifts: roster(['Matej Krajnc', '+386 41 555 701'], ['Tina Založnik', '+386 41 555 702']),
  },
  {
    code: 'EL-KP',
    name: 'Elektro Primorska – dežurna služba',
    kind: 'electricity',
    incidentTypes: ['storm_damage', 'fire_building', 'technical_rescue', 'flood'],
    towns: [...KP_TOWNS, ...NG_TOWNS, ...PO_TOWNS],
    contacts: [{ channel: 'phone', address: '+386 5 555 0100' }],
    shifts: roster(['Luka Benčič', '+386 41 555 801'], ['Ana Klun', '+386 41 555 802']),
  },
  {
    code: 'CESTE',
    name: 'Vzdrževanje državnih cest – center za obveščanje',
    kind: 'roads',
    incidentTypes: ['traffic_accident', 'storm_damage', 'hazmat'],
    towns: [],
    national: true,
    contacts: [
      { channel: 'phone', address: '+386 1 555 0900' },
      { channel: 'email', address: 'ceste@example.si' },
    ],
    shifts: [],
  },
  {
    code: 'VET',
    name: 'Veterinarska higienska služba – dežurni veterinar',
    kind: 'veterinary',
    incidentTypes: ['animal_rescue', 'traffic_accident'],
    towns: [],
    national: true,
    contacts: [{ channel: 'phone', address: '+386 1 555 0950' }],
    shifts: roster(['dr. Mojca Rozman', '+386 41 555 951'], ['dr. Igor Novljan', '+386 41 555 952']),
  },
  {
    code: 'OKOLJE',
    name: 'Inšpektorat za okolje – dežurni inšpektor',
    kind: 'environment',
    incidentTypes: ['hazmat', 'gas_leak'],
    towns: [],
    national: true,
    contacts: [{ channel: 'phone', address: '+386 1 555 0970' }],
    shifts: roster(['Gregor Mlakar', '+386 41 555 971'], ['Katja Erjavec', '+386 41 555 972']),
  },
  {
    code: 'CSD-LJ',
    name: 'Center za socialno delo Ljubljana – interventna služba',
    kind: 'social_work',
    incidentTypes: ['other', 'medical'],
    towns: ['Ljubljana'],
    contacts: [{ channel: 'phone', address: '+386 1 555 0400' }],
    shifts: roster(['Irena Bizjak', '+386 41 555 411'], ['Dejan Rupnik', '+386 41 555 412']),
  },
];

const WATER_REGIONS: [string, string, string[], string][] = [
  ['VO-CE', 'Vodovod Celje', CE_TOWNS, '+386 3 555 0200'],
  ['VO-KR', 'Komunala Kranj – vodovod', KR_TOWNS.slice(0, 6), '+386 4 555 0200'],
  ['VO-KP', 'Rižanski vodovod Koper', KP_TOWNS, '+386 5 555 0200'],
  ['VO-NG', 'Vodovodi in kanalizacija Nova Gorica', NG_TOWNS, '+386 5 555 0300'],
  ['VO-NM', 'Komunala Novo mesto – vodovod', NM_TOWNS, '+386 7 555 0200'],
  ['VO-BR', 'Kostak – vodovod', BR_TOWNS, '+386 7 555 0300'],
  ['VO-MS', 'Vodovod Murska Sobota', MS_TOWNS, '+386 2 555 0300'],
  ['VO-PT', 'Komunalno podjetje Ptuj – vodovod', PT_TOWNS, '+386 2 555 0400'],
  ['VO-SG', 'Javno komunalno podjetje Slovenj Gradec', SG_TOWNS, '+386 2 555 0500'],
  ['VO-PO', 'Kovod Postojna', PO_TOWNS, '+386 5 555 0400'],
  ['VO-ZA', 'Komunala Zasavje – vodovod', ZA_TOWNS, '+386 3 555 0300'],
];
for (const [i, [code, name, towns, phone]] of WATER_REGIONS.entries())
  DEMO_SERVICES.push({
    code,
    name: `${name} – dežurna služba`,
    kind: 'water',
    incidentTypes: ['flood', 'storm_damage'],
    towns,
    contacts: [{ channel: 'phone', address: phone }],
    shifts: roster(
      [`Dežurni vodovodar ${i + 1}A`, `+386 41 556 ${String(100 + i * 2).padStart(3, '0')}`],
      [`Dežurni vodovodar ${i + 1}B`, `+386 41 556 ${String(101 + i * 2).padStart(3, '0')}`],
    ),
  });

async function seedServices(db: Db): Promise<void> {
  const towns = new Map(
    (await db.select({ id: municipalities.id, search: municipalities.search }).from(municipalities)).map(
      (m) => [m.search, m.id],
    ),
  );
  for (const s of DEMO_SERVICES) {
    const [existing] = await db
      .select({ id: oncallServices.id })
      .from(oncallServices)
      .where(eq(oncallServices.code, s.code));
    if (existing) continue;
    const municipalityIds = s.towns.map((t) => {
      const id = towns.get(normaliseSearch(t));
      if (id === undefined) throw new Error(`demo service ${s.code}: no municipality ${t}`);
      return id;
    });
    const { result } = await inWriteTx(db, null, (w) =>
      saveServiceTx(w, {
        code: s.code,
        name: s.name,
        kind: s.kind,
        incidentTypes: s.incidentTypes,
        national: s.national ?? false,
        municipalityIds,
        contacts: s.contacts,
        handoverStation: s.handoverStation ?? null,
        note: '',
        active: true,
        shifts: s.shifts,
      }),
    );
    if (s.code === 'EL-LJ') {
      // Christmas Day: the holiday duty is someone else's.
      const year = new Date().getUTCFullYear();
      await db.insert(oncallExceptions).values({
        serviceId: result.id,
        startsAt: new Date(`${year}-12-25T00:00:00+01:00`),
        endsAt: new Date(`${year}-12-26T00:00:00+01:00`),
        officer: 'Sara Petek',
        phone: '+386 41 555 199',
        reason: 'božič – praznično dežurstvo',
      });
    }
  }
}

const HOSPITALS = [
  [
    'UKC Ljubljana – Urgentni blok',
    46.0545,
    14.5222,
    'Zaloška cesta 2, Ljubljana',
    ['emergency', 'trauma', 'stroke', 'pci', 'burns', 'obstetrics'],
  ],
  [
    'Pediatrična klinika Ljubljana',
    46.0527,
    14.5178,
    'Bohoričeva ulica 20, Ljubljana',
    ['emergency', 'paediatrics'],
  ],
  [
    'UKC Maribor',
    46.5508,
    15.6397,
    'Ljubljanska ulica 5, Maribor',
    ['emergency', 'trauma', 'stroke', 'pci', 'burns', 'paediatrics', 'obstetrics'],
  ],
  [
    'SB Celje',
    46.2311,
    15.2608,
    'Oblakova ulica 5, Celje',
    ['emergency', 'trauma', 'stroke', 'pci', 'paediatrics', 'obstetrics'],
  ],
  [
    'SB Jesenice',
    46.4358,
    14.0527,
    'Cesta maršala Tita 112, Jesenice',
    ['emergency', 'trauma', 'stroke', 'obstetrics'],
  ],
  [
    'SB Novo mesto',
    45.8037,
    15.1699,
    'Šmihelska cesta 1, Novo mesto',
    ['emergency', 'trauma', 'stroke', 'paediatrics', 'obstetrics'],
  ],
  [
    'SB Murska Sobota',
    46.6483,
    16.1931,
    'Ulica dr. Vrbnjaka 6, Rakičan',
    ['emergency', 'trauma', 'stroke', 'pci', 'paediatrics', 'obstetrics'],
  ],
  [
    'SB Izola',
    45.5332,
    13.6563,
    'Polje 40, Izola',
    ['emergency', 'trauma', 'stroke', 'pci', 'paediatrics', 'obstetrics'],
  ],
  [
    'SB dr. Franca Derganca Nova Gorica',
    45.9279,
    13.6412,
    'Ulica padlih borcev 13a, Šempeter pri Gorici',
    ['emergency', 'trauma', 'stroke', 'pci', 'paediatrics', 'obstetrics'],
  ],
  [
    'SB Slovenj Gradec',
    46.5049,
    15.0809,
    'Gosposvetska cesta 1, Slovenj Gradec',
    ['emergency', 'trauma', 'stroke', 'paediatrics', 'obstetrics'],
  ],
  ['SB Ptuj', 46.4247, 15.8694, 'Potrčeva cesta 23, Ptuj', ['emergency', 'trauma', 'obstetrics']],
  ['SB Brežice', 45.9076, 15.5919, 'Černelčeva cesta 15, Brežice', ['emergency', 'trauma', 'obstetrics']],
  ['SB Trbovlje', 46.1496, 15.0538, 'Rudarska cesta 9, Trbovlje', ['emergency', 'obstetrics']],
] as const;

const AED_HOURS = [
  '24/7',
  '24/7',
  'Mo-Fr 07:00-19:00; Sa 08:00-13:00; PH off',
  'Mo-Su 06:00-22:00',
  'Mo-Fr 08:00-16:00; PH off',
];
const AED_PLACES = [
  'gasilski dom',
  'lekarna',
  'osnovna šola',
  'trgovski center',
  'občina',
  'športna dvorana',
  'zdravstveni dom',
  'železniška postaja',
];
const HYDRANT_KINDS = ['underground', 'underground', 'pillar', 'pillar', 'wall'] as const;

async function seedLocations(db: Db): Promise<void> {
  for (const [name, lat, lon, address, caps] of HOSPITALS)
    await db
      .insert(hospitals)
      .values({
        sourceKey: `demo:${normaliseSearch(name)}`,
        name,
        position: point(lat, lon),
        address,
        capabilities: [...caps],
      })
      .onConflictDoNothing({ target: hospitals.sourceKey });
  for (const [city, centre] of Object.entries(CITIES)) {
    const aedRows = around(centre, 24, 3).map((p, i) => {
      const hours = AED_HOURS[i % AED_HOURS.length] as string;
      return {
        sourceKey: `demo:aed:${city}:${i}`,
        name: `AED – ${AED_PLACES[i % AED_PLACES.length]}`,
        position: point(p.lat, p.lon),
        access:
          hours === '24/7' ? 'Zunanja omarica ob vhodu, odklene se s klicem 112.' : 'V avli ob recepciji.',
        openingHours: hours,
        alwaysOpen: hours === '24/7',
        indoor: hours !== '24/7',
        owner: `Občina (${city})`,
        lastCheck: '2026-09-15',
      };
    });
    await db.insert(aeds).values(aedRows).onConflictDoNothing({ target: aeds.sourceKey });
    const hydrantRows = around(centre, 120, 2).map((p, i) => ({
      sourceKey: `demo:hydrant:${city}:${i}`,
      kind: HYDRANT_KINDS[i % HYDRANT_KINDS.length] as string,
      ref: `H-${city.slice(0, 2).toUpperCase()}-${100 + i}`,
      position: point(p.lat, p.lon),
      diameterMm: i % 3 === 0 ? 100 : 80,
      pressureBar: 4 + (i % 4),
      flowLpm: i % 3 === 0 ? 1600 : 800,
      state: i % 17 === 5 ? 'out_of_service' : 'in_service',
    }));
    await db.insert(waterSources).values(hydrantRows).onConflictDoNothing({ target: waterSources.sourceKey });
  }
  const notes = [
    [
      46.0569,
      14.5058,
      'Slovenska cesta 9, Ljubljana',
      'Skladišče plinskih jeklenk v kleti (propan, 40 jeklenk).',
      'danger',
      40,
    ],
    [
      46.0489,
      14.5076,
      'Zoisova cesta 12, Ljubljana',
      'Koda za vhodna vrata: 4711#. Dvigalo ne sprejme nosil.',
      'info',
      25,
    ],
    [
      46.5561,
      15.6478,
      'Gosposka ulica 3, Maribor',
      'Na dvorišču agresiven pes; lastnik ga zapre na klic.',
      'warning',
      30,
    ],
  ] as const;
  for (const [lat, lon, address, text, severity, radiusM] of notes)
    await db
      .insert(locationNotes)
      .values({
        sourceKey: `demo:note:${normaliseSearch(address)}`,
        position: point(lat, lon),
        address,
        text,
        severity,
        radiusM,
        authorName: 'Demo',
      })
      .onConflictDoNothing({ target: locationNotes.sourceKey });
}

export async function seedDomainDemo(db: Db): Promise<void> {
  await seedServices(db);
  await seedLocations(db);
}
