/**
 * Which parts of a published whole may be shown, so that no figure and no subtraction singles out
 * 1 to k − 1 reports (the privacy rule k ≥ 3).
 *
 * A part (a category in a hexagon, a district and category in a month) carries one figure per
 * column: the first is the one shown; any further ones are what the public can work out beside it
 * (e.g. a category's reports at other times of day, from its figure over the whole day). Each
 * column has its whole, which the public knows or can work out too.
 *
 * A part is shown only if its first figure is at least k and its others are 0 or at least k. Then
 * each column's remainder (its whole minus the shown parts, i.e. the hidden parts together) must be
 * 0 or at least k, else subtracting would show how many the hidden parts hold. Where it is not, the
 * shown part smallest in that column (and at least k in it) is hidden too, which makes the remainder
 * at least k. Hiding a part adds 0 or at least k to every other column's remainder, so a column set
 * right stays right, and one step per column is enough. Where no shown part has k in that column,
 * the column's whole is itself 1 to k − 1, and nothing is shown.
 *
 * Any sum of shown parts taken from the whole then leaves the remainder plus whole parts: 0 or at
 * least k. Ties go to the earlier part, so the same figures always give the same answer.
 */
export function shownParts<K>(parts: readonly { key: K; counts: readonly number[] }[], wholes: readonly number[], k: number): Set<K> {
  let shown = parts.filter((p) => p.counts[0] >= k && p.counts.every((n) => n === 0 || n >= k));
  wholes.forEach((whole, column) => {
    const remainder = whole - shown.reduce((sum, p) => sum + p.counts[column], 0);
    if (remainder === 0 || remainder >= k) return;
    const fillers = shown.filter((p) => p.counts[column] >= k);
    if (fillers.length === 0) {
      shown = [];
      return;
    }
    const smallest = fillers.reduce((min, p) => (p.counts[column] < min.counts[column] ? p : min));
    shown = shown.filter((p) => p !== smallest);
  });
  return new Set(shown.map((p) => p.key));
}
