import { z } from 'zod';
import { withoutNul } from '@/lib/text';
import { isCalendarDate } from '@/lib/time/zone';
import { reportStatuses, type ReportStatus } from './types';

/*
 * The inbox's query: filters, sort and cursor, as they appear in the page's address and in
 * GET /api/staff/reports. Plain functions, shared by the page, the API and the tests.
 */

export const INBOX_PAGE_SIZE = 50;
export const inboxSorts = ['newest', 'nearby'] as const;
export type InboxSort = (typeof inboxSorts)[number];
export const QUERY_TEXT_MAX = 100;

/**
 * Where the last page ended. `newest` walks (created_at, id) downwards. `nearby` walks the public
 * hexagons by their report count, each hexagon's reports newest first (phase 1), then the reports
 * whose hexagon counts nothing (dismissed or merged only; phase 2) by (created_at, id).
 * `t` keeps the database's microseconds: a cursor rounded to milliseconds would skip rows.
 */
export type InboxCursor =
  | { sort: 'newest'; t: string; i: number }
  | { sort: 'nearby'; p: 1; n: number; c: string; t: string; i: number }
  | { sort: 'nearby'; p: 2; t: string; i: number };

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
// Within PostgreSQL's integer: a hand-made cursor beyond it would fail the query instead of being refused.
const id = z.number().int().positive().max(2_147_483_647);
const cursorSchema = z.union([
  z.object({ sort: z.literal('newest'), t: timestamp, i: id }).strict(),
  z.object({ sort: z.literal('nearby'), p: z.literal(1), n: z.number().int().min(0).max(2_147_483_647), c: z.string().regex(/^[0-9a-f]{15}$/), t: timestamp, i: id }).strict(),
  z.object({ sort: z.literal('nearby'), p: z.literal(2), t: timestamp, i: id }).strict(),
]);

export function encodeCursor(cursor: InboxCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one of ours (hand-edited, truncated, from another sort). */
export function decodeCursor(value: string): InboxCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(value)) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type InboxFilters = {
  statuses: ReportStatus[];
  category?: string;
  district?: string;
  /** Calendar days (YYYY-MM-DD) in the city's time zone, both inclusive. */
  from?: string;
  to?: string;
  text?: string;
};

export type InboxQuery = InboxFilters & { sort: InboxSort; cursor?: InboxCursor };

export const inboxQueryErrorCodes = ['invalid_status', 'invalid_slug', 'invalid_date', 'period_order', 'too_long', 'invalid_text', 'invalid_sort', 'invalid_cursor'] as const;
export type InboxQueryErrorCode = (typeof inboxQueryErrorCodes)[number];

/** The address parameters, named as in the URL. */
export type InboxParam = 'status' | 'category' | 'district' | 'from' | 'to' | 'q' | 'sort' | 'cursor';

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function values(params: Params, key: string): string[] {
  const raw = params instanceof URLSearchParams ? params.getAll(key) : [params[key] ?? []].flat();
  // `status=new,in_review` and `status=new&status=in_review` mean the same.
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

const slug = /^[a-z0-9-]{1,64}$/;

/**
 * Reads the query. Invalid parts are reported in `fields` and left out of `query`, so a page can
 * still show something (and say what it ignored) while the API refuses the request.
 */
export type ParsedInboxQuery = { query: InboxQuery; fields: Partial<Record<InboxParam, InboxQueryErrorCode>> };

export function parseInboxQuery(params: Params): ParsedInboxQuery {
  const fields: Partial<Record<InboxParam, InboxQueryErrorCode>> = {};
  const query: InboxQuery = { statuses: [], sort: 'newest' };

  const statuses = values(params, 'status');
  if (statuses.every((s): s is ReportStatus => (reportStatuses as readonly string[]).includes(s))) {
    query.statuses = [...new Set(statuses)].sort((a, b) => reportStatuses.indexOf(a) - reportStatuses.indexOf(b));
  } else fields.status = 'invalid_status';

  for (const key of ['category', 'district'] as const) {
    const [value] = values(params, key);
    if (value === undefined) continue;
    if (slug.test(value)) query[key] = value;
    else fields[key] = 'invalid_slug';
  }

  for (const key of ['from', 'to'] as const) {
    const [value] = values(params, key);
    if (value === undefined) continue;
    if (isCalendarDate(value)) query[key] = value;
    else fields[key] = 'invalid_date';
  }
  if (query.from && query.to && query.from > query.to) {
    fields.to = 'period_order';
    delete query.to;
  }

  const text = (params instanceof URLSearchParams ? params.get('q') : [params.q ?? []].flat()[0])?.trim();
  if (text) {
    if (text.length > QUERY_TEXT_MAX) fields.q = 'too_long';
    else if (!withoutNul(text)) fields.q = 'invalid_text';
    else query.text = text;
  }

  const [sort] = values(params, 'sort');
  if (sort !== undefined) {
    if ((inboxSorts as readonly string[]).includes(sort)) query.sort = sort as InboxSort;
    else fields.sort = 'invalid_sort';
  }

  const [cursor] = values(params, 'cursor');
  if (cursor !== undefined) {
    const decoded = decodeCursor(cursor);
    if (decoded && decoded.sort === query.sort) query.cursor = decoded;
    else fields.cursor = 'invalid_cursor';
  }
  return { query, fields };
}

/** The query as address parameters (without the cursor unless given), for links and the next page. */
export function inboxSearchParams(query: InboxFilters & { sort?: InboxSort }, cursor?: InboxCursor | null): URLSearchParams {
  const params = new URLSearchParams();
  if (query.statuses.length > 0) params.set('status', query.statuses.join(','));
  if (query.category) params.set('category', query.category);
  if (query.district) params.set('district', query.district);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.text) params.set('q', query.text);
  if (query.sort && query.sort !== 'newest') params.set('sort', query.sort);
  if (cursor) params.set('cursor', encodeCursor(cursor));
  return params;
}
