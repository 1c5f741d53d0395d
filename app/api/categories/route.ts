import { NextResponse } from 'next/server';
import { listCategories } from '@/lib/categories/queries';
import { getDb } from '@/lib/db/client';
import { withApiErrors } from '@/lib/http/api';
import { negotiateLocale } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

/** GET /api/categories?locale=de|en|tr — active categories in the request's language. */
export const GET = withApiErrors(async (request: Request) => {
  const locale = negotiateLocale(new URL(request.url).searchParams.get('locale'), request.headers.get('accept-language'));
  const list = await listCategories(await getDb(), locale);
  return NextResponse.json(
    list.map(({ slug, label, description }) => (description ? { slug, label, description } : { slug, label })),
    // The language follows Accept-Language too: a cache must keep one answer per language.
    { headers: { 'Content-Language': locale, Vary: 'Accept-Language' } },
  );
});
