import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type Response } from '@playwright/test';

/** Fails the test if the page asks any host but the portal's own (DSGVO: no third parties). */
export function recordForeignRequests(page: Page, baseURL: string): string[] {
  const own = new URL(baseURL).host;
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.host !== own) foreign.push(request.url());
  });
  return foreign;
}

export async function expectNoAxeViolations(page: Page) {
  // Next.js streams a dynamic page's metadata: the <title> can arrive after the content. Wait for it,
  // so axe judges the finished page.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Waits until React has hydrated a server-rendered element: a button does nothing before. */
export async function waitForHydration(locator: Locator) {
  await expect
    .poll(() => locator.evaluate((element) => Object.keys(element).some((key) => key.startsWith('__reactProps$'))))
    .toBe(true);
}

/**
 * Waits for Leaflet to be on the page. The public pages load it on request (components/map/
 * map-preview.tsx): its button is pressed first. Staff pages load it after hydration by themselves.
 */
export async function waitForMap(page: Page) {
  const map = page.locator('.leaflet-container');
  const show = page.locator('.map--preview button');
  await expect(show.or(map).first()).toBeVisible();
  if (await show.isVisible()) {
    await waitForHydration(show);
    await show.click();
  }
  await expect(map).toBeVisible();
  await expect(page.locator('.leaflet-tile-loaded').first()).toBeVisible();
}

/**
 * Records the scripts the page loads; `leaflet()` then lists those that hold Leaflet (its code names
 * the class it gives every map, `leaflet-container`).
 */
export function recordScripts(page: Page) {
  const scripts: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  });
  return {
    async leaflet(): Promise<string[]> {
      const found: string[] = [];
      for (const script of scripts) if ((await script.text()).includes('leaflet-container')) found.push(script.url());
      return found;
    },
  };
}

/**
 * Opens a page whose map loads on request and checks that no Leaflet came with it, once the page is
 * hydrated and quiet. Returns the "load the map" button and the recorded scripts, to check later
 * that Leaflet arrives when asked for.
 */
export async function openWithoutMap(page: Page, path: string) {
  const scripts = recordScripts(page);
  await page.goto(path);
  const show = page.getByRole('button', { name: 'Karte laden' });
  await waitForHydration(show);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.leaflet-container')).toHaveCount(0);
  expect(await page.evaluate(() => 'L' in window)).toBe(false);
  expect(await scripts.leaflet()).toEqual([]);
  return { show, scripts };
}

export async function fillReportDetails(page: Page) {
  await page.getByRole('radio', { name: 'Schlechte Beleuchtung' }).check();
  await page.getByRole('radio', { name: '4 – sehr unsicher' }).check();
  await page.getByRole('checkbox', { name: 'Abends (18–22 Uhr)' }).check();
  await page.getByRole('checkbox', { name: 'Freitag' }).check();
}

/** The password of the demo staff logins (lib/db/seed/demo-users.ts; playwright.config.ts sets SEED_DEMO=1). */
export const DEMO_PASSWORD = 'Demo-Passwort-2026';

/** Signs in a demo staff login and waits for the staff overview. */
export async function signInAsStaff(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/staff/login');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page).toHaveURL(/\/staff$/);
}
