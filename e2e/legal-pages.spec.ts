import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';

const pages = [
  ['/impressum', 'Impressum'],
  ['/datenschutz', 'Datenschutz'],
  ['/barrierefreiheit', 'Barrierefreiheit'],
  ['/leichte-sprache', 'Leichte Sprache'],
] as const;

test('every page links the legal pages from its footer', async ({ page }) => {
  for (const path of ['/', '/report', '/map', '/track', '/en/map']) {
    await page.goto(path);
    const footer = page.getByRole('contentinfo');
    await expect(footer.getByRole('link', { name: /Impressum|Legal notice/ })).toBeVisible();
    await expect(footer.getByRole('link', { name: /Barrierefreiheit|Accessibility/ })).toBeVisible();
  }
});

test('the main navigation marks the section the page belongs to', async ({ page }) => {
  const nav = () => page.getByRole('navigation', { name: 'Hauptnavigation' });
  await page.goto('/dialogues/1');
  await expect(nav().getByRole('link', { name: 'Dialoge' })).toHaveAttribute('aria-current', 'page');
  await expect(nav().getByRole('link', { name: 'Karte' })).not.toHaveAttribute('aria-current');
  await page.goto('/map');
  await expect(nav().getByRole('link', { name: 'Karte' })).toHaveAttribute('aria-current', 'page');
});

for (const [path, link] of pages) {
  test(`${path} opens from the footer, has a heading and passes axe`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: link }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test('the privacy notice says what the portal stores and that IP addresses are not stored', async ({ page }) => {
  await page.goto('/datenschutz');
  await expect(page.locator('main')).toContainText(/IP-Adresse/);
  await expect(page.locator('main')).toContainText(/180 Tage/);
  await page.goto('/en/datenschutz');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main')).toContainText(/IP address/);
});

test('the accessibility statement links the NRW ombuds office and its feedback form reaches the server', async ({ page }) => {
  await page.goto('/barrierefreiheit');
  await expect(page.getByRole('link', { name: /Ombudsstelle|mags\.nrw/ }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Nachricht senden' }).click();
  await expect(page.getByText('Bitte schreiben Sie eine Nachricht')).toBeVisible();
  await expect(page.getByLabel('Ihre Nachricht')).toHaveAttribute('aria-invalid', 'true');

  // A mistake in one field keeps what was written in the others.
  await page.getByRole('radio', { name: 'Inhalte, die schwer zu verstehen sind' }).check();
  await page.getByLabel('Ihre Nachricht').fill('Der Kontrast der Karte ist für mich zu schwach.');
  await page.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)').fill('ich@');
  await page.getByRole('button', { name: 'Nachricht senden' }).click();
  await expect(page.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)')).toHaveValue('ich@');
  await expect(page.getByLabel('Ihre Nachricht')).toHaveValue('Der Kontrast der Karte ist für mich zu schwach.');
  await expect(page.getByRole('radio', { name: 'Inhalte, die schwer zu verstehen sind' })).toBeChecked();

  await page.getByRole('radio', { name: 'Eine Barriere auf dieser Website' }).check();
  await page.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)').fill('');
  await page.getByRole('button', { name: 'Nachricht senden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Danke! Ihre Nachricht ist angekommen.' })).toBeVisible();
});

test('an unknown page is a 404 in the visitor language, and its title says so', async ({ page }) => {
  // The title is what a screen reader announces first (WCAG 2.4.2): not the home page's.
  for (const [path, heading, title] of [
    ['/en/no-such-page', 'Page not found', 'Page not found – Lünen Safety Portal'],
    ['/tr/report/LUN-AAAAAA', 'Sayfa bulunamadı', 'Sayfa bulunamadı – Lünen Güvenlik Portalı'],
    ['/a/b/c', 'Seite nicht gefunden', 'Seite nicht gefunden – Sicherheitsportal Lünen'],
    ['/follow/measure/999999', 'Seite nicht gefunden', 'Seite nicht gefunden – Sicherheitsportal Lünen'],
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
    await expect(page, path).toHaveTitle(title);
  }
});

test('an address no route serves is a 404 page that reads without JavaScript, in its language', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [path, lang, heading, home] of [
    ['/gibt-es-nicht', 'de', 'Seite nicht gefunden', 'Zur Startseite'],
    ['/en/no/such/page', 'en', 'Page not found', 'Back to the home page'],
    ['/tr/harita', 'tr', 'Sayfa bulunamadı', 'Ana sayfaya dön'],
    // An old link with an extension, too.
    ['/en/alt/seite.html', 'en', 'Page not found', 'Back to the home page'],
    ['/index.php', 'de', 'Seite nicht gefunden', 'Zur Startseite'],
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.locator('html'), path).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
    await expect(page.getByRole('main').getByRole('link', { name: home }), path).toBeVisible();
    // The site's header and footer, as on every page.
    await expect(page.getByRole('contentinfo'), path).toBeVisible();
  }
  await context.close();
});
