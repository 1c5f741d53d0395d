'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { EMBED_MESSAGES } from '@/lib/embed/snippet';

/**
 * Inside the city's page (the widget in a frame): tells the page how tall the widget is, whenever
 * that changes, and when it moved on to another page, so the snippet's script can fit the frame
 * and show the top of the new page (lib/embed/snippet.ts). Outside a frame it does nothing.
 */
export function EmbedFrame() {
  const pathname = usePathname();
  const firstPath = useRef(true);

  useEffect(() => {
    if (window.parent === window) return;
    const tell = () => window.parent.postMessage({ type: EMBED_MESSAGES.height, height: document.body.getBoundingClientRect().height }, '*');
    const observer = new ResizeObserver(tell);
    observer.observe(document.body);
    tell();
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    if (window.parent !== window) window.parent.postMessage({ type: EMBED_MESSAGES.navigated }, '*');
  }, [pathname]);

  return null;
}
