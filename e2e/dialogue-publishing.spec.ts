import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, waitForMap } from './helpers';

// The demo coordinator (lib/db/seed/demo-users.ts), seeded because playwright.config.ts sets SEED_DEMO=1.
const COORDINATOR = 'coordinator@example.org';
const PASSWORD = 'Demo-Passwort-2026';

const TITLE = 'Sicherheitsdialog Brambauer Markt';
const TITLE_EN = 'Safety dialogue: Brambauer market';
const LIGHTING = 'Mehr Licht auf dem Marktplatz';
const LIGHTING_EN = 'More light on the market square';
const PATROL = 'Fußstreife freitags ab 20 Uhr';
const PROGRESS = 'Die neuen Leuchten sind bestellt.';

async function signIn(page: Page) {
  await page.goto('/staff/login');
  await page.getByLabel('E-Mail-Adresse').fill(COORDINATOR);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

const staffNav = (page: Page) => page.getByRole('navigation', { name: 'Mitarbeiterbereich' });
const saved = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

test('a coordinator records, previews and publishes a dialogue with two measures; residents see it and its progress', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  await expect(page.getByRole('link', { name: 'Sicherheitsdialoge bearbeiten' })).toBeVisible();
  await staffNav(page).getByRole('link', { name: 'Dialoge bearbeiten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sicherheitsdialoge' })).toBeVisible();
  await expectNoAxeViolations(page);

  // A new dialogue: first an empty submission, to see the errors.
  await page.getByRole('link', { name: 'Neuen Dialog erfassen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neuen Sicherheitsdialog erfassen' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Dialog anlegen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Bitte prüfen Sie 5 Angaben:');
  const title = page.getByRole('group', { name: 'Titel', exact: true });
  await expect(title.getByLabel('Deutsch', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(title.getByLabel('Deutsch', { exact: true })).toHaveAccessibleDescription('Bitte ausfüllen.');
  await summary.getByRole('link', { name: 'Veranstaltungsort: Bitte ausfüllen.' }).click();
  await expect(page.getByLabel('Veranstaltungsort')).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel('Stadtteil').selectOption({ label: 'Brambauer' });
  await page.getByLabel('Datum des Dialogs').fill('2026-11-12');
  await page.getByLabel('Veranstaltungsort').fill('Bürgerhaus Brambauer');
  await page.getByLabel('Zahl der Teilnehmenden (freiwillig)').fill('38');
  await page.getByLabel('Veranstaltet von (freiwillig)').fill('Stadt Lünen, Polizeipräsidium Dortmund');
  await title.getByLabel('Deutsch', { exact: true }).fill(TITLE);
  await title.getByLabel('Englisch (freiwillig)').fill(TITLE_EN);
  // No English summary: the English page falls back to German, with the note.
  await page
    .getByRole('group', { name: 'Zusammenfassung' })
    .getByLabel('Deutsch', { exact: true })
    .fill('Rund 40 Menschen sprachen über den **Marktplatz** am Abend.\n\n- dunkle Ecken\n- Gruppen vor dem Kiosk');
  await page.getByRole('button', { name: 'Dialog anlegen' }).click();
  await expect(page).toHaveURL(/\/staff\/dialogues\/\d+\?saved=created$/);
  const dialogueId = /\/staff\/dialogues\/(\d+)/.exec(page.url())![1];
  await expect(saved(page, 'Der Dialog ist angelegt.')).toBeVisible();
  await expect(page.getByText('Stand: Entwurf')).toBeVisible();
  await expectNoAxeViolations(page);

  // A concern, placed on the map with the keyboard.
  await page.getByRole('link', { name: 'Anliegen hinzufügen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anliegen hinzufügen' })).toBeVisible();
  await page.getByRole('group', { name: 'Anliegen', exact: true }).getByLabel('Deutsch', { exact: true }).fill('Der Marktplatz ist abends zu dunkel.');
  await page.getByRole('radio', { name: 'Ein Punkt' }).check();
  await waitForMap(page);
  await page.locator('.leaflet-container').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(page.locator('.place-status')).toContainText(/Gewählter Ort: .*Breite 51,\d{4}, Länge 7,\d{4}/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'test-results/e2e/screens/concern-editor.png', fullPage: true });
  await page.getByRole('button', { name: 'Anliegen speichern' }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/dialogues/${dialogueId}\\?saved=concern#concerns$`));
  await expect(page.getByText(/Ort: Breite 51,\d{4}, Länge 7,\d{4}/)).toBeVisible();

  // Measure 1: placed by typed coordinates.
  await page.getByRole('link', { name: 'Maßnahme hinzufügen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Maßnahme zum Dialog „${TITLE}“ anlegen` })).toBeVisible();
  await expect(page.getByLabel('Sicherheitsdialog', { exact: true })).toHaveValue(dialogueId);
  const measureTitle = page.getByRole('group', { name: 'Titel der Maßnahme' });
  await measureTitle.getByLabel('Deutsch', { exact: true }).fill(LIGHTING);
  await measureTitle.getByLabel('Englisch (freiwillig)').fill(LIGHTING_EN);
  await page.getByRole('radio', { name: 'Stadt' }).check();
  await page.getByLabel('Zuständige Stelle (freiwillig)').fill('Stadtwerke Lünen');
  await waitForMap(page);
  await page.getByText('Ort als Koordinaten eingeben').click();
  await page.getByLabel('Breitengrad').fill('51,6005');
  await page.getByLabel('Längengrad').fill('7.4725');
  await page.getByRole('button', { name: 'Koordinaten übernehmen' }).click();
  await expect(page.locator('.place-status')).toHaveText('Gewählter Ort: Brambauer (Breite 51,6005, Länge 7,4725)');
  await page.getByLabel('Geplant bis (freiwillig)').fill('2027-03-31');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'test-results/e2e/screens/measure-editor.png', fullPage: true });
  await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/dialogues/${dialogueId}\\?saved=measure_created#measures$`));

  // Measure 2: the police, no place.
  await page.getByRole('link', { name: 'Maßnahme hinzufügen' }).click();
  await page.getByRole('group', { name: 'Titel der Maßnahme' }).getByLabel('Deutsch', { exact: true }).fill(PATROL);
  await page.getByRole('radio', { name: 'Polizei' }).check();
  await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
  await expect(page).toHaveURL(/saved=measure_created#measures$/);
  const measuresSection = page.getByRole('region', { name: 'Vereinbarte Maßnahmen' });
  await expect(measuresSection.getByRole('link', { name: LIGHTING })).toBeVisible();
  await expect(measuresSection.getByRole('link', { name: PATROL })).toBeVisible();
  await expect(measuresSection.getByText('nicht öffentlich')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/e2e/screens/dialogue-editor.png', fullPage: true });

  // Review, preview, publish.
  await page.getByRole('button', { name: 'Zur Prüfung geben' }).click();
  await expect(saved(page, 'Der Dialog ist zur Prüfung gegeben.')).toBeVisible();
  await page.getByRole('link', { name: 'Vorschau der öffentlichen Seite' }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/dialogues/${dialogueId}/preview$`));
  await expect(page.getByText('Vorschau: So erscheint der Dialog auf der öffentlichen Seite.')).toBeVisible();
  const article = page.locator('article.dialogue');
  await expect(article.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(article.getByText('Der Marktplatz ist abends zu dunkel.')).toBeVisible();
  await expect(article.getByRole('heading', { level: 3, name: LIGHTING })).toBeVisible();
  await expect(article.getByRole('heading', { level: 3, name: PATROL })).toBeVisible();
  // On the dialogue's own page its measures name it as text, not as a link back to the same page.
  await expect(article.getByText('Aus dem Sicherheitsdialog vom 12. November 2026').first()).toBeVisible();
  await expect(article.getByRole('link', { name: 'Aus dem Sicherheitsdialog vom 12. November 2026' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'test-results/e2e/screens/dialogue-preview.png', fullPage: true });
  await page.locator('.preview-banner').getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/staff/dialogues/${dialogueId}/preview$`));
  await expect(article.getByRole('heading', { level: 1, name: TITLE_EN })).toBeVisible();
  await expect(article.getByText('Some texts on this page are only available in German.')).toBeVisible();
  await page.locator('.preview-banner').getByRole('link', { name: 'Deutsch' }).click();
  await page.getByRole('link', { name: 'Zurück zum Bearbeiten' }).click();
  await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
  await expect(saved(page, 'Der Dialog und seine Maßnahmen sind veröffentlicht.')).toBeVisible();
  await expect(page.getByText('Stand: Veröffentlicht')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Vereinbarte Maßnahmen' }).getByText('nicht öffentlich')).toHaveCount(0);

  // Residents see it: district page, dialogue list, in German and English.
  await page.goto('/districts/brambauer');
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible();
  // Reporting from here opens the map over the district.
  await expect(page.locator('a.button[href="/report?district=brambauer"]')).toBeVisible();
  await expect(page.getByRole('heading', { name: LIGHTING })).toBeVisible();
  await expect(page.getByRole('heading', { name: PATROL })).toBeVisible();
  await page.goto('/dialogues');
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`/dialogues/${dialogueId}$`));
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page).toHaveTitle(`${TITLE} – Sicherheitsportal Lünen`);
  await expect(page.getByText('Rund 40 Menschen sprachen über den')).toBeVisible();

  await page.goto('/en/dialogues');
  await page.getByRole('link', { name: TITLE_EN }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE_EN })).toBeVisible();
  await expect(page).toHaveTitle(`${TITLE_EN} – Lünen Safety Portal`);
  await expect(page.getByText('Some texts on this page are only available in German.')).toBeVisible();
  await expect(page.locator('[lang="de"]').filter({ hasText: 'Rund 40 Menschen' })).toBeVisible();
  await page.goto('/en/districts/brambauer');
  await expect(page.getByRole('heading', { name: LIGHTING_EN })).toBeVisible();
  // No English title for the patrol: the German one, marked as German.
  await expect(page.getByRole('heading', { name: PATROL }).locator('[lang="de"]')).toBeVisible();
  // The home page's latest measures say so too.
  await page.goto('/tr');
  await expect(page.getByText('Bu sayfadaki bazı metinler yalnızca Almanca olarak mevcuttur.')).toBeVisible();

  // Progress on a measure: on the public measures page and in the feed.
  await page.goto('/staff/measures');
  await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'test-results/e2e/screens/measure-list.png', fullPage: true });
  await page.getByRole('link', { name: LIGHTING }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Maßnahme: ${LIGHTING}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('group', { name: 'Was ist geschehen?' }).getByLabel('Deutsch', { exact: true }).fill(PROGRESS);
  await page.getByRole('group', { name: 'Was ist geschehen?' }).getByLabel('Englisch (freiwillig)').fill('The new lights have been ordered.');
  await page.getByRole('radio', { name: 'Neu: In Arbeit' }).check();
  await page.getByRole('button', { name: 'Fortschritt speichern' }).click();
  await expect(saved(page, 'Der Fortschritt ist gespeichert.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Fortschritt' }).getByText(PROGRESS)).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Neu: Erledigt' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/screens/measure-progress.png', fullPage: true });

  await page.goto('/measures');
  const card = page.locator('article.card').filter({ has: page.getByRole('heading', { name: LIGHTING }) });
  await expect(card.getByText('In Arbeit', { exact: true })).toBeVisible();
  await expect(card.getByText(PROGRESS)).toBeVisible();
  // The filter's outcome takes the focus after the round trip; an empty one offers the way back.
  await page.getByLabel('Stand').selectOption({ label: 'In Arbeit' });
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^\d+ Maßnahmen? für diese Auswahl\.$/ })).toBeFocused();
  await expect(card.getByText(PROGRESS)).toBeVisible();
  await page.getByLabel('Stand').selectOption({ label: 'Abgelehnt' });
  await page.getByLabel('Stadtteil').selectOption({ label: 'Brambauer' });
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Für diese Auswahl gibt es keine Maßnahmen.' })).toBeFocused();
  await page.getByRole('link', { name: 'Alle Maßnahmen zeigen' }).click();
  await expect(card.getByText(PROGRESS)).toBeVisible();

  const feed = await page.request.get('/feed.xml');
  expect(feed.status()).toBe(200);
  const xml = await feed.text();
  expect(xml).toContain(`<title>${TITLE}</title>`);
  expect(xml).toContain(`<summary>${PROGRESS}</summary>`);
  expect(await (await page.request.get('/feed.xml?locale=en')).text()).toContain('The new lights have been ordered.');
});

test('a concern area is outlined corner by corner, a refused form keeps its input, and a stale edit is refused', async ({ page, context }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await page.goto('/staff/dialogues/new');
  await page.getByLabel('Stadtteil').selectOption({ label: 'Lünen-Süd' });
  // A refused submission keeps the chosen district (React sets a select's default only once).
  await page.getByRole('button', { name: 'Dialog anlegen' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.getByLabel('Stadtteil').locator('option:checked')).toHaveText('Lünen-Süd');
  await page.getByLabel('Datum des Dialogs').fill('2026-10-01');
  await page.getByLabel('Veranstaltungsort').fill('Gemeindezentrum');
  await page.getByRole('group', { name: 'Titel', exact: true }).getByLabel('Deutsch', { exact: true }).fill('Dialog Lünen-Süd');
  await page.getByRole('group', { name: 'Zusammenfassung' }).getByLabel('Deutsch', { exact: true }).fill('Kurz.');
  await page.getByRole('button', { name: 'Dialog anlegen' }).click();
  await expect(page).toHaveURL(/saved=created$/);
  const editUrl = page.url().replace(/\?.*$/, '');

  await page.getByRole('link', { name: 'Anliegen hinzufügen' }).click();
  const text = page.getByRole('group', { name: 'Anliegen', exact: true }).getByLabel('Deutsch', { exact: true });
  await text.fill('Der Weg am Kanal ist unübersichtlich.');
  await page.getByRole('radio', { name: 'Eine Fläche' }).check();
  await waitForMap(page);
  const addCorner = page.getByRole('button', { name: 'Gewählten Ort als Ecke hinzufügen' });
  await expect(addCorner).toBeDisabled();
  await page.getByText('Ort als Koordinaten eingeben').click();
  for (const [lat, lon] of [
    ['51.5950', '7.5050'],
    ['51.5960', '7.5100'],
  ]) {
    await page.getByLabel('Breitengrad').fill(lat);
    await page.getByLabel('Längengrad').fill(lon);
    await page.getByRole('button', { name: 'Koordinaten übernehmen' }).click();
    await addCorner.click();
  }
  const corners = page.getByRole('list', { name: 'Ecken der Fläche' });
  await expect(corners.getByRole('listitem')).toHaveText([/^Ecke 1: Breite 51,5950, Länge 7,5050/, /^Ecke 2: Breite 51,5960, Länge 7,5100/]);

  // Two corners are not an area, and a reference lacks a symbol: refused, with the focus on the
  // summary, the wrong reference named, and nothing lost.
  const refs = page.getByLabel('Verknüpfte Meldungen (freiwillig, nur intern)');
  await refs.fill('LUN-12345');
  await page.getByRole('button', { name: 'Anliegen speichern' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Ecken der Fläche: Eine Fläche braucht mindestens drei Ecken.');
  await expect(summary).toContainText('„LUN-12345“ ist keine Vorgangsnummer wie LUN-7K2Q9M.');
  await refs.fill('');
  await expect(text).toHaveValue('Der Weg am Kanal ist unübersichtlich.');
  await expect(page.getByRole('radio', { name: 'Eine Fläche' })).toBeChecked();
  await expect(corners.getByRole('listitem')).toHaveCount(2);
  await expectNoAxeViolations(page);

  await page.getByLabel('Breitengrad').fill('51.5920');
  await page.getByLabel('Längengrad').fill('7.5120');
  await page.getByRole('button', { name: 'Koordinaten übernehmen' }).click();
  await addCorner.click();
  await expect(page.getByRole('status').filter({ hasText: 'Ecke 3 hinzugefügt.' })).toBeAttached();
  await expect(page.locator('.leaflet-overlay-pane path')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/e2e/screens/concern-area.png', fullPage: true });
  await page.getByRole('button', { name: 'Anliegen speichern' }).click();
  await expect(page).toHaveURL(/saved=concern#concerns$/);
  await expect(page.getByText('Fläche mit 3 Ecken')).toBeVisible();

  // Two tabs on the same dialogue: the second save is refused, not silently merged.
  const other = await context.newPage();
  await other.goto(editUrl);
  await page.getByLabel('Veranstaltungsort').fill('Gemeindezentrum Süd');
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(saved(page, 'Die Angaben sind gespeichert.')).toBeVisible();
  await other.getByLabel('Veranstaltungsort').fill('Rathaus');
  await other.getByRole('button', { name: 'Änderungen speichern' }).click();
  const conflict = other.locator('.error-summary');
  await expect(conflict).toBeFocused();
  await expect(conflict).toContainText('Dieser Eintrag wurde inzwischen geändert, von jemand anderem oder in einem anderen Fenster.');
  await expect(other.getByLabel('Veranstaltungsort')).toHaveValue('Rathaus');
  await expectNoAxeViolations(other);
  await other.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  await expect(other.getByLabel('Veranstaltungsort')).toHaveValue('Gemeindezentrum Süd');

  // Removing a concern cannot be undone: the button asks once more, then the message takes the focus.
  await page.reload();
  await page.getByText('Entfernen: Anliegen 1').click();
  await expect(page.getByText('Anliegen 1 wird mit seinem Ort und seinen Verknüpfungen gelöscht.')).toBeVisible();
  await expect(page.getByText('Fläche mit 3 Ecken')).toBeVisible();
  await page.getByRole('button', { name: 'Anliegen 1 endgültig entfernen' }).click();
  await expect(page.locator('.editor-saved .notice')).toBeFocused();
  // Shown in the concerns' section, where the keyboard was, not at the page's top.
  await expect(page.locator('.editor-saved .notice')).toBeInViewport();
  expect(await page.locator('.editor-saved .notice').evaluate((notice) => notice.closest('section')?.id)).toBe('concerns');
  await expect(page.locator('.editor-saved .notice')).toHaveText('Das Anliegen ist entfernt.');
  await expect(page.getByText('Fläche mit 3 Ecken')).toHaveCount(0);
});
