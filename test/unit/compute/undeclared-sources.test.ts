import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undeclaredSources } from '../../../functions/compute/undeclared-sources.js';
import type { IndicatorMetadata } from '../../../functions/indicators/indicator-metadata.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
});
afterAll(() => instance.closeSync());

const definition = (sql: string, sources: string[]) => ({
  sql,
  metadata: { sources } as unknown as IndicatorMetadata,
});

describe('undeclaredSources', () => {
  it('finds every dataset the SQL reads that its metadata does not declare', async () => {
    const connection = await instance.connect();
    const sql =
      'WITH s AS (SELECT * FROM services) SELECT * FROM s JOIN wifi_hotspots USING (region) WHERE 1 IN (SELECT 1 FROM feedback)';
    expect(await undeclaredSources(connection, definition(sql, ['services']))).toEqual([
      'feedback',
      'wifi-hotspots',
    ]);
    expect(
      await undeclaredSources(
        connection,
        definition(sql, ['services', 'feedback', 'wifi-hotspots']),
      ),
    ).toEqual([]);
    expect(await undeclaredSources(connection, definition('SELECT FROM WHERE', []))).toEqual([]);
  });

  it('passes every indicator of queries/', async () => {
    const connection = await instance.connect();
    for (const d of await loadIndicators('queries', { minCellFloor: 10 })) {
      expect(await undeclaredSources(connection, d), d.metadata.id).toEqual([]);
    }
  });
});
