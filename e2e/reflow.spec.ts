import { expect, test, type Page } from '@playwright/test';
import { signInAsStaff } from './helpers';

// WCAG 1.4.10 (Reflow): at 320 CSS px (1280 px at 400 %) the page does not scroll sideways; only
// maps and wide tables scroll in their own boxes.
test.use({ viewport: { width: 320, height: 640 } });

async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, `${path} is ${widths.page} px wide`).toBeLessThanOrEqual(widths.screen);
}

test('public pages fit a 320 px screen in every language', async ({ page }) => {
  for (const path of ['/', '/report', '/map', '/districts', '/dialogues', '/track', '/barrierefreiheit', '/en/map', '/tr/map', '/tr/report']) {
    await expectNoSidewaysScroll(page, path);
  }
});

test('staff pages with filters, forms and tables fit a 320 px screen', async ({ page }) => {
  await signInAsStaff(page, 'admin@example.org');
  const paths = [
    '/staff',
    '/staff/reports',
    '/staff/priorities',
    '/staff/patrols',
    '/staff/patrols/effect',
    '/staff/dialogues',
    '/staff/measures',
    '/staff/admin/settings',
    '/staff/admin/api-keys',
    '/staff/admin/users',
    '/staff/admin/categories',
    '/en/staff/admin/audit',
    '/tr/staff/dialogues',
    '/tr/staff/admin/settings',
  ];
  for (const path of paths) await expectNoSidewaysScroll(page, path);
  // A report's page, with its change forms.
  await page.goto('/staff/reports');
  const first = page.locator('table a[href*="/staff/reports/LUN-"]').first();
  await expectNoSidewaysScroll(page, (await first.getAttribute('href'))!);
});
