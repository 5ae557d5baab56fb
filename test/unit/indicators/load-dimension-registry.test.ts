import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../functions/indicators/definition-error.js';
import { dimensionValueLabel } from '../../../functions/indicators/dimension-value-label.js';
import { loadDimensionRegistry } from '../../../functions/indicators/load-dimension-registry.js';

describe('loadDimensionRegistry (queries/dimensions.yaml)', () => {
  it('holds the nine regionais, the twelve service categories and a dynamic service_id', async () => {
    const registry = await loadDimensionRegistry('queries/dimensions.yaml');
    expect(Object.keys(registry.dimensions.region?.values ?? {})).toEqual([
      'barreiro',
      'centro-sul',
      'leste',
      'nordeste',
      'noroeste',
      'norte',
      'oeste',
      'pampulha',
      'venda-nova',
    ]);
    expect(Object.keys(registry.dimensions.category?.values ?? {})).toEqual([
      'saude',
      'educacao',
      'tributos',
      'urbanismo',
      'transporte',
      'assistencia-social',
      'meio-ambiente',
      'cultura',
      'trabalho',
      'habitacao',
      'licenciamento',
      'documentos',
    ]);
    expect(registry.dimensions.service_id?.dynamic?.dataset).toBe('services');
    expect(Object.keys(registry.dimensions.vulnerable_area?.values ?? {})).toEqual([
      'true',
      'false',
    ]);
    expect(Object.keys(registry.dimensions.age_band?.values ?? {})).toEqual([
      '15-17',
      '18-29',
      '30-44',
      '45-59',
      '60+',
    ]);
    for (const name of [
      'channel',
      'outcome',
      'reason',
      'device_type',
      'host_type',
      'track',
      'audience',
      'gender',
    ]) {
      expect(registry.dimensions[name]?.values, name).toBeDefined();
    }
  });

  it('gives labels for values, totals, unknowns and dynamic values', async () => {
    const registry = await loadDimensionRegistry('queries/dimensions.yaml');
    expect(dimensionValueLabel(registry, 'region', 'venda-nova', 'pt-BR')).toBe('Venda Nova');
    expect(dimensionValueLabel(registry, 'channel', 'in_person', 'en')).toBe('In person');
    expect(dimensionValueLabel(registry, 'region', '_T', 'pt-BR')).toBe('Total');
    expect(dimensionValueLabel(registry, 'region', '_U', 'pt-BR')).toBe('Não informado');
    const services = new Map([
      ['iptu-2via', { 'pt-BR': 'Segunda via do IPTU', en: 'IPTU bill copy' }],
    ]);
    expect(dimensionValueLabel(registry, 'service_id', 'iptu-2via', 'en', services)).toBe(
      'IPTU bill copy',
    );
    expect(dimensionValueLabel(registry, 'service_id', 'unknown-svc', 'en', services)).toBe(
      'unknown-svc',
    );
  });

  it('rejects a dimension with both fixed and dynamic values, naming the file and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mirante-registry-'));
    try {
      const file = join(dir, 'dimensions.yaml');
      await writeFile(
        file,
        [
          'special_values:',
          '  _T: { pt-BR: Total, en: Total }',
          '  _U: { pt-BR: Não informado, en: Unknown }',
          'dimensions:',
          '  region:',
          '    label: { pt-BR: Regional, en: Region }',
          '    values: { leste: { pt-BR: Leste, en: Leste } }',
          '    dynamic: { dataset: x, value_column: y, label_columns: { pt-BR: a, en: b } }',
        ].join('\n'),
      );
      const error = await loadDimensionRegistry(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DefinitionError);
      expect((error as Error).message).toBe(
        `${file}: dimensions.region: a dimension declares exactly one of \`values\` or \`dynamic\``,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
