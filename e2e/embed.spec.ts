import { expect, test } from '@playwright/test';
import { embedSnippet, embedWidgets } from '../lib/embed/snippet';
import { expectNoAxeViolations, waitForHydration, waitForMap } from './helpers';

test('the report widget shows the form without the site header, with the legal links', async ({ page }) => {
  const response = await page.goto('/embed/report');
  expect(response!.headers()['x-frame-options']).toBeUndefined();
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Einen Ort melden' })).toBeVisible();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' })).toHaveAttribute('target', '_blank');
  await waitForMap(page);
  await expectNoAxeViolations(page);
});

test('other pages refuse to be framed at all', async ({ page }) => {
  const response = await page.goto('/report');
  expect(response!.headers()['x-frame-options']).toBe('SAMEORIGIN');
  expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
});

test('a website that is not on the list cannot frame the widget', async ({ page, baseURL }) => {
  // A stand-in for a foreign website, answered locally: no request leaves the machine.
  await page.route('https://www.example-city.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<iframe title="widget" src="${baseURL}/embed/report"></iframe>` }),
  );
  await page.goto('https://www.example-city.test/');
  const frame = page.frameLocator('iframe[title="widget"]');
  await expect(frame.getByRole('heading', { name: 'Einen Ort melden' })).toHaveCount(0);
});

test('the map widget shows the hexagon map without the site header', async ({ page }) => {
  await page.goto('/en/embed/map');
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await waitForMap(page);
});

test('the tracking form in the widget keeps its answers in the widget, with and without JavaScript', async ({ page, request }) => {
  const created = await request.post('/api/reports', {
    data: { lat: 51.6139, lon: 7.5231, category: 'drugs', feeling: 3, when: { always: true } },
  });
  const { ref } = await created.json();
  // An unknown reference: the widget's own not-found answer, with the form.
  expect((await page.goto('/embed/track/LUN-222222'))?.status()).toBe(404);
  await expect(page.locator('.site-header')).toHaveCount(0);
  await waitForHydration(page.locator('form.track-form'));
  await page.getByLabel('Kennung Ihrer Meldung').fill(ref);
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page).toHaveURL(new RegExp(`/embed/track/${ref}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(ref);
  // The form's plain GET (no JavaScript) lands in the widget too.
  const opened = await request.get(`/embed/track?ref=${ref}`);
  expect(opened.url()).toMatch(new RegExp(`/embed/track/${ref}$`));
  // After reporting in the widget, a bookmark would keep the city's page: the report's own page opens apart.
  await page.goto(`/embed/track/${ref}?new=1`);
  const standalone = page.getByRole('link', { name: 'Seite der Meldung öffnen (neues Fenster)' });
  await expect(standalone).toHaveAttribute('href', `/track/${ref}`);
  await expect(standalone).toHaveAttribute('target', '_blank');
  await page.goto(`/track/${ref}?new=1`);
  await expect(page.getByText('oder speichern Sie diese Seite als Lesezeichen')).toBeVisible();
});

test('the snippet fits the frame to the widget, and shows the top of the confirmation after a report', async ({ page, baseURL }) => {
  // The city's page, answered locally on the portal's own origin (frame-ancestors always allows 'self').
  const origin = new URL(baseURL!).origin;
  const report = embedWidgets.find((w) => w.name === 'report')!;
  await page.route(`${origin}/city-page-for-the-test`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="de"><title>Stadt</title><body style="margin:0"><h1>Stadt</h1>${embedSnippet(origin, report, 'Unsicheren Ort melden')}<p style="height:2000px">Fuß</p></body></html>`,
    }),
  );
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto('/city-page-for-the-test');
  const frameElement = page.locator('iframe[title="Unsicheren Ort melden"]');
  const frame = page.frameLocator('iframe[title="Unsicheren Ort melden"]');
  await expect(frame.getByRole('heading', { level: 1, name: 'Einen Ort melden' })).toBeVisible();
  // The frame takes the widget's height: no scrolling inside the frame, and not the snippet's 900 px.
  const overflow = () => frameElement.evaluate((f: HTMLIFrameElement) => f.contentDocument!.documentElement.scrollHeight - f.clientHeight);
  await expect.poll(overflow).toBeLessThanOrEqual(1);
  expect(Math.round((await frameElement.boundingBox())!.height)).not.toBe(report.height);

  // A report sent from the bottom of the form: the confirmation's top is in view.
  await waitForHydration(frame.locator('form.report-form'));
  await frame.getByText('Ort als Koordinaten eingeben').click();
  await frame.getByLabel('Breitengrad').fill('51,6139');
  await frame.getByLabel('Längengrad').fill('7,5231');
  await frame.getByRole('button', { name: 'Koordinaten übernehmen' }).click();
  await frame.getByRole('radio', { name: 'Belästigung oder Bedrohung' }).check();
  await frame.getByRole('radio', { name: '3 – unsicher' }).check();
  await frame.getByRole('checkbox', { name: 'Immer' }).check();
  await frame.getByRole('button', { name: 'Meldung absenden' }).click();
  const thanks = frame.getByText('Danke! Ihre Meldung ist angekommen.');
  await expect(thanks).toBeVisible();
  await expect(thanks).toBeInViewport();
  await expect.poll(overflow).toBeLessThanOrEqual(1);
});
