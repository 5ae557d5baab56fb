import { describe, expect, it } from 'vitest';
import { feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import { receiptOf } from '../../../functions/feedback/receipt.js';
import {
  ERASE_FORM_MAX_BODY_BYTES,
  parseEraseForm,
} from '../../../functions/portal/parse-erase-form.js';
import { ProblemError } from '../../../functions/shared/problem.js';

const FORM = 'application/x-www-form-urlencoded';
const body = (fields: Record<string, string> | [string, string][]) =>
  new URLSearchParams(fields).toString();
const ID = feedbackIdOf('public', 'parse-erase-form');
const RECEIPT = receiptOf('test-key', ID);

const problemOf = (run: () => unknown): ProblemError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('no problem thrown');
};

describe('parseEraseForm', () => {
  it('reads a well-formed id and receipt', () => {
    const out = parseEraseForm(`${FORM}; charset=UTF-8`, body({ id: ID, receipt: RECEIPT }));
    expect(out.request).toEqual({ id: ID, receipt: RECEIPT });
    expect(out.problems).toEqual({});
    expect(RECEIPT).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('removes whitespace from both fields and lower-cases the id, never the receipt', () => {
    const spaced = `  ${RECEIPT.slice(0, 20)}\n ${RECEIPT.slice(20)} `;
    const out = parseEraseForm(FORM, body({ id: ` ${ID.toUpperCase()}\t`, receipt: spaced }));
    expect(out.request).toEqual({ id: ID, receipt: RECEIPT });
    // What was typed is what the form shows again.
    expect(out.values).toEqual({ id: ` ${ID.toUpperCase()}\t`, receipt: spaced });
  });

  it('names each missing field, and ignores fields it does not know', () => {
    expect(parseEraseForm(FORM, body({ id: '', other: 'x' })).problems).toEqual({
      id: 'missing',
      receipt: 'missing',
    });
    const out = parseEraseForm(FORM, body({ id: ID, receipt: '   ', lang: 'en' }));
    expect(out.request).toBeUndefined();
    expect(out.problems).toEqual({ receipt: 'missing' });
    expect(parseEraseForm(FORM, '').problems).toEqual({ id: 'missing', receipt: 'missing' });
  });

  it('names each malformed field, and one sent twice', () => {
    const cases: [Record<string, string> | [string, string][], object][] = [
      [{ id: `${ID}a`, receipt: RECEIPT }, { id: 'invalid' }],
      [{ id: ID.replace(/^./, '1'), receipt: RECEIPT }, { id: 'invalid' }],
      [{ id: '../../etc/passwd', receipt: RECEIPT }, { id: 'invalid' }],
      [{ id: ID, receipt: RECEIPT.slice(1) }, { receipt: 'invalid' }],
      [{ id: ID, receipt: `${RECEIPT.slice(1)}=` }, { receipt: 'invalid' }],
      [
        { id: '<script>', receipt: 'x' },
        { id: 'invalid', receipt: 'invalid' },
      ],
      [
        [
          ['id', ID],
          ['id', ID],
          ['receipt', RECEIPT],
        ],
        { id: 'invalid' },
      ],
    ];
    for (const [fields, problems] of cases) {
      const out = parseEraseForm(FORM, body(fields));
      expect(out.request, JSON.stringify(fields)).toBeUndefined();
      expect(out.problems, JSON.stringify(fields)).toEqual(problems);
    }
  });

  it('throws 415 for another media type, 413 past the limit and 400 for invalid UTF-8', () => {
    expect(problemOf(() => parseEraseForm('application/json', '{}')).kind).toBe(
      'unsupported-media-type',
    );
    expect(problemOf(() => parseEraseForm('multipart/form-data; boundary=x', '')).kind).toBe(
      'unsupported-media-type',
    );
    expect(problemOf(() => parseEraseForm(`${FORM}; charset=latin1`, '')).kind).toBe(
      'unsupported-media-type',
    );
    expect(
      problemOf(() =>
        parseEraseForm(FORM, body({ id: ID, receipt: 'x'.repeat(ERASE_FORM_MAX_BODY_BYTES) })),
      ).kind,
    ).toBe('payload-too-large');
    expect(
      problemOf(() => parseEraseForm(FORM, new Uint8Array([0x69, 0x64, 0x3d, 0xff]))).kind,
    ).toBe('invalid-encoding');
  });
});
