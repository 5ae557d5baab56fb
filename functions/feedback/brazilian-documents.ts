/** Check-digit rules of Brazilian identifiers (CPF and CNPJ, numeric and alphanumeric). */

const allSame = (s: string): boolean => /^(.)\1*$/.test(s);

/** Whether 11 digits are a CPF with valid check digits (repeated digits such as 111… are not). */
export function isValidCpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || allSame(digits)) return false;
  const d = Array.from(digits, Number);
  const dv = (len: number): number => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += d[i]! * (len + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return dv(9) === d[9] && dv(10) === d[10];
}

/**
 * Whether 14 characters are a CNPJ with valid check digits: 12 characters `0-9`/`A-Z` (the
 * alphanumeric CNPJ of 2026; a letter's value is its ASCII code minus 48) and 2 check digits.
 */
export function isValidCnpj(chars: string): boolean {
  if (!/^[0-9A-Z]{12}\d{2}$/.test(chars) || allSame(chars)) return false;
  const v = Array.from(chars, (c) => c.charCodeAt(0) - 48);
  const dv = (len: number): number => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += v[i]! * (((len - 1 - i) % 8) + 2);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return dv(12) === v[12] && dv(13) === v[13];
}
