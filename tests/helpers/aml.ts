// Builds an AML SMS with a correct ml= (the message's own length, ml included).
export function amlSms(fields: Record<string, string>): string {
  const base = `A"ML=1;${Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(';')};ml=`;
  for (let digits = 2; digits <= 4; digits++) {
    const len = base.length + digits;
    if (String(len).length === digits) return base + len;
  }
  throw new Error('unreachable');
}

export const AML_GOOD = {
  lt: '+46.05140',
  lg: '+014.50600',
  rd: '15',
  top: '20261127141935',
  lc: '68',
  pm: 'G',
  si: '293411234567890',
  ei: '356938035643809',
  mcc: '293',
  mnc: '41',
};
