/**
 * Colour levels of the priorities map, by a cell's score relative to the best cell shown: the public
 * map's colours (components/map/levels.ts, each ≥ 3:1 against the map with white edges). The list
 * beside the map gives every number in text, so colour is never the only cue.
 */
export const scoreLevels = [
  { key: 'low', from: 0, color: '#f4c542' },
  { key: 'medium', from: 0.25, color: '#e8873a' },
  { key: 'high', from: 0.5, color: '#c94a2c' },
  { key: 'top', from: 0.75, color: '#7a1f12' },
] as const;

export function scoreLevelOf(score: number, best: number) {
  const share = best > 0 ? score / best : 0;
  return scoreLevels.findLast((level) => share >= level.from) ?? scoreLevels[0];
}
