import { cellToBoundary, cellToLatLng, gridDisk } from 'h3-js';
import { haversineMetresRaw } from '@/lib/geo/distance';

/**
 * H3 cells numbered 0, 1, 2, … so the scoring loop can use typed arrays instead of maps keyed by
 * strings. Centres, ring-1 neighbours and circumradii are looked up once per cell and kept.
 */
export class CellTable {
  private readonly indexById = new Map<string, number>();
  readonly ids: string[] = [];
  readonly lat: number[] = [];
  readonly lon: number[] = [];
  private readonly ring1 = new Map<number, Int32Array>();
  private readonly radius = new Map<number, number>();

  get size(): number {
    return this.ids.length;
  }

  /** The number of a cell, adding it when new. */
  intern(id: string): number {
    let i = this.indexById.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.indexById.set(id, i);
      this.ids.push(id);
      const [lat, lon] = cellToLatLng(id);
      this.lat.push(lat);
      this.lon.push(lon);
    }
    return i;
  }

  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  /** The cells that share an edge with cell i (H3 ring 1, without i itself). */
  neighboursOf(i: number): Int32Array {
    let ring = this.ring1.get(i);
    if (!ring) {
      const id = this.ids[i];
      ring = Int32Array.from(
        gridDisk(id, 1)
          .filter((n) => n !== id)
          .map((n) => this.intern(n)),
      );
      this.ring1.set(i, ring);
    }
    return ring;
  }

  /** Distance from the centre to the farthest corner of cell i, in metres (≈ 66–76 m at resolution 10). */
  circumradiusOf(i: number): number {
    let r = this.radius.get(i);
    if (r === undefined) {
      r = 0;
      for (const [lat, lon] of cellToBoundary(this.ids[i])) {
        r = Math.max(r, haversineMetresRaw(this.lat[i], this.lon[i], lat, lon));
      }
      this.radius.set(i, r);
    }
    return r;
  }
}
