import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, recordForeignRequests, signInAsStaff, waitForMap } from './helpers';

// The demo logins and the demo's reports exist because playwright.config.ts sets SEED_DEMO=1; the
// demo seed fills the priority aggregates, so the page has ranked, gated places from the start.
const REASON = 'Hinweise aus der Schichtbesprechung am Bahnhof';

test('police see ranked places with reasons, filter to Friday evening and boost a place with a reason', async ({ page, baseURL }) => {
  const foreign = recordForeignRequests(page, baseURL!);
  await signInAsStaff(page, 'police@example.org');
  await page.getByRole('navigation', { name: 'Mitarbeiterbereich' }).getByRole('link', { name: 'Prioritäten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Streifenprioritäten' })).toBeVisible();
  await waitForMap(page);
  await expect(page.locator('.leaflet-interactive').first()).toBeVisible();

  // Each place says why, in words and numbers, and when people feel unsafe there.
  const first = page.getByRole('article', { name: /^Ort 1\b/ });
  await expect(first.getByText('Streifenpriorität', { exact: true })).toBeVisible();
  await expect(first.getByText(/\d+ Meldungen von \d+ verschiedenen meldenden Personen\./)).toBeVisible();
  await expect(first.getByText(/Neueste Meldung vor (\d+ Tagen?|weniger als einem Tag);/)).toBeVisible();
  await expect(first.getByText(/Unsicherheitsgefühl: im Mittel/)).toBeVisible();
  await expect(first.getByText(/Kategorien: /)).toBeVisible();
  await expect(first.getByText(/Gi\*-z-Wert/)).toBeVisible();
  const grid = first.getByRole('table', { name: /Wann man sich bei Ort 1 unsicher fühlt/ });
  await expect(grid.getByRole('rowheader', { name: 'Abends (18–22 Uhr)' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Wochenende (Sa, So)' })).toBeVisible();
  await expectNoAxeViolations(page);

  // A window of the week: Friday 20–24 h.
  const filters = page.getByRole('form', { name: 'Prioritäten filtern' });
  await filters.getByRole('checkbox', { name: 'Freitag' }).check();
  await filters.getByLabel('Von (Uhr)').fill('20');
  await filters.getByLabel('Bis (Uhr)').fill('24');
  await filters.getByRole('button', { name: 'Filter anwenden' }).click();
  await expect(page).toHaveURL(/days=fri/);
  await expect(page).toHaveURL(/from=20/);
  await expect(page.getByRole('status').filter({ hasText: /für Freitag, 20–24 Uhr, davon [1-9]\d* Streifenprioritäten?\./ })).toBeVisible();

  // Boost place 2: without a reason nothing is saved; with one it is, and the page shows who and why.
  const second = page.getByRole('article', { name: /^Ort 2\b/ });
  await second.getByText('Ort 2 hoch- oder herabstufen').click();
  const form = second.getByRole('form', { name: 'Ort 2 hoch- oder herabstufen' });
  await form.getByLabel('Faktor').fill('3');
  await form.getByRole('button', { name: 'Gewichtung speichern' }).click();
  await expect(form.getByText('Bitte eine Begründung angeben.')).toBeVisible();
  await expect(page.getByRole('table', { name: /Letzte manuelle Gewichtungen/ })).toHaveCount(0);
  await form.getByLabel('Begründung').fill(REASON);
  await form.getByRole('button', { name: 'Gewichtung speichern' }).click();
  // The ranking is recomputed and the place may move: the outcome stands by the weightings, focused.
  await expect(page.getByRole('status').filter({ hasText: 'Gewichtung gespeichert; die Rangliste ist neu berechnet.' })).toBeFocused();
  await expect(page).not.toHaveURL(/saved=/);
  await expect(page).toHaveURL(/days=fri/); // the ranking keeps its filters
  const history = page.getByRole('table', { name: /Letzte manuelle Gewichtungen/ });
  const row = history.getByRole('row').filter({ hasText: REASON });
  await expect(row).toContainText('Demo Polizei');
  await expect(row).toContainText('3,0');
  await expect(row).toContainText('aktiv');
  // The boosted place now carries its factor in the ranking.
  await expect(page.getByText(/manuell gewichtet ×3,0/).first()).toBeVisible();

  // Suppressed to 0, a place leaves the ranking and its forms with it: the table ends it.
  const top = page.getByRole('article', { name: /^Ort 1\b/ });
  // (Its form may be open already: the boosted place can have moved up to here.)
  await top.locator('details.priority-override').evaluate((details) => ((details as HTMLDetailsElement).open = true));
  const firstForm = top.getByRole('form', { name: 'Ort 1 hoch- oder herabstufen' });
  await firstForm.getByLabel('Faktor').fill('0');
  await firstForm.getByLabel('Begründung').fill('Baustelle, Ort gesperrt');
  await firstForm.getByRole('button', { name: 'Gewichtung speichern' }).click();
  const suppressed = history.getByRole('row').filter({ hasText: 'Baustelle, Ort gesperrt' });
  await expect(suppressed).toContainText('aktiv');
  await suppressed.getByLabel('Begründung für das Beenden').fill('Baustelle beendet');
  await suppressed.getByRole('button', { name: 'Gewichtung beenden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gewichtung beendet.' })).toBeFocused();
  await expect(suppressed).toContainText('beendet');
  await expect(suppressed.getByRole('button', { name: 'Gewichtung beenden' })).toHaveCount(0);
  expect(foreign).toEqual([]);
});

test('hours the filter cannot use stay in their fields, tied to the message, which takes the focus', async ({ page }) => {
  await signInAsStaff(page, 'coordinator@example.org');
  await page.goto('/staff/priorities');
  const filters = page.getByRole('form', { name: 'Prioritäten filtern' });
  // The hint on how to give a window is read with the hours.
  await expect(filters.getByLabel('Von (Uhr)')).toHaveAccessibleDescription(/^Zeitfenster der Woche, z\. B\. Freitag 20 bis 24 Uhr/);
  await expect(filters.getByLabel('Von (Uhr)')).not.toHaveAttribute('aria-invalid');

  await page.goto('/staff/priorities?from=25&to=abc');
  const refused = page.getByRole('alert').filter({ hasText: 'Einige Filter konnten nicht verwendet werden' });
  await expect(refused).toBeFocused();
  // 25 is kept to be corrected (a number field cannot hold "abc").
  await expect(filters.getByLabel('Von (Uhr)')).toHaveValue('25');
  for (const label of ['Von (Uhr)', 'Bis (Uhr)']) {
    const field = filters.getByLabel(label);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/^Uhrzeiten müssen ganze Zahlen sein: von 0 bis 23, bis 1 bis 24\. Zeitfenster der Woche/);
  }
  await refused.getByRole('link', { name: /^Uhrzeiten müssen ganze Zahlen sein/ }).click();
  await expect(filters.getByLabel('Von (Uhr)')).toBeFocused();
});

test('coordinators read the priorities and the weightings, but cannot boost', async ({ page }) => {
  await signInAsStaff(page, 'coordinator@example.org');
  await page.goto('/staff/priorities');
  await expect(page.getByRole('heading', { level: 1, name: 'Streifenprioritäten' })).toBeVisible();
  await expect(page.getByRole('article', { name: /^Ort 1\b/ })).toBeVisible();
  await expect(page.getByText(/hoch- oder herabstufen/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Gewichtung speichern' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: /Letzte manuelle Gewichtungen/ }).getByRole('row').filter({ hasText: REASON })).toBeVisible();
});
