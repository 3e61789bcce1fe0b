import type { NextConfig } from 'next';

// The database drivers, ws and native modules stay out of Next's bundles: server.ts owns the
// database handle and the realtime hub and shares them with route handlers through globalThis.
const nextConfig: NextConfig = {
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-postgis',
    'pg',
    'ws',
    '@node-rs/argon2',
    'pino',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  experimental: {
    // Route modules load on their first request instead of all at start: the supervisor's screens and
    // the administration API cost no memory on a node that never serves them (22 MB at rest).
    preloadEntriesOnStart: false,
  },
};

export default nextConfig;
