import type { TimeOfDay, Weekday } from '@/lib/reports/types';

/**
 * The resident's draft, kept in localStorage until the server confirms it, so a reload or a lost
 * connection loses nothing. Its idempotency key makes a retried submission return the same report.
 */
export type Draft = {
  idempotencyKey: string;
  lat: number | null;
  lon: number | null;
  category: string;
  feeling: number | null;
  always: boolean;
  times: TimeOfDay[];
  days: Weekday[];
  description: string;
  email: string;
};

const DRAFT_KEY = 'sicherheitsportal:report-draft';
const TOKEN_KEY = 'sicherheitsportal:reporter-token';

/** The form as the server renders it: nothing chosen, and no key yet (the browser makes one). */
export const blankDraft: Draft = {
  idempotencyKey: '',
  lat: null,
  lon: null,
  category: '',
  feeling: null,
  always: false,
  times: [],
  days: [],
  description: '',
  email: '',
};

export function newDraft(): Draft {
  return { ...blankDraft, idempotencyKey: crypto.randomUUID() };
}

export function loadDraft(): Draft | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    if (!raw) return null;
    const draft = { ...newDraft(), ...(JSON.parse(raw) as Partial<Draft>) };
    return typeof draft.idempotencyKey === 'string' && draft.idempotencyKey.length >= 8 ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft) {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or blocked (private mode): the form still works, only without the safety net.
  }
}

export function clearDraft() {
  try {
    localStorage.removeItem(DRAFT_KEY);
  } catch {
    // see saveDraft
  }
}

/** True when the resident has entered anything worth restoring. */
export function hasContent(draft: Draft): boolean {
  return (
    draft.lat !== null ||
    draft.category !== '' ||
    draft.feeling !== null ||
    draft.always ||
    draft.times.length > 0 ||
    draft.days.length > 0 ||
    draft.description !== '' ||
    draft.email !== ''
  );
}

/**
 * A random token this browser keeps so that one person's repeated reports count once in scoring.
 * The server stores only a keyed hash of it; it is no fingerprint and can be cleared any time.
 */
export function reporterToken(): string | null {
  try {
    let token = localStorage.getItem(TOKEN_KEY);
    if (!token) {
      token = crypto.randomUUID();
      localStorage.setItem(TOKEN_KEY, token);
    }
    return token;
  } catch {
    return null;
  }
}
