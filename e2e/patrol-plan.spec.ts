import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, recordForeignRequests, signInAsStaff as signIn, waitForMap } from './helpers';

// The demo logins and reports exist because playwright.config.ts sets SEED_DEMO=1: the demo's
// reports around the main station make a Friday-evening hot spot.

/** The last Friday before today in Lünen: its evening shift is over, so its visits can be logged. */
function lastFriday(): string {
  const today = new Date(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date()) + 'T12:00:00Z');
  const days = (today.getUTCDay() - 5 + 7) % 7 || 7;
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

test('police plan a Friday-evening double patrol, change it, print it, download it, publish it and log a visit', async ({ page, baseURL }) => {
  const foreign = recordForeignRequests(page, baseURL!);
  await signIn(page, 'police@example.org');
  await page.getByRole('navigation', { name: 'Mitarbeiterbereich' }).getByRole('link', { name: 'Streifen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Streifenpläne' })).toBeVisible();
  await page.getByRole('link', { name: 'Neuer Streifenplan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neuer Streifenplan' })).toBeVisible();

  // A team of one is refused, with the reason, and nothing is created.
  await page.getByLabel('Datum').fill(lastFriday());
  await page.getByLabel('Beginn').fill('20:00');
  await page.getByLabel('Ende').fill('00:00');
  await page.getByRole('checkbox', { name: 'Demo Polizei (Polizei)' }).check();
  await page.getByRole('button', { name: 'Plan vorschlagen' }).click();
  await expect(page.getByText('Das Team braucht mindestens eine Person der Stadt und eine andere der Polizei.').first()).toBeVisible();
  // The error is on each member, where the summary's link leads (the first), not on the group alone.
  for (const name of ['Demo Polizei (Polizei)', 'Demo Ordnungsamt (Stadt)']) {
    const member = page.getByRole('checkbox', { name });
    await expect(member).toHaveAttribute('aria-invalid', 'true');
    await expect(member).toHaveAccessibleDescription('Das Team braucht mindestens eine Person der Stadt und eine andere der Polizei.');
  }
  await page.getByRole('link', { name: /^Team: Das Team braucht/ }).click();
  await expect(page.locator('#plan-team')).toBeFocused();
  await expect(page.locator('#plan-team')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  await page.getByRole('checkbox', { name: 'Demo Ordnungsamt (Stadt)' }).check();
  await page.getByRole('button', { name: 'Plan vorschlagen' }).click();
  await expect(page).toHaveURL(/\/staff\/patrols\/\d+\?saved=created/);
  await expect(page.getByRole('status').filter({ hasText: 'Der Plan wurde angelegt.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('20:00–24:00');
  await waitForMap(page);
  await expectNoAxeViolations(page);

  // The proposal: gated places (no warning), each with its reasons and arrival times.
  await expect(page.getByText('hat kein Ort die Schwelle')).toHaveCount(0);
  const rows = page.getByRole('table', { name: 'Halte in Reihenfolge der Route' }).locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(3);
  await expect(rows.first()).toContainText('Meldungen von');
  // Each place by its district (as the priorities name it), then its coordinates.
  await expect(rows.first().locator('td').nth(1)).toHaveText(/^[^\d\s][^\d]*\s\d+,\d{5}, \d+,\d{5}/);

  // On a phone each stop is a card: its reasons as wide as the screen and its changes in view,
  // not in a column to scroll sideways to.
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 375, height: 740 });
  const stopsBox = page.getByRole('region', { name: 'Halte in Reihenfolge der Route' });
  expect(await stopsBox.evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
  const drop = page.getByRole('button', { name: 'Halt 1 streichen' });
  await drop.scrollIntoViewIfNeeded();
  await expect(drop).toBeInViewport({ ratio: 1 });
  expect((await rows.first().locator('td').nth(2).boundingBox())!.width).toBeGreaterThan(300);
  await page.setViewportSize(desktop);

  // Reorder: stop 2 moves to the front, its place with it.
  const secondPlace = await rows.nth(1).locator('td').nth(1).innerText();
  await page.getByRole('button', { name: 'Halt 2 nach vorn' }).click();
  // The button's row was replaced: the message, shown in the stops' section, takes the focus, to be
  // read out and seen, and Tab goes on from there.
  const changed = page.getByRole('status').filter({ hasText: 'Der Plan wurde geändert' });
  await expect(changed).toBeFocused();
  await expect(changed).toBeInViewport();
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(() => {
      const focused = document.activeElement;
      return (focused?.closest('.table-scroll') ?? focused)?.querySelector('caption')?.textContent;
    }),
  ).toBe('Halte in Reihenfolge der Route');
  await expect(rows.first().locator('td').nth(1)).toHaveText(secondPlace);

  // Drop the last stop.
  await page.getByRole('button', { name: `Halt ${count} streichen` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Plan wurde geändert' })).toBeFocused();
  await expect(rows).toHaveCount(count - 1);

  // A typed place that is no place: the error is said at the top and tied to the fields.
  await page.getByLabel('Breitengrad').fill('abc');
  await page.getByLabel('Längengrad').fill('7,5231');
  await page.locator('form.patrol-add-place').getByRole('button', { name: 'Ort hinzufügen' }).click();
  const refused = page.locator('form.patrol-add-place').getByRole('alert').filter({ hasText: 'Bitte geben Sie Breiten- und Längengrad als Zahlen ein' });
  await expect(refused).toBeFocused();
  await expect(refused).toBeInViewport();
  // What was typed is kept, to correct rather than type again.
  await expect(page.getByLabel('Breitengrad')).toHaveValue('abc');
  await expect(page.getByLabel('Längengrad')).toHaveValue('7,5231');
  await expect(page.getByLabel('Breitengrad')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Längengrad')).toHaveAccessibleDescription(/^Bitte geben Sie Breiten- und Längengrad als Zahlen ein/);

  // On a 320 px screen (WCAG 1.4.10) the plan's facts and tables fit, or scroll in their own boxes.
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize(viewport);

  // The print and download links stand apart, on a page opened directly too (not only after an
  // editor page brought its stylesheet along).
  await page.reload();
  const gpxLink = (await page.getByRole('link', { name: 'GPX herunterladen' }).boundingBox())!;
  const geojson = (await page.getByRole('link', { name: 'GeoJSON herunterladen' }).boundingBox())!;
  expect(geojson.x - (gpxLink.x + gpxLink.width)).toBeGreaterThan(4);

  // The print view: map, stops with times and reasons, room for notes; the staff bar is not printed.
  await page.getByRole('link', { name: 'Druckansicht' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Streifenplan');
  await waitForMap(page);
  await expect(page.getByRole('heading', { name: 'Notizen' })).toBeVisible();
  await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(count - 1);
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Mitarbeiterbereich' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Drucken' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: 'Zurück zum Plan' }).click();

  // GPX for the team's devices.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'GPX herunterladen' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^streifenplan-\d+-\d{4}-\d{2}-\d{2}\.gpx$/);
  const gpx = readFileSync((await download.path())!, 'utf8');
  expect(gpx).toContain('<gpx version="1.1"');
  expect(gpx.match(/<wpt /g)).toHaveLength(count);

  await page.getByRole('button', { name: 'Plan veröffentlichen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Plan ist veröffentlicht.' })).toBeVisible();

  // The log: a stop with a report the patrol may close; the visit resolves it.
  const stop = page.locator('details.patrol-log-stop').filter({ has: page.locator('option', { hasText: 'Erledigt' }) }).first();
  // Each stop's log says when it was planned; its time is not ahead of now.
  await expect(stop.locator('summary')).toHaveText(/^Halt \d+, geplant \d{1,2}:\d{2}$/);
  await stop.locator('summary').click();
  const visit = stop.getByRole('form');
  const berlinNow = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date()).replace(' ', 'T');
  expect(await visit.getByLabel('Besucht am').inputValue() <= berlinNow).toBe(true);
  await visit.getByRole('checkbox', { name: 'Personengruppe anwesend' }).check();
  const report = visit.getByRole('combobox').filter({ has: page.locator('option', { hasText: 'Erledigt' }) }).first();
  const ref = (await report.getAttribute('name'))!.replace('report:', '');
  await report.selectOption({ label: 'Erledigt' });
  await visit.getByRole('textbox', { name: 'Notiz' }).fill('Gruppe am Eingang angesprochen');

  // A contradiction is refused, and nothing typed or chosen is lost: the stop stays open.
  await visit.getByRole('checkbox', { name: 'Nichts Auffälliges' }).check();
  await visit.getByRole('button', { name: 'Besuch protokollieren' }).click();
  await expect(visit.locator('.error-summary')).toBeFocused();
  await expect(visit.locator('.error-summary')).toContainText('„Nichts Auffälliges“ passt nicht zu anderen Beobachtungen');
  await expect(stop).toHaveAttribute('open', '');
  await expect(visit.getByRole('textbox', { name: 'Notiz' })).toHaveValue('Gruppe am Eingang angesprochen');
  await expect(visit.getByRole('checkbox', { name: 'Personengruppe anwesend' })).toBeChecked();
  await expect(report).toHaveValue('resolved');
  await expectNoAxeViolations(page);
  await visit.getByRole('checkbox', { name: 'Nichts Auffälliges' }).uncheck();
  await visit.getByRole('button', { name: 'Besuch protokollieren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Besuch wurde protokolliert.' })).toBeVisible();
  const entries = page.getByRole('table', { name: 'Besuche, in zeitlicher Reihenfolge' });
  await expect(entries).toContainText('Personengruppe anwesend');
  await expect(entries).toContainText(`${ref} → Erledigt`);
  await expect(entries).toContainText('Gruppe am Eingang angesprochen');
  // The message stands in the log, where the next stop is logged, not at the top of a long page.
  await expect(page).toHaveURL(/[?&]at=log#log$/);
  await expectNoAxeViolations(page);

  // Finishing the shift cannot be undone: it asks once more, and No leaves the plan as it is.
  const stopCount = await page.locator('details.patrol-log-stop').count();
  const finish = page.getByRole('button', { name: 'Schicht abschließen' });
  await finish.click();
  const yes = page.getByRole('button', { name: 'Ja, abschließen' });
  await expect(yes).toBeFocused();
  await expect(yes).toHaveAccessibleDescription(/^Schicht abschließen\? Danach lassen sich keine Besuche mehr protokollieren/);
  await page.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(finish).toBeFocused();
  await expect(page.locator('details.patrol-log-stop')).toHaveCount(stopCount);
  await finish.click();
  await yes.click();
  // The status form is gone with the shift: the message is at the top, where the focus is.
  await expect(page.getByRole('status').filter({ hasText: 'Die Schicht ist abgeschlossen.' })).toBeFocused();
  await expect(page.locator('details.patrol-log-stop')).toHaveCount(0);
  const planUrl = page.url().split('?')[0];
  await page.goto('/staff/patrols');
  const row = page.getByRole('row').filter({ has: page.locator(`a[href$="${new URL(planUrl).pathname}"]`) });
  await expect(row.getByRole('cell').filter({ hasText: new RegExp(`^${stopCount}$`) })).toHaveCount(1);

  // The report's own page shows the step in its history.
  await page.goto(`/staff/reports/${ref}`);
  await expect(page.getByText('Erledigt').first()).toBeVisible();
  expect(foreign).toEqual([]);
});

test('coordinators read plans but cannot create them', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await page.getByRole('navigation', { name: 'Mitarbeiterbereich' }).getByRole('link', { name: 'Streifen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Streifenpläne' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Neuer Streifenplan' })).toHaveCount(0);
  const response = await page.goto('/staff/patrols/new');
  expect(response?.status()).toBe(403);
});
