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
};

export default nextConfig;
