/** How long texts and lists in the dialogue editor may be; shared by validation and the forms' maxLength. */
export const TITLE_MAX = 200;
export const SUMMARY_MAX = 20_000;
export const CONCERN_MAX = 2_000;
export const MEASURE_TEXT_MAX = 4_000;
export const SHORT_TEXT_MAX = 200;
export const ORGANISERS_MAX = 500;
export const PARTICIPANTS_MAX = 100_000;
export const AREA_MAX_CORNERS = 50;
export const LINKS_MAX = 50;

/** H3 resolution of priority cells (DESIGN.md, "Patrol priorities": scoring runs on resolution 10). */
export const PRIORITY_CELL_RESOLUTION = 10;
