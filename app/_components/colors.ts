export const PRIORITY_COLOR: Record<string, string> = { red: '#d7191c', yellow: '#e6a700', green: '#1a9641' };

export const UNIT_STATUS_COLOR: Record<string, string> = {
  available: '#1a7f37',
  alerted: '#c4161c',
  acknowledged: '#e36209',
  en_route: '#0b5cd5',
  on_scene: '#6f42c1',
  transporting: '#8250df',
  at_hospital: '#8250df',
  returning: '#57606a',
  out_of_service: '#24292f',
};
