/** BroadcastChannel name shared by the dispatcher's screen and its map window. */
export const MAP_CHANNEL = 'cad112-dispatch-map';

export type MapChannelMessage = { type: 'select'; incidentId: number; lat: number; lon: number };
