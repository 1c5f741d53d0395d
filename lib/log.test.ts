import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorForLog } from './log';

describe('errorForLog', () => {
  it('names a failed statement and the database error, never the values it was sent', () => {
    const error = new DrizzleQueryError('insert into reports (description, contact_email) values ($1, $2)', ['Ich wohne Hausnummer 4', 'anna@example.org'], new Error('invalid byte sequence for encoding "UTF8": 0x00'));
    const line = errorForLog(error);
    expect(line).toBe('invalid byte sequence for encoding "UTF8": 0x00 (in: insert into reports (description, contact_email) values ($1, $2))');
    expect(line).not.toContain('anna@example.org');
    expect(line).not.toContain('Hausnummer');
  });

  it('gives other errors by their message', () => {
    expect(errorForLog(new Error('request deadline exceeded'))).toBe('request deadline exceeded');
    expect(errorForLog('plain')).toBe('plain');
  });
});
