import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, recordForeignRequests, waitForMap } from './helpers';

test.beforeAll(async ({ request }) => {
  // Three reports in one hexagon reach the threshold; one elsewhere stays hidden.
  const spots = [
    { lat: 51.6301, lon: 7.5102 },
    { lat: 51.6301, lon: 7.5102 },
    { lat: 51.6301, lon: 7.5102 },
    { lat: 51.5801, lon: 7.5801 },
  ];
  for (const spot of spots) {
    const response = await request.post('/api/reports', {
      data: { ...spot, category: 'aggressive-groups', feeling: 4, when: { times: ['night'], days: ['sat'] } },
    });
    expect(response.status()).toBe(201);
  }
});

test('the public map shows aggregated hexagons, the same in a table, and nothing below the threshold', async ({ page, baseURL }) => {
  const foreign = recordForeignRequests(page, baseURL!);
  await page.goto('/map');
  await waitForMap(page);
  const table = page.getByRole('table');
  await expect(table).toContainText('Lünen-Nord');
  await expect(table.getByRole('row')).toHaveCount(2); // header + the one hexagon with 3 reports
  await expect(page.locator('.leaflet-interactive')).toHaveCount(1);

  // A popup opens on the hexagon and Escape closes it.
  await page.locator('.leaflet-interactive').click({ force: true });
  await expect(page.locator('.leaflet-popup')).toContainText('3 Meldungen in Lünen-Nord');
  await page.locator('.leaflet-container').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('.leaflet-popup')).toHaveCount(0);
  expect(foreign).toEqual([]);
});

test('the map filters by time of day without JavaScript-only controls', async ({ page }) => {
  await page.goto('/map');
  await page.getByLabel('Tageszeit').selectOption('morning');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page).toHaveURL(/time=morning/);
  await expect(page.getByText('Für diese Auswahl gibt es keine Wabe mit mindestens 3 Meldungen.')).toBeVisible();
  await page.getByLabel('Tageszeit').selectOption('night');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
});

test('axe finds no accessibility violations on the public map', async ({ page }) => {
  await page.goto('/en/map');
  await waitForMap(page);
  await expectNoAxeViolations(page);
});
