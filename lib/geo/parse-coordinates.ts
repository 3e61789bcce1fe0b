// Decimal WGS84 "lat, lon" as typed or pasted by a call-taker ("46.0514, 14.506", "46,0514 14,506").
export function parseCoordinates(text: string): { lat: number; lon: number } | null {
  const s = text.trim();
  if (!s) return null;
  // Either a comma/semicolon separates the two numbers (dot decimals), or whitespace does (comma decimals allowed).
  let parts: string[];
  if (/^-?\d+(\.\d+)?\s*[,;]\s*-?\d+(\.\d+)?$/.test(s)) parts = s.split(/\s*[,;]\s*/);
  else if (/^-?\d+([.,]\d+)?\s+-?\d+([.,]\d+)?$/.test(s))
    parts = s.split(/\s+/).map((p) => p.replace(',', '.'));
  else return null;
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return null;
  return { lat, lon };
}
