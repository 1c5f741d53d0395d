import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, fillReportDetails, openWithoutMap, recordForeignRequests, waitForHydration, waitForMap } from './helpers';

test('a resident reports a place with the mouse and tracks it, and no third party is contacted', async ({ page, baseURL }) => {
  const foreign = recordForeignRequests(page, baseURL!);
  await page.goto('/');
  await page.getByRole('link', { name: 'Ort melden' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Einen Ort melden' })).toBeVisible();
  await waitForMap(page);

  const map = page.locator('.leaflet-container');
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: box.width * 0.3, y: box.height * 0.6 } });
  const status = page.locator('.place-status');
  await expect(status).toContainText('Gewählter Ort:');
  await expect(page.locator('.map-pin')).toBeVisible();

  await fillReportDetails(page);
  await page.getByLabel('5. Beschreibung (freiwillig)').fill('<b>Dunkel</b> und niemand in der Nähe.');
  await page.getByLabel(/E-Mail-Adresse für Rückmeldungen/).fill('anwohner@example.org');
  await page.getByRole('button', { name: 'Meldung absenden' }).click();

  // The thanks, once: the address loses ?new=1, so a reload or a bookmark shows the report alone.
  await expect(page.getByText('Danke! Ihre Meldung ist angekommen.')).toBeVisible();
  await expect(page).toHaveURL(/\/track\/LUN-[A-Z0-9]{6}$/);
  // What a resident may do next.
  await expect(page.getByRole('link', { name: 'Einen weiteren Ort melden' })).toBeVisible();
  await expect(page.getByText('Eingegangen', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Schlechte Beleuchtung')).toBeVisible();
  // The tracking page never shows the description or the e-mail address.
  await expect(page.locator('main')).not.toContainText('Dunkel');
  await expect(page.locator('main')).not.toContainText('anwohner@example.org');

  const ref = page.url().match(/LUN-[A-Z0-9]{6}/)![0];
  const api = await page.request.get(`/api/reports/${ref}`);
  expect(api.status()).toBe(200);
  expect(await api.json()).toMatchObject({ ref, status: 'new', category: { slug: 'poor-lighting' } });

  // The draft is gone once the server confirmed it.
  await page.goto('/report');
  await expect(page.getByRole('radio', { name: 'Schlechte Beleuchtung' })).not.toBeChecked();
  expect(foreign).toEqual([]);
});

test('a tap anywhere on the map box loads the map, as the hint says, not only on its button', async ({ browser, baseURL }) => {
  const phone = await browser.newContext({ baseURL, viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await page.goto('/report');
  const box = page.locator('.map--preview');
  await waitForHydration(box.getByRole('button', { name: 'Karte laden' }));
  const { width, height } = (await box.boundingBox())!;
  await box.tap({ position: { x: width - 12, y: height - 12 } });
  await expect(page.locator('.leaflet-container')).toBeVisible();
  await phone.close();
});

test('a resident reports a place with the keyboard only', async ({ page }) => {
  await page.goto('/report');
  const show = page.getByRole('button', { name: 'Karte laden' });
  await waitForHydration(show);

  // Tab from the top of the page to the button that loads the map: no mouse involved. The map
  // takes the focus from the button it replaces.
  await page.keyboard.press('Tab');
  for (let i = 0; i < 30 && !(await show.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(show).toBeFocused();
  await page.keyboard.press('Enter');
  const map = page.locator('.leaflet-container');
  await expect(map).toBeFocused();
  await waitForMap(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(page.locator('.place-status')).toContainText(/Gewählter Ort: .+ \(Breite 51,\d{4}, Länge 7,\d{4}\)/);
  // From the map, Tab goes to its zoom buttons first, not to the map data's credits.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Vergrößern' })).toBeFocused();

  // Tab on through the map's buttons to the categories; arrow keys move within a radio group.
  const firstCategory = page.getByRole('radio', { name: 'Schlechte Beleuchtung' });
  for (let i = 0; i < 30 && !(await firstCategory.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(firstCategory).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Belästigung oder Bedrohung' })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '3 – unsicher' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: 'Immer' })).toBeFocused();
  await page.keyboard.press('Space');

  const submit = page.getByRole('button', { name: 'Meldung absenden' });
  for (let i = 0; i < 10 && !(await submit.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(submit).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/track\/LUN-[A-Z0-9]{6}$/);
  await expect(page.getByText('Belästigung oder Bedrohung')).toBeVisible();
  // The thanks and the reference are read first: the focus is on them, not back at the page's start.
  await expect(page.locator('.notice--success')).toBeFocused();
  await expect(page.locator('.notice--success')).toContainText('Danke! Ihre Meldung ist angekommen.');
});

test('the report form loads no Leaflet until the map is asked for', async ({ page }) => {
  const { scripts } = await openWithoutMap(page, '/report');

  // Without the map, a place can still be given as coordinates.
  await page.getByText('Ort als Koordinaten eingeben').click();
  await page.getByLabel('Breitengrad').fill('51,6139');
  await page.getByLabel('Längengrad').fill('7,5231');
  await page.getByRole('button', { name: 'Koordinaten übernehmen' }).click();
  await expect(page.locator('.place-status')).toContainText('Gewählter Ort:');
  expect(await page.evaluate(() => 'L' in window)).toBe(false);

  // The own location shows the map, to check the place there.
  await page.context().grantPermissions(['geolocation']);
  await page.context().setGeolocation({ latitude: 51.62, longitude: 7.53 });
  await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
  await waitForMap(page);
  await expect(page.locator('.map-pin')).toBeVisible();
  await expect(page.locator('.place-status')).toContainText('Breite 51,6200');
  expect(await scripts.leaflet()).not.toEqual([]);
});

test('on a phone the pin button stays clear of the map data attribution, in every language', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const [path, label] of [
    ['/tr/report', 'İşareti haritanın ortasına koy'],
    ['/report', 'Markierung in die Kartenmitte setzen'],
    ['/en/report', 'Put the pin in the centre of the map'],
  ]) {
    await page.goto(path);
    await waitForMap(page);
    const pin = (await page.getByRole('button', { name: label }).boundingBox())!;
    const attribution = (await page.locator('.leaflet-control-attribution').boundingBox())!;
    // Above it, or beside it: no overlap (the Turkish attribution takes two lines at this width).
    const apart = pin.y + pin.height <= attribution.y || pin.x >= attribution.x + attribution.width || pin.x + pin.width <= attribution.x;
    expect(apart, path).toBe(true);
  }
});

test('the keyboard help opens as a dialog and closes with Escape, returning focus', async ({ page }) => {
  await page.goto('/report');
  const open = page.getByRole('button', { name: 'Tastaturhilfe' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Karte mit der Tastatur bedienen' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

test('a submission that fails on the network is kept and then sent exactly once', async ({ page }) => {
  await page.goto('/report');
  await waitForMap(page);
  await page.getByRole('button', { name: 'Markierung in die Kartenmitte setzen' }).click();
  await fillReportDetails(page);

  // The draft survives a reload.
  await page.reload();
  await expect(page.getByText('Ihr gespeicherter Entwurf wurde wiederhergestellt.')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Schlechte Beleuchtung' })).toBeChecked();
  await expect(page.locator('.place-status')).toContainText('Gewählter Ort:');

  const keys: string[] = [];
  let cut = true;
  await page.route('**/api/reports', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    if (cut) {
      cut = false;
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await page.getByRole('button', { name: 'Meldung absenden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Keine Verbindung zum Server' })).toBeVisible();
  await expect(page).toHaveURL(/\/track\/LUN-[A-Z0-9]{6}$/, { timeout: 15_000 });
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBe(keys[1]);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
});

test('a draft changed after an answer was lost goes again under a new key, so the change is not dropped', async ({ page }) => {
  await page.goto('/report');
  await waitForMap(page);
  await page.getByRole('button', { name: 'Markierung in die Kartenmitte setzen' }).click();
  await fillReportDetails(page);
  const keys: string[] = [];
  let lose = true;
  await page.route('**/api/reports', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    if (!lose) return route.continue();
    // The server stores the report, but its answer never arrives.
    lose = false;
    await route.fetch();
    await route.abort('internetdisconnected');
  });
  await page.getByRole('button', { name: 'Meldung absenden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Keine Verbindung zum Server' })).toBeVisible();
  // While the form waits to send again, the resident adds to the description.
  await page.getByLabel('5. Beschreibung (freiwillig)').fill('Nachtrag: die Laterne ist seit Wochen aus.');
  await expect(page).toHaveURL(/\/track\/LUN-[A-Z0-9]{6}$/, { timeout: 15_000 });
  expect(keys).toHaveLength(2);
  expect(keys[1]).not.toBe(keys[0]);
});

test("a connection over the report limit is told so, not that the server is busy, and the report is kept", async ({ page }) => {
  await page.goto('/report');
  await waitForMap(page);
  await page.getByRole('button', { name: 'Markierung in die Kartenmitte setzen' }).click();
  await fillReportDetails(page);
  // What the server answers the 31st report of the hour (REPORT_RATE_LIMIT_PER_HOUR).
  await page.route('**/api/reports', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'retry-after': '1725', 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'rate_limited', message: 'Zu viele Meldungen in kurzer Zeit. Bitte versuchen Sie es in 29 Minuten erneut.' }),
    }),
  );
  await page.getByRole('button', { name: 'Meldung absenden' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Von Ihrem Anschluss' });
  await expect(status).toContainText('wir senden sie in 29 Minuten erneut');
  await expect(status).not.toContainText('ausgelastet');
  await page.reload();
  await expect(page.getByText('Ihr gespeicherter Entwurf wurde wiederhergestellt.')).toBeVisible();
});

test('bad input shows errors tied to their fields and sends nothing', async ({ page }) => {
  let posted = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/reports') && r.method() === 'POST') posted++;
  });
  await page.goto('/report');
  await waitForMap(page);
  await page.getByLabel(/E-Mail-Adresse für Rückmeldungen/).fill('keine-adresse');
  await page.getByRole('button', { name: 'Meldung absenden' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Bitte wählen Sie einen Ort auf der Karte.');
  await expect(summary).toContainText('Bitte wählen Sie eine Kategorie.');
  await expect(summary).toContainText('Bitte wählen Sie, wie unsicher Sie sich dort fühlen');
  await expect(summary).toContainText('Bitte wählen Sie „Immer“');
  const email = page.getByLabel(/E-Mail-Adresse für Rückmeldungen/);
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/gültige E-Mail-Adresse/);
  // A group's error reaches each of its choices; a category's hint is its description, not part of its name.
  const lighting = page.getByRole('radio', { name: 'Schlechte Beleuchtung', exact: true });
  await expect(lighting).toHaveAttribute('aria-invalid', 'true');
  await expect(lighting).toHaveAccessibleDescription(/^Bitte wählen Sie eine Kategorie\. Dunkle Wege/);
  await expect(page.getByRole('radio', { name: '5 – ich meide den Ort' })).toHaveAccessibleDescription(/^Bitte wählen Sie, wie unsicher/);

  // The summary's links lead to the field, without an entry in the history (Back leaves the page).
  await summary.getByRole('link', { name: /Kategorie/ }).click();
  await expect(page.getByRole('group', { name: /Was macht den Ort unsicher/ })).toBeFocused();
  expect(new URL(page.url()).hash).toBe('');
  expect(await page.evaluate(() => history.length)).toBe(2);

  // A choice made takes its error away at once, from the summary too; a typed field keeps its own.
  await page.getByRole('radio', { name: 'Schlechte Beleuchtung', exact: true }).check();
  await expect(lighting).not.toHaveAttribute('aria-invalid');
  await expect(summary).not.toContainText('Bitte wählen Sie eine Kategorie.');
  await expect(summary).toContainText('Bitte wählen Sie einen Ort auf der Karte.');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  expect(posted).toBe(0);

  // Discarding asks once more, then says so where the focus now is.
  await page.getByRole('button', { name: 'Entwurf verwerfen' }).click();
  const yes = page.getByRole('button', { name: 'Ja, verwerfen' });
  await expect(yes).toBeFocused();
  await expect(yes).toHaveAccessibleDescription('Alles Eingegebene verwerfen?');
  await page.getByRole('button', { name: 'Behalten' }).click();
  await expect(page.getByRole('button', { name: 'Entwurf verwerfen' })).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Schlechte Beleuchtung', exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Entwurf verwerfen' }).click();
  await yes.click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Entwurf wurde verworfen.' })).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Schlechte Beleuchtung', exact: true })).not.toBeChecked();
  await expect(email).toHaveValue('');
});

test('the description counts the characters left as the resident types', async ({ page }) => {
  await page.goto('/report');
  const description = page.getByLabel('5. Beschreibung (freiwillig)');
  await waitForHydration(description);
  await expect(description).toHaveAccessibleDescription(/Noch 2000 Zeichen/);
  await description.fill('Zu dunkel');
  await expect(description).toHaveAccessibleDescription(/Noch 1991 Zeichen/);
  await description.fill('');
  await expect(description).toHaveAccessibleDescription(/Noch 2000 Zeichen/);
  await expect(page.getByLabel(/E-Mail-Adresse für Rückmeldungen/)).toHaveAccessibleDescription(/spätestens nach 180 Tagen/);

  // A longer text pasted in is kept whole, not cut off unsaid: the count says by how much it is
  // over, and sending names the error beside the field.
  const long = `${'Unter der Brücke ist es abends dunkel. '.repeat(52)}Ende.`.slice(0, 2010);
  await description.fill(long);
  await expect(description).toHaveValue(long);
  await expect(description).toHaveAccessibleDescription(/10 Zeichen zu viel/);
  await page.getByRole('button', { name: 'Meldung absenden' }).click();
  await expect(description).toHaveAccessibleDescription(/Der Text ist zu lang \(höchstens 2000 Zeichen\)/);
  await expect(description).toHaveValue(long);
});

test('typed coordinates that are missing, malformed or outside the city are refused with an announced error', async ({ page }) => {
  await page.goto('/en/report');
  await waitForMap(page);
  await page.getByText('Enter the place as coordinates').click();
  const [latitude, longitude] = [page.getByLabel('Latitude'), page.getByLabel('Longitude')];
  const apply = page.getByRole('button', { name: 'Use these coordinates' });
  const alert = page.locator('.manual-coordinates [role="alert"]');
  await apply.click();
  await expect(alert).toHaveText('Please fill this in.');
  await latitude.fill('abc');
  await longitude.fill('def');
  await apply.click();
  await expect(alert).toHaveText('Please enter a number, such as 51.6139 for the latitude and 7.5231 for the longitude.');
  await expect(latitude).toHaveAttribute('aria-invalid', 'true');
  await expect(longitude).toHaveAccessibleDescription('Please enter a number, such as 51.6139 for the latitude and 7.5231 for the longitude.');
  // One field at fault: the message names it, and only that field is marked.
  await longitude.fill('7.5');
  await apply.click();
  await expect(alert).toHaveText('Latitude: Please enter a number, such as 51.6139 for the latitude and 7.5231 for the longitude.');
  await expect(latitude).toHaveAttribute('aria-invalid', 'true');
  await expect(longitude).not.toHaveAttribute('aria-invalid');
  await latitude.fill('52.52');
  await longitude.fill('13.40');
  await apply.click();
  await expect(alert).toContainText(/outside Lünen/);
  await expect(page.locator('.place-status')).toContainText('No place selected yet.');
  // A place inside the city clears the error and is announced in the language's notation.
  await latitude.fill('51.6139');
  await longitude.fill('7.5231');
  await apply.click();
  await expect(alert).toBeEmpty();
  await expect(latitude).not.toHaveAttribute('aria-invalid');
  await expect(page.locator('.place-status')).toContainText('(latitude 51.6139, longitude 7.5231)');

  // A place pasted whole into the first field, as maps copy it, is split; two swapped are put
  // in order, since only that order lies in the city.
  await latitude.fill('51.6142, 7.5222');
  await longitude.fill('');
  await apply.click();
  await expect(page.locator('.place-status')).toContainText('(latitude 51.6142, longitude 7.5222)');
  await expect(latitude).toHaveValue('51.6142');
  await expect(longitude).toHaveValue('7.5222');
  await latitude.fill('7.5240');
  await longitude.fill('51.6150');
  await apply.click();
  await expect(alert).toBeEmpty();
  await expect(page.locator('.place-status')).toContainText('(latitude 51.6150, longitude 7.5240)');
  await expect(latitude).toHaveValue('51.6150');
});

test('without JavaScript the report page says that the form needs it, and its button sends nothing', async ({ browser, request }) => {
  // Chromium with scripts switched off by Playwright still parses <noscript> as if they ran: read the markup.
  const html = await (await request.get('/report')).text();
  expect(html).toMatch(/<noscript><p class="notice notice--error">Dieses Formular braucht JavaScript, um Ihre Meldung zu senden, .*ordnungsamt@example\.org.*<\/p><\/noscript>/);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/report');
  await expect(page.getByRole('button', { name: 'Meldung absenden' })).toBeDisabled();
  await context.close();
});

test('the tracking form explains a malformed reference and opens a well-formed one', async ({ page, request }) => {
  const created = await request.post('/api/reports', {
    data: { lat: 51.6139, lon: 7.5231, category: 'drugs', feeling: 3, when: { always: true } },
  });
  const { ref } = await created.json();
  await page.goto('/en/track');
  await waitForHydration(page.locator('form.track-form'));
  const field = page.getByLabel("Your report's reference number");
  await expect(field).toHaveAccessibleDescription('For example LUN-7K2Q9M');
  await field.fill('LUN-123');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('form.track-form').getByRole('alert')).toHaveText(
    "This isn't a valid reference number. It should look like LUN-7K2Q9M. Six characters follow the dash: the digits 2 to 9 and letters other than I, L, O and U.",
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/en\/track$/);
  // A well-formed reference no report has is said beside the form, with what was typed.
  await field.fill('LUN-222 222');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('form.track-form').getByRole('alert')).toHaveText("We can't find a report with this reference number. Please check you've typed it correctly.");
  await expect(field).toHaveValue('LUN-222 222');
  await expect(page).toHaveURL(/\/en\/track$/);

  // Typed in lower case with a space for the dash, as read out on the phone.
  const spoken = `${ref.slice(0, 3)} ${ref.slice(4)}`.toLowerCase();
  await field.fill(spoken);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/track/${ref}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(ref);
  // English pages write dates the British way, day first ("28 November 2026 at 12:51").
  await expect(page.locator('time').first()).toHaveText(/^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at \d{2}:\d{2}$/);

  // Without JavaScript the form is a GET to /en/track, which opens the report or explains the error.
  const opened = await request.get(`/en/track?ref=${encodeURIComponent(spoken)}`);
  expect(opened.url()).toMatch(new RegExp(`/en/track/${ref}$`));
  const refused = await request.get('/en/track?ref=LUN-123');
  expect(refused.status()).toBe(200);
  expect(await refused.text()).toContain('It should look like LUN-7K2Q9M.');
  // A pasted link and the six symbols alone are read as the reference; one that names no report
  // is said beside the form (a 404 page would be blank without JavaScript).
  const pasted = await request.get(`/en/track?ref=${encodeURIComponent(`https://sicherheit.example/track/${ref}`)}`);
  expect(pasted.url()).toMatch(new RegExp(`/en/track/${ref}$`));
  const bare = await request.get(`/en/track?ref=${ref.slice(4).toLowerCase()}`);
  expect(bare.url()).toMatch(new RegExp(`/en/track/${ref}$`));
  const nobody = await request.get('/en/track?ref=LUN-222222');
  expect(nobody.status()).toBe(200);
  expect(await nobody.text()).toContain('find a report with this reference number.');
  expect(await (await request.get('/en/track?ref=')).text()).toContain('Please enter the reference of your report.');

  // A well-formed reference that names no report is a 404 that says so, with the form to try again.
  const unknown = await page.goto('/en/track/LUN-222222');
  expect(unknown?.status()).toBe(404);
  await expect(page).toHaveTitle('Report not found – Lünen Safety Portal');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Report not found');
  // The form holds the reference of the address, with the reason beside it, to be corrected.
  const again = page.getByLabel("Your report's reference number");
  await expect(again).toHaveValue('LUN-222222');
  await expect(again).toHaveAttribute('aria-invalid', 'true');
  await expect(again).toHaveAccessibleDescription(/find a report with this reference number\./);
  await page.goto('/en/track/lun-7k2q9');
  await expect(again).toHaveValue('lun-7k2q9');
});

test('a connection that guessed too many references gets no answer, for a real one neither, and is told why', async ({ browser, baseURL, request }) => {
  const { ref } = await (await request.post('/api/reports', { data: { lat: 51.6139, lon: 7.5231, category: 'drugs', feeling: 3, when: { always: true } } })).json();
  // A connection of its own (next start takes X-Forwarded-For as the client's address).
  const headers = { 'x-forwarded-for': '203.0.113.99' };
  const limit = Number(process.env.E2E_REF_LOOKUP_LIMIT);
  for (let i = 0; i < limit; i++) {
    const guess = `LUN-${'23456789ABCDEFGHJKMNPQRSTVWXYZ'[i % 30]}${'23456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(i / 30) % 30]}2222`;
    expect((await request.get(`/api/reports/${guess}`, { headers })).status(), guess).toBe(404);
  }
  expect((await request.get(`/api/reports/${ref}`, { headers })).status()).toBe(429);

  const context = await browser.newContext({ baseURL, extraHTTPHeaders: headers, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/en/track/${ref}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Track a report');
  await expect(page.getByRole('alert')).toContainText('Too many unknown reference numbers were looked up from your connection.');
  await expect(page.getByLabel("Your report's reference number")).toHaveValue(ref);
  await page.goto(`/tr/track?ref=${ref}`);
  await expect(page.getByRole('alert')).toContainText('Bağlantınızdan çok fazla bilinmeyen takip kodu sorgulandı.');
  await context.close();
  // With JavaScript the form asks first and says it beside the field, with the minutes left.
  const scripted = await browser.newContext({ baseURL, extraHTTPHeaders: headers });
  const form = await scripted.newPage();
  await form.goto('/en/track');
  await waitForHydration(form.locator('form.track-form'));
  await form.getByLabel("Your report's reference number").fill(ref);
  await form.getByRole('button', { name: 'Show' }).click();
  await expect(form.locator('form.track-form').getByRole('alert')).toHaveText(/^Too many unknown reference numbers .* Please try again in \d+ minutes?\.$/);
  await expect(form).toHaveURL(/\/en\/track$/);
  await scripted.close();
  // Other connections are not affected.
  expect((await request.get(`/api/reports/${ref}`)).status()).toBe(200);
});

for (const path of ['/', '/report', '/track', '/en', '/tr/report']) {
  test(`axe finds no accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectNoAxeViolations(page);
    if (!path.endsWith('report')) return;
    // Again with the map, which loads when asked for.
    await waitForMap(page);
    await expectNoAxeViolations(page);
  });
}

test('axe finds no accessibility violations on a tracking page', async ({ page, request }) => {
  const created = await request.post('/api/reports', {
    data: { lat: 51.6139, lon: 7.5231, category: 'drugs', feeling: 3, when: { always: true }, locale: 'tr' },
  });
  const { trackingUrl } = await created.json();
  expect(trackingUrl).toMatch(/^\/tr\/track\//);
  await page.goto(trackingUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('LUN-');
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await expectNoAxeViolations(page);
});
