import { expect, test, type APIResponse } from '@playwright/test';
import { signInAsStaff } from './helpers';

const pages = ['/', '/report', '/map', '/en/dialogues', '/staff/login', '/datenschutz'];

/** The headers every response carries, pages, APIs, feeds and errors alike (next.config.mjs). */
function expectCommonHeaders(response: APIResponse, path: string) {
  const headers = response.headers();
  expect(headers['x-content-type-options'], path).toBe('nosniff');
  expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
  // Geolocation for the portal itself and nobody else; no other powerful feature at all.
  const permissions = headers['permissions-policy'] ?? '';
  expect(permissions, path).toMatch(/(^|,\s*)geolocation=\(self\)(,|$)/);
  for (const feature of ['camera', 'microphone', 'payment', 'usb']) expect(permissions, path).toContain(`${feature}=()`);
  expect(headers['strict-transport-security'], path).toMatch(/max-age=(\d+)/);
  expect(Number(/max-age=(\d+)/.exec(headers['strict-transport-security'])![1]), path).toBeGreaterThanOrEqual(31_536_000);
}

for (const path of pages) {
  test(`${path} sends the security headers and runs under its CSP without violations`, async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(path);
    const headers = response!.headers();
    const csp = headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expectCommonHeaders((await page.request.get(path)), path);

    // The nonce in the header is the one on every script the server sent, and it changes per
    // request. (Chunks loaded later, like the map, are trusted through 'strict-dynamic'.)
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await response!.text();
    const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length).toBeGreaterThan(0);
    for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await page.request.get(path);
    expect(again.headers()['content-security-policy']).not.toContain(nonce);

    // The page is interactive: hydration ran, so the nonce let Next's scripts run.
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });
}

// Pages beyond the ones above (public, legal, errors) and what is not a page: CSP where HTML is
// served, the common headers everywhere.
const htmlPaths = ['/dialogues', '/measures', '/districts/brambauer', '/tr/map', '/impressum', '/barrierefreiheit', '/leichte-sprache', '/track/LUN-ZZZZZZ', '/gibt-es-nicht', '/alt.html'];
const otherPaths = ['/api/health', '/api/categories', '/feed.xml', '/robots.txt', '/.well-known/security.txt', '/api/open-data/cells.csv', '/api/open-data/measures.geojson', '/api/open311/v2/services.json', '/api/reports'];

test('every kind of response carries the security headers; HTML pages the nonce CSP and no framing by others', async ({ request }) => {
  for (const path of htmlPaths) {
    const response = await request.get(path);
    expect([200, 404], path).toContain(response.status());
    expectCommonHeaders(response, path);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp, path).toContain("frame-ancestors 'self'");
    expect(response.headers()['x-frame-options'], path).toBe('SAMEORIGIN');
  }
  for (const path of otherPaths) {
    const response = await request.get(path);
    expect(response.status(), path).toBeLessThan(500);
    expectCommonHeaders(response, path);
  }
});

test('residents are set no cookie, as the privacy notice promises: not by pages, language switches or the APIs', async ({ page, request }) => {
  for (const path of [...pages.filter((p) => !p.startsWith('/staff')), ...htmlPaths, ...otherPaths]) {
    expect((await request.get(path)).headers()['set-cookie'], path).toBeUndefined();
  }
  await page.goto('/map');
  await page.getByRole('link', { name: 'Türkçe' }).first().click();
  await expect(page).toHaveURL(/\/tr\/map$/);
  await page.goto('/report');
  expect(await page.context().cookies()).toEqual([]);
});

test('behind a TLS-terminating proxy (X-Forwarded-Proto: https) HSTS is sent with the same policy', async ({ request }) => {
  for (const path of ['/', '/staff/login', '/api/health']) {
    const response = await request.get(path, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.status(), path).toBe(200);
    expectCommonHeaders(response, path);
    expect(response.headers()['strict-transport-security'], path).toContain('includeSubDomains');
  }
});

test('the staff area, signed in, runs under the same headers', async ({ page }) => {
  await signInAsStaff(page, 'admin@example.org');
  for (const path of ['/staff', '/staff/reports', '/staff/admin/settings', '/api/staff/me']) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expectCommonHeaders(response, path);
    if (!path.startsWith('/api/')) {
      const csp = response.headers()['content-security-policy'] ?? '';
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp, path).toContain("frame-ancestors 'self'");
    }
  }
});

test('security.txt names where to report a vulnerability, and until when that holds (RFC 9116)', async ({ request }) => {
  for (const path of ['/.well-known/security.txt', '/security.txt']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
    const fields = Object.fromEntries((await response.text()).trim().split('\n').map((line) => line.split(': ')));
    // Lünen's city.json names no contact of its own: the operator's e-mail, as in SECURITY.md.
    expect(fields.Contact).toBe('mailto:ordnungsamt@example.org');
    expect(fields['Preferred-Languages']).toBe('de, en, tr');
    const daysLeft = (Date.parse(fields.Expires) - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(30);
    expect(daysLeft).toBeLessThan(365);
  }
});

test('robots.txt keeps search engines out of the staff area and the APIs', async ({ request }) => {
  const text = await (await request.get('/robots.txt')).text();
  for (const path of ['/staff', '/en/staff', '/tr/staff', '/api/']) expect(text).toContain(`Disallow: ${path}\n`);
  expect(text).toContain('Allow: /\n');
});

test('a page takes a server action body of at most 1 MB; only the district import takes more', async ({ request }) => {
  const big = 'x'.repeat(1024 * 1024 + 1);
  const refused = await request.post('/barrierefreiheit', { multipart: { message: big } });
  expect(refused.status()).toBe(413);
  expect((await request.post('/en/follow/measure/1', { multipart: { email: big } })).status()).toBe(413);
  // The import's page lets it through to the action (here: to the sign-in, without a session).
  const imported = await request.post('/staff/admin/districts', { multipart: { geojson: big }, maxRedirects: 0 });
  expect(imported.status()).not.toBe(413);
  // A small form post is not refused by its size.
  expect((await request.post('/barrierefreiheit', { multipart: { message: 'kurz' } })).status()).not.toBe(413);
});
