import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, recordForeignRequests, signInAsStaff, waitForMap } from './helpers';

// The demo logins exist because playwright.config.ts sets SEED_DEMO=1; the reports come from the
// public API, like a resident's. A spot of its own (Gahmen), so other specs' reports stay apart.
const spot = { lat: 51.5906, lon: 7.5008 };
const word = 'Kanaltreppe';

const signIn = signInAsStaff;

const refs: { main: string; duplicate: string; other: string; conflict: string } = { main: '', duplicate: '', other: '', conflict: '' };

test.beforeAll(async ({ request }) => {
  const post = async (data: Record<string, unknown>) => {
    const response = await request.post('/api/reports', {
      data: { category: 'poor-lighting', feeling: 4, when: { times: ['night'], days: ['fri', 'sat'] }, locale: 'de', ...data },
    });
    expect(response.status()).toBe(201);
    return (await response.json()).ref as string;
  };
  refs.duplicate = await post({ ...spot, lat: spot.lat + 0.0002, description: `${word}: keine Lampe, abends stockdunkel.` });
  refs.main = await post({
    ...spot,
    description: `An der ${word} ist es nachts stockdunkel, Herr Beispiel aus Haus 3 wurde dort angepöbelt.`,
    email: 'anwohnerin@example.org',
  });
  refs.other = await post({ lat: 51.5921, lon: 7.5033, category: 'drugs', description: `${word} oben: Spritzen im Gebüsch.` });
  refs.conflict = await post({ lat: 51.5951, lon: 7.5101, description: 'Für den Konflikttest.' });
});

test('triage works a report from the inbox: filter, review, merge, redact, note, reply', async ({ page, baseURL }) => {
  const foreign = recordForeignRequests(page, baseURL!);
  await signIn(page, 'triage@example.org');
  await page.getByRole('navigation', { name: 'Mitarbeiterbereich' }).getByRole('link', { name: 'Meldungen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meldungseingang' })).toBeVisible();
  await waitForMap(page);
  await expectNoAxeViolations(page);

  // Filter: new reports about poor lighting that mention the word. The filters land in the address.
  const filters = page.getByRole('form', { name: 'Meldungen filtern' });
  await filters.getByRole('checkbox', { name: 'Neu' }).check();
  await filters.getByLabel('Kategorie').selectOption({ label: 'Schlechte Beleuchtung' });
  await filters.getByLabel('Suche').fill(word);
  await filters.getByRole('button', { name: 'Meldungen anzeigen' }).click();
  await expect(page).toHaveURL(/status=new/);
  await expect(page).toHaveURL(/category=poor-lighting/);
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  const table = page.getByRole('table', { name: /Meldungen dieser Seite/ });
  await expect(table.getByRole('row')).toHaveCount(3); // header + main + duplicate
  await expect(table.getByRole('link', { name: refs.other })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '2 Meldungen auf dieser Seite.' })).toBeVisible();
  await expect(page.locator('.report-marker')).toHaveCount(2);
  // A marker opens a popup with the report's link; Esc closes it.
  await page.locator('.report-marker').first().click();
  const popup = page.locator('.leaflet-popup');
  await expect(popup.getByRole('link', { name: /^Meldung LUN-\w+ öffnen$/ })).toHaveAttribute('href', /^\/staff\/reports\/LUN-\w+$/);
  await page.keyboard.press('Escape');
  await expect(popup).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/inbox.png', fullPage: true });

  // Open the report: the resident's words and e-mail are there for triage.
  await table.getByRole('link', { name: refs.main }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Meldung ${refs.main}` })).toBeVisible();
  const facts = page.getByRole('region', { name: 'Angaben' });
  await expect(facts.getByText('Herr Beispiel aus Haus 3')).toBeVisible();
  await expect(facts.getByText('anwohnerin@example.org')).toBeVisible();
  await waitForMap(page);
  await expectNoAxeViolations(page);

  // new → in_review → confirmed, each announced and in the history. The resident left an address:
  // the form says which steps they are told about.
  const statusForm = page.getByRole('form', { name: 'Status ändern' });
  await expect(statusForm).toContainText('„Bestätigt“, „Erledigt“ und „Verworfen“ erfährt die meldende Person per E-Mail');
  await page.getByRole('button', { name: 'Auf „In Prüfung“ setzen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeFocused();
  await expect(page.getByText('Aktueller Status: In Prüfung')).toBeVisible();
  await page.getByRole('button', { name: 'Auf „Bestätigt“ setzen' }).click();
  await expect(page.getByText('Aktueller Status: Bestätigt')).toBeVisible();
  const history = page.getByRole('region', { name: 'Verlauf' });
  await expect(history.getByText('Status von „In Prüfung“ auf „Bestätigt“ geändert')).toBeVisible();
  await expect(history.getByText('Demo Ordnungsamt').first()).toBeVisible();

  // Merge the suggested duplicate into this report.
  const duplicates = page.getByRole('region', { name: 'Mögliche Duplikate' });
  // It e-mails the duplicate's reporter, so it asks once more; No keeps both.
  const merge = duplicates.getByRole('button', { name: `${refs.duplicate} in diese Meldung zusammenführen` });
  await merge.click();
  await expect(duplicates.getByRole('button', { name: 'Ja, zusammenführen' })).toBeFocused();
  await expect(duplicates.getByRole('button', { name: 'Ja, zusammenführen' })).toHaveAccessibleDescription(
    `${refs.duplicate} als Duplikat zusammenführen? Wer sie mit E-Mail-Adresse gemeldet hat, bekommt eine Nachricht.`,
  );
  await duplicates.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(merge).toBeFocused();
  await merge.click();
  await duplicates.getByRole('button', { name: 'Ja, zusammenführen' }).click();
  // The button is gone with the merge: the outcome is said at the top, where the focus goes.
  await expect(page.getByRole('status').filter({ hasText: 'Die Meldungen sind zusammengeführt' })).toBeFocused();
  await expect(page).not.toHaveURL(/saved=/);
  await expect(history.getByText(`${refs.duplicate} wurde in diese Meldung zusammengeführt`)).toBeVisible();
  await expect(facts.getByRole('link', { name: refs.duplicate })).toBeVisible();
  await expect(duplicates.getByText('Keine möglichen Duplikate gefunden.')).toBeVisible();

  // Redact: the public description leaves out the person.
  const publicText = page.getByLabel('Öffentliche Beschreibung');
  await expect(publicText).toHaveValue(/Herr Beispiel/);
  await publicText.fill(`An der ${word} ist es nachts stockdunkel.`);
  await page.getByRole('button', { name: 'Öffentliche Beschreibung speichern' }).click();
  await expect(history.getByText('Öffentliche Beschreibung verfasst')).toBeVisible();
  await expect(facts.locator('blockquote').filter({ hasText: /^An der Kanaltreppe ist es nachts stockdunkel\.$/ })).toBeVisible();

  // An internal note and a reply to the resident.
  await page.getByLabel('Notiz (nur für Mitarbeitende, wird nie an die meldende Person geschickt)').fill('Mit der Stadtbeleuchtung abgestimmt.');
  await page.getByRole('button', { name: 'Notiz hinzufügen' }).click();
  await expect(history.getByText('Mit der Stadtbeleuchtung abgestimmt.')).toBeVisible();
  await expect(page.getByLabel('Notiz (nur für Mitarbeitende, wird nie an die meldende Person geschickt)')).toHaveValue('');
  await page.getByLabel('Ihre Antwort').fill('Danke! Die Lampe wird nächste Woche repariert.');
  await page.getByRole('button', { name: 'Antwort senden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Antwort ist gespeichert und geht per E-Mail an die meldende Person.' })).toBeFocused();
  await expect(history.getByText('Antwort an die meldende Person geschrieben')).toBeVisible();
  await expect(history.getByText('Danke! Die Lampe wird nächste Woche repariert.')).toBeVisible();
  // Not "sent" while it waits in the outbox (no SMTP here): the report's e-mails say where each is.
  await expect(facts.locator('dt', { hasText: 'E-Mails an die meldende Person' }).locator('+ dd')).toContainText(/Antwort – wartet auf den Versand/);
  await page.screenshot({ path: 'test-results/screenshots/report-detail.png', fullPage: true });

  // The merged report's resident is pointed to the report that carries on.
  await page.goto(`/track/${refs.duplicate}`);
  await expect(page.getByRole('link', { name: refs.main })).toBeVisible();

  await page.goto('/staff');
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/staff\/login\?signedOut=1$/);
  expect(foreign).toEqual([]);
});

test('a change made meanwhile by someone else is not overwritten: a conflict message and the current state', async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, 'triage@example.org');
  const second = await context.newPage();
  await first.goto(`/staff/reports/${refs.conflict}`);
  await second.goto(`/staff/reports/${refs.conflict}`);
  // Both pages hydrated, so the forms submit through their server actions (not a plain post).
  await first.waitForLoadState('networkidle');
  await second.waitForLoadState('networkidle');

  await second.getByLabel('Kategorie', { exact: true }).selectOption({ label: 'Drogenhandel oder -konsum' });
  await second.getByRole('button', { name: 'Kategorie ändern' }).click();
  await expect(second.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();

  await first.getByLabel('Notiz (nur für Mitarbeitende, wird nie an die meldende Person geschickt)').fill('Meine Notiz bleibt erhalten.');
  await first.getByRole('button', { name: 'Notiz hinzufügen' }).click();
  const alert = first.getByRole('alert').filter({ hasText: 'Diese Meldung wurde inzwischen geändert, von jemand anderem oder in einem anderen Fenster.' });
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  // The page now shows the colleague's change, and the typed note is still there to send again.
  await expect(first.getByRole('region', { name: 'Angaben' }).getByText('Drogenhandel oder -konsum')).toBeVisible();
  await expect(first.getByLabel('Notiz (nur für Mitarbeitende, wird nie an die meldende Person geschickt)')).toHaveValue('Meine Notiz bleibt erhalten.');
  await first.getByRole('button', { name: 'Notiz hinzufügen' }).click();
  await expect(first.getByRole('region', { name: 'Verlauf' }).getByText('Meine Notiz bleibt erhalten.')).toBeVisible();
  await context.close();
});

test('police read the inbox and a report without the resident\'s words, e-mail or any change form', async ({ page }) => {
  await signIn(page, 'police@example.org');
  await page.goto(`/staff/reports/${refs.other}`);
  await expect(page.getByRole('heading', { level: 1, name: `Meldung ${refs.other}` })).toBeVisible();
  await expect(page.getByText('Spritzen im Gebüsch')).toHaveCount(0);
  await expect(page.getByText('Es gibt eine Beschreibung; lesen können sie nur die Sichtung (Ordnungsamt) und die Administration.')).toBeVisible();
  await expect(page.getByText('Mit Ihrer Rolle können Sie Meldungen lesen, aber nicht ändern.')).toBeVisible();
  await expect(page.getByRole('button', { name: /setzen/ })).toHaveCount(0);
  await waitForMap(page);
  await expectNoAxeViolations(page);
  await page.goto('/staff/reports');
  await expect(page.getByRole('checkbox', { name: /auswählen/ })).toHaveCount(0);
  // A link with a category that does not exist (any more) shows all reports and says why.
  await page.goto('/staff/reports?category=gibt-es-nicht&to=2020-01-01&from=2021-01-01');
  await expect(page.getByRole('alert').getByRole('listitem')).toHaveText([
    'Kategorie: Unbekannter Wert.',
    'Eingegangen bis: Das Ende des Zeitraums liegt vor seinem Beginn.',
  ]);
  await expect(page.getByLabel('Kategorie')).toHaveValue('');
  await expect(page.getByLabel('Kategorie')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Kategorie')).toHaveAccessibleDescription('Kategorie: Unbekannter Wert.');
  // A period typed the wrong way round: the days stay as typed, the end is tied to what is wrong
  // with it, and the message takes the focus, to be read out, with a link back to the field.
  await page.goto('/staff/reports');
  const filters = page.getByRole('form', { name: 'Meldungen filtern' });
  await filters.getByLabel('Eingegangen ab').fill('2026-12-01');
  await filters.getByLabel('Eingegangen bis').fill('2026-01-01');
  await filters.getByRole('button', { name: 'Meldungen anzeigen' }).click();
  await expect(page).toHaveURL(/from=2026-12-01&to=2026-01-01/);
  const refused = page.getByRole('alert').filter({ hasText: 'Einige Filter konnten nicht verwendet werden' });
  await expect(refused).toBeFocused();
  await expect(filters.getByLabel('Eingegangen ab')).toHaveValue('2026-12-01');
  const end = filters.getByLabel('Eingegangen bis');
  await expect(end).toHaveValue('2026-01-01');
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  await expect(end).toHaveAccessibleDescription('Eingegangen bis: Das Ende des Zeitraums liegt vor seinem Beginn.');
  await refused.getByRole('link', { name: 'Eingegangen bis: Das Ende des Zeitraums liegt vor seinem Beginn.' }).click();
  await expect(end).toBeFocused();
  // The same in English and Turkish.
  await page.goto('/en/staff/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Report inbox' })).toBeVisible();
  await page.goto(`/tr/staff/reports/${refs.other}`);
  await expect(page.getByRole('heading', { level: 1, name: `Bildirim ${refs.other}` })).toBeVisible();
  await expect(page.getByText('Rolünüzle bildirimleri okuyabilirsiniz, ancak değiştiremezsiniz.')).toBeVisible();
  // The report's language named in Turkish, not by its own name.
  await expect(page.locator('dt', { hasText: 'Bildirimin dili' }).locator('+ dd')).toHaveText(/^(Almanca|İngilizce|Türkçe)$/);
});

test('triage changes a selection in bulk, each report at the version its row showed', async ({ page, request }) => {
  for (const lat of [51.6021, 51.6031]) {
    const response = await request.post('/api/reports', {
      data: { lat, lon: 7.5401, category: 'hidden-place', feeling: 3, when: { always: true }, description: 'Am Bulkweg hinter der Halle.' },
    });
    expect(response.status()).toBe(201);
  }
  await signIn(page, 'triage@example.org');
  await page.goto('/staff/reports?q=Bulkweg');
  const table = page.getByRole('table', { name: /Meldungen dieser Seite/ });
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByRole('checkbox', { name: 'Alle Meldungen dieser Seite auswählen' }).check();
  const bulk = page.getByRole('form', { name: 'Ausgewählte Meldungen ändern' });
  // Enter in a ticked box sends the form with its first button: no status is chosen, nothing changes.
  await table.getByRole('checkbox', { name: /^Meldung LUN-/ }).first().press('Enter');
  await expect(bulk.getByRole('alert')).toHaveText('Bitte wählen Sie den neuen Status.');
  await expect(table.getByText('Neu', { exact: true })).toHaveCount(2);
  // A change the workflow does not allow from here changes nothing, and says so as an error.
  await bulk.getByLabel('Neuer Status').selectOption({ label: 'In Bestreifung' });
  await bulk.getByRole('button', { name: 'Status setzen' }).click();
  await expect(bulk.getByRole('alert')).toContainText('Keine Meldung wurde geändert.');
  await expect(table.getByText('Neu', { exact: true })).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Alle Meldungen dieser Seite auswählen' }).check();
  await bulk.getByLabel('Neuer Status').selectOption({ label: 'In Prüfung' });
  await bulk.getByRole('button', { name: 'Status setzen' }).click();
  await expect(bulk.getByRole('status')).toHaveText('2 Meldungen geändert.');
  await expect(table.getByText('In Prüfung')).toHaveCount(2);
  // Dismissing needs a reason: nothing changes without one.
  await page.getByRole('checkbox', { name: 'Alle Meldungen dieser Seite auswählen' }).check();
  await bulk.getByLabel('Neuer Status').selectOption({ label: 'Verworfen' });
  await bulk.getByRole('button', { name: 'Status setzen' }).click();
  await expect(bulk.getByRole('alert')).toContainText('Bitte begründen Sie, warum die Meldung verworfen wird.');
  await expect(table.getByText('In Prüfung')).toHaveCount(2);
  // The ticks and the chosen status stay, so that adding the reason is all it takes.
  await expect(bulk.getByLabel('Neuer Status')).toHaveValue('dismissed');
  for (const box of await table.getByRole('checkbox', { name: /^Meldung LUN-/ }).all()) await expect(box).toBeChecked();
  await bulk.getByLabel('Begründung (nötig zum Verwerfen)').fill('Doppelt erfasst.');
  await bulk.getByRole('button', { name: 'Status setzen' }).click();
  // Dismissing e-mails the reporters: it asks once more, naming how many, and Cancel changes nothing.
  const confirm = bulk.getByRole('button', { name: 'Ja, verwerfen' });
  await expect(confirm).toBeFocused();
  await expect(confirm).toHaveAccessibleDescription(/^2 Meldungen verwerfen\? Wer eine E-Mail-Adresse angegeben hat/);
  await bulk.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(bulk.getByRole('button', { name: 'Status setzen' })).toBeFocused();
  await expect(table.getByText('In Prüfung')).toHaveCount(2);
  await bulk.getByRole('button', { name: 'Status setzen' }).click();
  await confirm.click();
  await expect(bulk.getByRole('status')).toHaveText('2 Meldungen geändert.');
  await expect(table.getByText('Verworfen')).toHaveCount(2);
});
