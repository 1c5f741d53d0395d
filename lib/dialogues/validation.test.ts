import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { getMessages } from '@/lib/i18n/messages';
import { locales } from '@/lib/i18n/routing';
import {
  concernInputSchema,
  dialogueInputSchema,
  editorErrorCodes,
  fieldErrorsOf,
  formToInput,
  formValues,
  measureInputSchema,
  measureUpdateInputSchema,
} from './validation';
import { errorValuesOf } from '@/lib/zod-checks';
import { describeGeometry } from './places';

const bounds = { minLat: 51.55, minLon: 7.4, maxLat: 51.67, maxLon: 7.64 };

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

function errors<T>(result: { success: true; data: T } | { success: false; error: Parameters<typeof fieldErrorsOf>[0] }) {
  return result.success ? {} : fieldErrorsOf(result.error);
}

const dialogueForm = {
  districtId: '3',
  heldOn: '2026-03-12',
  venue: ' Hansesaal ',
  participants: '64',
  organisers: '',
  'title.de': 'Sicherheitsdialog Nord',
  'title.en': '',
  'title.tr': '',
  'summary.de': 'Es ging um **Licht**.',
  'summary.en': 'It was about **light**.',
  'summary.tr': '   ',
};

describe('reading a form', () => {
  it('nests dotted names, keeps strings, ignores files and React’s own fields', () => {
    const data = form({ 'title.de': 'A', 'title.en': 'B', version: '3', $ACTION_ID_x: '' });
    data.append('upload', new Blob(['x']));
    expect(formToInput(data)).toEqual({ title: { de: 'A', en: 'B' }, version: '3' });
    expect(formValues(data)).toEqual({ 'title.de': 'A', 'title.en': 'B', version: '3' });
  });

  it('gives nothing for something that is not a form (server actions take any argument)', () => {
    expect(formToInput(undefined)).toEqual({});
    expect(formToInput({ title: 'x' })).toEqual({});
    expect(formValues('x')).toEqual({});
  });

  it('never writes through a prototype key (a form could otherwise change every object)', () => {
    const data = form({ '__proto__.polluted': 'yes', 'constructor.prototype.polluted': 'yes', 'title.__proto__': 'x', 'title.de': 'A' });
    expect(formToInput(data)).toEqual({ title: { de: 'A' } });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a dialogue', () => {
  it('accepts the form, trims, and drops empty translations and optional fields', () => {
    const parsed = dialogueInputSchema.parse(formToInput(form(dialogueForm)));
    expect(parsed).toEqual({
      districtId: 3,
      heldOn: '2026-03-12',
      venue: 'Hansesaal',
      participants: 64,
      organisers: undefined,
      title: { de: 'Sicherheitsdialog Nord' },
      summary: { de: 'Es ging um **Licht**.', en: 'It was about **light**.' },
    });
  });

  it('needs German title and summary, a district, a date and a venue', () => {
    const result = dialogueInputSchema.safeParse(formToInput(form({ 'title.en': 'Only English', 'summary.de': '' })));
    expect(errors(result)).toEqual({
      districtId: 'required',
      heldOn: 'required',
      venue: 'required',
      'title.de': 'required',
      'summary.de': 'required',
    });
  });

  it('refuses U+0000, which PostgreSQL cannot store, in a required and an optional text', () => {
    const result = dialogueInputSchema.safeParse(formToInput(form({ ...dialogueForm, 'title.de': 'Nord\u0000', organisers: 'Stadt\u0000' })));
    expect(errors(result)).toEqual({ 'title.de': 'invalid', organisers: 'invalid' });
  });

  it('names what is wrong with dates, numbers and lengths', () => {
    const result = dialogueInputSchema.safeParse(
      formToInput(form({ ...dialogueForm, heldOn: '2026-02-30', participants: '12.5', venue: 'x'.repeat(201), districtId: 'drei' })),
    );
    expect(errors(result)).toEqual({ heldOn: 'invalid_date', participants: 'not_a_whole_number', venue: 'too_long', districtId: 'not_a_whole_number' });
    expect(errors(dialogueInputSchema.safeParse({ ...formToInput(form(dialogueForm)), participants: '-1' }))).toEqual({ participants: 'participants_out_of_range' });
  });
});

describe('a concern', () => {
  const schema = concernInputSchema(bounds);
  const base = { text: { de: 'Dunkle Unterführung' } };

  it('may have no place', () => {
    expect(schema.parse({ ...base, placeKind: 'none', lat: '51.6', lon: '7.5' })).toEqual({
      text: { de: 'Dunkle Unterführung' },
      geometry: null,
      cells: [],
      reportRefs: [],
    });
  });

  it('stores a point as GeoJSON, longitude first; accepts a German decimal comma', () => {
    expect(schema.parse({ ...base, placeKind: 'point', lat: '51,6168', lon: '7.5295' }).geometry).toEqual({ type: 'Point', coordinates: [7.5295, 51.6168] });
  });

  it('refuses a point without coordinates, half a point, or one outside the city', () => {
    expect(errors(schema.safeParse({ ...base, placeKind: 'point' }))).toEqual({ lat: 'required' });
    expect(errors(schema.safeParse({ ...base, placeKind: 'point', lat: '51.6' }))).toEqual({ lon: 'coordinates_incomplete' });
    expect(errors(schema.safeParse({ ...base, placeKind: 'point', lat: '52.5', lon: '13.4' }))).toEqual({ lat: 'outside_city' });
    expect(errors(schema.safeParse({ ...base, placeKind: 'point', lat: 'north', lon: '7.5' }))).toEqual({ lat: 'not_a_number' });
    // With the text missing too: both at once, not the place in a second round.
    expect(errors(schema.safeParse({ text: { de: '' }, placeKind: 'point' }))).toEqual({ 'text.de': 'required', lat: 'required' });
  });

  it('stores an area as a closed polygon, and reads it back corner by corner', () => {
    const parsed = schema.parse({ ...base, placeKind: 'area', area: '51.61,7.52; 51.62,7.52; 51.62,7.53' });
    expect(parsed.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [7.52, 51.61],
          [7.52, 51.62],
          [7.53, 51.62],
          [7.52, 51.61],
        ],
      ],
    });
    expect(describeGeometry(parsed.geometry)).toEqual({
      kind: 'area',
      point: null,
      corners: [
        { lat: 51.61, lon: 7.52 },
        { lat: 51.62, lon: 7.52 },
        { lat: 51.62, lon: 7.53 },
      ],
    });
    expect(describeGeometry({ type: 'Point', coordinates: [7.5, 51.6] })).toEqual({ kind: 'point', point: { lat: 51.6, lon: 7.5 }, corners: [] });
    expect(describeGeometry(null).kind).toBe('none');
  });

  it('needs at least three corners inside the city for an area', () => {
    expect(errors(schema.safeParse({ ...base, placeKind: 'area', area: '51.61,7.52; 51.62,7.52' }))).toEqual({ area: 'area_too_few_corners' });
    expect(errors(schema.safeParse({ ...base, placeKind: 'area', area: '51.61,7.52; 51.62,7.52; 50,7' }))).toEqual({ area: 'outside_city' });
    expect(errors(schema.safeParse({ ...base, placeKind: 'area', area: '51.61;7.52' }))).toEqual({ area: 'invalid' });
  });

  it('links priority cells of resolution 10 and report references, each once', () => {
    const cell = latLngToCell(51.6139, 7.5231, 10);
    const parsed = schema.parse({ ...base, cells: `${cell}, ${cell.toUpperCase()}\n`, reportRefs: 'lun-7k2q9a LUN-7K2Q9A;LUN-ABCDE2' });
    expect(parsed.cells).toEqual([cell]);
    expect(parsed.reportRefs).toEqual(['LUN-7K2Q9A', 'LUN-ABCDE2']);
    expect(errors(schema.safeParse({ ...base, cells: latLngToCell(51.6139, 7.5231, 9) }))).toEqual({ cells: 'invalid_cell' });
    expect(errors(schema.safeParse({ ...base, cells: 'not-a-cell' }))).toEqual({ cells: 'invalid_cell' });
    expect(errors(schema.safeParse({ ...base, reportRefs: 'https://example.org' }))).toEqual({ reportRefs: 'invalid_report_ref' });
    // Of several, the first wrong one is named.
    const wrong = schema.safeParse({ ...base, cells: `${cell}\nkeine-zelle`, reportRefs: 'LUN-7K2Q9A, LUN-7K2Q9' });
    expect(errors(wrong)).toEqual({ cells: 'invalid_cell', reportRefs: 'invalid_report_ref' });
    expect(errorValuesOf(wrong.error!)).toEqual({ cell: 'keine-zelle', reportRef: 'LUN-7K2Q9' });
    expect(errorValuesOf(schema.safeParse({ ...base, reportRefs: 'LUN-7K2Q9A, lun-7k2q9' }).error!)).toEqual({ reportRef: 'LUN-7K2Q9' });
    // Quoted as typed; a cell of New York is a cell, but not one of the city's.
    expect(errorValuesOf(schema.safeParse({ ...base, cells: 'Lünen-Nord' }).error!)).toEqual({ cell: 'Lünen-Nord' });
    const newYork = latLngToCell(40.7128, -74.006, 10);
    const far = schema.safeParse({ ...base, cells: `${cell} ${newYork.toUpperCase()}` });
    expect(errors(far)).toEqual({ cells: 'cell_outside_city' });
    expect(errorValuesOf(far.error!)).toEqual({ cell: newYork.toUpperCase() });
  });
});

describe('a measure', () => {
  const schema = measureInputSchema(bounds);
  const base = { title: { de: 'Neue Leuchten' }, responsible: 'city' };

  it('stands alone or belongs to a dialogue, with or without a place', () => {
    expect(schema.parse(base)).toEqual({ ...base, status: 'planned', description: null, rejectionReason: null });
    expect(schema.parse({ ...base, dialogueId: '7', lat: '51.6', lon: '7.5', dueOn: '2026-12-31' })).toMatchObject({ dialogueId: 7, lat: 51.6, lon: 7.5, dueOn: '2026-12-31' });
  });

  it('needs a German title and a responsible body of the list', () => {
    expect(errors(schema.safeParse({ title: { en: 'Lights' } }))).toEqual({ 'title.de': 'required', responsible: 'required' });
    expect(errors(schema.safeParse({ ...base, responsible: 'army' }))).toEqual({ responsible: 'invalid' });
  });

  it('refuses a translation of the description without the German text', () => {
    expect(errors(schema.safeParse({ ...base, description: { de: '', en: 'English only' } }))).toEqual({ 'description.de': 'german_required' });
  });

  it('needs a German reason when created as rejected', () => {
    expect(errors(schema.safeParse({ ...base, status: 'rejected', rejectionReason: { de: '', en: '', tr: '' } }))).toEqual({
      'rejectionReason.de': 'rejection_reason_required',
    });
    // Every problem in one round: the missing title, half a place and the missing reason together.
    expect(errors(schema.safeParse({ title: { de: '' }, responsible: 'city', lat: '51.6', status: 'rejected' }))).toEqual({
      'title.de': 'required',
      lon: 'coordinates_incomplete',
      'rejectionReason.de': 'rejection_reason_required',
    });
    expect(schema.parse({ ...base, status: 'rejected', rejectionReason: { de: 'Rechtlich nicht möglich', tr: 'Hukuken mümkün değil' } }).rejectionReason).toEqual({
      de: 'Rechtlich nicht möglich',
      tr: 'Hukuken mümkün değil',
    });
  });
});

describe('a progress update', () => {
  it('needs German text; a status change to rejected needs a reason', () => {
    expect(errors(measureUpdateInputSchema.safeParse({ text: { de: '' } }))).toEqual({ 'text.de': 'required' });
    expect(errors(measureUpdateInputSchema.safeParse({ text: { de: 'Geprüft' }, statusTo: 'rejected' }))).toEqual({
      'rejectionReason.de': 'rejection_reason_required',
    });
    expect(measureUpdateInputSchema.parse({ text: { de: 'Bestellt' }, statusTo: '' })).toEqual({ text: { de: 'Bestellt' }, statusTo: undefined, rejectionReason: null });
  });
});

describe('error messages', () => {
  it.each(locales)('%s has a message for every code', (locale) => {
    const messages = getMessages(locale) as unknown as { dialogueEditor: { errors: Record<string, string> } };
    for (const code of editorErrorCodes) expect(messages.dialogueEditor.errors[code], code).toBeTruthy();
  });
});
