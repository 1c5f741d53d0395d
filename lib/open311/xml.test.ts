import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toXml } from './xml';

describe('toXml', () => {
  it("names list items after the spec's singulars and writes null as an empty element", () => {
    expect(toXml('service_requests', [{ service_request_id: 'LUN-7K2Q9M', account_id: null, skipped: undefined }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests>\n  <request>\n    <service_request_id>LUN-7K2Q9M</service_request_id>\n    <account_id/>\n  </request>\n</service_requests>\n',
    );
    expect(toXml('errors', [])).toContain('<errors/>');
  });

  it('escapes markup and replaces characters XML cannot carry', () => {
    const xml = toXml('errors', [{ code: 400, description: '<b>&"\'\u0000\u001f\ud800' }]);
    expect(xml).toContain('<description>&lt;b&gt;&amp;&quot;&apos;\ufffd\ufffd\ufffd</description>');
  });

  it('always writes a well-formed document that reads back to the same text', () => {
    const parser = new XMLParser({ parseTagValue: false, trimValues: false, htmlEntities: true, isArray: (name) => name === 'error' });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (text) => {
        const xml = toXml('errors', [{ code: 400, description: text }]);
        expect(XMLValidator.validate(xml)).toBe(true);
        const read = parser.parse(xml).errors.error[0].description;
        // fast-xml-parser reads an empty element as ''; characters XML cannot carry became U+FFFD.
        const expected = text
          .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
          .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
        expect(read).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  }, 120_000);
});
