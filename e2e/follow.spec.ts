import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signInAsStaff } from './helpers';

// Horstmar and its measure come from the demo data (lib/db/seed/demo-dialogues.ts).
const MEASURE = 'Beleuchtung am Rundweg Seepark';
const PROGRESS = 'Die ersten zwei Leuchten stehen.';
const RESIDENT = 'nachbarin@example.org';

/**
 * The text of the newest waiting message with this subject, as admins see it in the outbox (the
 * browser tests run without SMTP, so messages wait there; without AUTH_URL their links are paths).
 */
async function outboxText(admin: Page, subject: string): Promise<string> {
  await admin.goto('/staff/admin/outbox');
  const row = admin.getByRole('row').filter({ hasText: subject }).filter({ hasText: RESIDENT }).last();
  await expect(row).toBeVisible();
  return (await row.locator('pre').textContent()) ?? '';
}

const linkIn = (text: string, path: string) => {
  const match = new RegExp(`${path}\\?token=[\\w.-]+`).exec(text);
  expect(match, `${path} in:\n${text}`).not.toBeNull();
  return match![0];
};

test('a resident follows a district by e-mail, confirms, hears of a measure update and unsubscribes', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const admin = await (await browser.newContext()).newPage();
  const coordinator = await (await browser.newContext()).newPage();

  // The resident signs up on the district page.
  await page.goto('/districts/horstmar');
  // Its monthly figures start with this month, which a phone shows without scrolling.
  const columns = page.locator('table.table--numbers thead th');
  await expect(columns.nth(1)).toHaveText(new Intl.DateTimeFormat('de', { month: 'short', year: 'numeric', timeZone: 'Europe/Berlin' }).format(new Date()));
  const section = page.getByRole('region', { name: 'Neuigkeiten aus Horstmar per E-Mail' });
  await expect(section.getByRole('link', { name: 'Datenschutzerklärung' })).toHaveAttribute('href', '/datenschutz');
  await expectNoAxeViolations(page);
  // An empty field asks for the address; a wrong one shows what an address looks like.
  await section.getByRole('button', { name: 'Per E-Mail folgen' }).click();
  await expect(section.getByLabel('Ihre E-Mail-Adresse')).toHaveAccessibleDescription(/Bitte geben Sie Ihre E-Mail-Adresse ein\./);
  await section.getByLabel('Ihre E-Mail-Adresse').fill('keine-adresse');
  await section.getByRole('button', { name: 'Per E-Mail folgen' }).click();
  await expect(section.getByLabel('Ihre E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByLabel('Ihre E-Mail-Adresse')).toHaveAccessibleDescription(/Bitte geben Sie eine gültige E-Mail-Adresse ein, z\. B\. name@beispiel\.de\./);
  // The refused address stays in the field, to be corrected.
  await expect(section.getByLabel('Ihre E-Mail-Adresse')).toHaveValue('keine-adresse');
  await section.getByLabel('Ihre E-Mail-Adresse').fill(RESIDENT);
  await section.getByRole('button', { name: 'Per E-Mail folgen' }).click();
  await expect(section.getByRole('status')).toContainText('Fast geschafft');
  await expect(section.getByRole('status')).toBeFocused();

  // The confirmation e-mail is in the outbox; opening its link confirms nothing until the button.
  await signInAsStaff(admin, 'admin@example.org');
  const confirmation = await outboxText(admin, 'Bitte bestätigen: Neuigkeiten zu dem Stadtteil Horstmar per E-Mail');
  await page.goto(linkIn(confirmation, '/follow/confirm'));
  await expect(page.getByRole('heading', { level: 1, name: 'Anmeldung bestätigen' })).toBeVisible();
  await expect(page.getByText('Möchten Sie dem Stadtteil Horstmar per E-Mail folgen?')).toBeVisible();
  await expectNoAxeViolations(page);
  // The language switch keeps the link's token: the same question, in English, and back.
  await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click();
  await expect(page.getByText('Do you want to follow')).toBeVisible();
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click();
  await expect(page.getByText('Möchten Sie dem Stadtteil Horstmar per E-Mail folgen?')).toBeVisible();
  await page.getByRole('button', { name: 'Ja, Anmeldung bestätigen' }).click();
  await expect(page.getByRole('status')).toHaveText('Danke! Sie folgen jetzt dem Stadtteil Horstmar. Jede E-Mail enthält einen Link zum Abmelden.');

  // A coordinator posts progress on a measure in Horstmar: a message to the follower is queued.
  await signInAsStaff(coordinator, 'coordinator@example.org');
  await coordinator.goto('/staff/measures');
  await coordinator.getByRole('link', { name: MEASURE }).click();
  await coordinator.getByRole('group', { name: 'Was ist geschehen?' }).getByLabel('Deutsch', { exact: true }).fill(PROGRESS);
  await coordinator.getByRole('radio', { name: 'Neu: In Arbeit' }).check();
  await coordinator.getByRole('button', { name: 'Fortschritt speichern' }).click();
  await expect(coordinator.getByRole('status').filter({ hasText: 'Der Fortschritt ist gespeichert.' })).toBeVisible();

  const notice = await outboxText(admin, `Neuigkeiten zur Maßnahme „${MEASURE}“`);
  expect(notice).toContain(PROGRESS);
  expect(notice).toContain('Neuer Stand: In Arbeit');
  expect(notice).toContain('Sie erhalten diese E-Mail, weil Sie dem Stadtteil Horstmar folgen.');

  // The unsubscribe link in the text leads to a page with a button; afterwards the address is gone.
  const unsubscribe = linkIn(notice, '/follow/unsubscribe');
  await page.goto(unsubscribe);
  await expect(page.getByText('Möchten Sie dem Stadtteil Horstmar nicht mehr folgen?')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Abmelden und Adresse löschen' }).click();
  await expect(page.getByRole('status')).toContainText('Sie sind abgemeldet.');
  await admin.goto('/staff/admin/outbox');
  await expect(admin.getByRole('row').filter({ hasText: RESIDENT })).toHaveCount(0);

  // The link and the one-click address (List-Unsubscribe) now name nothing.
  await page.goto(unsubscribe);
  await expect(page.getByRole('status')).toContainText('ungültig');
  const oneClick = await page.request.post(`/api/follow/unsubscribe?token=${new URL(unsubscribe, 'http://x').searchParams.get('token')}`, {
    form: { 'List-Unsubscribe': 'One-Click' },
  });
  expect(oneClick.status()).toBe(404);
});

test('each public measure links to a page to follow it by e-mail', async ({ page }) => {
  // Measures written only in German say so once on a page in another language, and are marked.
  await page.goto('/tr/measures');
  await expect(page.getByText('Bu sayfadaki bazı metinler yalnızca Almanca olarak mevcuttur.')).toBeVisible();
  await expect(page.locator('.card [lang="de"]').first()).toBeVisible();
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', '/feed.xml?locale=tr');
  await page.goto('/measures');
  await expect(page.getByText('Manche Texte auf dieser Seite liegen nur auf Deutsch vor.')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Neuigkeiten als Feed (Atom)' })).toHaveAttribute('href', '/feed.xml');
  // The card's link names its measure (visually hidden), so a list of links still says which is which.
  await page.getByRole('link', { name: new RegExp(`^Dieser Maßnahme per E-Mail folgen\\s?: ${MEASURE}$`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Der Maßnahme „${MEASURE}“ per E-Mail folgen` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Ihre E-Mail-Adresse').fill('massnahme@example.org');
  await page.getByRole('button', { name: 'Per E-Mail folgen' }).click();
  await expect(page.getByRole('status')).toContainText('Fast geschafft');

  // On the Turkish page the German title is marked as German.
  await page.goto(page.url().replace(/\/follow\//, '/tr/follow/'));
  await expect(page.getByRole('heading', { level: 1 }).locator('[lang="de"]')).toHaveText(MEASURE);
});
