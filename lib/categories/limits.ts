/** A category's weight w_i in the priority score (DESIGN.md, "Patrol priorities"): the admin form's and the city seed's range. */
export const CATEGORY_WEIGHT_MAX = 10;
/** The smallest weight: below it a category counts for next to nothing, and the column (`real`) cannot hold every smaller positive number. */
export const CATEGORY_WEIGHT_MIN = 0.01;
