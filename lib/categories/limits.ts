/** A category's weight w_i in the priority score (DESIGN.md, "Patrol priorities"): the admin form's and the city seed's range. */
export const CATEGORY_WEIGHT_MAX = 10;
/** The smallest weight: below it a category counts for next to nothing, and the column (`real`) cannot hold every smaller positive number. */
export const CATEGORY_WEIGHT_MIN = 0.01;
/** The largest position in the report form's list of categories (0 first). */
export const CATEGORY_SORT_MAX = 1000;

/** A category's identifier (slug): its length in characters. */
export const CATEGORY_SLUG_MIN = 2;
export const CATEGORY_SLUG_MAX = 40;

/** The limits as the values the admin texts name them by (messages/*.json: `{weightMin, number}` …), so no text repeats a number. */
export const categoryLimits = {
  weightMin: CATEGORY_WEIGHT_MIN,
  weightMax: CATEGORY_WEIGHT_MAX,
  sortMax: CATEGORY_SORT_MAX,
  slugMin: CATEGORY_SLUG_MIN,
  slugMax: CATEGORY_SLUG_MAX,
};
