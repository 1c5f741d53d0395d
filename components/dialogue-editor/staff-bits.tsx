import { FocusOnArrival } from '@/components/focus-on-arrival';
import '@/components/dialogue-editor/editor.css';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { PickerCity, PickerDistrict } from '@/components/map/location-picker';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import type { DialogueStatus } from '@/lib/db/schema';
import { getStaffDialogue, type StaffDialogue } from '@/lib/dialogues/staff-queries';
import { districtsByName } from '@/lib/reports/service';

/* Small server-rendered pieces shared by the coordinators' pages. */

const savedMessages = [
  'created',
  'dialogue',
  'submit',
  'return_to_draft',
  'publish',
  'unpublish',
  'concern',
  'concern_removed',
  'concern_moved',
  'measure_created',
  'measure',
  'progress',
  'measure_published',
  'measure_unpublished',
] as const;
type SavedMessage = (typeof savedMessages)[number];

/** The section a step was taken in (its redirect's anchor), where its message shows; the others show at the top. */
const savedSections: Partial<Record<SavedMessage, string>> = { concern: 'concerns', concern_removed: 'concerns', concern_moved: 'concerns', progress: 'progress' };

/**
 * The confirmation after a redirect from a server action (?saved=…), announced to screen readers
 * and focused, in the section the step was taken in (`section`; none: the page's top), so that the
 * keyboard goes on from there; `version` (the edited item's) makes each change's message a new one
 * to focus.
 */
export async function SavedNotice({ saved, version, section }: { saved: string | string[] | undefined; version: number; section?: string }) {
  const t = await getTranslations('dialogueEditor');
  const found = savedMessages.find((m) => m === saved) as SavedMessage | undefined;
  const key = found && savedSections[found] === section ? found : undefined;
  return (
    <div role="status" className="editor-saved">
      {key && (
        <FocusOnArrival key={version} className="notice notice--success">
          <p>{t(`saved.${key}`)}</p>
        </FocusOnArrival>
      )}
    </div>
  );
}

export async function DialogueStatusBadge({ status }: { status: DialogueStatus }) {
  const t = await getTranslations('dialogueEditor');
  return <span className={`editor-status editor-status--${status}`}>{t(`statuses.${status}`)}</span>;
}

/** What the place picker needs: the city's map settings and its districts (to name the chosen place). */
export async function pickerData(db: Db): Promise<{ city: PickerCity; districts: PickerDistrict[] }> {
  const city = getCityConfig();
  const rows = await districtsByName(db);
  return {
    city: { name: city.name, center: city.center, zoom: city.zoom, minZoom: city.minZoom, maxZoom: city.maxZoom, bounds: city.bounds },
    districts: rows.map(({ id, slug, name, geometry, bbox }) => ({ id, slug, name, geometry, bbox })),
  };
}

/** A route parameter that must be an id; anything else is "not found". */
export function parseId(value: string): number | null {
  return /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

/** The dialogue a coordinator's page names by its `[id]`; the 404 page when that is malformed or unknown. */
export async function staffDialogueOrNotFound(db: Db, id: string): Promise<StaffDialogue> {
  const dialogueId = parseId(id);
  if (dialogueId === null) notFound();
  const dialogue = await getStaffDialogue(db, dialogueId);
  if (!dialogue) notFound();
  return dialogue;
}
