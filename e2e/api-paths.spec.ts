import { expect, test } from '@playwright/test';

// A client with a mistyped path gets the API's own error shape, not the site's HTML error page;
// the routes that exist still answer as before (catch-all routes rank below them).

test('an /api path that no route serves answers 404 in the API error shape, whatever the method', async ({ request }) => {
  for (const [method, path] of [
    ['GET', '/api/nope'],
    ['POST', '/api/report'],
    ['GET', '/api/staff/nope/1'],
    ['DELETE', '/api/open-data/nope.csv'],
  ] as const) {
    const response = await request.fetch(path, { method });
    expect(response.status(), `${method} ${path}`).toBe(404);
    expect(response.headers()['content-type'], path).toContain('application/json');
    expect(await response.json(), path).toEqual({ error: 'not_found', message: 'Unter dieser Adresse gibt es keine Schnittstelle.', fields: {} });
  }
});

test('an Open311 path that no route serves answers with the spec’s error list, in JSON or XML as asked', async ({ request }) => {
  const json = await request.get('/api/open311/v2/servces.json');
  expect(json.status()).toBe(404);
  expect(await json.json()).toEqual([{ code: 404, description: expect.stringContaining('discovery.json') }]);
  const xml = await request.post('/api/open311/v2/request.xml', { form: { service_code: 'x' } });
  expect(xml.status()).toBe(404);
  expect(xml.headers()['content-type']).toContain('text/xml');
  expect(await xml.text()).toMatch(/<errors>\s*<error>\s*<code>404<\/code>/);
});

test('the routes that exist answer as before beside the catch-alls', async ({ request }) => {
  expect((await request.get('/api/health')).status()).toBe(200);
  expect(await (await request.get('/api/auth/csrf')).json()).toHaveProperty('csrfToken');
  expect((await request.get('/api/open311/v2/services.json')).status()).toBe(200);
  expect((await request.get('/api/open311/v2/services/poor-lighting.json')).status()).toBe(200);
  expect((await request.get('/api/open-data/cells.csv')).status()).toBe(200);
  // A method a route does not take stays 405, not 404.
  expect((await request.fetch('/api/reports', { method: 'PUT' })).status()).toBe(405);
});

test('a path with a broken escape is answered as an unknown address, never with a server error', async ({ request, page }) => {
  // "%ff" decodes to no character; "%25" does, but next-intl decodes page paths once more.
  const api = await request.get('/api/reports/%ff');
  expect(api.status()).toBe(404);
  expect(await api.json()).toMatchObject({ error: 'not_found' });
  const open311 = await request.get('/api/open311/v2/requests/%ff.json');
  expect(open311.status()).toBe(404);
  expect(await open311.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  expect((await request.get('/tiles/%ff/1/2.png')).status()).toBe(404);
  for (const [path, heading] of [
    ['/%ff', 'Seite nicht gefunden'],
    ['/en/track/%ff', 'Report not found'],
    ['/tr/dialogues/abc%25', 'Sayfa bulunamadı'],
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
  }
});
