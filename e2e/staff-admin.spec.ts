import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';

// The demo logins (DESIGN.md, "Contracts"), seeded because playwright.config.ts sets SEED_DEMO=1.
const PASSWORD = 'Demo-Passwort-2026';
const screenshots = 'test-results/screenshots';

async function signIn(page: Page, email: string, path = '/staff') {
  await page.goto(`/staff/login?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/?]/g, '\\$&')}$`));
}

const adminMenu = (page: Page) => page.getByRole('navigation', { name: 'Verwaltung' });

test('an admin creates a user, changes a setting and finds both in the audit log', async ({ page }) => {
  const email = `streife-${Date.now()}@stadt.example`;
  await signIn(page, 'admin@example.org');
  await page.getByRole('link', { name: 'Verwaltung' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verwaltung' })).toBeVisible();
  await expect(page).toHaveTitle('Verwaltung – Lünen');

  // Create a user: the policy refuses a short and a common password first, with the error tied to the field.
  await adminMenu(page).getByRole('link', { name: 'Benutzer' }).click();
  await page.getByRole('link', { name: 'Benutzer anlegen' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Kim Streife');
  await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(email);
  await page.getByRole('checkbox', { name: /^Polizei/ }).check();
  // The limits, as the server checks them, are named in the errors: the name's, the password policy's.
  await page.getByLabel('Name', { exact: true }).fill('K'.repeat(101));
  await page.getByLabel('Anfangspasswort').fill('zu kurz');
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('Der Name darf höchstens 100 Zeichen lang sein.');
  await expect(summary).toContainText('Das Passwort ist zu kurz: Es braucht mindestens 12 Zeichen.');
  await page.getByLabel('Name', { exact: true }).fill('Kim Streife');
  await page.getByLabel('Anfangspasswort').fill('passwort1234');
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Dieses Passwort steht auf einer Liste häufig verwendeter Passwörter.');
  await expect(page.getByLabel('Anfangspasswort')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Anfangspasswort')).toHaveAccessibleDescription(/häufig verwendeter Passwörter/);
  // What was typed is still there (but never the password).
  await expect(page.getByRole('textbox', { name: 'E-Mail-Adresse' })).toHaveValue(email);
  await expect(page.getByRole('checkbox', { name: /^Polizei/ })).toBeChecked();
  await expectNoAxeViolations(page);

  await page.getByLabel('Anfangspasswort').fill('Laternen leuchten am Kanal');
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kim Streife' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Das Konto von Kim Streife ist angelegt.' })).toBeVisible();
  await expectNoAxeViolations(page);

  // A threshold below 3 is refused with a clear message; 4 is saved.
  await adminMenu(page).getByRole('link', { name: 'Einstellungen' }).click();
  const k = page.getByLabel('Datenschutz-Schwelle k');
  await expect(k).toHaveValue('3');
  await k.fill('2');
  const dwell = page.getByLabel('Verweildauer je Halt im Streifenplan (Minuten)');
  const dwellBefore = await dwell.inputValue();
  await dwell.fill('0');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.locator('.error-summary')).toContainText('Die Schwelle k darf nicht unter 3 liegen');
  await expect(page.locator('.error-summary')).toContainText('Bitte eine ganze Zahl von 5 bis 60 Minuten angeben.');
  await expect(k).toHaveAttribute('aria-invalid', 'true');
  await expect(k).toHaveValue('2');
  await dwell.fill(dwellBefore);
  await k.fill('4');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Einstellungen sind gespeichert.' })).toBeFocused();
  await page.reload();
  await expect(page.getByLabel('Datenschutz-Schwelle k')).toHaveValue('4');
  // The code to paste into the city website points at this portal's embed pages.
  const origin = new URL(page.url()).origin;
  await expect(page.getByLabel('Meldeformular')).toHaveValue(new RegExp(`^<iframe src="${origin}/embed/report" title="Unsicheren Ort melden"`));
  // The frame lets the form ask for the resident's location ("Meinen Standort verwenden").
  await expect(page.getByLabel('Meldeformular')).toHaveValue(/ allow="geolocation"><\/iframe>\n<script>/);
  await expect(page.getByLabel('Karte', { exact: true })).toHaveValue(new RegExp(`src="${origin}/embed/map"`));

  // The audit log shows both, filtered by action.
  await adminMenu(page).getByRole('link', { name: 'Protokoll' }).click();
  await page.getByLabel('Aktion').selectOption('setting.changed');
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(/action=setting\.changed/);
  const row = page.getByRole('row').filter({ hasText: 'privacy.k' });
  await expect(row).toContainText('Demo Administration');
  // Actions and entities in words, not as their codes.
  await expect(row).toContainText('Einstellung geändert');
  await expect(page.getByLabel('Aktion').locator('option[value="setting.changed"]')).toHaveText('Einstellung geändert');
  await row.getByText('Einzelheiten').click();
  await expect(row).toContainText('vorher: 3');
  await expect(row).toContainText('nachher: 4');
  await page.getByLabel('Aktion').selectOption('user.created');
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Benutzer angelegt' }).first()).toBeVisible();
  await page.getByRole('row').filter({ hasText: 'Benutzer angelegt' }).first().getByText('Einzelheiten').click();
  await expect(page.getByRole('row').filter({ hasText: email })).toBeVisible();
  await expectNoAxeViolations(page);

  // Back to the default, so other specs on this server see k = 3.
  await adminMenu(page).getByRole('link', { name: 'Einstellungen' }).click();
  await page.getByLabel('Datenschutz-Schwelle k').fill('3');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Einstellungen sind gespeichert.' })).toBeVisible();
});

test('the new user signs in with the password the admin set', async ({ page }) => {
  // A user created here and signed in at once: the admin's form and the sign-in agree.
  const email = `neu-${Date.now()}@stadt.example`;
  await signIn(page, 'admin@example.org', '/staff/admin/users/new');
  await page.getByLabel('Name', { exact: true }).fill('Alex Neu');
  await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(email);
  await page.getByRole('checkbox', { name: /^Sichtung/ }).check();
  await page.getByLabel('Anfangspasswort').fill('Regen über der Lippe 2026');
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alex Neu' })).toBeVisible();
  // The form is gone: the message takes the focus, so a screen reader hears it.
  await expect(page.getByRole('status').filter({ hasText: 'Alex Neu' })).toBeFocused();
  await page.getByRole('button', { name: 'Abmelden' }).click();

  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill('Regen über der Lippe 2026');
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page.getByText('Angemeldet als Alex Neu')).toBeVisible();
  await expect(page.getByRole('main').getByText('Ihre Rollen: Sichtung (Ordnungsamt).')).toBeVisible();
});

test('a triage user opening an admin page gets 403, and sees no admin menu', async ({ page }) => {
  await signIn(page, 'triage@example.org');
  await expect(page.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);
  for (const path of ['/staff/admin', '/staff/admin/settings', '/staff/admin/audit', '/staff/admin/users/new']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'Kein Zugriff' })).toBeVisible();
    // What a screen reader announces first says so too, not the refused page's name.
    await expect(page).toHaveTitle('Kein Zugriff – Sicherheitsportal Lünen');
    await expect(adminMenu(page)).toHaveCount(0);
  }
  const api = await page.request.get('/api/staff/audit');
  expect(api.status()).toBe(403);
});

test('a district file with a bad geometry is refused, feature by feature', async ({ page }) => {
  await signIn(page, 'admin@example.org', '/staff/admin/districts');
  const geojson = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { slug: 'mitte', name: 'Mitte' }, geometry: { type: 'Point', coordinates: [7.52, 51.61] } },
      {
        type: 'Feature',
        properties: { slug: 'nord', name: 'Nord' },
        geometry: { type: 'Polygon', coordinates: [[[7.5, 51.62], [7.55, 51.62], [7.55, 51.65], [7.5, 51.65]]] },
      },
    ],
  };
  await page.getByLabel('Oder GeoJSON einfügen').fill(JSON.stringify(geojson));
  await page.getByRole('button', { name: 'Stadtteile importieren' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Feature 1 („mitte“): Die Geometrie ist ein Point; erwartet wird Polygon oder MultiPolygon.');
  await expect(summary).toContainText('Feature 2 („nord“), Ring 1: Der Ring ist nicht geschlossen');
  // The pasted text stays, to be corrected.
  await expect(page.getByLabel('Oder GeoJSON einfügen')).toHaveValue(JSON.stringify(geojson));
  await expectNoAxeViolations(page);
  // A file over the size the server takes is refused, and the hint and the error name that size.
  const file = page.getByLabel('GeoJSON-Datei');
  await expect(file).toHaveAccessibleDescription(/Höchstens 5 MB\./);
  await file.setInputFiles({ name: 'stadtteile.geojson', mimeType: 'application/geo+json', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, ' ') });
  await page.getByRole('button', { name: 'Stadtteile importieren' }).click();
  await expect(summary).toContainText('Die Datei ist zu groß (höchstens 5 MB).');
  // Nothing changed.
  await expect(page.getByRole('rowheader', { name: 'Lünen-Mitte' })).toBeVisible();
});

test("a category's identifier and weight outside their range are refused with the limits the server checks", async ({ page }) => {
  await signIn(page, 'admin@example.org', '/staff/admin/categories/new');
  const weight = page.getByLabel('Gewicht', { exact: true });
  // The hint and the error name the limits of lib/categories/limits.ts, formatted the German way.
  await expect(weight).toHaveAccessibleDescription(/Eine Zahl von 0,01 bis 10/);
  const slug = page.locator('[name="slug"]');
  await slug.fill('z');
  await page.locator('[name="labelDe"]').fill('Zu schwer');
  await weight.fill('20');
  await page.getByRole('button', { name: 'Kategorie hinzufügen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Bindestriche (2 bis 40 Zeichen)');
  await expect(summary).toContainText('Das Gewicht darf höchstens 10 sein.');
  await slug.fill('zu-schwer');
  await weight.fill('0,001');
  await page.getByRole('button', { name: 'Kategorie hinzufügen' }).click();
  await expect(summary).toContainText('Das Gewicht muss mindestens 0,01 sein.');
  await expect(weight).toHaveAttribute('aria-invalid', 'true');
  // Nothing was created.
  expect((await page.request.get('/staff/admin/categories/zu-schwer')).status()).toBe(404);
});

test("a category's weight is shown with every decimal it was saved with, and saving it unchanged keeps it", async ({ page }) => {
  await signIn(page, 'admin@example.org', '/staff/admin/categories/new');
  await page.locator('[name="slug"]').fill('fein-gewichtet');
  await page.locator('[name="labelDe"]').fill('Fein gewichtet');
  await page.getByLabel('Gewicht', { exact: true }).fill('1,2345');
  await page.getByRole('button', { name: 'Kategorie hinzufügen' }).click();
  // Before, the list and the form rounded it to three decimals, and saving the form wrote 1.235.
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Fein gewichtet' }) });
  await expect(row).toContainText('1,2345');
  await page.goto('/en/staff/admin/categories/fein-gewichtet');
  await expect(page.getByLabel('Weight', { exact: true })).toHaveValue('1.2345');
  // The languages are named in the page's language.
  await expect(page.getByLabel('Name (Turkish)')).toBeVisible();
  await page.getByRole('button', { name: 'Save category' }).click();
  await expect(page.getByText('The category is saved.')).toBeVisible();
  await expect(page.getByLabel('Weight', { exact: true })).toHaveValue('1.2345');
});

test('a legal page text over the length the server takes is refused, naming that length', async ({ page }) => {
  await signIn(page, 'admin@example.org', '/staff/admin/settings/texts/impressum/de');
  const markdown = page.getByLabel('Text (Markdown)', { exact: true });
  const before = await markdown.inputValue();
  // The field stops typing at the limit; a request without that check meets the server's.
  await markdown.evaluate((field) => field.removeAttribute('maxlength'));
  await markdown.fill(`# Impressum\n\n${'x'.repeat(100_000)}`);
  await page.getByRole('button', { name: 'Text speichern' }).click();
  await expect(page.locator('.error-summary')).toContainText('Der Text ist zu lang (höchstens 100.000 Zeichen).');
  await page.goto('/staff/admin/settings/texts/impressum/de');
  await expect(page.getByLabel('Text (Markdown)', { exact: true })).toHaveValue(before);
});

test('the priority parameters show their values, defaults and ranges in the language\'s notation, and save back unchanged', async ({ page }) => {
  await signIn(page, 'admin@example.org', '/staff/admin/settings');
  const minZ = page.getByLabel('Mindest-Gi*-z-Wert');
  await expect(minZ).toHaveValue('1,96');
  await expect(minZ).toHaveAccessibleDescription('Eine Streifenpriorität muss sich mindestens so deutlich von der Umgebung abheben. Standard 1,96 (5-%-Niveau); 0 bis 10.');
  await expect(page.getByLabel('Falscherkennungsrate')).toHaveAccessibleDescription(/Standard 0,05; 0,001 bis 0,5\.$/);
  await expect(page.getByLabel('Bandbreite (Meter)')).toHaveAccessibleDescription(/Standard 150; 50 bis 1000\.$/);
  // What the form shows is read back as the same numbers: nothing changes.
  await page.getByRole('button', { name: 'Parameter speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Es gab nichts zu ändern.' })).toBeVisible();
  await expect(minZ).toHaveValue('1,96');

  await page.goto('/en/staff/admin/settings');
  await expect(page.getByLabel('Minimum Gi* z-score')).toHaveValue('1.96');
  await expect(page.getByLabel('Minimum Gi* z-score')).toHaveAccessibleDescription(/Default 1\.96 \(5 % level\); 0 to 10\.$/);
});

test('a wrong embed origin or start point is named by its line, and nothing is saved', async ({ page }) => {
  await signIn(page, 'admin@example.org', '/staff/admin/settings');
  const origins = page.getByLabel('Erlaubte Websites für die Einbettung');
  const before = await origins.inputValue();
  await origins.fill('https://www.luenen.de\n\nhttps://karte.luenen.de http//tippfehler.de');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Zeile 3: „http//tippfehler.de“ ist keine Adresse mit https://');
  await expect(origins).toHaveAccessibleDescription(/Zeile 3: „http\/\/tippfehler\.de“/);
  await page.reload();
  await expect(origins).toHaveValue(before);
});

test('an admin creates an Open311 API key, a client reports with it, and after revoking it gets 403', async ({ page, request }) => {
  const name = `Mängelmelder ${Date.now()}`;
  const post = (key: string) =>
    request.post('/api/open311/v2/requests.json', {
      form: { api_key: key, service_code: 'poor-lighting', lat: '51.6139', long: '7.5231', 'attribute[feeling]': '4', 'attribute[when]': 'always' },
    });
  await signIn(page, 'admin@example.org', '/staff/admin/api-keys');
  await page.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await page.getByLabel('Name des Systems').fill(name);
  await page.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
  const key = (await page.getByTestId('new-api-key').textContent())!.trim();
  expect(key).toMatch(/^sp_[\w-]{32}$/);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(key.slice(0, 8));
  await expect(row).not.toContainText(key);

  const created = await post(key);
  expect(created.status()).toBe(200);
  const [{ service_request_id: ref }] = await created.json();
  expect(ref).toMatch(/^[A-Z]{3}-/);

  await page.reload();
  // Revoking asks once more, since it cannot be undone.
  await row.locator('summary', { hasText: `Schlüssel „${name}“ widerrufen` }).click();
  await expect(row.getByText('das lässt sich nicht rückgängig machen')).toBeVisible();
  await expectNoAxeViolations(page);
  await row.getByRole('button', { name: `„${name}“ endgültig widerrufen` }).click();
  await expect(page.getByRole('status')).toContainText('widerrufen');
  await expect(row).toContainText('widerrufen am');
  expect((await post(key)).status()).toBe(403);

  // The audit log names the key in the entries' (folded) changes.
  await adminMenu(page).getByRole('link', { name: 'Protokoll' }).click();
  const entry = page.locator('details.audit-changes', { hasText: name }).first();
  await entry.locator('summary').click();
  await expect(entry.getByText(name).first()).toBeVisible();
});

test('the dashboard and every admin page have no axe violations', async ({ page, request }) => {
  // Fifteen pages, each checked by axe: more than the default minute on a busy two-core machine.
  test.slow();
  mkdirSync(screenshots, { recursive: true });
  // A few reports through the public API, so the dashboard has something to show.
  const categories = ['poor-lighting', 'poor-lighting', 'harassment', 'drugs', 'aggressive-groups', 'poor-lighting'];
  for (const [i, category] of categories.entries()) {
    const response = await request.post('/api/reports', {
      data: { lat: 51.61 + i * 0.002, lon: 7.52, category, feeling: 3, when: { always: true }, locale: 'de' },
    });
    expect(response.status()).toBe(201);
  }
  await signIn(page, 'admin@example.org');
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  const byCategory = page.getByRole('table', { name: 'Meldungen nach Kategorie' });
  // Other specs may have added reports on this server: at least these three.
  const lighting = await byCategory.getByRole('row', { name: /Schlechte Beleuchtung/ }).locator('.bar-chart__value').textContent();
  expect(Number(lighting)).toBeGreaterThanOrEqual(3);
  await expect(page.getByRole('table', { name: 'Meldungen nach Stand' }).getByRole('row', { name: /^Neu/ })).toContainText(/[1-9]/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${screenshots}/dashboard.png`, fullPage: true });
  // The waiting figure counts new reports and those in review; its link lists the same.
  const waiting = page.getByRole('region', { name: 'Warten auf Bearbeitung' });
  await expect(waiting.getByRole('link', { name: 'Wartende Meldungen im Posteingang' })).toHaveAttribute('href', /\/staff\/reports\?status=new(,|%2C)in_review$/);

  const pages = [
    ['/staff/admin', 'Verwaltung'],
    ['/staff/admin/users', 'Benutzer'],
    ['/staff/admin/users/new', 'Benutzer anlegen'],
    ['/staff/admin/users/2', 'Demo Ordnungsamt'],
    ['/staff/admin/categories', 'Kategorien'],
    ['/staff/admin/categories/new', 'Kategorie hinzufügen'],
    ['/staff/admin/categories/harassment', 'Belästigung oder Bedrohung'],
    ['/staff/admin/districts', 'Stadtteile'],
    ['/staff/admin/settings', 'Einstellungen'],
    ['/staff/admin/settings/texts/impressum/en', 'Impressum (English)'],
    ['/staff/admin/api-keys', 'Open311-API-Schlüssel'],
    ['/staff/admin/audit', 'Protokoll'],
    ['/staff/admin/outbox', 'Postausgang'],
    ['/staff/admin/feedback', 'Rückmeldungen zur Barrierefreiheit'],
  ] as const;
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading }), path).toBeVisible();
    await expectNoAxeViolations(page);
  }
  await page.goto('/staff/admin/settings');
  await page.screenshot({ path: `${screenshots}/admin-settings.png`, fullPage: true });
  await page.goto('/staff/admin/users/new');
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await page.screenshot({ path: `${screenshots}/admin-new-user-errors.png`, fullPage: true });

  // A coordinator sees the aggregates, not single reports.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await signIn(page, 'coordinator@example.org');
  await expect(page.getByRole('table', { name: 'Meldungen nach Kategorie' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Die neuesten Meldungen' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('from the keyboard, the skip links lead past the site header and then past the staff navigation', async ({ page }) => {
  await signIn(page, 'admin@example.org', '/staff/admin/users');
  await page.goto('/staff/admin/users'); // a fresh page: the keyboard starts at its beginning
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const past = page.getByRole('link', { name: 'Navigation des Mitarbeiterbereichs überspringen' });
  await expect(past).toBeFocused();
  await expect(past).toBeInViewport();
  await page.keyboard.press('Enter');
  // The next stop is the page's own content, not a link of the staff navigation.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#staff-content')))).toBe(true);
});
