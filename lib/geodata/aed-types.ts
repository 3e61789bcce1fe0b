// Incident types where the nearest open defibrillator matters (a suspected cardiac arrest): the
// call-taker's instructions show it, the incident's surroundings list it. Browser-safe.
export const AED_INCIDENT_TYPES: readonly string[] = ['cardiac_arrest'];
