import { describe, expect, it } from 'vitest';
import { isValidCnpj, isValidCpf } from '../../../functions/feedback/brazilian-documents.js';
import { scrubComment } from '../../../functions/feedback/scrub-comment.js';

/** mulberry32: a small seeded PRNG, so the corpus is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  return { next, int, pick, digits };
}

// Check digits computed here independently of the code under test.
function cpfCheckDigits(nine: string): string {
  const d = [...nine].map(Number);
  const first = ((d.reduce((s, x, i) => s + x * (10 - i), 0) * 10) % 11) % 10;
  const second = (([...d, first].reduce((s, x, i) => s + x * (11 - i), 0) * 10) % 11) % 10;
  return `${first}${second}`;
}
function cnpjCheckDigits(twelve: string): string {
  const v = [...twelve].map((c) => c.charCodeAt(0) - 48);
  const dv = (xs: number[], weights: number[]) => {
    const r = xs.reduce((s, x, i) => s + x * weights[i]!, 0) % 11;
    return r < 2 ? 0 : 11 - r;
  };
  const first = dv(v, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = dv([...v, first], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return `${first}${second}`;
}

const DDDS = [
  '11',
  '21',
  '27',
  '31',
  '32',
  '34',
  '35',
  '37',
  '38',
  '41',
  '51',
  '61',
  '71',
  '81',
  '85',
  '92',
  '98',
];
const fmtCpf = (c: string) => `${c.slice(0, 3)}.${c.slice(3, 6)}.${c.slice(6, 9)}-${c.slice(9)}`;
const fmtCnpj = (c: string) =>
  `${c.slice(0, 2)}.${c.slice(2, 5)}.${c.slice(5, 8)}/${c.slice(8, 12)}-${c.slice(12)}`;

type Kind = 'cpf' | 'cnpj' | 'email' | 'phone' | 'cep';
type Rng = ReturnType<typeof prng>;

/** A valid identifier of a kind, in one of its usual spellings. */
function identifier(r: Rng, kind: Kind): string {
  switch (kind) {
    case 'cpf': {
      let nine = r.digits(9);
      while (/^(\d)\1*$/.test(nine)) nine = r.digits(9);
      const cpf = nine + cpfCheckDigits(nine);
      return r.pick([fmtCpf(cpf), cpf, fmtCpf(cpf)]);
    }
    case 'cnpj': {
      const base =
        r.next() < 0.15
          ? `${Array.from({ length: 8 }, () =>
              r.pick([...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ']),
            ).join('')}0001`
          : r.digits(8) + r.pick(['0001', '0002', r.digits(4)]);
      const cnpj = base + cnpjCheckDigits(base);
      return r.pick([fmtCnpj(cnpj), cnpj, fmtCnpj(cnpj)]);
    }
    case 'email': {
      const user =
        r.pick(['maria', 'joao.silva', 'ana_paula', 'jose', 'carla.souza', 'p.henrique']) +
        r.pick(['', String(r.int(1, 99)), `+pbh`, `${r.int(1970, 2010)}`]);
      return `${user}@${r.pick(['gmail.com', 'yahoo.com.br', 'hotmail.com', 'pbh.gov.br', 'uol.com.br', 'outlook.com'])}`;
    }
    case 'phone': {
      const ddd = r.pick(DDDS);
      const mobile = `9${r.digits(4)}`;
      const rest = r.digits(4);
      const land = `${r.int(2, 5)}${r.digits(3)}`;
      return r.pick([
        `(${ddd}) ${mobile}-${rest}`,
        `${ddd} ${mobile}-${rest}`,
        `+55 ${ddd} ${mobile}-${rest}`,
        `+55 (${ddd}) ${land}-${rest}`,
        `(0${ddd}) ${land}-${rest}`,
        `${land}-${rest}`,
        `${mobile}-${rest}`,
        `${ddd}${mobile}${rest}`,
        `+55${ddd}${mobile}${rest}`,
        `${ddd} ${land} ${rest}`,
        `${mobile.slice(0, 1)} ${mobile.slice(1)}-${rest}`,
        `(${ddd})${mobile}${rest}`,
      ]);
    }
    case 'cep': {
      const cep = `${r.int(1, 9)}${r.digits(4)}`;
      const tail = r.digits(3);
      return r.pick([
        `${cep}-${tail}`,
        `${cep.slice(0, 2)}.${cep.slice(2)}-${tail}`,
        `CEP ${cep}${tail}`,
        `CEP: ${cep}-${tail}`,
        `cep ${cep}${tail}`,
      ]);
    }
  }
}

const TEMPLATES = [
  'Meu {x} e não consegui emitir a guia.',
  'Tentei três vezes, podem me ligar? {x}',
  'Contato: {x}. Obrigado!',
  '{x} — foi o que informei no cadastro, mas deu erro.',
  'O atendente pediu {x}, depois sumiu o protocolo.',
  'Dados ({x}) não foram aceitos pelo sistema.',
  'responder em {x}, por favor',
  'Informei {x} e {y} mas o formulário travou.',
];
const LABEL: Record<Kind, string[]> = {
  cpf: ['CPF ', 'cpf: ', 'meu CPF é ', ''],
  cnpj: ['CNPJ ', 'empresa CNPJ: ', ''],
  email: ['e-mail ', 'email: ', ''],
  phone: ['telefone ', 'whatsapp ', 'tel.: ', 'cel ', ''],
  cep: ['endereço ', 'moro no ', ''],
};

describe('scrubComment', () => {
  it.each([
    ['CPF 529.982.247-25.', 'CPF [cpf].'],
    ['cpf 52998224725', 'cpf [cpf]'],
    ['CNPJ 11.222.333/0001-81', 'CNPJ [cnpj]'],
    ['CNPJ 11222333000181', 'CNPJ [cnpj]'],
    ['CNPJ 12.ABC.345/01DE-35', 'CNPJ [cnpj]'],
    ['escreva para maria.souza+pbh@gmail.com.br!', 'escreva para [email]!'],
    ['ligue (31) 99876-5432 ou 3277-4000', 'ligue [phone] ou [phone]'],
    ['+55 31 3277-4000', '[phone]'],
    ['whats +5531998765432', 'whats [phone]'],
    ['CEP 30130-010', 'CEP [cep]'],
    ['cep: 30130010', 'cep: [cep]'],
    ['moro no 30.130-010', 'moro no [cep]'],
  ])('replaces identifiers: %s', (input, expected) => {
    expect(scrubComment(input)).toBe(expected);
  });

  it.each([
    'CPF 529.982.247-26 (dígito errado)',
    '111.111.111-11',
    'em 12/03/2024 às 14:30',
    'paguei R$ 1.234,56 e depois R$ 31.998.765,43',
    'protocolo 2024.000123-4',
    'SEI 01234.567890/2024-11',
    'processo 5001234-56.2024.8.13.0024',
    'data 20240312, 3 dias',
    '0800 123 4567',
    'CNPJ 11.222.333/0001-80',
  ])('leaves look-alikes alone: %s', (input) => {
    expect(scrubComment(input)).toBe(input);
  });

  it('checks the check digits it relies on', () => {
    expect(isValidCpf('52998224725')).toBe(true);
    expect(isValidCpf('52998224726')).toBe(false);
    expect(isValidCpf('00000000000')).toBe(false);
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(isValidCnpj('12ABC34501DE35')).toBe(true); // Receita Federal's alphanumeric example
    expect(isValidCnpj('11222333000180')).toBe(false);
  });

  it('corpus: recall ≥ 99% on 300 texts with identifiers, ≥ 95% of 300 look-alike texts untouched', () => {
    const r = prng(20250314);
    const kinds: Kind[] = ['cpf', 'cnpj', 'email', 'phone', 'cep'];
    let total = 0;
    let caught = 0;
    const misses: string[] = [];
    for (let t = 0; t < 300; t++) {
      const template = r.pick(TEMPLATES);
      const slots = template.includes('{y}') ? ['{x}', '{y}'] : ['{x}'];
      let text = template;
      const planted: { kind: Kind; value: string }[] = [];
      for (const slot of slots) {
        const kind = r.pick(kinds);
        const value = identifier(r, kind);
        const label = kind === 'cep' && /^cep/i.test(value) ? '' : r.pick(LABEL[kind]);
        planted.push({ kind, value });
        text = text.replace(slot, label + value);
      }
      const out = scrubComment(text);
      for (const { kind, value } of planted) {
        total++;
        const core = kind === 'cep' ? value.replace(/^cep:?\s*/i, '') : value;
        if (!out.includes(core) && out.includes(`[${kind}]`)) caught++;
        else misses.push(`${kind}: ${text} → ${out}`);
      }
    }
    const recall = caught / total;

    const lookAlikes: (() => string)[] = [
      () => {
        const nine = r.digits(9);
        let dv = r.digits(2);
        while (dv === cpfCheckDigits(nine)) dv = r.digits(2);
        return r.next() < 0.7 ? `CPF ${fmtCpf(nine + dv)}` : `código ${nine}${dv}`;
      },
      () => {
        const base = `${r.digits(8)}0001`;
        let dv = r.digits(2);
        while (dv === cnpjCheckDigits(base)) dv = r.digits(2);
        return `CNPJ ${fmtCnpj(base + dv)}`;
      },
      () =>
        `${String(r.int(1, 28)).padStart(2, '0')}/${String(r.int(1, 12)).padStart(2, '0')}/${r.int(2019, 2025)}`,
      () =>
        `${r.int(2019, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      () => `R$ ${r.int(1, 99)}.${r.digits(3)},${r.digits(2)}`,
      () => `R$ ${r.int(1, 999)},${r.digits(2)}`,
      () => `R$ ${r.int(1, 99)}.${r.digits(3)}.${r.digits(3)},00`,
      () => `protocolo ${r.int(2019, 2025)}.${r.digits(6)}-${r.digits(1)}`,
      () => `SEI ${r.digits(5)}.${r.digits(6)}/${r.int(2019, 2025)}-${r.digits(2)}`,
      () => `processo ${r.digits(7)}-${r.digits(2)}.${r.int(2019, 2025)}.8.13.${r.digits(4)}`,
      () => `às ${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`,
      () => `das ${r.int(7, 12)}h${r.pick(['', '30'])} às ${r.int(13, 18)}h`,
      () => `esperei ${r.int(2, 180)} minutos, ${r.int(2, 90)}% carregado`,
      () => `guia nº ${r.int(2019, 2025)}/${r.digits(6)}`,
    ];
    const LOOK_TEMPLATES = [
      'Paguei {x} e o sistema não reconheceu.',
      'Atendimento em {x}, muito demorado.',
      '{x} — ainda aguardando resposta.',
      'Informaram {x} e depois {y}.',
      'Consegui! ({x})',
    ];
    let texts = 0;
    let untouched = 0;
    const touched: string[] = [];
    for (let t = 0; t < 300; t++) {
      const template = r.pick(LOOK_TEMPLATES);
      const text = template
        .replace('{x}', r.pick(lookAlikes)())
        .replace('{y}', r.pick(lookAlikes)());
      texts++;
      const out = scrubComment(text);
      if (out === text) untouched++;
      else touched.push(`${text} → ${out}`);
    }
    const untouchedRate = untouched / texts;

    console.log(
      `scrubber corpus: recall ${(recall * 100).toFixed(1)}% (${caught}/${total} identifiers in 300 texts); ` +
        `look-alikes untouched ${(untouchedRate * 100).toFixed(1)}% (${untouched}/${texts} texts)`,
    );
    if (misses.length) console.log('missed:', misses.slice(0, 10));
    if (touched.length) console.log('touched look-alikes:', touched.slice(0, 10));
    expect(recall).toBeGreaterThanOrEqual(0.99);
    expect(untouchedRate).toBeGreaterThanOrEqual(0.95);
  });
});
