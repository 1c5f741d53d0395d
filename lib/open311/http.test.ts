import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkJurisdiction, splitFormat, withOpen311Errors } from './http';

describe('Open311 HTTP helpers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('splits the format off a file name', () => {
    expect(splitFormat('poor-lighting.json')).toEqual({ name: 'poor-lighting', format: 'json' });
    expect(splitFormat('LUN-7K2Q9M.XML')).toEqual({ name: 'LUN-7K2Q9M', format: 'xml' });
    expect(splitFormat('a.b.json')).toEqual({ name: 'a.b', format: 'json' });
    expect(splitFormat('.json')).toBeNull();
    expect(splitFormat('services.html')).toBeNull();
  });

  it('answers 503 with Retry-After in the spec format when the database is away', async () => {
    const handler = withOpen311Errors(async (request: Request) => {
      void request;
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    const response = await handler(new Request('http://localhost/api/open311/v2/services.json'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual([{ code: 503, description: expect.stringContaining('Datenbank') }]);
  });

  it('answers 500 in the format of the path, without the error text, for a bug', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = withOpen311Errors(async (request: Request) => {
      void request;
      throw new Error('secret detail');
    });
    const response = await handler(new Request('http://localhost/api/open311/v2/services.xml'));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('<errors>');
    expect(text).not.toContain('secret detail');
  });

  it('accepts no jurisdiction or ours, and refuses another', () => {
    expect(checkJurisdiction('json', [])).toBeNull();
    expect(checkJurisdiction('json', [''])).toBeNull();
    expect(checkJurisdiction('json', [' Luenen.de '])).toBeNull();
    expect(checkJurisdiction('json', ['dortmund.de'])?.status).toBe(404);
    expect(checkJurisdiction('xml', ['luenen.de', 'luenen.de'])?.status).toBe(400);
  });
});
