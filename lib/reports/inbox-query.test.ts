import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, inboxSearchParams, parseInboxQuery, type InboxCursor } from './inbox-query';

const cursors: InboxCursor[] = [
  { sort: 'newest', t: '2026-03-01T12:34:56.123456Z', i: 42 },
  { sort: 'nearby', p: 1, n: 17, c: '891f1d48177ffff', t: '2026-03-01T00:00:00.000000Z', i: 1 },
  { sort: 'nearby', p: 2, t: '2025-12-31T23:59:59.999999Z', i: 1_000_000 },
];

describe('inbox cursors', () => {
  it.each(cursors)('round-trip through an address-safe string: %o', (cursor) => {
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it('keep microseconds, which a JavaScript date would round away', () => {
    expect(decodeCursor(encodeCursor(cursors[0]))).toMatchObject({ t: '2026-03-01T12:34:56.123456Z' });
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['unknown sort', Buffer.from(JSON.stringify({ sort: 'oldest', t: '2026-03-01T12:34:56.123456Z', i: 1 })).toString('base64url')],
    ['millisecond time', Buffer.from(JSON.stringify({ sort: 'newest', t: '2026-03-01T12:34:56.123Z', i: 1 })).toString('base64url')],
    ['negative id', Buffer.from(JSON.stringify({ sort: 'newest', t: '2026-03-01T12:34:56.123456Z', i: -1 })).toString('base64url')],
    ['extra key', Buffer.from(JSON.stringify({ sort: 'newest', t: '2026-03-01T12:34:56.123456Z', i: 1, sql: 'x' })).toString('base64url')],
    ['bad cell', Buffer.from(JSON.stringify({ sort: 'nearby', p: 1, n: 1, c: "'; drop", t: '2026-03-01T12:34:56.123456Z', i: 1 })).toString('base64url')],
    ['too long', 'A'.repeat(500)],
  ])('refuse a cursor that is %s', (_, value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});

describe('the inbox query in the address', () => {
  it('reads every filter, in either status notation', () => {
    const { query, fields } = parseInboxQuery(
      new URLSearchParams('status=in_review,new&status=new&category=drugs&district=luenen-mitte&from=2026-01-01&to=2026-01-31&q=%20Tunnel%20&sort=nearby'),
    );
    expect(fields).toEqual({});
    expect(query).toEqual({
      statuses: ['new', 'in_review'],
      category: 'drugs',
      district: 'luenen-mitte',
      from: '2026-01-01',
      to: '2026-01-31',
      text: 'Tunnel',
      sort: 'nearby',
    });
  });

  it('accepts what Next.js hands a page (strings and arrays)', () => {
    const { query } = parseInboxQuery({ status: ['new', 'confirmed'], q: 'LUN-7K2Q9M', sort: undefined });
    expect(query).toEqual({ statuses: ['new', 'confirmed'], text: 'LUN-7K2Q9M', sort: 'newest' });
  });

  it('reports what it cannot use, and leaves it out', () => {
    const { query, fields } = parseInboxQuery(
      new URLSearchParams(`status=open&category=Drugs!&from=2026-02-30&to=yesterday&q=${'x'.repeat(101)}&sort=random&cursor=zzz`),
    );
    expect(fields).toEqual({
      status: 'invalid_status',
      category: 'invalid_slug',
      from: 'invalid_date',
      to: 'invalid_date',
      q: 'too_long',
      sort: 'invalid_sort',
      cursor: 'invalid_cursor',
    });
    expect(query).toEqual({ statuses: [], sort: 'newest' });
  });

  it('refuses a period that ends before it begins', () => {
    expect(parseInboxQuery(new URLSearchParams('from=2026-02-01&to=2026-01-01')).fields).toEqual({ to: 'period_order' });
  });

  it('refuses a cursor of the other sort', () => {
    const cursor = encodeCursor(cursors[0]);
    expect(parseInboxQuery(new URLSearchParams(`sort=nearby&cursor=${cursor}`)).fields).toEqual({ cursor: 'invalid_cursor' });
    expect(parseInboxQuery(new URLSearchParams(`cursor=${cursor}`)).query.cursor).toEqual(cursors[0]);
  });

  it('writes the query back as it reads it', () => {
    const { query } = parseInboxQuery(new URLSearchParams('status=new,in_review&district=alstedde&q=Park&sort=nearby'));
    const params = inboxSearchParams(query, cursors[1]);
    expect(params.get('status')).toBe('new,in_review');
    expect(parseInboxQuery(params).query).toEqual({ ...query, cursor: cursors[1] });
    expect(inboxSearchParams({ statuses: [], sort: 'newest' }).toString()).toBe('');
  });
});
