import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../../functions/datasets/datasets.js';
import { firstInvalidUtf8Offset } from '../../../functions/datasets/decode-utf8.js';
import { decodeCell, detectDelimiter, parseCsv } from '../../../functions/datasets/parse-csv.js';
import { validateRows } from '../../../functions/datasets/validate-rows.js';
import { ProblemError } from '../../../functions/shared/problem.js';

const services = DATASETS.services;
const hotspots = DATASETS['wifi-hotspots'];
const SERVICES_HEADER = 'service_id,name_pt,name_en,category,digital_level';

function problemOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error('expected a ProblemError');
}

const servicesOk = (body: string | Uint8Array) => {
  const result = validateRows(services, parseCsv(services, body));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rows;
};

describe('parseCsv dialects', () => {
  const expected = [
    {
      service_id: 'svc-1',
      name_pt: 'Emissão de IPTU 2ª via',
      name_en: 'IPTU copy',
      category: 'tributos',
      digital_level: 'full',
    },
  ];

  it('reads comma-separated LF files', () => {
    expect(
      servicesOk(`${SERVICES_HEADER}\nsvc-1,Emissão de IPTU 2ª via,IPTU copy,tributos,full\n`),
    ).toEqual(expected);
  });

  it('reads semicolon-separated CRLF files (pt-BR spreadsheets)', () => {
    const body = `${SERVICES_HEADER.replaceAll(',', ';')}\r\nsvc-1;Emissão de IPTU 2ª via;IPTU copy;tributos;full\r\n`;
    expect(parseCsv(services, body).delimiter).toBe(';');
    expect(servicesOk(body)).toEqual(expected);
  });

  it('drops a UTF-8 byte order mark (bytes and string)', () => {
    const text = `${SERVICES_HEADER}\nsvc-1,Emissão de IPTU 2ª via,IPTU copy,tributos,full`;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(servicesOk(bytes)).toEqual(expected);
    expect(servicesOk(`\uFEFF${text}`)).toEqual(expected);
  });

  it('reads quoted fields holding delimiters, line breaks and doubled quotes', () => {
    const body =
      `${SERVICES_HEADER}\n` +
      `svc-1,"Emissão, 2ª via","Say ""hello""",tributos,full\n` +
      `svc-2;x,"a;b",c,tributos,full\n`.replace('svc-2;x', 'svc-2') +
      `"svc-3","name","multi\nline",tributos,full\n`;
    const parsed = parseCsv(services, body);
    expect(parsed.rows[0]).toMatchObject({ name_pt: 'Emissão, 2ª via', name_en: 'Say "hello"' });
    expect(parsed.rows[1]).toMatchObject({ name_pt: 'a;b' });
    expect(parsed.rows[2]).toMatchObject({ service_id: 'svc-3', name_en: 'multi\nline' });
    // a line break inside a name is then refused by the schema, on the right row
    const result = validateRows(services, parsed);
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'name_en',
        message: expect.stringContaining('line breaks'),
      }),
    ]);
  });

  it('detects the delimiter from the header line only, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,2,3,4,5,6')).toBe(';');
    expect(detectDelimiter('"a;b;c",d,e\n')).toBe(',');
    expect(detectDelimiter('a,b;c;d\r\n')).toBe(';');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('matches header names trimmed, case-insensitively and in any order', () => {
    const body =
      ' Digital_Level ,CATEGORY,name_en,name_pt,Service_ID\nfull,tributos,IPTU copy,Emissão de IPTU 2ª via,svc-1\n';
    expect(servicesOk(body)).toEqual(expected);
  });

  it('trims cells, skips blank lines and tolerates trailing empty fields', () => {
    const body = `${SERVICES_HEADER}\n\n  svc-1 , Emissão de IPTU 2ª via ,IPTU copy,tributos,full,,\n,,,,\n`;
    const parsed = parseCsv(services, body);
    expect(parsed.rowNumbers).toEqual([3]);
    expect(servicesOk(body)).toEqual(expected);
  });

  it('decodes pt-BR spreadsheet values: decimal comma, sim/não, VERDADEIRO/FALSO', () => {
    const body =
      'hotspot_id;region;vulnerable_area;latitude;longitude;active_since\n' +
      'w1;norte;sim;-19,8301;-43,9312;2021-03-15\n' +
      'w2;norte;NÃO;-19.8301;-43.9312;2021-03-15\n' +
      'w3;norte;VERDADEIRO;-19.83;-43.93;2021-03-15\n' +
      'w4;norte;falso;-19.83;-43.93;2021-03-15\n';
    const result = validateRows(hotspots, parseCsv(hotspots, body));
    expect(result.ok && result.rows.map((r) => [r.vulnerable_area, r.latitude])).toEqual([
      [true, -19.8301],
      [false, -19.8301],
      [true, -19.83],
      [false, -19.83],
    ]);
  });

  it('refuses thousands separators in counts instead of misreading them', () => {
    expect(decodeCell('1.000', 'integer')).toBe('1.000');
    expect(decodeCell('1000', 'integer')).toBe(1000);
    expect(decodeCell('-5', 'integer')).toBe(-5);
    expect(decodeCell('1e3', 'decimal')).toBe('1e3');
    expect(decodeCell('talvez', 'boolean')).toBe('talvez');
    const body =
      'month;service_id;channel;completed\n2024-03;svc-1;web;1.000\n2024-03;svc-1;app;-5\n';
    const result = validateRows(DATASETS.transactions, parseCsv(DATASETS.transactions, body));
    expect(!result.ok && result.errors.map((e) => [e.row, e.value])).toEqual([
      [2, '1.000'],
      [3, -5],
    ]);
  });
});

describe('parseCsv rejections', () => {
  it('names missing, unexpected and repeated columns', () => {
    const p = problemOf(() =>
      parseCsv(services, 'service_id,nome,name_en,name_en,categoria,digital_level\n'),
    );
    expect(p.status).toBe(422);
    expect(p.kind).toBe('unprocessable-content');
    expect(p.message).toContain('missing columns: name_pt, category');
    expect(p.message).toContain('unexpected columns: nome, categoria');
    expect(p.message).toContain('repeated columns: name_en');
    expect(p.toBody().missingColumns).toEqual(['name_pt', 'category']);
    expect(p.toBody().extraColumns).toEqual(['nome', 'categoria']);
    expect(p.toBody().expectedColumns).toEqual(services.columns);
  });

  it('names a column without a name', () => {
    const p = problemOf(() => parseCsv(services, `${SERVICES_HEADER},,x\n`));
    expect(p.toBody().extraColumns).toEqual(['(column 6 has no name)', 'x']);
  });

  it('reads a wrong delimiter as a header problem naming the columns', () => {
    const p = problemOf(() => parseCsv(services, `${SERVICES_HEADER.replaceAll(',', '|')}\n`));
    expect(p.message).toContain(
      'missing columns: service_id, name_pt, name_en, category, digital_level',
    );
  });

  it('says when a file is tab-separated', () => {
    const p = problemOf(() => parseCsv(services, `${SERVICES_HEADER.replaceAll(',', '\t')}\n`));
    expect(p.message).toContain('tab-separated');
  });

  it.each([
    ['an empty body', ''],
    ['only whitespace', ' \r\n \n'],
    ['only a BOM', '\uFEFF'],
  ])('rejects %s', (_, body) => {
    const p = problemOf(() => parseCsv(services, body));
    expect(p.status).toBe(422);
    expect(p.message).toContain('empty');
  });

  it('rejects a header without rows', () => {
    const p = problemOf(() => parseCsv(services, `${SERVICES_HEADER}\r\n\r\n`));
    expect(p.message).toContain('no data rows');
  });

  it('rejects invalid UTF-8 (a Windows-1252 export) naming the byte and the line', () => {
    const latin1 = Buffer.from(
      `${SERVICES_HEADER}\nsvc-1,Emiss\u00e3o,x,tributos,full\n`,
      'latin1',
    );
    const p = problemOf(() => parseCsv(services, latin1));
    expect(p.status).toBe(422);
    expect(p.message).toContain('not valid UTF-8');
    expect(p.message).toContain('0xE3');
    expect(p.toBody()).toMatchObject({ line: 2, offset: SERVICES_HEADER.length + 1 + 11 });
  });

  it('finds the first invalid UTF-8 byte (overlong, surrogate, truncated)', () => {
    expect(firstInvalidUtf8Offset(Buffer.from('ok ção 😀'))).toBe(Buffer.from('ok ção 😀').length);
    expect(firstInvalidUtf8Offset(Uint8Array.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Offset(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8Offset(Uint8Array.from([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8Offset(Uint8Array.from([0xf5, 0x80, 0x80, 0x80]))).toBe(0);
  });

  it('rejects an unterminated quote', () => {
    const p = problemOf(() =>
      parseCsv(services, `${SERVICES_HEADER}\nsvc-1,"open,x,tributos,full\n`),
    );
    expect(p.status).toBe(422);
    expect(p.message).toContain('cannot be read');
  });
});

describe('row numbers', () => {
  it('counts the header as row 1, blank lines and multi-line cells as one row each', () => {
    const body =
      `${SERVICES_HEADER}\n` + // 1
      'svc-1,a,b,tributos,full\n' + // 2
      '\n' + // 3 (blank)
      'svc-2,"two\nlines",b,tributos,full\n' + // 4
      'svc-3,a,b,tributos,bad\n'; // 5
    const parsed = parseCsv(services, body);
    expect(parsed.rowNumbers).toEqual([2, 4, 5]);
    const result = validateRows(services, parsed);
    expect(!result.ok && result.errors.map((e) => [e.row, e.column, e.pointer])).toEqual([
      [4, 'name_pt', '/rows/2/name_pt'],
      [5, 'digital_level', '/rows/3/digital_level'],
    ]);
  });

  it('reports rows with too few or too many fields, in row order with the others', () => {
    const body =
      `${SERVICES_HEADER}\n` +
      'svc-1,a,b,tributos\n' +
      'svc-2,a,b,tributos,nope\n' +
      'svc-3,a,b,tributos,full,extra\n';
    const result = validateRows(services, parseCsv(services, body));
    expect(!result.ok && result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, null, 'has 4 fields; the header has 5'],
      [3, 'digital_level', 'must be one of: full, partial, none'],
      [4, null, 'has 6 fields; the header has 5'],
    ]);
  });
});
