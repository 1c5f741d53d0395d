/** An unconfirmed follow is deleted after this many hours (double opt-in; lib/jobs/retention.ts). */
export const CONFIRM_TTL_HOURS = 48;

/** Follow requests one client may send per hour (the form's rate limit). */
export const FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR = 10;

/**
 * Confirmation e-mails one address may receive per hour, whoever asks: the form cannot be used to
 * flood someone's mailbox. Requests beyond it get the same answer and send nothing.
 */
export const CONFIRMATIONS_PER_ADDRESS_PER_HOUR = 3;
