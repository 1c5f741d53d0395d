import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that the bundler must leave alone (STACK.md).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // City data files are read at run time from cities/<CITY>/.
  outputFileTracingIncludes: { '/**': ['./cities/**/*', './drizzle/**/*'] },
};

export default withNextIntl(nextConfig);
