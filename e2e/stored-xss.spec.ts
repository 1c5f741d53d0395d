import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signInAsStaff } from './helpers';

/*
 * Stored XSS (issue 7, "Security"): well-known payloads go in wherever people can write text —
 * a resident's description, staff notes, the redacted public description, a reply to the
 * reporter, every text of a dialogue, a concern, a measure and its progress, a user's name, a
 * category's label, a legal page's Markdown — and then every page that shows them is opened.
 * No script may run (no dialog, no call of the page's `xss()` marker, no blocked attempt in the
 * CSP report), no element or javascript: link may come out of the payloads, and the markup shows
 * as text. Seeded through the public and staff APIs where they exist, through the forms otherwise.
 */

// A missing field fails in seconds, not at the test's timeout.
test.use({ actionTimeout: 15_000 });

// Every injected element would carry data-xss; every script would call xss(n) or alert(n).
const corpus = [
  '<script>xss(1)</script>',
  '<img data-xss src=x onerror="xss(2)">',
  '<svg data-xss onload="xss(3)"><circle r="1"/></svg>',
  '"><script>xss(4)</script>',
  "'><img data-xss src=x onerror=xss(5)>",
  '" onmouseover="xss(6)" autofocus onfocus="xss(6)" data-xss="',
  '[Klick mich](javascript:xss(7))',
  '[Auch ich](JaVaScRiPt:alert(7))',
  '![Bild](x" onerror="xss(8))',
  '<a data-xss href="javascript:xss(9)">Link</a>',
  '<iframe data-xss srcdoc="<script>parent.xss(10)</script>"></iframe>',
  '<details data-xss open ontoggle="xss(11)">x</details>',
  '${xss(12)} {{constructor.constructor("xss(13)")()}} #{xss(14)}',
  '<math><mtext><table><mglyph><style><img data-xss src=x onerror=xss(15)>',
  '<div data-xss style="background:url(javascript:xss(16))">x</div>',
  '</textarea></title></style><script>xss(17)</script>',
  '<body data-xss onload=alert(18)>',
].join('\n');
/** For fields with a short maximum (names, labels, titles). */
const short = '"><img data-xss src=x onerror=xss(21)>';
const shortSvg = "'><svg data-xss onload=alert(22)>";

type Hits = { dialogs: string[]; console: string[] };

/** Watches a page for anything a payload could do: dialogs, the marker, CSP refusals. */
async function watch(page: Page): Promise<Hits> {
  const hits: Hits = { dialogs: [], console: [] };
  await page.addInitScript(() => {
    (window as unknown as { xss: (n: number) => void }).xss = (n: number) => console.log(`XSS-EXECUTED ${n}`);
  });
  page.on('dialog', async (dialog) => {
    hits.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/XSS-EXECUTED|Content Security Policy|Refused to (execute|load)/i.test(message.text())) hits.console.push(message.text());
  });
  return hits;
}

/** Opens a page and checks that the payloads there are inert and shown as text. */
async function expectInert(page: Page, hits: Hits, path: string, shownText: string | RegExp = /xss\(\d+\)|alert\(\d+\)/) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState('networkidle');
  // Hover and focus everything that might carry an injected handler.
  await page.mouse.move(200, 300);
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-xss]'), path).toHaveCount(0);
  await expect(page.locator('[href^="javascript:" i], [src^="javascript:" i], [onerror], [onload], [onmouseover], [onfocus], [ontoggle]'), path).toHaveCount(0);
  await expect(page.locator('iframe'), path).toHaveCount(0);
  // A Markdown link whose target was unsafe is its text, not a link back to the page.
  await expect(page.locator('main a[href=""], main a:not([href])'), path).toHaveCount(0);
  // textContent: also what sits in a closed <details> (the audit log's before and after).
  expect(await page.locator('body').textContent(), path).toMatch(shownText);
  expect(hits.dialogs, path).toEqual([]);
  expect(hits.console, path).toEqual([]);
}

async function submitReport(request: APIRequestContext, data: Record<string, unknown>) {
  const response = await request.post('/api/reports', {
    data: { lat: 51.6139, lon: 7.5231, category: 'poor-lighting', feeling: 3, when: { always: true }, locale: 'de', ...data },
    headers: { 'x-forwarded-for': '192.0.2.201' },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).ref as string;
}

/** One change to a report through the staff API, with the version it has now. */
async function patchReport(page: Page, ref: string, change: Record<string, unknown>) {
  const current = await page.request.get(`/api/staff/reports/${ref}`);
  expect(current.status()).toBe(200);
  const { version } = (await current.json()) as { version: number };
  const response = await page.request.patch(`/api/staff/reports/${ref}`, { data: { version, ...change } });
  expect(response.status(), await response.text()).toBe(200);
}

test('stored payloads stay text on every page that shows them', async ({ page, request }) => {
  test.setTimeout(240_000);
  const hits = await watch(page);

  // --- Seeding --------------------------------------------------------------------------------
  // A resident's report (description and address), and one in the payload category (below).
  const ref = await submitReport(request, { description: corpus, email: 'xss-melderin@example.org' });
  await signInAsStaff(page, 'admin@example.org');

  // Triage: a note, the redacted public description, a reply to the reporter, a status change with a reason.
  await patchReport(page, ref, { note: corpus });
  await patchReport(page, ref, { publicDescription: corpus });
  await patchReport(page, ref, { reply: corpus });
  await patchReport(page, ref, { status: 'in_review' });

  // Admin: a user with a payload name, a category with payload labels, a legal page's Markdown.
  await page.goto('/staff/admin/users/new');
  await page.getByLabel('Name', { exact: true }).fill(short);
  await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(`xss-${Date.now()}@stadt.example`);
  await page.getByRole('checkbox', { name: /^Polizei/ }).check();
  await page.getByLabel('Anfangspasswort').fill('Laternen leuchten am Kanal');
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/users\/\d+\?saved=created/);
  const userPath = new URL(page.url()).pathname;

  await page.goto('/staff/admin/categories/new');
  await page.locator('[name="slug"]').fill('xss-probe');
  await page.locator('[name="labelDe"]').fill(short);
  await page.locator('[name="labelEn"]').fill(shortSvg);
  await page.locator('[name="descriptionDe"]').fill(corpus.slice(0, 200));
  await page.locator('[name="weight"]').fill('1');
  await page.getByRole('button', { name: 'Kategorie hinzufügen' }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/categories\?saved=xss-probe/);
  const probeRef = await submitReport(request, { category: 'xss-probe', description: short });

  await page.goto('/staff/admin/api-keys');
  await page.getByLabel('Name des Systems').fill(short);
  await page.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
  await expect(page.getByText('Er wird nur jetzt angezeigt.')).toBeVisible();

  await page.goto('/staff/admin/settings/texts/impressum/tr');
  await page.getByLabel('Text (Markdown)').fill(`# Künye ${short}\n\n${corpus}`);
  await page.getByRole('button', { name: 'Text speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: /gespeichert/i })).toBeVisible();

  // A dialogue with payloads in every text, a concern, a measure with progress; then published.
  await page.goto('/staff/dialogues/new');
  await page.getByLabel('Stadtteil').selectOption({ label: 'Brambauer' });
  await page.getByLabel('Datum des Dialogs').fill('2026-11-20');
  await page.getByLabel('Veranstaltungsort').fill(short);
  await page.getByLabel('Veranstaltet von (freiwillig)').fill(shortSvg);
  await page.getByRole('group', { name: 'Titel', exact: true }).getByLabel('Deutsch', { exact: true }).fill(`XSS-Dialog ${short}`);
  await page.getByRole('group', { name: 'Titel', exact: true }).getByLabel('Englisch (freiwillig)').fill(`XSS dialogue ${shortSvg}`);
  await page.getByRole('group', { name: 'Zusammenfassung' }).getByLabel('Deutsch', { exact: true }).fill(corpus);
  await page.getByRole('button', { name: 'Dialog anlegen' }).click();
  await expect(page).toHaveURL(/\/staff\/dialogues\/\d+\?saved=created$/);
  const dialogueId = /\/staff\/dialogues\/(\d+)/.exec(page.url())![1];

  await page.getByRole('link', { name: 'Anliegen hinzufügen' }).click();
  await page.getByRole('group', { name: 'Anliegen', exact: true }).getByLabel('Deutsch', { exact: true }).fill(corpus.slice(0, 500));
  await page.getByRole('button', { name: 'Anliegen speichern' }).click();
  await expect(page).toHaveURL(/saved=concern#concerns$/);

  await page.getByRole('link', { name: 'Maßnahme hinzufügen' }).click();
  await page.getByRole('group', { name: 'Titel der Maßnahme' }).getByLabel('Deutsch', { exact: true }).fill(`XSS-Maßnahme ${short}`);
  await page.getByRole('group', { name: 'Beschreibung' }).getByLabel('Deutsch (freiwillig)').fill(corpus.slice(0, 1000));
  await page.getByRole('radio', { name: 'Stadt' }).check();
  await page.getByLabel('Zuständige Stelle (freiwillig)').fill(short);
  await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
  await expect(page).toHaveURL(/saved=measure_created#measures$/);

  await page.getByRole('button', { name: 'Zur Prüfung geben' }).click();
  await expect(page).toHaveURL(/saved=submit/);
  await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
  await expect(page).toHaveURL(/saved=publish/);

  await page.getByRole('region', { name: 'Vereinbarte Maßnahmen' }).getByRole('link', { name: /XSS-Maßnahme/ }).click();
  const measurePath = new URL(page.url()).pathname;
  await page.getByRole('group', { name: 'Was ist geschehen?' }).getByLabel('Deutsch', { exact: true }).fill(corpus.slice(0, 500));
  await page.getByRole('radio', { name: 'Neu: In Arbeit' }).check();
  await page.getByRole('button', { name: 'Fortschritt speichern' }).click();
  await expect(page).toHaveURL(/saved=progress/);

  // --- Every page that shows them ---------------------------------------------------------------
  const staffPages = [
    '/staff/reports',
    `/staff/reports?q=${encodeURIComponent('xss(')}`,
    `/staff/reports/${ref}`,
    `/staff/reports/${probeRef}`,
    '/staff',
    '/staff/admin/users',
    userPath,
    '/staff/admin/categories',
    '/staff/admin/categories/xss-probe',
    '/staff/admin/api-keys',
    '/staff/admin/audit',
    '/staff/admin/settings/texts/impressum/tr',
    '/staff/dialogues',
    `/staff/dialogues/${dialogueId}`,
    `/staff/dialogues/${dialogueId}/preview`,
    `/en/staff/dialogues/${dialogueId}/preview`,
    '/staff/measures',
    measurePath,
  ];
  for (const path of staffPages) await expectInert(page, hits, path);

  // The public pages, as a resident sees them (no session).
  await page.context().clearCookies();
  const publicPages = [
    '/',
    '/en',
    `/track/${ref}`,
    `/track/${probeRef}`,
    `/embed/track/${probeRef}`,
    '/report',
    '/en/report',
    '/embed/report',
    '/dialogues',
    `/dialogues/${dialogueId}`,
    `/en/dialogues/${dialogueId}`,
    '/districts/brambauer',
    '/measures',
    '/en/measures',
    '/tr/impressum',
  ];
  for (const path of publicPages) {
    // The track page shows the category's label; the report form lists it.
    await expectInert(page, hits, path, path.startsWith('/track/') && path.endsWith(ref) ? /./ : /xss\(\d+\)|alert\(\d+\)/);
  }

  // Feeds and data: their own content type (never HTML), the payloads escaped.
  const documents: [path: string, type: RegExp][] = [
    ['/feed.xml', /^application\/atom\+xml/],
    ['/api/open-data/measures.csv', /^text\/csv/],
    ['/api/open-data/measures.geojson', /^application\/geo\+json/],
    ['/api/categories', /^application\/json/],
    ['/api/open311/v2/services.xml', /^(application|text)\/xml/],
    ['/api/open311/v2/requests.xml?api_key=demo-open311-key', /^(application|text)\/xml/],
    ['/api/open311/v2/requests.json?api_key=demo-open311-key', /^application\/json/],
  ];
  for (const [path, type] of documents) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toMatch(type);
    expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
    const body = await response.text();
    if (/xml/.test(response.headers()['content-type'])) {
      expect(body, path).not.toMatch(/<(script|img|svg|iframe)\b/i);
    }
  }
  const feed = await (await request.get('/feed.xml')).text();
  expect(feed).toContain('XSS-Dialog &quot;&gt;&lt;img data-xss');

  // The feed opened in the browser runs nothing either.
  await page.goto('/feed.xml');
  expect(hits.dialogs).toEqual([]);
  expect(hits.console).toEqual([]);
});
