import { HaCluster } from './cluster';

// npm run ha:local -- up|down|status: the production database layout on this machine (docs/ha.md), for a
// person to try a failover by hand (`kill -9` a postmaster, watch `status`). HA_DIR and HA_BASE_PORT
// choose where and on which fourteen ports; the application then uses DATABASE_URL from `up`.

const cluster = new HaCluster({
  dir: process.env.HA_DIR ?? '/tmp/cad112-ha',
  basePort: Number(process.env.HA_BASE_PORT ?? 6430),
  say: (line) => console.log(`ha: ${line}`),
});
const command = process.argv[2] ?? 'status';

if (command === 'up') {
  await cluster.up();
  await cluster.createAppDatabase();
  cluster.backrest(['--type=full', 'backup']);
  console.log(`ha: up. Migrate and seed with
  DATABASE_URL=${cluster.url('cad112_app')} DATABASE_OWNER_URL=${cluster.url('cad112_owner')} npm run db:seed
then start nodes with the same DATABASE_URL (and DATABASE_OWNER_URL for the one that migrates).`);
} else if (command === 'down') {
  await cluster.down();
  console.log('ha: stopped');
} else if (command === 'status') {
  for (const m of await cluster.members())
    console.log(
      `${m.name.padEnd(5)} ${m.role.padEnd(13)} ${m.state.padEnd(10)} timeline ${m.timeline ?? '-'}`,
    );
} else {
  console.error('usage: npm run ha:local -- up|down|status');
  process.exit(2);
}
