import { expect, test, type Page } from '@playwright/test';
import { latLngToCell, cellToParent } from 'h3-js';
import { expectNoAxeViolations, openWithoutMap, recordForeignRequests, waitForHydration, waitForMap } from './helpers';

// A corner of the city the demo data leaves empty: three reports reach the threshold there,
// one report in another empty corner stays hidden.
const shown = { lat: 51.662, lon: 7.632 };
const hidden = { lat: 51.553, lon: 7.405 };
const cellOf = (p: { lat: number; lon: number }) => cellToParent(latLngToCell(p.lat, p.lon, 10), 9);
// The table's row of a hexagon (it shows the district and the count, and names the cell in an attribute).
const rowOf = (page: Page, p: { lat: number; lon: number }) => page.locator(`table tr[data-cell="${cellOf(p)}"]`);

test.beforeAll(async ({ request }) => {
  for (const spot of [shown, shown, shown, hidden]) {
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
  const row = rowOf(page, shown);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(2)).toHaveText('3');
  await expect(rowOf(page, hidden)).toHaveCount(0);
  // As many hexagons on the map as rows in the table.
  const rows = (await table.getByRole('row').count()) - 1;
  await expect(page.locator('path.leaflet-interactive')).toHaveCount(rows);

  // A popup opens on a hexagon and Escape closes it.
  const point = await page.locator('.leaflet-container').evaluate((container) => {
    const frame = container.getBoundingClientRect();
    for (const path of container.querySelectorAll('path.leaflet-interactive')) {
      const box = path.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      // Inside the map and clear of the control buttons in its upper right corner.
      if (x > frame.left + 20 && x < frame.right - 160 && y > frame.top + 20 && y < frame.bottom - 60) return { x, y };
    }
    return null;
  });
  expect(point).not.toBeNull();
  await page.mouse.click(point!.x, point!.y);
  await expect(page.locator('.leaflet-popup')).toHaveText(/^\d+ Meldungen (in|außerhalb) /);
  // Leaflet's own English names are in the page's language.
  await expect(page.locator('.leaflet-popup').getByRole('button', { name: 'Hinweis schließen' })).toBeVisible();
  await expect(page.locator('.leaflet-control-attribution a[href="https://leafletjs.com"]')).toHaveAttribute('title', 'Leaflet, eine JavaScript-Bibliothek für interaktive Karten');
  await page.locator('.leaflet-container').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('.leaflet-popup')).toHaveCount(0);
  expect(foreign).toEqual([]);
});

test('the map loads no Leaflet until it is asked for, and opens from the keyboard', async ({ page }) => {
  const { show, scripts } = await openWithoutMap(page, '/map');

  await show.focus();
  await page.keyboard.press('Enter');
  // The button is gone: the focus moves on into the map, which is named for screen readers.
  const map = page.locator('.leaflet-container');
  await expect(map).toBeFocused();
  await expect(map).toHaveAccessibleName(/Karte von Lünen/);
  await expect(page.locator('.leaflet-tile-loaded').first()).toBeVisible();
  expect(await scripts.leaflet()).not.toEqual([]);
});

test('a row of the table shows its hexagon on the map, loading the map if needed', async ({ page }) => {
  await page.goto('/map');
  const button = rowOf(page, shown).getByRole('button', { name: /^Zeigen auf der Karte: Wabe \d+, 3 Meldungen (in|außerhalb) / });
  await waitForHydration(button);
  // Each row's button has a name of its own, also where two hexagons have the same district and count.
  const names = await page.locator('table tbody button').evaluateAll((buttons) => buttons.map((b) => b.textContent));
  expect(new Set(names).size).toBe(names.length);
  await button.click();
  const map = page.locator('.leaflet-container');
  await expect(map).toBeFocused();
  await expect(page.locator('.leaflet-popup')).toHaveText(/^3 Meldungen (in|außerhalb) /);
  // The focus is on the map: a screen reader hears which hexagon opened.
  await expect(page.locator('.map-frame [role="status"]')).toHaveText(/^3 Meldungen (in|außerhalb) /);
  // Zoomed in on it: the hexagon (about 350 m) fills a good part of the map.
  const hexagon = page.locator('path.leaflet-interactive').filter({ visible: true });
  const widths = await hexagon.evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect().width));
  expect(Math.max(...widths)).toBeGreaterThan(150);
  // Escape closes the popup and takes the focus back to the row's button; another row's button
  // opens that one while the map stays.
  await page.keyboard.press('Escape');
  await expect(page.locator('.leaflet-popup')).toHaveCount(0);
  await expect(button).toBeFocused();
  await button.click();
  await expect(page.locator('.leaflet-popup')).toHaveText(/^3 Meldungen (in|außerhalb) /);
  // Closing it with its own button leaves the focus on the map, not at the top of the page.
  await page.locator('.leaflet-popup').getByRole('button', { name: 'Hinweis schließen' }).click();
  await expect(page.locator('.leaflet-popup')).toHaveCount(0);
  await expect(map).toBeFocused();
});

test('the map filters by category and time of day, and a loaded map stays', async ({ page }) => {
  await page.goto('/map');
  await waitForMap(page);
  await expect(page.getByRole('status').filter({ hasText: /Waben? mit mindestens 3 Meldungen/ })).toBeVisible();
  await page.getByLabel('Kategorie').selectOption('aggressive-groups');
  await page.getByLabel('Tageszeit').selectOption('morning');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page).toHaveURL(/\/map\?category=aggressive-groups&time=morning$/);
  await expect(rowOf(page, shown)).toHaveCount(0);
  await page.getByLabel('Tageszeit').selectOption('night');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page).toHaveURL(/time=night$/);
  await expect(rowOf(page, shown)).toHaveCount(1);
  // The page changed in place: the map is still there, with as many hexagons as the table has rows.
  await expect(page.locator('.map--preview')).toHaveCount(0);
  const rows = (await page.getByRole('table').getByRole('row').count()) - 1;
  await expect(page.locator('path.leaflet-interactive')).toHaveCount(rows);
  await expect(page.getByRole('status').filter({ hasText: `${rows === 1 ? 'Eine Wabe' : `${rows} Waben`} mit mindestens 3 Meldungen` })).toBeVisible();
  // Back to the previous filter, as after a reload.
  await page.goBack();
  await expect(page).toHaveURL(/time=morning$/);
  await expect(rowOf(page, shown)).toHaveCount(0);
  // The fields show the filter of the address, not the one chosen last.
  await expect(page.getByLabel('Tageszeit')).toHaveValue('morning');
  await page.goBack();
  await expect(page).toHaveURL(/\/map$/);
  await expect(page.getByLabel('Kategorie')).toHaveValue('');
  await expect(page.getByLabel('Tageszeit')).toHaveValue('');
  await expect(page.getByText('Mit einem Filter können zum Schutz der Meldenden weitere Waben fehlen')).toHaveCount(0);
});

test('the map filters work without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/map');
  await page.getByLabel('Kategorie').selectOption('aggressive-groups');
  await page.getByLabel('Tageszeit').selectOption('night');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page).toHaveURL(/category=aggressive-groups&time=night/);
  await expect(rowOf(page, shown)).toHaveCount(1);
  await context.close();
});

test('without JavaScript the map says it needs it, and offers no button that cannot work', async ({ request }) => {
  // Chromium with script switched off by Playwright still skips <noscript>: the page's HTML is read instead.
  const html = await (await request.get('/map')).text();
  expect(html).toContain('<noscript><style>.needs-script{display:none!important}</style></noscript>');
  expect(html).toContain('<noscript><p>Die Karte braucht JavaScript, das in Ihrem Browser ausgeschaltet ist.');
  expect(html).toMatch(/<button type="button" class="button needs-script">Karte laden<\/button>/);
  expect(html).toMatch(/<th scope="col" class="needs-script">Karte<\/th>/);
  const rows = html.match(/<tr data-cell=/g)!.length;
  expect(html.match(/<td class="needs-script"><button type="button" class="button button--small button--secondary needs-script">Zeigen/g)).toHaveLength(rows);
});

test('on a phone the table of hexagons fits its box: every row shows its button without scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/map');
  const box = page.getByRole('region', { name: /Waben mit mindestens 3 Meldungen/ });
  expect(await box.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
  const show = box.getByRole('button', { name: /Zeigen/ }).first();
  await show.scrollIntoViewIfNeeded();
  await expect(show).toBeInViewport({ ratio: 1 });
});

test('axe finds no accessibility violations on the public map', async ({ page }) => {
  await page.goto('/en/map');
  await expectNoAxeViolations(page);
  // Again with the map, which loads when asked for.
  await waitForMap(page);
  await expectNoAxeViolations(page);
});
