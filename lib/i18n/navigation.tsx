import type { ComponentProps } from 'react';
import { createNavigation } from 'next-intl/navigation';
import { routing } from './routing';

const navigation = createNavigation(routing);
export const { redirect, usePathname, useRouter, getPathname } = navigation;

/**
 * next-intl's locale-aware link, without prefetching unless a link asks for it. Every page is
 * rendered per request (its CSP nonce), so a prefetch fetches each linked page's server payload
 * while the page is still starting: on the home page a dozen requests, and main-thread work on the
 * phone of a resident who will follow one link at most. Without it a link costs one request on click.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof navigation.Link>) {
  return <navigation.Link prefetch={prefetch} {...props} />;
}
