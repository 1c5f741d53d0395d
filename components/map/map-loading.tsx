'use client';

import { useTranslations } from 'next-intl';

/** What every map shows in its box while its code (Leaflet) loads. */
export function MapLoading() {
  const t = useTranslations('map');
  return <div className="map map--loading">{t('loading')}</div>;
}
