import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, waitForMap } from './helpers';

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
