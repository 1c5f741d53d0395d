import type { MetadataRoute } from 'next';
import { locales } from '@/lib/i18n/routing';

/**
 * /robots.txt: search engines may read the public pages, not the staff area (whose pages also say
 * noindex) nor the APIs, which are for other systems.
 */
export default function robots(): MetadataRoute.Robots {
  const staff = ['/staff', ...locales.map((locale) => `/${locale}/staff`)];
  return { rules: { userAgent: '*', allow: '/', disallow: [...staff, '/api/'] } };
}
