import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// The demo logins (DESIGN.md, "Contracts"), seeded because playwright.config.ts sets SEED_DEMO=1.
const PASSWORD = 'Demo-Passwort-2026';
const logins = [
  { email: 'admin@example.org', name: 'Demo Administration', role: 'Administration' },
  { email: 'triage@example.org', name: 'Demo Ordnungsamt', role: 'Sichtung (Ordnungsamt)' },
  { email: 'police@example.org', name: 'Demo Polizei', role: 'Polizei' },
  { email: 'coordinator@example.org', name: 'Demo Koordination', role: 'Koordination Sicherheitsdialoge' },
];

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('an anonymous visitor of /staff is sent to the sign-in page, in their language', async ({ page }) => {
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/login\?callbackUrl=%2Fstaff$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Anmeldung für Mitarbeitende' })).toBeVisible();

  await page.goto('/en/staff/admin/users');
  await expect(page).toHaveURL(/\/en\/staff\/login\?callbackUrl=%2Fen%2Fstaff%2Fadmin%2Fusers$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
  await expect(page.getByLabel('Email address')).toBeVisible();
});

for (const login of logins) {
  test(`${login.email} signs in through the form and out again`, async ({ page }) => {
    await page.goto('/staff/login');
    await signIn(page, login.email);
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
    await expect(page.getByText(`Angemeldet als ${login.name}`)).toBeVisible();
    await expect(page.getByRole('main').getByText(`Ihre Rollen: ${login.role}.`)).toBeVisible();

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page).toHaveURL(/\/staff\/login\?signedOut=1$/);
    await expect(page.getByRole('status').filter({ hasText: 'Sie sind abgemeldet.' })).toBeVisible();
    // The cookie is gone (the proxy sends an anonymous visitor on with a callbackUrl).
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('authjs.session-token');
    await page.goto('/staff');
    await expect(page).toHaveURL(/\/staff\/login\?callbackUrl=%2Fstaff$/);
  });
}

test('a triage user opening an admin page gets 403; an admin sees the users', async ({ page }) => {
  await page.goto('/staff/login');
  await signIn(page, 'triage@example.org');
  await expect(page.getByText('Angemeldet als Demo Ordnungsamt')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);
  const forbidden = await page.goto('/staff/admin/users');
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Kein Zugriff' })).toBeVisible();
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/staff\/login\?signedOut=1$/);

  // Back to where an admin wanted to go.
  await page.goto('/staff/admin/users');
  await expect(page).toHaveURL(/callbackUrl=%2Fstaff%2Fadmin%2Fusers/);
  await signIn(page, 'admin@example.org');
  await expect(page).toHaveURL(/\/staff\/admin\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer' })).toBeVisible();
  for (const login of logins) await expect(page.getByRole('cell', { name: login.email })).toBeVisible();
});

test('a wrong password is refused with a message that moves the focus, and the page has no axe violations', async ({ page }) => {
  await page.goto('/staff/login');
  await expectNoAxeViolations(page);
  await signIn(page, 'police@example.org', 'not-the-password');
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('E-Mail-Adresse oder Passwort ist nicht richtig.');
  await expect(summary).toBeFocused();
  await expect(page.getByLabel('Passwort')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('police@example.org');
  await expectNoAxeViolations(page);

  await page.getByLabel('E-Mail-Adresse').fill('');
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Bitte geben Sie Ihre E-Mail-Adresse ein.' })).toBeVisible();
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveAccessibleDescription('Bitte geben Sie Ihre E-Mail-Adresse ein.');
});

test('the staff landing page has no axe violations', async ({ page }) => {
  await page.goto('/staff/login');
  await signIn(page, 'coordinator@example.org');
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('scripts sign in through /api/auth/csrf, /api/auth/callback/credentials and /api/auth/session', async ({ request }) => {
  expect((await request.get('/api/staff/me')).status()).toBe(401);
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const callback = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: 'police@example.org', password: PASSWORD },
    maxRedirects: 0,
  });
  expect(callback.status()).toBe(302);
  expect(callback.headers()['set-cookie']).toMatch(/authjs\.session-token=[^;]+;.*HttpOnly.*SameSite=Lax/i);
  const session = await (await request.get('/api/auth/session')).json();
  expect(session.user).toMatchObject({ email: 'police@example.org', roles: ['police'] });
  const me = await request.get('/api/staff/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: 'police@example.org', roles: ['police'] });
  expect((await request.get('/api/staff/users')).status()).toBe(403);
});
