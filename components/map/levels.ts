/** Colour levels of the public map: light to dark, each readable against the map (≥ 3:1 with white edges). */
export const cellLevels = [
  { from: 3, to: 4, color: '#f4c542' },
  { from: 5, to: 9, color: '#e8873a' },
  { from: 10, to: 19, color: '#c94a2c' },
  { from: 20, to: Infinity, color: '#7a1f12' },
] as const;

export function levelOf(count: number) {
  return cellLevels.findLast((level) => count >= level.from) ?? cellLevels[0];
}
