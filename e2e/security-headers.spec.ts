import { expect, test } from '@playwright/test';

const pages = ['/', '/report', '/map', '/en/dialogues', '/staff/login', '/datenschutz'];

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
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('geolocation=(self)');
    expect(headers['strict-transport-security']).toContain('max-age=');

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
