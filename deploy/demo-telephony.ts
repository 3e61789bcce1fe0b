// npm run demo:telephony – the demo with the SIP edge and a simulated caller: Kamailio (the edge, as in
// production), two positions' phones and a caller every 45 seconds played by SIPp (Debian's
// kamailio, kamailio-extra-modules, kamailio-utils-modules and sip-tester must be installed). Sign in as
// `calltaker`, choose position pos-01: its phone answers after 8 seconds and the call opens in the form;
// every fourth caller hangs up before the answer (the call-back list).
import { spawn, spawnSync } from 'node:child_process';
import { placeCall, startEdge, startPhone, TELEPHONY_TOKEN, withLocation } from '../tests/helpers/telephony';

for (const bin of ['kamailio', 'sipp'])
  if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) {
    console.error(
      `demo:telephony needs ${bin}: apt-get install kamailio kamailio-extra-modules kamailio-utils-modules sip-tester`,
    );
    process.exit(2);
  }

const port = Number(process.env.PORT ?? 3000);
const edge = await startEdge({ cadUrl: `http://127.0.0.1:${port}` });
const server = spawn(process.execPath, ['dist/server.mjs'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DEMO_MODE: 'true',
    PORT: String(port),
    TELEPHONY_TOKEN,
    TELEPHONY_CONTROL_URL: edge.controlUrl,
  },
  stdio: 'inherit',
});
const stop = async () => {
  server.kill('SIGTERM');
  await edge.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

await startPhone(edge, 'pos-01', 8000);
await startPhone(edge, 'pos-02', 8000);
console.log(
  `SIP edge on udp/tcp 127.0.0.1:${edge.sipPort}; a simulated 112 call every 45 s (position pos-01 answers)`,
);

// Callers around Ljubljana, Maribor and Celje, with a PIDF-LO circle as a mobile network sends it.
const PLACES = [
  [46.0514, 14.506],
  [46.5547, 15.6459],
  [46.2309, 15.2604],
  [46.0569, 14.5058],
] as const;
let n = 0;
const call = () => {
  n++;
  const [lat, lon] = PLACES[n % PLACES.length] ?? PLACES[0];
  const jitter = () => (Math.random() - 0.5) * 0.01;
  const number = `+38641${String(100000 + Math.floor(Math.random() * 899999))}`;
  const pidf = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"
    xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" entity="pres:${number}@esinet.test">
  <tuple id="t"><status><gp:geopriv><gp:location-info>
    <gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${(lat + jitter()).toFixed(5)} ${(lon + jitter()).toFixed(5)}</gml:pos>
    <gs:radius uom="urn:ogc:def:uom:EPSG::9001">${20 + Math.floor(Math.random() * 200)}</gs:radius></gs:Circle>
  </gp:location-info><gp:usage-rules/><gp:method>A-GPS</gp:method></gp:geopriv></status></tuple>
</presence>`;
  const loc = withLocation(pidf);
  placeCall(edge, {
    from: number,
    ...loc,
    headers: `P-Asserted-Identity: <tel:${number}>\nAccept-Language: sl\n${loc.headers}`,
    ...(n % 4 === 0 ? { abandonMs: 5000 } : { answerBy: 'pos-01', talkMs: 120_000 }),
  });
};
setTimeout(call, 10_000);
setInterval(call, 45_000);
