'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/admin/form-state';
import { requireRole } from '@/lib/auth/require';
import { formDataOf } from '@/lib/http/form-data';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { DISTRICT_IMPORT_MAX_BYTES, importDistricts, parseDistrictText, validateDistrictCollection, type DistrictImportError } from '@/lib/districts/import';

// Admin only: the action checks the role itself (tests/integration/authorization-matrix.test.ts).

function problems(errors: DistrictImportError[]): FormState['problems'] {
  return errors.map(({ code, ...params }) => ({
    code,
    params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null)) as Record<string, string | number>,
  }));
}

/**
 * Imports districts from an uploaded GeoJSON file or pasted text (the file wins when both are
 * given), replacing the current ones and assigning every report again.
 */
export async function importDistrictsAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  form = formDataOf(form);
  const file = form.get('file');
  const pasted = String(form.get('geojson') ?? '');
  let text = pasted;
  if (file instanceof File && file.size > 0) {
    if (file.size > DISTRICT_IMPORT_MAX_BYTES) return { status: 'invalid', fields: { file: 'too_large' } };
    text = await file.text();
  }
  // The pasted text is not sent back (it may be megabytes); the form keeps it (district-import-form.tsx).
  if (!text.trim()) return { status: 'invalid', fields: { geojson: 'geojson_required' } };
  const parsed = parseDistrictText(text);
  if (!parsed.ok) return { status: 'invalid', fields: { geojson: 'geojson_invalid' }, problems: problems(parsed.errors) };
  const validation = validateDistrictCollection(parsed.value, getCityConfig().bounds);
  if (!validation.ok) return { status: 'invalid', fields: { geojson: 'geojson_invalid' }, problems: problems(validation.errors) };
  const result = await importDistricts(await getDb(), admin, validation.districts);
  if (!result.ok) return { status: 'invalid', fields: { geojson: 'geojson_refused' }, problems: problems(result.errors) };
  revalidatePath('/[locale]/staff/admin/districts', 'page');
  const { created, updated, removed, reportsReassigned } = result;
  return { status: 'saved', notice: { code: 'districtsImported', params: { created, updated, removed, reports: reportsReassigned } } };
}
