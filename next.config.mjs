// @ts-check
import { PHASE_PRODUCTION_SERVER } from 'next/constants.js';

/**
 * Headers for every response. The Content-Security-Policy with its per-request script nonce is set
 * in proxy.ts; these are the same for every request.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // "Use my location" is the only browser feature the portal asks for, and only for itself.
  { key: 'Permissions-Policy', value: 'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), browsing-topics=()' },
  // Browsers honour HSTS only over HTTPS, so sending it over plain HTTP in development is harmless.
  { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
];

/** Older browsers that ignore CSP frame-ancestors: no framing, except the embed pages. */
const noFraming = [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/((?!embed|en/embed|tr/embed).*)', headers: noFraming },
    ];
  },
  // PGlite ships WASM and data files that the bundler must leave alone (STACK.md).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // App Router does not route folders whose name starts with a dot (app/security.txt/route.ts).
  async rewrites() {
    return [{ source: '/.well-known/security.txt', destination: '/security.txt' }];
  },
  experimental: {
    // forbidden() renders app/[locale]/staff/forbidden.tsx with status 403 (lib/auth/require.ts).
    authInterrupts: true,
    // app/global-not-found.tsx: the 404 of addresses no route serves, rendered in the HTML.
    globalNotFound: true,
    // The admin's district import sends a GeoJSON file of up to 5 MB (lib/districts/import.ts)
    // through a server action; the default limit is 1 MB.
    serverActions: { bodySizeLimit: '6mb' },
    // The stylesheet (about 5 kB compressed) goes into the page instead of a render-blocking
    // request: one round trip less before a phone on a slow network shows anything (issue 5).
    // The CSP allows inline styles already (lib/http/csp.ts: Leaflet positions by style).
    inlineCss: true,
  },
  // City data files are read at run time from cities/<CITY>/.
  outputFileTracingIncludes: { '/**': ['./cities/**/*', './drizzle/**/*'] },
};

/**
 * next-intl's plugin points the bundler at lib/i18n/request.ts; the built server needs nothing of
 * it. Imported only when building or developing: it loads @swc/core, whose native module would
 * otherwise stay in the server's memory for nothing. (This file is JavaScript, not TypeScript, for
 * the same reason: Next.js compiles a next.config.ts with its own SWC module, 25 MB of the server's
 * resident set. Without either, the server's peak RSS under the intake load fell by about 42 MB.)
 *
 * @param {string} phase
 * @returns {Promise<import('next').NextConfig>}
 */
export default async function config(phase) {
  if (phase === PHASE_PRODUCTION_SERVER) return nextConfig;
  const { default: createNextIntlPlugin } = await import('next-intl/plugin');
  return createNextIntlPlugin('./lib/i18n/request.ts')(nextConfig);
}
