/**
 * The Content-Security-Policy of every page: scripts only from the portal and only with this
 * request's nonce (no 'unsafe-inline' for scripts), everything else from the portal itself.
 * Styles allow inline attributes because Leaflet positions map tiles and markers with them.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; frameAncestors?: string[] } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${['\'self\'', ...(options.frameAncestors ?? [])].join(' ')}`,
  ];
  return directives.join('; ');
}

export function createNonce(): string {
  return btoa(crypto.randomUUID());
}
