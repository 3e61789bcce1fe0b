// Demo data: real Slovenian towns, typical vehicle types (see ../shared/GLOSSARY.md). Demo only.

export const AGENCIES = [
  { code: 'fire', nameSl: 'Gasilci', nameEn: 'Fire brigade', ackTimeoutS: 60 },
  { code: 'ems', nameSl: 'Nujna medicinska pomoč', nameEn: 'Emergency medical service', ackTimeoutS: 60 },
  { code: 'mountain_rescue', nameSl: 'Gorska reševalna služba', nameEn: 'Mountain rescue', ackTimeoutS: 120 },
  { code: 'cave_rescue', nameSl: 'Jamarska reševalna služba', nameEn: 'Cave rescue', ackTimeoutS: 300 },
  { code: 'civil_protection', nameSl: 'Civilna zaščita', nameEn: 'Civil protection', ackTimeoutS: 300 },
  // Services the centre hands incidents over to (they have accounts, not units).
  { code: 'police', nameSl: 'Policija (113)', nameEn: 'Police (113)', ackTimeoutS: 120 },
  {
    code: 'medical_dispatch',
    nameSl: 'Dispečerska služba zdravstva',
    nameEn: 'Medical dispatch centre',
    ackTimeoutS: 120,
  },
  {
    code: 'notification_centre',
    nameSl: 'Center za obveščanje',
    nameEn: 'Notification centre',
    ackTimeoutS: 300,
  },
] as const;

type AgencyCode = (typeof AGENCIES)[number]['code'];

export interface StationSeed {
  code: string;
  name: string;
  agency: AgencyCode;
  address: string;
  lat: number;
  lon: number;
  /** radius of the demo service area in km */
  areaKm: number;
  units: { suffix: string; type: string; capabilities: string[] }[];
  /** Where a 112 call is transferred to reach the service (demo addresses on the centre's gateway). */
  transferUri?: string;
}

const GVC = { type: 'GVC 16/25', capabilities: ['fire', 'water'] };
const GVC24 = { type: 'GVC 24/50', capabilities: ['fire', 'water'] };
const GVM = { type: 'GVM-1', capabilities: ['crew'] };
const AC = { type: 'AC 16/50', capabilities: ['water'] };
const AL = { type: 'AL 42', capabilities: ['aerial', 'fire'] };
const TRV = { type: 'TRV', capabilities: ['technical_rescue', 'hazmat'] };
const PV = { type: 'PV-1', capabilities: ['command'] };
const GVGP = { type: 'GVGP-1', capabilities: ['forest_fire', 'water'] };
const NRV = { type: 'NRV', capabilities: ['medical', 'transport'] };
const REA = { type: 'reanimobil', capabilities: ['medical', 'physician'] };
const GRS = { type: 'GRS ekipa', capabilities: ['mountain_rescue', 'rope', 'medical'] };

const u = (suffix: string, t: { type: string; capabilities: string[] }) => ({ suffix, ...t });

export const STATIONS: StationSeed[] = [
  {
    code: 'GB-LJ',
    name: 'Gasilska brigada Ljubljana',
    agency: 'fire',
    address: 'Vojkova cesta 126, Ljubljana',
    lat: 46.0737,
    lon: 14.516,
    areaKm: 12,
    units: [u('11', GVC), u('12', GVC24), u('21', AL), u('31', TRV), u('41', PV)],
  },
  {
    code: 'GB-MB',
    name: 'Gasilska brigada Maribor',
    agency: 'fire',
    address: 'Cesta proletarskih brigad 60, Maribor',
    lat: 46.544,
    lon: 15.648,
    areaKm: 12,
    units: [u('11', GVC), u('12', AC), u('21', AL), u('31', TRV)],
  },
  {
    code: 'GB-KP',
    name: 'Gasilska brigada Koper',
    agency: 'fire',
    address: 'Ljubljanska cesta 7, Koper',
    lat: 45.5481,
    lon: 13.7302,
    areaKm: 15,
    units: [u('11', GVC), u('21', AL), u('31', TRV)],
  },
  {
    code: 'GARS-KR',
    name: 'Gasilsko reševalna služba Kranj',
    agency: 'fire',
    address: 'Bleiweisova cesta 34, Kranj',
    lat: 46.2389,
    lon: 14.3556,
    areaKm: 12,
    units: [u('11', GVC), u('12', GVM), u('31', TRV)],
  },
  {
    code: 'ZGRS-CE',
    name: 'Zavod za gasilno in reševalno službo Celje',
    agency: 'fire',
    address: 'Lava 2, Celje',
    lat: 46.2309,
    lon: 15.2604,
    areaKm: 12,
    units: [u('11', GVC), u('21', AL), u('31', TRV)],
  },
  {
    code: 'JZGRD-NG',
    name: 'JZ za gasilsko in reševalno dejavnost Nova Gorica',
    agency: 'fire',
    address: 'Cesta 25. junija 1, Nova Gorica',
    lat: 45.956,
    lon: 13.648,
    areaKm: 15,
    units: [u('11', GVC), u('12', GVGP), u('31', TRV)],
  },
  {
    code: 'PGD-NM',
    name: 'PGD Novo mesto',
    agency: 'fire',
    address: 'Seidlova cesta 1, Novo mesto',
    lat: 45.803,
    lon: 15.168,
    areaKm: 10,
    units: [u('11', GVC), u('12', GVM)],
  },
  {
    code: 'PGD-MS',
    name: 'PGD Murska Sobota',
    agency: 'fire',
    address: 'Arhitekta Novaka 1, Murska Sobota',
    lat: 46.6625,
    lon: 16.1664,
    areaKm: 10,
    units: [u('11', GVC), u('12', GVM)],
  },
  {
    code: 'PGD-PT',
    name: 'PGD Ptuj',
    agency: 'fire',
    address: 'Ormoška cesta 17, Ptuj',
    lat: 46.42,
    lon: 15.87,
    areaKm: 10,
    units: [u('11', GVC), u('12', AC)],
  },
  {
    code: 'PGD-SG',
    name: 'PGD Slovenj Gradec',
    agency: 'fire',
    address: 'Ozare 18, Slovenj Gradec',
    lat: 46.5103,
    lon: 15.0806,
    areaKm: 10,
    units: [u('11', GVC), u('12', GVGP)],
  },
  {
    code: 'PGD-PO',
    name: 'PGD Postojna',
    agency: 'fire',
    address: 'Kolodvorska cesta 5, Postojna',
    lat: 45.7756,
    lon: 14.2138,
    areaKm: 10,
    units: [u('11', GVC), u('12', GVM)],
  },
  {
    code: 'PGD-BR',
    name: 'PGD Brežice',
    agency: 'fire',
    address: 'Cesta bratov Milavcev 2, Brežice',
    lat: 45.904,
    lon: 15.593,
    areaKm: 10,
    units: [u('11', GVC), u('12', GVM)],
  },
  {
    code: 'PGD-TR',
    name: 'PGD Trbovlje',
    agency: 'fire',
    address: 'Gimnazijska cesta 4, Trbovlje',
    lat: 46.155,
    lon: 15.053,
    areaKm: 10,
    units: [u('11', GVC), u('12', GVM)],
  },
  {
    code: 'NMP-LJ',
    name: 'NMP Ljubljana',
    agency: 'ems',
    address: 'Bohoričeva ulica 4, Ljubljana',
    lat: 46.056,
    lon: 14.523,
    areaKm: 20,
    units: [u('01', NRV), u('02', NRV), u('03', REA)],
  },
  {
    code: 'NMP-MB',
    name: 'NMP Maribor',
    agency: 'ems',
    address: 'Ulica talcev 9, Maribor',
    lat: 46.556,
    lon: 15.64,
    areaKm: 20,
    units: [u('01', NRV), u('02', NRV), u('03', REA)],
  },
  {
    code: 'NMP-CE',
    name: 'NMP Celje',
    agency: 'ems',
    address: 'Gregorčičeva ulica 5, Celje',
    lat: 46.238,
    lon: 15.27,
    areaKm: 20,
    units: [u('01', NRV), u('02', REA)],
  },
  {
    code: 'NMP-KP',
    name: 'NMP Koper',
    agency: 'ems',
    address: 'Dellavallejeva ulica 3, Koper',
    lat: 45.54,
    lon: 13.73,
    areaKm: 20,
    units: [u('01', NRV), u('02', NRV)],
  },
  {
    code: 'NMP-NM',
    name: 'NMP Novo mesto',
    agency: 'ems',
    address: 'Kandijska cesta 4, Novo mesto',
    lat: 45.801,
    lon: 15.17,
    areaKm: 20,
    units: [u('01', NRV), u('02', REA)],
  },
  {
    code: 'GRS-BO',
    name: 'GRS Bovec',
    agency: 'mountain_rescue',
    address: 'Trg golobarskih žrtev 8, Bovec',
    lat: 46.338,
    lon: 13.552,
    areaKm: 25,
    units: [u('1', GRS), u('2', GRS)],
  },
  {
    code: 'GRS-KG',
    name: 'GRS Kranjska Gora',
    agency: 'mountain_rescue',
    address: 'Borovška cesta 61, Kranjska Gora',
    lat: 46.485,
    lon: 13.785,
    areaKm: 25,
    units: [u('1', GRS), u('2', GRS)],
  },
  {
    code: 'GRS-RA',
    name: 'GRS Radovljica',
    agency: 'mountain_rescue',
    address: 'Kranjska cesta 2, Radovljica',
    lat: 46.344,
    lon: 14.174,
    areaKm: 25,
    units: [u('1', GRS)],
  },
  {
    code: 'GRS-KA',
    name: 'GRS Kamnik',
    agency: 'mountain_rescue',
    address: 'Glavni trg 24, Kamnik',
    lat: 46.2257,
    lon: 14.6121,
    areaKm: 25,
    units: [u('1', GRS)],
  },
  {
    code: 'GRS-TO',
    name: 'GRS Tolmin',
    agency: 'mountain_rescue',
    address: 'Padlih borcev 1, Tolmin',
    lat: 46.183,
    lon: 13.733,
    areaKm: 25,
    units: [u('1', GRS)],
  },
];

// Hand-over services: the stations of the police, the medical dispatch centres and a neighbouring
// 112 centre. Their accounts (st-pu-lj, st-dsz-lj, …) receive hand-overs on the station screen.
export const SERVICES: StationSeed[] = [
  {
    code: 'PU-LJ',
    name: 'PU Ljubljana – operativno komunikacijski center 113',
    agency: 'police',
    address: 'Prešernova cesta 18, Ljubljana',
    lat: 46.0527,
    lon: 14.4988,
    areaKm: 40,
    units: [],
    transferUri: 'sip:113-lj@gw.reco.local',
  },
  {
    code: 'PU-MB',
    name: 'PU Maribor – operativno komunikacijski center 113',
    agency: 'police',
    address: 'Slovenska ulica 35, Maribor',
    lat: 46.5593,
    lon: 15.6466,
    areaKm: 40,
    units: [],
    transferUri: 'sip:113-mb@gw.reco.local',
  },
  {
    code: 'DSZ-LJ',
    name: 'Dispečerska služba zdravstva Ljubljana',
    agency: 'medical_dispatch',
    address: 'Bohoričeva ulica 4, Ljubljana',
    lat: 46.0565,
    lon: 14.5235,
    areaKm: 60,
    units: [],
    transferUri: 'sip:dsz-lj@gw.reco.local',
  },
  {
    code: 'DSZ-MB',
    name: 'Dispečerska služba zdravstva Maribor',
    agency: 'medical_dispatch',
    address: 'Ljubljanska ulica 5, Maribor',
    lat: 46.5512,
    lon: 15.6445,
    areaKm: 60,
    units: [],
    transferUri: 'sip:dsz-mb@gw.reco.local',
  },
  {
    code: 'RECO-KR',
    name: 'ReCO Kranj',
    agency: 'notification_centre',
    address: 'Bleiweisova cesta 32, Kranj',
    lat: 46.2405,
    lon: 14.3545,
    areaKm: 40,
    units: [],
    transferUri: 'sip:112@reco-kr.local',
  },
];

export const DEMO_PASSWORD = 'demo-112';

// The first four work in ReCO Ljubljana; Koper and Nova Gorica have a crew each for trying a
// take-over between neighbouring centres; the national duty officer sees all centres.
export const DEMO_USERS = [
  { username: 'calltaker', displayName: 'Ana Kovač', role: 'call_taker', centre: 'LJ' },
  { username: 'calltaker2', displayName: 'Luka Novak', role: 'call_taker', centre: 'LJ' },
  { username: 'dispatcher', displayName: 'Marko Horvat', role: 'dispatcher', centre: 'LJ' },
  { username: 'supervisor', displayName: 'Petra Zupan', role: 'supervisor', centre: 'LJ' },
  { username: 'station', displayName: 'GB Ljubljana – dežurni', role: 'station', station: 'GB-LJ' },
  { username: 'calltaker-kp', displayName: 'Tina Bržan', role: 'call_taker', centre: 'KP' },
  { username: 'dispatcher-kp', displayName: 'Matej Pečar', role: 'dispatcher', centre: 'KP' },
  { username: 'supervisor-kp', displayName: 'Nina Kocjančič', role: 'supervisor', centre: 'KP' },
  { username: 'dispatcher-ng', displayName: 'Aleš Bratina', role: 'dispatcher', centre: 'NG' },
  { username: 'supervisor-ng', displayName: 'Vesna Mozetič', role: 'supervisor', centre: 'NG' },
  { username: 'national', displayName: 'Igor Zorman', role: 'national' },
] as const;

export const DEMO_INCIDENTS = [
  {
    type: 'fire_building',
    priority: 'red',
    description: 'Gost dim iz strehe stanovanjske hiše, v hiši naj bi bila starejša oseba.',
    location: { lat: 46.0514, lon: 14.506, accuracyM: 15, address: 'Prešernov trg 1, Ljubljana' },
    caller: { phone: '+38641123456', name: 'Ana Novak' },
  },
  {
    type: 'traffic_accident',
    priority: 'red',
    description: 'Trčenje dveh osebnih vozil na avtocesti A1, ena oseba ukleščena.',
    location: { lat: 46.2553, lon: 15.3264, accuracyM: 50, address: 'AC A1, priključek Celje center' },
    caller: { phone: '+38631555123', name: 'Janez Kranjc' },
  },
  {
    type: 'mountain_accident',
    priority: 'red',
    description: 'Planinec padel pod Kredarico, poškodba noge, ne more hoditi.',
    location: { lat: 46.3797, lon: 13.849, accuracyM: 30, address: 'Triglav, pot s Kredarice' },
    caller: { phone: '+38640987654', name: 'Maja Potočnik' },
  },
  {
    type: 'medical',
    priority: 'yellow',
    description: 'Moški, 67 let, bolečina v prsih, pri zavesti.',
    location: { lat: 46.5576, lon: 15.6455, accuracyM: 10, address: 'Glavni trg 14, Maribor' },
    caller: { phone: '+38651222333', name: 'Luka Vidmar' },
  },
] as const;
