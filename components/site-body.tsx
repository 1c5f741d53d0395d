import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/client-messages';
import { EmbedFrame } from '@/components/embed-frame';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';

/**
 * The page's body around its content: skip link, header, main, footer — or, in the widget for the
 * city's website (`embed`), the content and a compact footer. Shared by the language layout and the
 * not-found page of addresses no route serves (app/global-not-found.tsx).
 */
export async function SiteBody({ embed = false, children }: { embed?: boolean; children: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <body className={embed ? 'embed' : undefined}>
      {/* What only works with script (a map that loads when asked for) is hidden without it. */}
      <noscript>
        <style>{'.needs-script{display:none!important}'}</style>
      </noscript>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      {/* The language switch and error.tsx; pages add what their own client components need. */}
      <ClientMessages namespaces={['common']}>
        {!embed && <SiteHeader />}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter compact={embed} />
        {embed && <EmbedFrame />}
      </ClientMessages>
    </body>
  );
}
