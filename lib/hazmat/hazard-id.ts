// The hazard identification number (Kemler code) of an orange plate's upper half, read as ADR 5.3.2.3
// reads it: the first digit is the primary hazard, further digits secondary ones, a doubled digit an
// intensified hazard, 0 "no further hazard", an X prefix "reacts dangerously with water". Pure, so the
// browser reads a plate as it is typed.

type Words = { sl: string; en: string };

const PRIMARY: Record<string, Words> = {
  '2': {
    sl: 'plin (nevarnost zaradi tlaka ali kemijske reakcije)',
    en: 'gas (pressure or chemical reaction)',
  },
  '3': { sl: 'vnetljiva tekočina ali plin', en: 'flammable liquid or gas' },
  '4': { sl: 'vnetljiva trdna snov', en: 'flammable solid' },
  '5': { sl: 'oksidativna snov (pospešuje gorenje)', en: 'oxidising (intensifies fire)' },
  '6': { sl: 'strupena ali kužna snov', en: 'toxic or infectious' },
  '7': { sl: 'radioaktivna snov', en: 'radioactive' },
  '8': { sl: 'jedka snov', en: 'corrosive' },
  '9': { sl: 'nevarnost nenadne burne reakcije', en: 'risk of spontaneous violent reaction' },
};
const SECONDARY: Record<string, Words> = {
  '1': { sl: 'eksplozivno', en: 'explosive' },
  '2': { sl: 'sprošča plin', en: 'gives off gas' },
  '3': { sl: 'vnetljivo', en: 'flammable' },
  '4': { sl: 'vnetljivo v trdnem stanju', en: 'flammable solid' },
  '5': { sl: 'oksidativno', en: 'oxidising' },
  '6': { sl: 'strupeno', en: 'toxic' },
  '7': { sl: 'radioaktivno', en: 'radioactive' },
  '8': { sl: 'jedko', en: 'corrosive' },
  '9': { sl: 'nevarnost burne reakcije', en: 'risk of violent reaction' },
};
const SPECIAL: Record<string, Words> = {
  '22': { sl: 'ohlajen utekočinjen plin, zadušljiv', en: 'refrigerated liquefied gas, asphyxiant' },
  '44': {
    sl: 'vnetljiva trdna snov v staljenem stanju pri povišani temperaturi',
    en: 'flammable solid, molten at an elevated temperature',
  },
  '90': {
    sl: 'okolju nevarna snov; razne nevarne snovi',
    en: 'environmentally hazardous substance; miscellaneous dangerous substance',
  },
  '99': {
    sl: 'razne nevarne snovi, prevažane pri povišani temperaturi',
    en: 'miscellaneous dangerous substance carried at an elevated temperature',
  },
  '606': { sl: 'kužna snov', en: 'infectious substance' },
};

export interface HazardId {
  code: string;
  valid: boolean;
  waterReactive: boolean;
  meaning: Words;
}

export function readHazardId(input: string): HazardId {
  const code = input.trim().toUpperCase().replace(/\s+/g, '');
  const m = /^(X?)([2-9][0-9]{1,2})$/.exec(code);
  if (!m) return { code, valid: false, waterReactive: false, meaning: { sl: '', en: '' } };
  const water = m[1] === 'X';
  const digits = m[2] as string;
  const waterWords: Words = { sl: 'nevarno reagira z vodo', en: 'reacts dangerously with water' };
  const special = SPECIAL[digits];
  const join = (parts: Words[]): Words => ({
    sl: parts.map((p) => p.sl).join(', '),
    en: parts.map((p) => p.en).join(', '),
  });
  if (special)
    return {
      code,
      valid: true,
      waterReactive: water,
      meaning: join(water ? [waterWords, special] : [special]),
    };
  const first = digits[0] as string;
  const primary = PRIMARY[first] as Words;
  const parts: Words[] = [];
  const rest = digits.slice(1);
  if (rest[0] === first) parts.push({ sl: `zelo ${primary.sl}`, en: `highly ${primary.en}` });
  else parts.push(primary);
  const tail = rest[0] === first ? rest.slice(1) : rest;
  for (const d of tail) {
    if (d === '0') continue;
    const s = SECONDARY[d];
    if (s && !parts.includes(s)) parts.push(s);
  }
  if (water) parts.unshift(waterWords);
  return { code, valid: true, waterReactive: water, meaning: join(parts) };
}

/** "33/1203", "33 1203", "X88-1830" → the plate's two numbers; null when it is not a plate. */
export function readPlate(input: string): { hazardId: string; unNumber: string } | null {
  const m = /^\s*(X?\s?[2-9][0-9]{1,2})\s*[/\-\s]\s*(?:UN\s?)?([0-9]{4})\s*$/i.exec(input);
  return m ? { hazardId: (m[1] as string).replace(/\s/g, '').toUpperCase(), unNumber: m[2] as string } : null;
}
