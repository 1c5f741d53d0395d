// Checks of our answers against the GeoReport v2 spec: JSON against the Open311 project's JSON
// Schemas (tests/fixtures/open311-schemas), XML against the element names and nesting the spec shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

const schemaDir = join(process.cwd(), 'tests', 'fixtures', 'open311-schemas');
const schemaFiles = ['request.json', 'requests.json', 'service.json', 'services.json', 'service-definition.json', 'swagger.json'];

// The 2016 schemas predate strict mode (e.g. minItems beside $ref, swagger's own keywords).
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('uid', true); // swagger.json's "format": "uid" means any identifier string
for (const file of schemaFiles) {
  // Registered under its file name, so "$ref": "request.json" resolves.
  ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')), file);
}

// Shapes the schema set has no file for, written from the spec's wiki pages.
ajv.addSchema(
  {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
      additionalProperties: false,
    },
  },
  'errors.json',
);
ajv.addSchema(
  {
    type: 'object',
    required: ['changeset', 'contact', 'key_service', 'endpoints'],
    properties: {
      changeset: { type: 'string', format: 'date-time' },
      contact: { type: 'string' },
      key_service: { type: 'string' },
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['specification', 'url', 'changeset', 'type', 'formats'],
          properties: {
            specification: { type: 'string', format: 'uri' },
            url: { type: 'string', format: 'uri' },
            changeset: { type: 'string', format: 'date-time' },
            type: { enum: ['production', 'test'] },
            formats: { type: 'array', items: { enum: ['text/xml', 'application/json'] } },
          },
        },
      },
    },
  },
  'discovery.json',
);
ajv.addSchema({ type: 'array', items: { $ref: 'swagger.json#/definitions/RequestResponse' } }, 'post-response.json');
ajv.addSchema({ type: 'array', items: { $ref: 'swagger.json#/definitions/TokenResponse' } }, 'token-response.json');

export type SchemaName =
  | 'services.json'
  | 'service-definition.json'
  | 'requests.json'
  | 'errors.json'
  | 'discovery.json'
  | 'post-response.json'
  | 'token-response.json';

export function expectSchemaValid(schema: SchemaName, data: unknown) {
  const validate = ajv.getSchema(schema);
  if (!validate) throw new Error(`schema ${schema} not registered`);
  const valid = validate(data);
  const problems = (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);
  expect(problems, `${schema}: ${JSON.stringify(data).slice(0, 300)}`).toEqual([]);
  expect(valid).toBe(true);
}

/** An element: which children it may have (the spec's names), which it must have, and nested shapes. */
type XmlShape = { allowed: string[]; required: string[]; lists?: Record<string, [item: string, shape: XmlShape]> };

const requestFields = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

const valueShape: XmlShape = { allowed: ['key', 'name'], required: ['key', 'name'] };
const attributeShape: XmlShape = {
  allowed: ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'],
  required: ['variable', 'code', 'datatype', 'required', 'description'],
  lists: { values: ['value', valueShape] },
};

/** Root element, the repeated item inside it (for lists) and the item's shape, after the spec's examples. */
export const xmlShapes = {
  services: {
    root: 'services',
    item: 'service',
    shape: {
      allowed: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
      required: ['service_code', 'service_name', 'metadata', 'type'],
    },
  },
  serviceDefinition: {
    root: 'service_definition',
    shape: { allowed: ['service_code', 'attributes'], required: ['service_code', 'attributes'], lists: { attributes: ['attribute', attributeShape] } },
  },
  requests: {
    root: 'service_requests',
    item: 'request',
    shape: { allowed: requestFields, required: ['service_request_id', 'status', 'service_code', 'requested_datetime'] },
  },
  postResponse: {
    root: 'service_requests',
    item: 'request',
    shape: { allowed: ['service_request_id', 'token', 'service_notice', 'account_id'], required: ['service_request_id'] },
  },
  token: {
    root: 'service_requests',
    item: 'request',
    shape: { allowed: ['service_request_id', 'token'], required: ['service_request_id', 'token'] },
  },
  discovery: {
    root: 'discovery',
    shape: {
      allowed: ['changeset', 'contact', 'key_service', 'endpoints'],
      required: ['changeset', 'contact', 'key_service', 'endpoints'],
      lists: {
        endpoints: [
          'endpoint',
          {
            allowed: ['specification', 'url', 'changeset', 'type', 'formats'],
            required: ['specification', 'url', 'changeset', 'type', 'formats'],
            lists: { formats: ['format', { allowed: [], required: [] }] },
          },
        ],
      },
    },
  },
  errors: { root: 'errors', item: 'error', shape: { allowed: ['code', 'description'], required: ['code', 'description'] } },
} satisfies Record<string, { root: string; item?: string; shape: XmlShape }>;

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false, // ids and codes stay strings, as the spec says
  isArray: (name) => ['service', 'request', 'attribute', 'value', 'endpoint', 'format', 'error'].includes(name),
});

type XmlTree = Record<string, unknown>;

function expectShape(node: unknown, shape: XmlShape, path: string) {
  if (shape.allowed.length === 0) {
    expect(typeof node, `${path} is text`).toBe('string');
    return;
  }
  expect(node, `${path} is an element with children`).toBeTypeOf('object');
  const element = node as XmlTree;
  const children = Object.keys(element);
  for (const name of children) expect(shape.allowed, `${path}/${name} is an element the spec names`).toContain(name);
  for (const name of shape.required) expect(children, `${path} has <${name}>`).toContain(name);
  for (const [name, [item, itemShape]] of Object.entries(shape.lists ?? {})) {
    if (!(name in element) || element[name] === '') continue;
    const list = (element[name] as XmlTree)[item];
    expect(Object.keys(element[name] as XmlTree), `${path}/${name} holds only <${item}>`).toEqual([item]);
    (list as unknown[]).forEach((child, i) => expectShape(child, itemShape, `${path}/${name}/${item}[${i}]`));
  }
  for (const name of children) {
    if (shape.lists?.[name]) continue;
    expect(typeof element[name], `${path}/${name} holds text`).toBe('string');
  }
}

/**
 * Parses an XML answer, checks the declaration, the root and every element name against the spec,
 * and returns the items (for lists) or the root element.
 */
export function parseOpen311Xml(text: string, kind: keyof typeof xmlShapes): XmlTree[] {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(text)).toBe(true);
  const { root, shape, ...rest } = xmlShapes[kind];
  const item = 'item' in rest ? (rest.item as string) : undefined;
  const doc = parser.parse(text) as XmlTree;
  const top = Object.keys(doc).filter((k) => k !== '?xml');
  expect(top).toEqual([root]);
  if (!item) {
    expectShape(doc[root], shape, root);
    return [doc[root] as XmlTree];
  }
  if (doc[root] === '') return []; // <service_requests/>: an empty list
  expect(Object.keys(doc[root] as XmlTree), `<${root}> holds only <${item}>`).toEqual([item]);
  const items = (doc[root] as XmlTree)[item] as XmlTree[];
  items.forEach((node, i) => expectShape(node, shape, `${root}/${item}[${i}]`));
  return items;
}
