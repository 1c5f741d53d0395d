/**
 * The GeoReport v2 XML shape, derived from the JSON we answer with: an array becomes a container
 * element whose children are named after the spec's singular (services → service,
 * service_requests → request, …); null becomes an empty element; undefined is left out.
 */
const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const notXmlChar = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(notXmlChar, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // A literal CR would be read back as LF (XML end-of-line handling): keep it as a reference.
    .replace(/\r/g, '&#13;');
}

function element(name: string, value: XmlValue, indent: string): string {
  if (value === undefined) return '';
  if (value === null) return `${indent}<${name}/>\n`;
  if (Array.isArray(value)) {
    const item = Object.hasOwn(itemNames, name) ? itemNames[name] : 'item';
    const children = value.map((v) => element(item, v, `${indent}  `)).join('');
    return children ? `${indent}<${name}>\n${children}${indent}</${name}>\n` : `${indent}<${name}/>\n`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .map(([key, v]) => element(key, v, `${indent}  `))
      .join('');
    return children ? `${indent}<${name}>\n${children}${indent}</${name}>\n` : `${indent}<${name}/>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** A whole document with the UTF-8 declaration the spec asks for. */
export function toXml(rootName: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(rootName, value, '')}`;
}
