import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getFeedEntries } from '@/lib/dialogues/queries';
import { withApiErrors } from '@/lib/http/api';
import { requestOrigin } from '@/lib/http/origin';
import { getMessages, negotiateLocale } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** GET /feed.xml — Atom feed of published dialogues and progress on public measures. */
export const GET = withApiErrors(async (request: Request) => {
  const url = new URL(request.url);
  const locale = negotiateLocale(url.searchParams.get('locale'), null);
  const origin = requestOrigin(request);
  const self = `${origin}/feed.xml${locale === 'de' ? '' : `?locale=${locale}`}`;
  const prefix = locale === 'de' ? '' : `/${locale}`;
  const entries = await getFeedEntries(await getDb(), locale);
  const city = getCityConfig();
  const title = `${getMessages(locale).common.siteName.replace('{city}', city.name)} – ${getMessages(locale).dialogues.title}`;
  const updated = (entries[0]?.updated ?? new Date(0)).toISOString();
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <title>${escapeXml(title)}</title>
  <id>${escapeXml(self)}</id>
  <link rel="self" href="${escapeXml(self)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${origin}${prefix}/dialogues`)}"/>
  <updated>${updated}</updated>
  <author><name>${escapeXml(city.operator.name)}</name></author>
${entries
  .map(
    (e) => `  <entry>
    <id>${escapeXml(`${origin}/feed/${e.id}`)}</id>
    <title>${escapeXml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(`${origin}${prefix}${e.path}`)}"/>
    <updated>${e.updated.toISOString()}</updated>
    <summary>${escapeXml(e.summary)}</summary>
    <category term="${e.kind}"/>
  </entry>`,
  )
  .join('\n')}
</feed>
`;
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' } });
});
