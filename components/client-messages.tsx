import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Messages } from '@/lib/i18n/messages';

/**
 * Gives the client components inside it the message namespaces they use, and no others. Every
 * message handed to the client is serialised into the page, and all of them are over 60 kB per
 * language, so each page names what its client components need (issue 5: fast on a phone).
 * A nested provider replaces the outer one's messages: list everything the subtree uses.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly (keyof Messages)[]; children: ReactNode }) {
  const messages = await getMessages();
  const picked = Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
