'use client';

import dynamic from 'next/dynamic';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { PickerCity } from './location-picker';
import { MapLoading } from './map-loading';
import { MapPreview } from './map-preview';

/** `color` overrides the public map's count levels (the priorities map colours by score). */
export type MapCell = { cell: string; count: number; ring: number[][]; label: string; color?: string };

/**
 * A hexagon someone asked to see on the map; a new object for every request, also for the same
 * cell. `returnTo`: the button that asked, which Escape on the map goes back to.
 */
export type CellTarget = { cell: string; returnTo?: HTMLElement };

const CellMapLeaflet = dynamic(() => import('./cell-map-leaflet'), {
  ssr: false,
  loading: () => <MapLoading />,
});

// The same chunk as above, fetched ahead of the click that shows the map; a failure shows when it renders.
const preload = () => void import('./cell-map-leaflet').catch(() => undefined);

const TargetContext = createContext<{ target: CellTarget | null; showCell: (target: CellTarget) => void } | null>(null);

/**
 * Joins a hexagon map to the table beside it: a row's ShowCellButton loads the map if needed,
 * zooms to its hexagon and opens its popup.
 */
export function CellMapScope({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<CellTarget | null>(null);
  const value = useMemo(() => ({ target, showCell: (next: CellTarget) => setTarget(next) }), [target]);
  return <TargetContext.Provider value={value}>{children}</TargetContext.Provider>;
}

export function ShowCellButton({ cell, children }: { cell: string; children: ReactNode }) {
  const scope = useContext(TargetContext);
  return (
    <button type="button" className="button button--small button--secondary needs-script" onClick={(event) => scope?.showCell({ cell, returnTo: event.currentTarget })}>
      {children}
    </button>
  );
}

/**
 * The public hexagon map; its text alternative is the table the page renders beside it. With
 * `preview` (a public page), that text and a button stand in its place until someone asks for it.
 */
export function CellMap({
  preview,
  previewWithoutScript,
  ...props
}: {
  city: PickerCity;
  cells: MapCell[];
  mapLabel?: string;
  preview?: string;
  /** What stands in the map's place when the browser runs no script. */
  previewWithoutScript?: string;
}) {
  const target = useContext(TargetContext)?.target ?? null;
  const [asked, setAsked] = useState(preview === undefined);
  if (!asked && !target) return <MapPreview text={preview} withoutScript={previewWithoutScript} preload={preload} onShow={() => setAsked(true)} />;
  return <CellMapLeaflet {...props} target={target} focusOnLoad={preview !== undefined && !target} />;
}
