import { describe, expect, it } from 'vitest';
import {
  matchPathTemplate,
  type OpenApiDocument,
  validateResponse,
  validateSchema,
} from '../../integration/api/support/openapi-validator.js';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Row: {
        type: 'object',
        properties: {
          period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
          value: { type: ['number', 'null'] },
        },
        required: ['period', 'value'],
        additionalProperties: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
      Strict: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['a', 'b'] },
          list: { type: 'array', items: { type: 'integer', minimum: 0 } },
        },
        required: ['kind'],
        additionalProperties: false,
      },
    },
  },
  paths: {
    '/x/{id}': {
      get: {
        responses: {
          200: {
            headers: { ETag: { required: true } },
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Row' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          304: {},
        },
      },
    },
    '/x/{id}.csv': {
      get: { responses: { 200: { content: { 'text/csv': { schema: { type: 'string' } } } } } },
    },
  },
};

const response = (status: number, type: string, body: string, etag = '"e"') => ({
  method: 'GET',
  path: '/x/abc',
  status,
  headers: new Headers({ 'content-type': type, ...(etag ? { etag } : {}) }),
  body,
});

describe('openapi validator', () => {
  it('matches concrete templates before broader ones', () => {
    expect(matchPathTemplate(document, '/x/abc')).toBe('/x/{id}');
    expect(matchPathTemplate(document, '/x/abc.csv')).toBe('/x/{id}.csv');
    expect(matchPathTemplate(document, '/y')).toBeUndefined();
  });

  it('accepts a valid response', () => {
    expect(
      validateResponse(
        document,
        response(
          200,
          'application/json; charset=utf-8',
          '{"period":"2025-01","value":null,"region":"x"}',
        ),
      ),
    ).toEqual([]);
    expect(validateResponse(document, response(304, '', ''))).toEqual([]);
  });

  it('reports wrong types, missing properties, patterns, undeclared statuses, media types and headers', () => {
    const errors = (status: number, type: string, body: string, etag?: string) =>
      validateResponse(document, response(status, type, body, etag)).join('\n');
    expect(errors(200, 'application/json', '{"period":"2025-01","value":"1"}')).toContain(
      '/value: expected number or null',
    );
    expect(errors(200, 'application/json', '{"value":1}')).toContain(
      "required property 'period' missing",
    );
    expect(errors(200, 'application/json', '{"period":"Jan","value":1}')).toContain(
      'does not match',
    );
    expect(errors(200, 'application/json', '{"period":"2025-01","value":1,"x":2}')).toContain(
      '/x: matches none of anyOf',
    );
    expect(errors(404, 'application/json', '{}')).toContain('status not documented');
    expect(errors(200, 'text/html', '<p>')).toContain("media type 'text/html' not documented");
    expect(errors(200, 'text/csv', 'a', '')).toContain('required header ETag missing');
    expect(errors(304, '', 'body')).toContain('body sent but no content');
  });

  it('checks enums, integers, minimums and closed objects', () => {
    const strict = { $ref: '#/components/schemas/Strict' };
    expect(validateSchema(document, strict, { kind: 'a', list: [0, 2] }, '')).toEqual([]);
    expect(validateSchema(document, strict, { kind: 'c' }, '').join()).toContain('is not one of');
    expect(validateSchema(document, strict, { kind: 'a', list: [1.5] }, '').join()).toContain(
      'expected integer',
    );
    expect(validateSchema(document, strict, { kind: 'a', list: [-1] }, '').join()).toContain(
      'below minimum',
    );
    expect(validateSchema(document, strict, { kind: 'a', extra: 1 }, '').join()).toContain(
      '/extra: no value is allowed',
    );
  });

  it('refuses a schema keyword it does not understand', () => {
    expect(() =>
      validateSchema(document, { type: 'string', contentEncoding: 'base64' }, 'x', ''),
    ).toThrow("does not support keyword 'contentEncoding'");
  });
});
