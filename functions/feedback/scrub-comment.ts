import { isValidCnpj, isValidCpf } from './brazilian-documents.js';

/**
 * Scrubbing of personal identifiers from free-text comments, before anything is stored.
 *
 * Replaced (in this order, so a longer identifier is never half-matched by a shorter rule):
 * - e-mail addresses → `[email]`;
 * - CNPJ, `12.345.678/0001-95` or 14 bare characters (also the alphanumeric CNPJ), only with
 *   valid check digits → `[cnpj]`;
 * - CPF, `123.456.789-09` (dots, spaces, `-` or `/` as separators) or 11 bare digits, only with
 *   valid check digits → `[cpf]`;
 * - CEP written `30130-010` or `30.130-010` → `[cep]`; 8 bare digits only right after the word
 *   "CEP" (`CEP 30130010`), because 8 bare digits are just as often a date (`20240312`), a
 *   landline or a protocol number;
 * - Brazilian phone numbers → `[phone]`: with or without `+55`/`0055`/`55` and a valid area code
 *   (DDD, optionally in parentheses or with a trunk `0`); mobiles `9xxxx-xxxx`, landlines
 *   `[2-5]xxx-xxxx`; separators space, `.` or `-`. Without an area code a landline needs its
 *   separator (`3277-4000`), since 8 bare digits are ambiguous.
 *
 * A number glued to other digits, letters or a digit group (`2024.000123-4`, `R$ 1.234,56`,
 * `12/03/2024`) is left alone: every rule requires a boundary on both sides.
 */

// Not preceded by a word character or "+", nor by a digit and a separator (inside a number).
const START = String.raw`(?<![\p{L}\p{N}_+])(?<!\d[.,/-])`;
// Not followed by a word character, nor by a separator and a digit.
const END = String.raw`(?![\p{L}\p{N}_])(?![.,/-]\d)`;
const SEP = String.raw`[\s.-]?`;
// Brazilian area codes (DDD) in use.
const DDD = '(?:1[1-9]|2[12478]|3[1-578]|4[1-9]|5[1345]|6[1-9]|7[134579]|8[1-9]|9[1-9])';

const EMAIL = /[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/gu;
const CNPJ = new RegExp(
  `${START}([0-9A-Z]{2})\\.?([0-9A-Z]{3})\\.?([0-9A-Z]{3})/?([0-9A-Z]{4})-?(\\d{2})${END}`,
  'gu',
);
const CPF = new RegExp(
  `${START}(\\d{3})[.\\s]?(\\d{3})[.\\s]?(\\d{3})[\\s./-]?(\\d{2})${END}`,
  'gu',
);
const CEP_FORMATTED = new RegExp(`${START}\\d{2}\\.?\\d{3}-\\d{3}${END}`, 'gu');
const CEP_LABELLED = new RegExp(
  `(?<![\\p{L}\\p{N}_])(CEP\\s*(?:n[º°o.]\\s*)?[:.-]?\\s*)\\d{2}\\.?\\d{3}-?\\d{3}${END}`,
  'giu',
);
const COUNTRY = String.raw`(?:(?:\+\s?|00\s?)?55${SEP})`;
const AREA = String.raw`(?:\(\s?0?${DDD}\s?\)|0?${DDD})`;
const MOBILE = String.raw`9${SEP}\d{4}${SEP}\d{4}`;
const LANDLINE_AFTER_AREA = String.raw`[2-5]\d{3}${SEP}\d{4}`;
const LANDLINE_ALONE = String.raw`[2-5]\d{3}[\s.-]\d{4}`;
const PHONE = new RegExp(
  `${START}(?:${COUNTRY}?${AREA}${SEP}(?:${MOBILE}|${LANDLINE_AFTER_AREA})|${MOBILE}|${LANDLINE_ALONE})${END}`,
  'gu',
);

/** The placeholders that replace identifiers. */
export const SCRUB_PLACEHOLDERS = ['[cpf]', '[cnpj]', '[email]', '[phone]', '[cep]'] as const;

/** Replaces CPF, CNPJ, e-mail addresses, phone numbers and CEP in a text by placeholders. */
export function scrubComment(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(CNPJ, (match, ...groups: unknown[]) =>
      isValidCnpj(groups.slice(0, 5).join('')) ? '[cnpj]' : match,
    )
    .replace(CPF, (match, ...groups: unknown[]) =>
      isValidCpf(groups.slice(0, 4).join('')) ? '[cpf]' : match,
    )
    .replace(CEP_LABELLED, (_match, label: string) => `${label}[cep]`)
    .replace(CEP_FORMATTED, '[cep]')
    .replace(PHONE, '[phone]');
}
