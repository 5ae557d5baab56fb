/**
 * A small validator of HTTP responses against an OpenAPI 3.1 document, for the subset of JSON
 * Schema 2020-12 the document uses. An unknown keyword is an error (the validator never passes a
 * schema it does not understand).
 */

/** A JSON Schema (object form). */
type Schema = Record<string, unknown>;

/** An OpenAPI document as served. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components?: { readonly schemas?: Record<string, Schema> };
}

/** A response to validate. */
export interface ResponseToValidate {
  readonly method: string;
  /** The request path (the query string is ignored). */
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

const ANNOTATIONS = new Set([
  'description',
  'example',
  'examples',
  'format',
  'title',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$schema',
]);
const KNOWN = new Set([
  ...ANNOTATIONS,
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'propertyNames',
]);

/** The path template of the document that a request path matches (concrete before templated). */
export function matchPathTemplate(document: OpenApiDocument, path: string): string | undefined {
  let best: { template: string; literal: number } | undefined;
  for (const template of Object.keys(document.paths)) {
    const pattern = template
      .split(/(\{[^}]+\})/)
      .map((part) =>
        part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    if (!new RegExp(`^${pattern}$`).test(path)) continue;
    const literal = template.replace(/\{[^}]+\}/g, '').length;
    if (!best || literal > best.literal) best = { template, literal };
  }
  return best?.template;
}

/**
 * Validates a response against the document: a documented path, method and status; the
 * documented required headers; a body only when content is documented, with a documented media
 * type; a JSON body valid against its schema. Returns the errors (empty when valid).
 */
export function validateResponse(
  document: OpenApiDocument,
  response: ResponseToValidate,
): string[] {
  const path = response.path.split('?')[0] as string;
  const template = matchPathTemplate(document, decodeURI(path));
  if (!template) return [`${path}: no documented path matches`];
  const method = response.method.toLowerCase() === 'head' ? 'get' : response.method.toLowerCase();
  const operation = document.paths[template]?.[method] as
    | { responses?: Record<string, Record<string, unknown>> }
    | undefined;
  if (!operation) return [`${method.toUpperCase()} ${template}: not documented`];
  const status = String(response.status);
  const declared =
    operation.responses?.[status] ??
    operation.responses?.[`${status[0]}XX`] ??
    operation.responses?.default;
  const where = `${method.toUpperCase()} ${template} → ${status}`;
  if (!declared) return [`${where}: status not documented`];
  const errors: string[] = [];
  const headers = (declared.headers ?? {}) as Record<string, { required?: boolean }>;
  for (const [name, header] of Object.entries(headers)) {
    if (header.required && !response.headers.has(name)) {
      errors.push(`${where}: required header ${name} missing`);
    }
  }
  const content = declared.content as Record<string, { schema?: Schema }> | undefined;
  if (!content) {
    if (response.body.length > 0) errors.push(`${where}: body sent but no content is documented`);
    return errors;
  }
  if (response.method.toLowerCase() === 'head') return errors;
  const mediaType = (response.headers.get('content-type') ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  const entry = mediaType ? content[mediaType] : undefined;
  if (!entry) {
    errors.push(
      `${where}: media type '${mediaType}' not documented (${Object.keys(content).join(', ')})`,
    );
    return errors;
  }
  const schema = entry.schema ?? {};
  if (/[/+]json$/.test(mediaType ?? '')) {
    let value: unknown;
    try {
      value = JSON.parse(response.body);
    } catch {
      return [...errors, `${where}: body is not JSON`];
    }
    errors.push(...validateSchema(document, schema, value, '').map((e) => `${where}: ${e}`));
  } else {
    errors.push(
      ...validateSchema(document, schema, response.body, '').map((e) => `${where}: ${e}`),
    );
  }
  return errors;
}

/** Validates a value against a schema of the document; returns the errors with JSON Pointers. */
export function validateSchema(
  document: OpenApiDocument,
  schema: Schema | boolean,
  value: unknown,
  at: string,
): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${at || '/'}: no value is allowed here`];
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword))
      throw new Error(`validator does not support keyword '${keyword}' (at ${at || '/'})`);
  }
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${at || '/'}: ${message}`);

  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) return [`${at || '/'}: unresolved $ref ${schema.$ref}`];
    errors.push(...validateSchema(document, target, value, at));
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => hasType(value, t))) {
      fail(`expected ${types.join(' or ')}, got ${describe(value)}`);
      return errors;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => Object.is(e, value))) {
    fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if ('const' in schema && !Object.is(schema.const, value)) {
    fail(`expected ${JSON.stringify(schema.const)}`);
  }
  if (Array.isArray(schema.allOf)) {
    for (const sub of schema.allOf as Schema[])
      errors.push(...validateSchema(document, sub, value, at));
  }
  if (Array.isArray(schema.anyOf)) {
    const ok = (schema.anyOf as Schema[]).some(
      (s) => validateSchema(document, s, value, at).length === 0,
    );
    if (!ok) fail(`matches none of anyOf (${describe(value)})`);
  }
  if (Array.isArray(schema.oneOf)) {
    const n = (schema.oneOf as Schema[]).filter(
      (s) => validateSchema(document, s, value, at).length === 0,
    ).length;
    if (n !== 1) fail(`matches ${n} of oneOf, expected exactly 1`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      fail(`below minimum ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      fail(`above maximum ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      fail('not above exclusiveMinimum');
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum)
      fail('not below exclusiveMaximum');
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      fail(`shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      fail(`longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      fail(`does not match ${schema.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      fail(`fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      fail(`more than ${schema.maxItems} items`);
    const prefix = (schema.prefixItems as Schema[] | undefined) ?? [];
    value.forEach((item, i) => {
      const sub = prefix[i] ?? (schema.items as Schema | boolean | undefined);
      if (sub !== undefined) errors.push(...validateSchema(document, sub, item, `${at}/${i}`));
    });
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in object)) fail(`required property '${name}' missing`);
    }
    for (const [name, item] of Object.entries(object)) {
      const pointer = `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (schema.propertyNames) {
        errors.push(...validateSchema(document, schema.propertyNames as Schema, name, pointer));
      }
      const declared = properties[name];
      if (declared) errors.push(...validateSchema(document, declared, item, pointer));
      else if (schema.additionalProperties !== undefined) {
        errors.push(
          ...validateSchema(
            document,
            schema.additionalProperties as Schema | boolean,
            item,
            pointer,
          ),
        );
      }
    }
  }
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      throw new Error(`validator does not support type '${type}'`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
