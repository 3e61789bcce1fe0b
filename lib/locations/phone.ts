// Phone numbers as the network or a person writes them → one canonical form (+<country><number>),
// so a fix from the network finds the number the call-taker typed. Slovenian national numbers
// (0xx…) become +386xx….
export function normalizePhone(raw: string): string | null {
  let s = raw.trim().replace(/[\s()/.-]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  else if (/^0[1-9]\d{6,}$/.test(s)) s = `+386${s.slice(1)}`;
  else if (/^386\d{7,}$/.test(s)) s = `+${s}`;
  if (!/^\+?\d{3,16}$/.test(s)) return null;
  return s;
}
