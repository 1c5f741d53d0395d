import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that the bundler must leave alone (STACK.md).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // forbidden() renders app/[locale]/staff/forbidden.tsx with status 403 (lib/auth/require.ts).
  experimental: { authInterrupts: true },
  // City data files are read at run time from cities/<CITY>/.
  outputFileTracingIncludes: { '/**': ['./cities/**/*', './drizzle/**/*'] },
};

export default withNextIntl(nextConfig);
