'use client';

import { useTranslations } from 'next-intl';

/**
 * What stands in a map's place until someone asks for it (issue 5: a public page loads no map code
 * until the map is needed; Leaflet's start-up alone cost the map pages their performance score).
 * It is the map's box, so nothing moves when the map arrives. Pointing at it or focusing its button
 * starts fetching the map's code, so the click that shows it rarely waits.
 */
export function MapPreview({ text, withoutScript, preload, onShow }: { text?: string; withoutScript?: string; preload: () => void; onShow: () => void }) {
  const t = useTranslations('map');
  return (
    <div className="map map--preview" onPointerEnter={preload} onPointerDown={preload} onFocus={preload}>
      {text && <p className="needs-script">{text}</p>}
      {withoutScript && (
        <noscript>
          <p>{withoutScript}</p>
        </noscript>
      )}
      {/* Without script it could not load anything: hidden then (SiteBody's noscript style). */}
      <button type="button" className="button needs-script" onClick={onShow}>
        {t('show')}
      </button>
    </div>
  );
}
