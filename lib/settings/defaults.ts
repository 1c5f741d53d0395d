/**
 * Settings an admin may change, with the defaults every new database starts from.
 * Numbers with a source say where they come from (DESIGN.md).
 */
export const defaultSettings: {
  'privacy.k': number;
  'retention.emailDays': number;
  'embed.allowedOrigins': string[];
} = {
  /** Public aggregates show a cell only with at least k distinct reports; never below 3. */
  'privacy.k': 3,
  /** Days after which a reporter's e-mail address is deleted. */
  'retention.emailDays': 180,
  /** Sites that may embed the report widget in a frame (CSP frame-ancestors): https origins only. */
  'embed.allowedOrigins': [],
};

export type SettingKey = keyof typeof defaultSettings;

/** The privacy threshold may be raised by an admin, never lowered below 3. */
export const MIN_PRIVACY_K = 3;
