import './globals.css';
import { getLocale } from 'next-intl/server';
import { SiteBody } from '@/components/site-body';
import NotFound from './[locale]/not-found';

export { generateMetadata } from './[locale]/not-found';
export { viewport } from './[locale]/layout';

/**
 * The 404 page of addresses that no route serves, in the language of the address (proxy.ts tells
 * next-intl). Next.js renders a page's own notFound() only in the browser (vercel/next.js #62228):
 * without JavaScript that page is blank. This one is in the HTML.
 */
export default async function GlobalNotFound() {
  return (
    <html lang={await getLocale()}>
      <SiteBody>
        <NotFound />
      </SiteBody>
    </html>
  );
}
